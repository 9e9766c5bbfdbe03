import { describe, expect, it } from 'vitest';
import { applyBeat, emptyProgress, maxGapMs, type Beat, type LessonProgress, type LessonRules } from './study.js';

const text: LessonRules = { kind: 'text', minSeconds: 60, durationSeconds: 0 };
const video: LessonRules = { kind: 'video', minSeconds: 30, durationSeconds: 120 };

function run(rules: LessonRules, beats: [number, Beat][], start: LessonProgress = emptyProgress()) {
  let progress = start;
  let total = 0;
  for (const [at, beat] of beats) {
    const { next, creditedMs } = applyBeat(progress, beat, rules, at, new Date(at).toISOString());
    progress = next;
    total += creditedMs;
  }
  return { progress, total };
}

describe('applyBeat', () => {
  it('credits at most the wall-clock time, however many heartbeats arrive (100 within one second)', () => {
    const beats: [number, Beat][] = Array.from({ length: 100 }, (_, i) => [1_000_000 + i * 10, { state: 'visible' }]);
    const { progress, total } = run(text, beats);
    expect(total).toBeLessThanOrEqual(1000);
    expect(progress.studiedMs).toBe(total);
  });

  it('credits the time between heartbeats of a stretch and nothing for the first one', () => {
    const { progress } = run(text, [
      [0, { state: 'visible' }],
      [15_000, { state: 'visible' }],
      [30_000, { state: 'visible' }],
    ]);
    expect(progress.studiedMs).toBe(30_000);
  });

  it('credits nothing while the page is hidden, and nothing for a gap longer than a heartbeat allows', () => {
    const { progress } = run(text, [
      [0, { state: 'visible' }],
      [10_000, { state: 'hidden' }],
      [600_000, { state: 'visible' }],
      [610_000, { state: 'visible' }],
      [610_000 + maxGapMs + 1, { state: 'visible' }],
    ]);
    expect(progress.studiedMs).toBe(20_000);
  });

  it('ignores heartbeats that go back in time', () => {
    const { progress } = run(text, [
      [50_000, { state: 'visible' }],
      [40_000, { state: 'visible' }],
    ]);
    expect(progress.studiedMs).toBe(0);
  });

  it('completes a text lesson once its minimum time is reached, and keeps the first completion time', () => {
    const beats: [number, Beat][] = Array.from({ length: 6 }, (_, i) => [i * 15_000, { state: 'visible' }]);
    const { progress } = run(text, beats);
    expect(progress.studiedMs).toBe(75_000);
    expect(progress.completedAt).toBe(new Date(60_000).toISOString());
  });

  it('does not let a video be completed by seeking to the end', () => {
    const { progress } = run(video, [
      [0, { state: 'visible', positionSeconds: 0 }],
      [15_000, { state: 'visible', positionSeconds: 119 }],
      [30_000, { state: 'visible', positionSeconds: 120 }],
      [45_000, { state: 'visible', positionSeconds: 120 }],
    ]);
    expect(progress.furthestSeconds).toBeLessThanOrEqual(45 + 3 * 3);
    expect(progress.completedAt).toBeNull();
    expect(progress.positionSeconds).toBe(120);
  });

  it('completes a video watched through to its end', () => {
    const beats: [number, Beat][] = Array.from({ length: 10 }, (_, i) => [i * 15_000, { state: 'visible', positionSeconds: Math.min(i * 15, 120) }]);
    const { progress } = run(video, beats);
    expect(progress.furthestSeconds).toBe(120);
    expect(progress.completedAt).not.toBeNull();
  });

  it('lets a viewer seek back and forth within what was already watched', () => {
    const watched = run(video, Array.from({ length: 5 }, (_, i) => [i * 15_000, { state: 'visible', positionSeconds: i * 15 }] as [number, Beat]));
    const { progress } = run(video, [[75_000, { state: 'visible', positionSeconds: 10 }]], watched.progress);
    expect(progress.furthestSeconds).toBe(60);
    expect(progress.positionSeconds).toBe(10);
  });
});
