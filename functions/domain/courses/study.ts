/**
 * Honest study credit, as pure functions over one person's progress in one lesson. The page reports heartbeats while
 * it is visible and in focus; the server credits only real time between accepted heartbeats:
 * - the first heartbeat of a stretch starts the clock and credits nothing;
 * - each next heartbeat credits the time since the previous one, but never more than `maxGapMs` (a page that went
 *   quiet longer than that was not being studied: the stretch ends and the clock restarts);
 * - a `hidden` heartbeat (the page lost visibility or focus) credits up to that moment and stops the clock;
 * - a video's furthest point can grow no faster than the time credited (plus a little slack): seeking ahead of it
 *   gains nothing, and a video completes only when its furthest point reaches the end.
 * However many heartbeats arrive, the total credited never exceeds the wall-clock time they span.
 */

export interface LessonRules {
  kind: 'text' | 'video' | 'pdf' | 'link';
  /** Seconds of study needed to complete the lesson. */
  minSeconds: number;
  /** For video: its length in seconds (0 when unknown). */
  durationSeconds: number;
}

export interface LessonProgress {
  /** Milliseconds credited so far. */
  studiedMs: number;
  /** Video: the furthest point (seconds) honestly reached. */
  furthestSeconds: number;
  /** Video: where playback was last reported (to resume there). */
  positionSeconds: number;
  /** Server time (ms) of the last accepted heartbeat of the running stretch; null when the clock is stopped. */
  lastBeatAt: number | null;
  completedAt: string | null;
}

export interface Beat {
  /** `visible`: studying now; `hidden`: the page was hidden or lost focus (stop the clock). */
  state: 'visible' | 'hidden';
  /** Video playback position in seconds, if the lesson is a video. */
  positionSeconds?: number;
}

export const maxGapMs = 45_000;
/** Seconds a video's furthest point may run ahead of the credited time (buffering, rounding, a skipped intro frame). */
const seekSlackSeconds = 3;

export const emptyProgress = (): LessonProgress => ({ studiedMs: 0, furthestSeconds: 0, positionSeconds: 0, lastBeatAt: null, completedAt: null });

export function applyBeat(previous: LessonProgress, beat: Beat, rules: LessonRules, nowMs: number, nowIso: string): { next: LessonProgress; creditedMs: number } {
  let creditedMs = 0;
  if (previous.lastBeatAt !== null) {
    const gap = nowMs - previous.lastBeatAt;
    if (gap > 0 && gap <= maxGapMs) creditedMs = gap;
  }
  const next: LessonProgress = {
    ...previous,
    studiedMs: previous.studiedMs + creditedMs,
    lastBeatAt: beat.state === 'visible' ? nowMs : null,
  };
  if (rules.kind === 'video' && beat.positionSeconds !== undefined && Number.isFinite(beat.positionSeconds) && beat.positionSeconds >= 0) {
    const limit = rules.durationSeconds > 0 ? rules.durationSeconds : Number.POSITIVE_INFINITY;
    const position = Math.min(beat.positionSeconds, limit);
    // The furthest point moves on only as far as the time just credited allows.
    const reachable = previous.furthestSeconds + creditedMs / 1000 + seekSlackSeconds;
    next.furthestSeconds = Math.max(previous.furthestSeconds, Math.min(position, reachable));
    next.positionSeconds = position;
  }
  if (!next.completedAt && isComplete(next, rules)) next.completedAt = nowIso;
  return { next, creditedMs };
}

export function isComplete(progress: LessonProgress, rules: LessonRules): boolean {
  if (progress.studiedMs < rules.minSeconds * 1000) return false;
  if (rules.kind === 'video' && rules.durationSeconds > 0) return progress.furthestSeconds >= rules.durationSeconds - 2;
  return true;
}
