/**
 * The quiz page's side of the save queue (quiz-autosave.ts): one queue per attempt, made in the browser with its
 * fetch, localStorage and timers; sends at once when the browser is back online, and with `keepalive` when the
 * page is hidden or left (a closed tab, a phone locked in a pocket), so that nothing waits for the next visit.
 */
import { useEffect, useRef, useState } from 'react';
import { AttemptAutosave, fetchTransport, type Answer, type AnswerMap, type SaveState, type StorageLike } from './quiz-autosave';

/** The browser's localStorage, or null where it is refused (some private modes throw on access). */
export function browserStorage(): StorageLike | null {
  try {
    const storage = window.localStorage;
    const probe = '__quiz_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

export interface AttemptStart {
  attemptId: string;
  seq: number;
  answers: AnswerMap;
  serverNow: string;
  /** When the loader read the attempt, by this page's clock (to turn serverNow into an offset). */
  loadedAt?: number;
}

export interface AutosaveHook {
  state: SaveState;
  /** The browser says it has a network (navigator.onLine, and its online/offline events). */
  online: boolean;
  change(questionId: string, answer: Answer): void;
  queue(): AttemptAutosave | null;
}

function initialState(start: AttemptStart): SaveState {
  return {
    status: 'saved',
    answers: start.answers,
    seq: start.seq,
    confirmedAt: null,
    unconfirmed: 0,
    serverOffsetMs: 0,
    message: null,
    closedState: null,
  };
}

export function useAttemptAutosave(start: AttemptStart): AutosaveHook {
  const [state, setState] = useState<SaveState>(() => initialState(start));
  const [online, setOnline] = useState(true);
  const queueRef = useRef<AttemptAutosave | null>(null);
  const startRef = useRef(start);

  useEffect(() => {
    const { attemptId, seq, answers, serverNow } = startRef.current;
    const queue = new AttemptAutosave({
      attemptId,
      seq,
      answers,
      serverNow,
      transport: fetchTransport((input, init) => window.fetch(input, init)),
      storage: browserStorage(),
      timers: {
        setTimeout: (callback, ms) => window.setTimeout(callback, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
        now: () => Date.now(),
      },
    });
    queueRef.current = queue;
    setState(queue.getState());
    const unsubscribe = queue.subscribe(setState);
    setOnline(navigator.onLine);

    const onOnline = () => {
      setOnline(true);
      queue.retryNow();
    };
    const onOffline = () => setOnline(false);
    const onHide = () => queue.retryNow({ keepalive: true });
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      unsubscribe();
      queue.dispose();
      queueRef.current = null;
    };
  }, []);

  return {
    state,
    online,
    change: (questionId, answer) => {
      queueRef.current?.change(questionId, answer);
    },
    queue: () => queueRef.current,
  };
}
