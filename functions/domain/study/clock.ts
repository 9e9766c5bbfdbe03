/**
 * Honest study credit, as pure functions over one person's study clock. The page reports heartbeats while it is
 * visible and in focus; the server credits only real time between the heartbeats it accepts, and it keeps ONE clock
 * per person, whatever the lesson, course, tab or device a heartbeat comes from:
 * - each accepted heartbeat credits the time since the person's previous accepted heartbeat (at most `maxGapMs`: a
 *   person who went quiet longer than that was not studying), to the lesson it comes from; the first heartbeat of a
 *   stretch starts the clock and credits nothing. So the credit of all lessons together never exceeds the wall time;
 * - a `hidden` heartbeat (the page lost visibility or focus) credits up to that moment and stops the clock;
 * - heartbeats faster than pages send them are refused (a token bucket: a few at once, then one per half interval);
 * - a video's furthest point moves on no faster than the time credited to it, plus a slack proportional to that time
 *   (never per heartbeat): seeking ahead gains nothing, and a video completes only when its furthest point reaches
 *   the end.
 *
 * The clock also carries the open lesson's state (the lesson being studied now) so that a steady heartbeat is one
 * write; the lesson's progress item is brought up to date ("flushed") when the person stops, switches lesson, completes
 * it, or has studied it `flushEveryMs` more since the last flush (service.ts decides, store.ts writes).
 */

export interface LessonRules {
  kind: 'text' | 'video' | 'pdf' | 'link';
  /** Seconds of study needed to complete the lesson. */
  minSeconds: number;
  /** For video: its length in seconds (0 when unknown). */
  durationSeconds: number;
}

/** Where a person stands in one lesson. */
export interface LessonState {
  /** Milliseconds credited so far. */
  studiedMs: number;
  /** Video: the furthest point (seconds) honestly reached. */
  furthestSeconds: number;
  /** Video: where playback was last reported (to resume there). */
  positionSeconds: number;
  completedAt: string | null;
}

export interface Beat {
  /** `visible`: studying now; `hidden`: the page was hidden or lost focus (stop the clock). */
  state: 'visible' | 'hidden';
  /** Video playback position in seconds, if the lesson is a video. */
  positionSeconds?: number;
}

/** A lesson's state as the clock holds it, with what is known of its progress item. */
export interface Slot extends LessonState {
  courseId: string;
  lessonId: string;
  /** The clock version this state was written in: a flush carries it, so an older state never overwrites a newer. */
  seq: number;
  /** When it was last studied (ISO). */
  at: string;
  /** What its progress item is known to hold: the state of clock version `flushedSeq`, its `studiedMs`, its completion. */
  flushedSeq: number;
  flushedMs: number;
  flushedDone: boolean;
  /** When the course completed, as far as this slot knows (for the answer). */
  courseCompletedAt: string | null;
}

export interface Bucket {
  tokens: number;
  /** When `tokens` was last counted (ms). */
  at: number;
}

/** One person's study clock (one item; every change is conditional on `seq`). */
export interface StudyClock {
  seq: number;
  /** Server time (ms) of the last accepted heartbeat of the running stretch; null when the clock is stopped. */
  lastBeatAt: number | null;
  bucket: Bucket | null;
  /** The lesson studied now. */
  open: Slot | null;
  /** Lessons left since, whose progress items were not yet confirmed up to date. */
  pending: Slot[];
  /** The running stretch: when it started (ms) and what it has credited so far (absent on clocks stored before it). */
  stretch?: Stretch | null;
}

/** A run of heartbeats credited without a break (the flags area looks at long ones). */
export interface Stretch {
  startedAt: number;
  creditedMs: number;
}

export interface BeatPolicy {
  /** Heartbeats that may arrive at once (a page reports on start, on hiding, on showing again, at a video's end). */
  burst: number;
  /** One more heartbeat is allowed per this many milliseconds. */
  refillMs: number;
}

export const maxGapMs = 45_000;
/** A video's furthest point may run ahead of the credited time by this share of it (buffering, network jitter). */
export const seekSlackRatio = 0.2;
/** The open lesson's progress item is brought up to date at least once per this much credited study. */
export const flushEveryMs = 5 * 60_000;

export const emptyClock = (): StudyClock => ({ seq: 0, lastBeatAt: null, bucket: null, open: null, pending: [] });
export const emptyLesson = (): LessonState => ({ studiedMs: 0, furthestSeconds: 0, positionSeconds: 0, completedAt: null });

/** The policy for pages that report every `heartbeatSeconds`: four at once, then two per interval (two devices). */
export function beatPolicy(heartbeatSeconds: number): BeatPolicy {
  return { burst: 4, refillMs: (heartbeatSeconds * 1000) / 2 };
}

/** Takes one heartbeat's token, or says how long until there is one. */
export function takeToken(bucket: Bucket | null, policy: BeatPolicy, nowMs: number): { ok: true; bucket: Bucket } | { ok: false; retryAfterMs: number } {
  const since = bucket ? Math.max(0, nowMs - bucket.at) : 0;
  const available = bucket ? Math.min(policy.burst, bucket.tokens + since / policy.refillMs) : policy.burst;
  if (available < 1) return { ok: false, retryAfterMs: Math.ceil((1 - available) * policy.refillMs) };
  // A clock that is a little behind another instance's never earns tokens twice for the same moment.
  return { ok: true, bucket: { tokens: available - 1, at: Math.max(nowMs, bucket?.at ?? nowMs) } };
}

/** What a heartbeat at `nowMs` earns: the time since the person's previous accepted one, if the clock runs. */
export function creditSince(lastBeatAt: number | null, nowMs: number): number {
  if (lastBeatAt === null) return 0;
  const gap = nowMs - lastBeatAt;
  return gap > 0 && gap <= maxGapMs ? gap : 0;
}

/** A lesson's state after `creditedMs` more study and what the heartbeat reports. */
export function advanceLesson<T extends LessonState>(state: T, creditedMs: number, beat: Beat, rules: LessonRules, nowIso: string): T {
  const next: T = { ...state, studiedMs: state.studiedMs + creditedMs };
  if (rules.kind === 'video' && beat.positionSeconds !== undefined && Number.isFinite(beat.positionSeconds) && beat.positionSeconds >= 0) {
    const limit = rules.durationSeconds > 0 ? rules.durationSeconds : Number.POSITIVE_INFINITY;
    const position = Math.min(beat.positionSeconds, limit);
    // The furthest point moves on only as far as the time just credited allows, and the slack grows with that time.
    const reachable = state.furthestSeconds + (creditedMs / 1000) * (1 + seekSlackRatio);
    next.furthestSeconds = Math.max(state.furthestSeconds, Math.min(position, reachable));
    next.positionSeconds = position;
  }
  if (!next.completedAt && isComplete(next, rules)) next.completedAt = nowIso;
  return next;
}

export function isComplete(progress: LessonState, rules: LessonRules): boolean {
  if (progress.studiedMs < rules.minSeconds * 1000) return false;
  if (rules.kind === 'video' && rules.durationSeconds > 0) return progress.furthestSeconds >= rules.durationSeconds - 2;
  return true;
}

const sameLesson = (a: { courseId: string; lessonId: string }, b: { courseId: string; lessonId: string }) => a.courseId === b.courseId && a.lessonId === b.lessonId;

/** The clock's own knowledge of a lesson (the open slot or a pending one), if it has any. */
export function slotOf(clock: StudyClock, lesson: { courseId: string; lessonId: string }): Slot | undefined {
  if (clock.open && sameLesson(clock.open, lesson)) return clock.open;
  return clock.pending.filter((slot) => sameLesson(slot, lesson)).sort((a, b) => b.seq - a.seq)[0];
}

export type BeatOutcome =
  | { refused: true; retryAfterMs: number }
  | {
      refused: false;
      next: StudyClock;
      creditedMs: number;
      /** Write the open lesson's progress item once `next` is stored (it completed, stopped, or has none yet). */
      flushAfter: boolean;
      /** Stored states whose progress items may be brought up to date alongside storing `next`. */
      flushAlongside: Slot[];
      /** The stretch this heartbeat credited to, up to now (null when it credited nothing). */
      stretch: (Stretch & { endedAt: number }) | null;
    };

/**
 * Applies one heartbeat to a person's clock. `seed` is the lesson's state from its progress item, needed only when
 * the clock does not hold the lesson (`slotOf` is undefined); `hasItem` says whether that progress item exists.
 */
export function applyBeat(
  previous: StudyClock,
  lesson: { courseId: string; lessonId: string },
  seed: { state: LessonState; courseCompletedAt: string | null; hasItem: boolean } | undefined,
  beat: Beat,
  rules: LessonRules,
  policy: BeatPolicy,
  nowMs: number,
): BeatOutcome {
  const token = takeToken(previous.bucket, policy, nowMs);
  if (!token.ok) return { refused: true, retryAfterMs: token.retryAfterMs };
  const nowIso = new Date(nowMs).toISOString();
  const seq = previous.seq + 1;
  const known = slotOf(previous, lesson);
  const switching = !previous.open || !sameLesson(previous.open, lesson);
  const base: Slot =
    known ??
    (() => {
      if (!seed) throw new Error('applyBeat: a lesson the clock does not hold needs its stored state');
      return {
        ...seed.state,
        courseId: lesson.courseId,
        lessonId: lesson.lessonId,
        seq,
        at: nowIso,
        flushedSeq: 0,
        flushedMs: seed.state.studiedMs,
        flushedDone: seed.state.completedAt !== null,
        courseCompletedAt: seed.courseCompletedAt,
      };
    })();
  const creditedMs = creditSince(previous.lastBeatAt, nowMs);
  const open: Slot = { ...advanceLesson(base, creditedMs, beat, rules, nowIso), seq, at: nowIso };
  // The lesson left behind waits among the pending ones until its progress item is confirmed up to date (unless it is).
  const pending = previous.pending.filter((slot) => !sameLesson(slot, lesson));
  if (switching && previous.open && previous.open.flushedSeq < previous.open.seq) pending.push(previous.open);
  // A stretch starts with the heartbeat that starts the clock and runs while each next one is credited.
  const running: Stretch | null =
    creditedMs > 0 ? { startedAt: previous.stretch?.startedAt ?? nowMs - creditedMs, creditedMs: (previous.stretch?.creditedMs ?? 0) + creditedMs } : null;
  const visible = beat.state === 'visible';
  const stretch = visible ? (running ?? { startedAt: nowMs, creditedMs: 0 }) : null;
  const next: StudyClock = { seq, lastBeatAt: visible ? nowMs : null, bucket: token.bucket, open, pending, stretch };
  const newlyDone = open.completedAt !== null && !open.flushedDone;
  const stopped = beat.state === 'hidden' && open.studiedMs > open.flushedMs;
  const flushAfter = newlyDone || stopped || (seed !== undefined && !seed.hasItem);
  const alongside = [...pending];
  // A long stretch on one lesson: its state as already stored goes to its progress item alongside this write.
  if (!flushAfter && !switching && previous.open && open.studiedMs - open.flushedMs >= flushEveryMs) alongside.push(previous.open);
  return { refused: false, next, creditedMs, flushAfter, flushAlongside: alongside, stretch: running && { ...running, endedAt: nowMs } };
}

/**
 * The clock once `flushed` states are known to be in their progress items: pending slots they cover are dropped,
 * and the open slot remembers how far its item is up to date.
 */
export function confirmFlushed(clock: StudyClock, flushed: Slot[], courseCompletedAt: Map<string, string | null> = new Map()): StudyClock {
  if (flushed.length === 0 && courseCompletedAt.size === 0) return clock;
  const covers = (slot: Slot) => flushed.some((done) => sameLesson(done, slot) && done.seq >= slot.seq);
  let open = clock.open;
  if (open) {
    const latest = flushed.filter((done) => sameLesson(done, open!)).sort((a, b) => b.seq - a.seq)[0];
    if (latest && latest.seq > open.flushedSeq) open = { ...open, flushedSeq: latest.seq, flushedMs: latest.studiedMs, flushedDone: open.flushedDone || latest.completedAt !== null };
    const completed = courseCompletedAt.get(open.courseId);
    if (completed && !open.courseCompletedAt) open = { ...open, courseCompletedAt: completed };
  }
  return { ...clock, open, pending: clock.pending.filter((slot) => !covers(slot)) };
}
