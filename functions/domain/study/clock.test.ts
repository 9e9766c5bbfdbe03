import { describe, expect, it } from 'vitest';
import {
  advanceLesson,
  applyBeat,
  beatPolicy,
  confirmFlushed,
  emptyClock,
  emptyLesson,
  flushEveryMs,
  maxGapMs,
  takeToken,
  type Beat,
  type BeatPolicy,
  type LessonRules,
  type StudyClock,
} from './clock.js';

const text: LessonRules = { kind: 'text', minSeconds: 60, durationSeconds: 0 };
const video: LessonRules = { kind: 'video', minSeconds: 30, durationSeconds: 120 };
const pagePolicy = beatPolicy(15);
/** No allowance limit: isolates the credit rules from the heartbeat allowance. */
const unlimited: BeatPolicy = { burst: 1e9, refillMs: 1 };
const lessonA = { courseId: 'C1', lessonId: 'A' };
const lessonB = { courseId: 'C1', lessonId: 'B' };
const fresh = { state: emptyLesson(), courseCompletedAt: null, hasItem: true };

/** Sends heartbeats through one person's clock; returns the clock, the credit, and how many were refused. */
function run(beats: [at: number, beat: Beat, lesson?: { courseId: string; lessonId: string }][], rules = text, policy = unlimited, start: StudyClock = emptyClock()) {
  let clock = start;
  let total = 0;
  let refused = 0;
  const flushes: boolean[] = [];
  for (const [at, beat, lesson = lessonA] of beats) {
    const outcome = applyBeat(clock, lesson, fresh, beat, rules, policy, at);
    if (outcome.refused) {
      refused++;
      continue;
    }
    // As the service does: an item written once the clock is stored is confirmed up to date.
    clock = outcome.flushAfter ? confirmFlushed(outcome.next, [outcome.next.open!]) : outcome.next;
    total += outcome.creditedMs;
    flushes.push(outcome.flushAfter);
  }
  return { clock, total, refused, flushes, lesson: clock.open! };
}

describe('applyBeat: credit', () => {
  it('credits at most the wall-clock time, however many heartbeats arrive (100 within one second)', () => {
    const beats: [number, Beat][] = Array.from({ length: 100 }, (_, i) => [1_000_000 + i * 10, { state: 'visible' }]);
    const { lesson, total } = run(beats);
    expect(total).toBeLessThanOrEqual(1000);
    expect(lesson.studiedMs).toBe(total);
  });

  it('credits the time between heartbeats of a stretch and nothing for the first one', () => {
    const { lesson } = run([
      [0, { state: 'visible' }],
      [15_000, { state: 'visible' }],
      [30_000, { state: 'visible' }],
    ]);
    expect(lesson.studiedMs).toBe(30_000);
  });

  it('credits nothing while the page is hidden, and nothing for a gap longer than a heartbeat allows', () => {
    const { lesson } = run([
      [0, { state: 'visible' }],
      [10_000, { state: 'hidden' }],
      [600_000, { state: 'visible' }],
      [610_000, { state: 'visible' }],
      [610_000 + maxGapMs + 1, { state: 'visible' }],
    ]);
    expect(lesson.studiedMs).toBe(20_000);
  });

  it('ignores heartbeats that go back in time', () => {
    const { lesson } = run([
      [50_000, { state: 'visible' }],
      [40_000, { state: 'visible' }],
    ]);
    expect(lesson.studiedMs).toBe(0);
  });

  it('completes a text lesson once its minimum time is reached, and keeps the first completion time', () => {
    const beats: [number, Beat][] = Array.from({ length: 6 }, (_, i) => [i * 15_000, { state: 'visible' }]);
    const { lesson } = run(beats);
    expect(lesson.studiedMs).toBe(75_000);
    expect(lesson.completedAt).toBe(new Date(60_000).toISOString());
  });

  it('keeps one clock per person: lessons studied at once share the wall time instead of each earning it', () => {
    // 14 "tabs" each report every 15 s for 82 s.
    const beats: [number, Beat, { courseId: string; lessonId: string }][] = [];
    for (const at of [0, 15_000, 30_000, 45_000, 60_000, 75_000, 82_000]) {
      for (let tab = 0; tab < 14; tab++) beats.push([at, { state: 'visible' }, { courseId: `C${tab % 7}`, lessonId: `L${tab}` }]);
    }
    const { clock, total } = run(beats);
    expect(total).toBeLessThanOrEqual(82_000);
    const perLesson = [clock.open!, ...clock.pending];
    expect(perLesson).toHaveLength(14);
    expect(perLesson.reduce((sum, slot) => sum + slot.studiedMs, 0)).toBeLessThanOrEqual(82_000);
  });
});

describe('applyBeat: video', () => {
  it('does not let a video be completed by seeking to the end', () => {
    const { lesson } = run(
      [
        [0, { state: 'visible', positionSeconds: 0 }],
        [15_000, { state: 'visible', positionSeconds: 119 }],
        [30_000, { state: 'visible', positionSeconds: 120 }],
        [45_000, { state: 'visible', positionSeconds: 120 }],
      ],
      video,
    );
    expect(lesson.furthestSeconds).toBeLessThanOrEqual(45 * 1.2);
    expect(lesson.completedAt).toBeNull();
    expect(lesson.positionSeconds).toBe(120);
  });

  it('grants seek slack per second credited, not per heartbeat: 200 heartbeats a second gain nothing', () => {
    const long: LessonRules = { kind: 'video', minSeconds: 60, durationSeconds: 3600 };
    const beats: [number, Beat][] = Array.from({ length: 6200 }, (_, i) => [i * 5, { state: 'visible', positionSeconds: Math.min(3600, i * 3) }]);
    const { lesson } = run(beats, long);
    expect(lesson.studiedMs).toBeLessThanOrEqual(31_000);
    expect(lesson.furthestSeconds).toBeLessThanOrEqual(31 * 1.2);
  });

  it('completes a video watched through to its end', () => {
    const beats: [number, Beat][] = Array.from({ length: 10 }, (_, i) => [i * 15_000, { state: 'visible', positionSeconds: Math.min(i * 15, 120) }]);
    const { lesson } = run(beats, video);
    expect(lesson.furthestSeconds).toBe(120);
    expect(lesson.completedAt).not.toBeNull();
  });

  it('lets a viewer seek back and forth within what was already watched', () => {
    const watched = run(Array.from({ length: 5 }, (_, i) => [i * 15_000, { state: 'visible', positionSeconds: i * 15 }] as [number, Beat]), video);
    const { lesson } = run([[75_000, { state: 'visible', positionSeconds: 10 }]], video, unlimited, watched.clock);
    expect(lesson.furthestSeconds).toBe(60);
    expect(lesson.positionSeconds).toBe(10);
  });

  it('never moves the furthest point back', () => {
    const state = { ...emptyLesson(), furthestSeconds: 50 };
    expect(advanceLesson(state, 0, { state: 'visible', positionSeconds: 5 }, video, 'x').furthestSeconds).toBe(50);
  });
});

describe('heartbeat allowance', () => {
  it('allows a page’s few reports at once, then one per half interval, and says when the next is allowed', () => {
    let bucket = null;
    for (let i = 0; i < pagePolicy.burst; i++) {
      const token = takeToken(bucket, pagePolicy, 1_000);
      expect(token.ok).toBe(true);
      if (token.ok) bucket = token.bucket;
    }
    const refused = takeToken(bucket, pagePolicy, 1_000);
    expect(refused).toEqual({ ok: false, retryAfterMs: 7_500 });
    expect(takeToken(bucket, pagePolicy, 1_000 + 7_499).ok).toBe(false);
    expect(takeToken(bucket, pagePolicy, 1_000 + 7_500).ok).toBe(true);
  });

  it('refuses heartbeats faster than pages send them, crediting nothing for them', () => {
    const beats: [number, Beat][] = Array.from({ length: 200 }, (_, i) => [i * 5, { state: 'visible' }]);
    const { refused, total } = run(beats, text, pagePolicy);
    expect(refused).toBe(200 - pagePolicy.burst);
    expect(total).toBeLessThanOrEqual(15);
  });

  it('never refuses a page that reports every interval, hides and shows again, and reports a video’s end', () => {
    const beats: [number, Beat][] = [];
    for (let at = 0; at <= 600_000; at += 15_000) beats.push([at, { state: 'visible' }]);
    beats.push([601_000, { state: 'hidden' }], [602_000, { state: 'visible' }], [603_000, { state: 'visible' }], [615_000, { state: 'visible' }]);
    expect(run(beats, text, pagePolicy).refused).toBe(0);
  });
});

describe('applyBeat: what goes to progress items', () => {
  it('writes a lesson’s progress item at once when it completes, when the page stops, and when the course is new to the person', () => {
    const beats: [number, Beat][] = [0, 15_000, 30_000, 45_000, 60_000, 75_000].map((at) => [at, { state: 'visible' }]);
    const { flushes, clock } = run(beats);
    expect(flushes).toEqual([false, false, false, false, true, false]);
    const stop = applyBeat(clock, lessonA, undefined, { state: 'hidden' }, text, unlimited, 80_000);
    expect(!stop.refused && stop.flushAfter).toBe(true);
    const first = applyBeat(emptyClock(), lessonA, { ...fresh, hasItem: false }, { state: 'visible' }, text, unlimited, 0);
    expect(!first.refused && first.flushAfter).toBe(true);
  });

  it('keeps a lesson left for another pending until its item is confirmed, and writes it alongside', () => {
    const { clock } = run([
      [0, { state: 'visible' }, lessonA],
      [15_000, { state: 'visible' }, lessonA],
      [30_000, { state: 'visible' }, lessonB],
    ]);
    expect(clock.open).toMatchObject({ lessonId: 'B', studiedMs: 15_000 });
    expect(clock.pending).toEqual([expect.objectContaining({ lessonId: 'A', studiedMs: 15_000, seq: 2 })]);
    const back = applyBeat(clock, lessonA, undefined, { state: 'visible' }, text, unlimited, 45_000);
    if (back.refused) throw new Error('refused');
    // Back on A: it continues from its pending state, and B waits in turn.
    expect(back.next.open).toMatchObject({ lessonId: 'A', studiedMs: 30_000 });
    expect(back.flushAlongside.map((slot) => slot.lessonId)).toEqual(['B']);
    const confirmed = confirmFlushed(back.next, back.flushAlongside);
    expect(confirmed.pending).toEqual([]);
  });

  it('does not write again a lesson left once its item is up to date (the page stopped, then another lesson began)', () => {
    const { clock } = run([
      [0, { state: 'visible' }, lessonA],
      [15_000, { state: 'visible' }, lessonA],
      [20_000, { state: 'hidden' }, lessonA],
    ]);
    expect(clock.open).toMatchObject({ lessonId: 'A', flushedSeq: clock.open!.seq, flushedMs: 20_000 });
    const next = applyBeat(clock, lessonB, fresh, { state: 'visible' }, text, unlimited, 60_000);
    if (next.refused) throw new Error('refused');
    expect(next.next.pending).toEqual([]);
    expect(next.flushAlongside).toEqual([]);
  });

  it('brings a long stretch’s item up to date alongside, once per stretch of credit', () => {
    const beats: [number, Beat][] = [];
    for (let at = 0; at <= flushEveryMs + 90_000; at += 15_000) beats.push([at, { state: 'visible' }]);
    let clock = emptyClock();
    let alongside = 0;
    for (const [at, beat] of beats) {
      const outcome = applyBeat(clock, lessonA, clock.open ? undefined : fresh, beat, text, unlimited, at);
      if (outcome.refused) throw new Error('refused');
      alongside += outcome.flushAlongside.length;
      clock = confirmFlushed(outcome.next, [...outcome.flushAlongside, ...(outcome.flushAfter ? [outcome.next.open!] : [])]);
    }
    expect(alongside).toBe(1);
    expect(clock.open!.flushedMs).toBeGreaterThanOrEqual(flushEveryMs - 15_000);
    expect(clock.open!.studiedMs - clock.open!.flushedMs).toBeLessThan(flushEveryMs);
  });
});

describe('applyBeat: the running stretch (what the flags area reads)', () => {
  it('keeps the stretch’s start and credit while heartbeats are credited, and starts afresh after a break', () => {
    let clock = emptyClock();
    const beat = (at: number, state: Beat['state'] = 'visible') => {
      const outcome = applyBeat(clock, lessonA, fresh, { state }, text, unlimited, at);
      if (outcome.refused) throw new Error('refused');
      clock = outcome.next;
      return outcome.stretch;
    };
    expect(beat(1_000)).toBeNull();
    expect(beat(16_000)).toEqual({ startedAt: 1_000, creditedMs: 15_000, endedAt: 16_000 });
    expect(beat(31_000)).toEqual({ startedAt: 1_000, creditedMs: 30_000, endedAt: 31_000 });
    // Hidden: credited up to now, and the stretch ends with it.
    expect(beat(40_000, 'hidden')).toEqual({ startedAt: 1_000, creditedMs: 39_000, endedAt: 40_000 });
    expect(clock.stretch).toBeNull();
    expect(beat(50_000)).toBeNull();
    // A gap longer than the clock allows is a break too.
    expect(beat(50_000 + maxGapMs + 1)).toBeNull();
    expect(beat(50_000 + maxGapMs + 15_001)).toEqual({ startedAt: 50_000 + maxGapMs + 1, creditedMs: 15_000, endedAt: 50_000 + maxGapMs + 15_001 });
  });
});
