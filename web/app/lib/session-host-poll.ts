/**
 * The check-in screen's one network habit: read a JSON address again and again, at a time the answer itself names
 * (the next code window) and at least every few seconds, correcting for the device's clock by the server's time. Plain
 * `fetch`, so the screen's script stays small; a failed read keeps the last answer, says so, and tries again.
 */
import { useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T;
  /** The server's clock minus this device's, in milliseconds (from the last answer's `serverTime`). */
  skew: number;
  offline: boolean;
}

export function usePoll<T extends { serverTime: string }>(url: string, initial: T, nextDelay: (data: T, now: number) => number): Polled<T> {
  const [state, setState] = useState<Polled<T>>(() => ({ data: initial, skew: 0, offline: false }));
  const delayRef = useRef(nextDelay);
  delayRef.current = nextDelay;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let skew = 0;
    const schedule = (ms: number) => {
      if (!stopped) timer = setTimeout(read, Math.max(250, ms));
    };
    async function read() {
      try {
        const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' }, cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const data = (await response.json()) as T;
        if (stopped) return;
        skew = Date.parse(data.serverTime) - Date.now();
        setState({ data, skew, offline: false });
        schedule(delayRef.current(data, Date.now() + skew));
      } catch {
        if (stopped) return;
        setState((previous) => ({ ...previous, offline: true }));
        schedule(3000);
      }
    }
    // The page arrived with a fresh answer: the first read waits for its window to end.
    skew = Date.parse(initial.serverTime) - Date.now();
    setState((previous) => ({ ...previous, skew }));
    schedule(delayRef.current(initial, Date.now() + skew));
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // The address names the session; a new one starts afresh (the initial answer only seeds the first).
  }, [url]);
  return state;
}

/**
 * A clock that ticks every half second (for a countdown), in the server's time. It starts at `start` (the time the
 * page was rendered at), so the server's markup and the first render in the browser agree.
 */
export function useNow(start: number, skew: number): number {
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skew), 500);
    setNow(Date.now() + skew);
    return () => clearInterval(timer);
  }, [skew]);
  return now;
}
