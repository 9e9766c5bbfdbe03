/**
 * The study clock of a lesson page. While the page is visible and its window has focus it reports
 * `{ state: 'visible' }` to the API at once and then every `intervalMs`; when the page is hidden, loses focus or is
 * left, it reports `{ state: 'hidden' }` (which stops the server's clock). The server credits only real time between
 * reports (functions/domain/study/clock.ts), so this hook merely tells the truth about what the person sees.
 * Reports go through the typed API client (recordStudy) like every other call, with `keepalive` so the last one
 * survives the page being closed (sendBeacon cannot send JSON with the headers the API's same-origin check expects).
 *
 * On a bus the network comes and goes: a report that does not get through is tried again a few seconds later, and at
 * once when the browser says it is back online, so that a short outage falls within the server's 45-second window
 * and costs nothing (the server still credits only its own time between the reports it receives).
 *
 * The server keeps one clock per person and refuses reports that come faster than pages send them (429, e.g. when the
 * person hides and shows the page several times in a row, or has the lesson open on two devices): such a refusal
 * loses nothing, so the page says nothing about it and reports again once the server's Retry-After has passed.
 */
import { useEffect, useRef, useState } from 'react';
import { browserApi } from './browser-api';

export interface StudyProgress {
  studiedSeconds: number;
  furthestSeconds: number;
  completedAt: string | null;
  courseCompletedAt: string | null;
}

export interface StudyClock extends StudyProgress {
  /** True while the clock runs (the page is visible and in focus). */
  running: boolean;
  /** True once the clock ran at all on this page (false before the page's script started). */
  started: boolean;
  /** The API's refusal or a network failure, in the user's language when the API said it; null when all is well. */
  problem: string | null;
}

export interface StudyOptions {
  courseId: string;
  lessonId: string;
  intervalMs: number;
  initial: StudyProgress;
  /** Whether to report at all (a draft seen by its editor is not studied). */
  enabled: boolean;
  /** Keep reporting after the lesson completed (a video keeps its place). */
  keepGoing?: boolean;
  /** The playback position to report (video). */
  position?: () => number | undefined;
  /** What to say when the network fails. */
  offlineMessage: string;
}

const maxPosition = 12 * 3600;

/** Whether the person can be studying this page right now. */
function studying(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

export function useStudyHeartbeat(options: StudyOptions): StudyClock & { reportNow: () => void } {
  const { courseId, lessonId, intervalMs, enabled, keepGoing = false } = options;
  const [clock, setClock] = useState<StudyClock>({ ...options.initial, running: false, started: false, problem: null });
  // Read the latest callbacks and texts without restarting the clock when they change.
  const latest = useRef(options);
  latest.current = options;
  // Reports at once (a video just ended) when the clock runs; set by the effect below.
  const immediate = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!enabled) return undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let running = false;
    let finished = Boolean(latest.current.initial.completedAt) && !keepGoing;
    let halted = false;
    let mounted = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const retryMs = Math.min(5_000, Math.max(500, intervalMs / 3));

    const retrySoon = (delayMs = retryMs) => {
      if (retry !== undefined || !running) return;
      retry = setTimeout(() => {
        retry = undefined;
        if (running && studying()) void report('visible');
      }, delayMs);
    };
    const cancelRetry = () => {
      clearTimeout(retry);
      retry = undefined;
    };

    const report = async (state: 'visible' | 'hidden') => {
      const position = latest.current.position?.();
      const positionSeconds = position !== undefined && Number.isFinite(position) ? Math.min(maxPosition, Math.max(0, position)) : undefined;
      try {
        const { data: answer, error, response } = await browserApi().POST('/courses/{courseId}/study', {
          params: { path: { courseId } },
          body: { lessonId, state, ...(positionSeconds !== undefined ? { positionSeconds } : {}) },
          keepalive: state === 'hidden',
        });
        if (!mounted) return;
        if (response.status === 429) {
          // Too soon after another report: nothing is lost; report again when the server allows it.
          const seconds = Number(response.headers.get('retry-after'));
          if (state === 'visible') retrySoon(Math.min(intervalMs, Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000));
          return;
        }
        if (!answer?.lesson) {
          const message = error?.error?.message ?? `HTTP ${response.status}`;
          setClock((now) => ({ ...now, problem: message }));
          // Signed out, or the lesson is gone: reporting again cannot help.
          if (response.status === 401 || response.status === 403 || response.status === 404) stop(true);
          return;
        }
        if (answer.lesson.completedAt && !keepGoing) finished = true;
        setClock((now) => ({
          ...now,
          studiedSeconds: answer.lesson.studiedSeconds,
          furthestSeconds: answer.lesson.furthestSeconds,
          completedAt: answer.lesson.completedAt,
          courseCompletedAt: answer.courseCompletedAt,
          problem: null,
        }));
        if (finished) stop(false);
      } catch {
        if (mounted && state === 'visible') {
          setClock((now) => ({ ...now, problem: latest.current.offlineMessage }));
          retrySoon();
        }
      }
    };

    function start() {
      if (running || finished || halted) return;
      running = true;
      setClock((now) => ({ ...now, running: true, started: true }));
      void report('visible');
      timer = setInterval(() => {
        if (studying()) void report('visible');
        else pause();
      }, intervalMs);
    }

    function pause() {
      if (!running) return;
      running = false;
      clearInterval(timer);
      cancelRetry();
      void report('hidden');
      if (mounted) setClock((now) => ({ ...now, running: false }));
    }

    function stop(forGood: boolean) {
      if (forGood) halted = true;
      if (!running) return;
      running = false;
      clearInterval(timer);
      cancelRetry();
      if (!forGood) void report('hidden');
      setClock((now) => ({ ...now, running: false }));
    }

    const onVisibility = () => (studying() ? start() : pause());
    const onFocus = () => {
      if (studying()) start();
    };
    // Focus moving into the PDF's frame keeps the document focused: check once the move has happened.
    const onBlur = () => {
      setTimeout(() => {
        if (!studying()) pause();
      }, 0);
    };
    const onPageHide = () => pause();
    const onPageShow = () => {
      if (studying()) start();
    };
    const onOnline = () => {
      if (running && studying()) {
        cancelRetry();
        void report('visible');
      }
    };

    immediate.current = () => {
      if (running) void report('visible');
    };
    const listeners: [EventTarget, string, () => void][] = [
      [document, 'visibilitychange', onVisibility],
      [window, 'focus', onFocus],
      [window, 'blur', onBlur],
      [window, 'pagehide', onPageHide],
      [window, 'pageshow', onPageShow],
      [window, 'online', onOnline],
    ];
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
    if (studying()) start();

    return () => {
      immediate.current = () => undefined;
      pause();
      mounted = false;
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    };
  }, [courseId, lessonId, intervalMs, enabled, keepGoing]);

  const reportNow = useRef(() => immediate.current()).current;
  return { ...clock, reportNow };
}
