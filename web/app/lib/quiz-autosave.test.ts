/**
 * The save queue of an attempt, in Node: a clock the test moves by hand, a Map for storage, and a fetch that answers
 * as saveAnswers does (seq, 409 stale with the current answers, 409 closed past the deadline and its grace) and can
 * lose the network on demand. The queue reaches it through the real fetchTransport, so reading the API's answers is
 * tested too.
 */
import { describe, expect, it } from 'vitest';
import { AttemptAutosave, fetchTransport, pendingKey, readFlags, writeFlags, type AnswerMap, type StorageLike, type Timers } from './quiz-autosave';

class Clock implements Timers {
  private at = Date.parse('2026-11-29T02:00:00Z');
  private nextId = 1;
  private readonly tasks = new Map<number, { due: number; run: () => void }>();
  now() {
    return this.at;
  }
  setTimeout(run: () => void, ms: number) {
    const id = this.nextId++;
    this.tasks.set(id, { due: this.at + ms, run });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.tasks.delete(handle as number);
  }
  /** Moves time on by `ms`, running every timer that falls due (and the promises they start) in order. */
  async advance(ms: number) {
    const end = this.at + ms;
    for (;;) {
      await settle();
      const next = [...this.tasks.entries()].filter(([, task]) => task.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
      if (!next) break;
      this.tasks.delete(next[0]);
      this.at = Math.max(this.at, next[1].due);
      next[1].run();
    }
    this.at = end;
    await settle();
  }
}

async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  read(attemptId: string): AnswerMap {
    return JSON.parse(this.map.get(pendingKey(attemptId)) ?? '{}') as AnswerMap;
  }
}

interface SaveCall {
  at: number;
  seq: number;
  answers: AnswerMap;
}

/** saveAnswers as the contract states it, over fetch. */
class FakeServer {
  seq = 0;
  answers: AnswerMap = {};
  online = true;
  /** Hold each answer until the test lets it go (a slow network). */
  hold = false;
  readonly calls: SaveCall[] = [];
  private readonly held: (() => void)[] = [];
  refuse: { status: number; message: string } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly deadline: number | null = null,
    private readonly graceMs = 60_000,
  ) {}

  /** Another tab or device saves. */
  saveElsewhere(answers: AnswerMap) {
    Object.assign(this.answers, answers);
    this.seq++;
  }

  release() {
    for (const go of this.held.splice(0)) go();
  }

  readonly fetch: typeof fetch = async (input, init) => {
    if (!this.online) throw new TypeError('Failed to fetch');
    const url = String(input);
    expect(init?.method).toBe('PUT');
    expect(url).toBe('/api/attempts/att-1/answers');
    const body = JSON.parse(String(init?.body)) as { seq: number; answers: AnswerMap };
    this.calls.push({ at: this.clock.now(), ...body });
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (this.refuse) return json(this.refuse.status, { error: { code: 'UNAUTHENTICATED', message: this.refuse.message } });
    if (this.deadline !== null && this.clock.now() > this.deadline + this.graceMs) {
      return json(409, { error: { code: 'CONFLICT', message: '已结束', details: { reason: 'closed', state: 'expired' } } });
    }
    if (body.seq !== this.seq) {
      return json(409, { error: { code: 'CONFLICT', message: '已在别处保存', details: { reason: 'stale', seq: this.seq, answers: this.answers } } });
    }
    Object.assign(this.answers, body.answers);
    this.seq++;
    const now = new Date(this.clock.now()).toISOString();
    return json(200, { seq: this.seq, savedAt: now, serverNow: now });
  };
}

function setup(options: { deadline?: number; storage?: MemoryStorage; seq?: number; answers?: AnswerMap } = {}) {
  const clock = new Clock();
  const server = new FakeServer(clock, options.deadline ?? null);
  server.seq = options.seq ?? 0;
  server.answers = { ...(options.answers ?? {}) };
  const storage = options.storage ?? new MemoryStorage();
  const make = () =>
    new AttemptAutosave({
      attemptId: 'att-1',
      seq: server.seq,
      answers: { ...server.answers },
      serverNow: new Date(clock.now()).toISOString(),
      transport: fetchTransport(server.fetch),
      storage,
      timers: clock,
      debounceMs: 800,
      maxWaitMs: 1_500,
      backoffMs: [1_000, 2_000, 4_000],
    });
  return { clock, server, storage, make, queue: make() };
}

describe('AttemptAutosave', () => {
  it('keeps a change in storage at once and sends it within the debounce with the seq and only that answer', async () => {
    const { clock, server, storage, queue } = setup({ seq: 3, answers: { q0: [1] } });
    server.seq = 3;
    queue.change('q1', [2]);
    expect(storage.read('att-1')).toEqual({ q1: [2] });
    expect(queue.getState()).toMatchObject({ status: 'pending', unconfirmed: 1 });
    await clock.advance(799);
    expect(server.calls).toHaveLength(0);
    await clock.advance(1);
    expect(server.calls).toEqual([{ at: clock.now(), seq: 3, answers: { q1: [2] } }]);
    const state = queue.getState();
    expect(state).toMatchObject({ status: 'saved', seq: 4, unconfirmed: 0, answers: { q0: [1], q1: [2] } });
    expect(state.confirmedAt).toBe(new Date(clock.now()).toISOString());
    expect(storage.map.has(pendingKey('att-1'))).toBe(false);
  });

  it('sends a stream of changes together, and never later than maxWait after the first (typing in a blank)', async () => {
    const { clock, server, queue } = setup();
    const started = clock.now();
    for (const text of ['为', '为人', '为人民', '为人民服', '为人民服务', '为人民服务！']) {
      queue.change('fill', text);
      await clock.advance(300);
    }
    // Six changes 300 ms apart: the first save left at 1.5 s after the first change, the last one after the typing stopped.
    expect(server.calls[0]!.at - started).toBeLessThanOrEqual(1_500);
    await clock.advance(2_000);
    expect(server.calls.length).toBeLessThanOrEqual(3);
    expect(server.answers).toEqual({ fill: '为人民服务！' });
    expect(queue.getState().status).toBe('saved');
  });

  it('keeps one save in flight; a change made meanwhile goes next, and stays in storage until confirmed', async () => {
    const { clock, server, storage, queue } = setup();
    server.hold = true;
    queue.change('q1', [0]);
    await clock.advance(800);
    expect(server.calls).toHaveLength(1);
    queue.change('q1', [1]);
    queue.change('q2', [3]);
    await clock.advance(5_000);
    // Still one request: the first has not answered.
    expect(server.calls).toHaveLength(1);
    expect(queue.getState().status).toBe('saving');
    expect(storage.read('att-1')).toEqual({ q1: [1], q2: [3] });
    // The first answer confirms q1=[0], which is no longer the taker's answer: q1 stays unconfirmed, and having
    // waited longer than maxWait, the rest leaves at once.
    server.hold = false;
    server.release();
    await clock.advance(0);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toMatchObject({ seq: 1, answers: { q1: [1], q2: [3] } });
    expect(server.answers).toEqual({ q1: [1], q2: [3] });
    expect(storage.map.has(pendingKey('att-1'))).toBe(false);
  });

  it('keeps in storage an answer changed again while its earlier value was being confirmed', async () => {
    const { clock, server, storage, queue } = setup();
    server.hold = true;
    queue.change('q1', [0]);
    await clock.advance(800);
    queue.change('q1', [1]);
    server.hold = false;
    server.release();
    await clock.advance(0);
    expect(server.answers).toEqual({ q1: [0] });
    expect(storage.read('att-1')).toEqual({ q1: [1] });
    expect(queue.getState()).toMatchObject({ status: 'pending', unconfirmed: 1, answers: { q1: [1] } });
    await clock.advance(800);
    expect(server.answers).toEqual({ q1: [1] });
    expect(storage.map.size).toBe(0);
  });

  it('says offline when the network fails, tries again with growing pauses, and saves everything once it is back', async () => {
    const { clock, server, storage, queue } = setup();
    server.online = false;
    queue.change('q1', [0]);
    await clock.advance(800);
    expect(queue.getState().status).toBe('offline');
    queue.change('q2', 'abc');
    expect(storage.read('att-1')).toEqual({ q1: [0], q2: 'abc' });
    // Tries at +1 s, then +2 s after that.
    await clock.advance(1_000);
    await clock.advance(2_000);
    expect(server.calls).toHaveLength(0);
    expect(queue.getState().status).toBe('offline');
    server.online = true;
    // The browser says it is online again: the page calls retryNow.
    queue.retryNow();
    await clock.advance(0);
    expect(server.calls).toEqual([{ at: clock.now(), seq: 0, answers: { q1: [0], q2: 'abc' } }]);
    expect(queue.getState()).toMatchObject({ status: 'saved', seq: 1, unconfirmed: 0 });
    expect(storage.map.has(pendingKey('att-1'))).toBe(false);
  });

  it('on 409 stale takes the server answers and seq, lays its own unconfirmed changes on top and sends again', async () => {
    const { clock, server, queue } = setup({ answers: { q1: [0] } });
    // Another tab saved q1 and q3 after this page loaded.
    server.saveElsewhere({ q1: [2], q3: 'x' });
    queue.change('q1', [1]);
    queue.change('q2', [0]);
    await clock.advance(800);
    expect(server.calls.map((call) => call.seq)).toEqual([0, 1]);
    expect(server.calls[1]!.answers).toEqual({ q1: [1], q2: [0] });
    // The taker's newest (q1 here) wins; the other tab's q3 is kept and shown.
    expect(server.answers).toEqual({ q1: [1], q2: [0], q3: 'x' });
    expect(queue.getState()).toMatchObject({ status: 'saved', seq: 2, answers: { q1: [1], q2: [0], q3: 'x' } });
  });

  it('stops on 409 closed and keeps nothing more', async () => {
    const deadline = Date.parse('2026-11-29T02:10:00Z');
    const { clock, server, queue } = setup({ deadline });
    // Saving goes on up to the deadline and within the grace after it: no blackout.
    await clock.advance(deadline - clock.now() - 1_000);
    queue.change('q1', [0]);
    await clock.advance(800);
    expect(queue.getState().status).toBe('saved');
    await clock.advance(30_000);
    queue.change('q2', [1]);
    await clock.advance(800);
    expect(server.answers).toEqual({ q1: [0], q2: [1] });
    // Past the grace the server refuses: the queue stops.
    await clock.advance(60_000);
    queue.change('q3', [1]);
    await clock.advance(800);
    expect(queue.getState()).toMatchObject({ status: 'closed', closedState: 'expired' });
    const calls = server.calls.length;
    expect(queue.change('q4', [0])).toBe(false);
    queue.retryNow();
    await clock.advance(10_000);
    expect(server.calls).toHaveLength(calls);
  });

  it('sends again after a reload what the previous page left unconfirmed', async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage });
    first.server.online = false;
    first.queue.change('q1', [3]);
    first.queue.change('q2', 'left behind');
    await first.clock.advance(800);
    first.queue.dispose();
    // A new page of the same attempt, with what the server had (nothing) and what storage kept.
    const second = setup({ storage });
    expect(second.queue.getState()).toMatchObject({ status: 'pending', unconfirmed: 2, answers: { q1: [3], q2: 'left behind' } });
    await second.clock.advance(0);
    expect(second.server.answers).toEqual({ q1: [3], q2: 'left behind' });
    expect(storage.map.has(pendingKey('att-1'))).toBe(false);
  });

  it('forgets stored answers the server already has (a confirmation lost on the way back)', () => {
    const storage = new MemoryStorage();
    storage.setItem(pendingKey('att-1'), JSON.stringify({ q1: [1], q2: 'b', junk: { not: 'an answer' } }));
    const { queue } = setup({ storage, answers: { q1: [1] } });
    expect(queue.getState()).toMatchObject({ unconfirmed: 1, answers: { q1: [1], q2: 'b' } });
    expect(storage.read('att-1')).toEqual({ q2: 'b' });
  });

  it('drain waits for every answer before a submit, and says so when the network is down', async () => {
    const { clock, server, queue } = setup();
    queue.change('q1', [0]);
    const drained = queue.drain();
    await clock.advance(0);
    expect(await drained).toBe('saved');
    expect(server.answers).toEqual({ q1: [0] });
    server.online = false;
    queue.change('q2', [1]);
    const offline = queue.drain();
    await clock.advance(0);
    expect(await offline).toBe('offline');
    expect(await queue.drain()).toBe('offline');
  });

  it('reports a refusal in the API words and tries again on the next change', async () => {
    const { clock, server, storage, queue } = setup();
    server.refuse = { status: 401, message: '请先登录。' };
    queue.change('q1', [0]);
    await clock.advance(800);
    expect(queue.getState()).toMatchObject({ status: 'error', message: '请先登录。' });
    expect(storage.read('att-1')).toEqual({ q1: [0] });
    server.refuse = null;
    queue.change('q2', [1]);
    await clock.advance(800);
    expect(queue.getState().status).toBe('saved');
    expect(server.answers).toEqual({ q1: [0], q2: [1] });
  });

  it('close forgets the stored answers of a submitted attempt', async () => {
    const { clock, storage, queue } = setup();
    queue.change('q1', [0]);
    queue.close();
    await clock.advance(5_000);
    expect(storage.map.size).toBe(0);
    expect(queue.getState().status).toBe('closed');
  });

  it('keeps the server clock offset from each answer', async () => {
    const { clock, queue } = setup();
    expect(Math.abs(queue.getState().serverOffsetMs)).toBeLessThan(5);
    queue.change('q1', [0]);
    await clock.advance(800);
    expect(queue.getState().serverOffsetMs).toBe(0);
  });
});

describe('flags', () => {
  it('are kept per attempt and survive junk in storage', () => {
    const storage = new MemoryStorage();
    writeFlags(storage, 'a', ['q1', 'q3']);
    expect(readFlags(storage, 'a')).toEqual(['q1', 'q3']);
    expect(readFlags(storage, 'b')).toEqual([]);
    storage.setItem('quiz-flags:c', '{not json');
    expect(readFlags(storage, 'c')).toEqual([]);
    writeFlags(storage, 'a', []);
    expect(storage.map.size).toBe(1);
  });
});
