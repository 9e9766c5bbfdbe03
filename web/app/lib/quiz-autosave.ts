/**
 * The save queue of one attempt: the part of the quiz page that loses no answer (docs/decisions/028).
 *
 * - Every change is written to the browser's storage at once (one key per attempt), so a crash, a closed tab or a
 *   reload keeps it until the server has confirmed it.
 * - Changes go to the server in one PUT (saveAnswers) a short while after the last change (`debounceMs`), and never
 *   later than `maxWaitMs` after the first unsent change, carrying the last confirmed `seq` and only the answers the
 *   server has not confirmed. One request is in flight at a time; changes made meanwhile go in the next one.
 * - 200: the new seq and the confirmation time are kept, the confirmed answers leave storage (an answer changed
 *   again since stays).
 * - A network failure (or a 5xx, a 429): "offline", and the same answers again after a growing pause, or at once when
 *   the browser says it is back online (`retryNow`).
 * - 409 stale (another tab or device saved meanwhile): the server's answers and seq are taken, the unconfirmed
 *   changes of this page are laid on top (the taker's newest wins) and sent again.
 * - 409 closed: the attempt is finished (submitted, or past its deadline and the grace); the queue stops.
 * - Any other refusal (signed out, not found, a bad answer): "error" with the API's message; the answers stay in
 *   storage and are sent again on the next change or `retryNow`.
 *
 * There is no blackout before the deadline: the queue saves until the server says the attempt is closed.
 *
 * The module is plain TypeScript: fetch, timers and storage are passed in, so it runs (and is tested) in Node.
 */

/** A taker's answer: original option indices, or the typed text; `[]` or `''` clears it. */
export type Answer = number[] | string;
export type AnswerMap = Record<string, Answer>;

/** What one save came to, read from the API's answer. */
export type SaveOutcome =
  | { kind: 'saved'; seq: number; savedAt: string; serverNow: string }
  | { kind: 'stale'; seq: number; answers: AnswerMap }
  | { kind: 'closed'; state: string }
  /** Worth trying again later (5xx, 429). */
  | { kind: 'busy'; status: number }
  /** A refusal that trying again will not change (401, 403, 404, 400). */
  | { kind: 'refused'; status: number; message: string };

export interface SaveTransport {
  /** Sends one save; throws when the network fails. */
  save(attemptId: string, body: { seq: number; answers: AnswerMap }, options?: { keepalive?: boolean }): Promise<SaveOutcome>;
}

/** The part of the Web Storage API the queue uses (localStorage in a browser). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export type SaveStatus =
  /** Nothing waits: every answer is on the server. */
  | 'saved'
  /** Changes wait for their save. */
  | 'pending'
  /** A save is on its way. */
  | 'saving'
  /** The last save did not get through; trying again. */
  | 'offline'
  /** The server refused a save for a reason trying again does not change. */
  | 'error'
  /** The attempt is finished: nothing more is saved. */
  | 'closed';

export interface SaveState {
  status: SaveStatus;
  /** Every answer as the taker sees it: the server's, with the unconfirmed changes on top. */
  answers: AnswerMap;
  /** The attempt's sequence number as last confirmed by the server. */
  seq: number;
  /** When the server last confirmed a save (its own clock, ISO), or null before the first. */
  confirmedAt: string | null;
  /** Answers changed here and not yet confirmed. */
  unconfirmed: number;
  /** server clock − this clock, in ms, from the last answer that said (the page's timer uses it). */
  serverOffsetMs: number;
  /** The API's message when status is 'error'. */
  message: string | null;
  /** The attempt's state when status is 'closed' ('submitted', 'expired'). */
  closedState: string | null;
}

export interface AutosaveOptions {
  attemptId: string;
  /** The attempt as the server answered it (getAttempt / startAttempt). */
  seq: number;
  answers: AnswerMap;
  /** The server's clock when it answered (AttemptView.serverNow), to correct the timer. */
  serverNow?: string;
  transport: SaveTransport;
  storage: StorageLike | null;
  timers: Timers;
  debounceMs?: number;
  maxWaitMs?: number;
  /** Pauses between tries after a failure, in ms; the last one repeats. */
  backoffMs?: number[];
}

const storagePrefix = 'quiz-attempt:';

/** The storage key of an attempt's unconfirmed answers. */
export function pendingKey(attemptId: string): string {
  return `${storagePrefix}${attemptId}`;
}

/** The storage key of an attempt's flagged questions. */
export function flagsKey(attemptId: string): string {
  return `quiz-flags:${attemptId}`;
}

export function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Whether an answer says anything (an empty list or blank text is no answer). */
export function isAnswered(answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  return typeof answer === 'string' ? answer.trim() !== '' : answer.length > 0;
}

function isAnswer(value: unknown): value is Answer {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => Number.isInteger(v)));
}

/** Reads a stored answer map, dropping anything that is not one (storage is the browser's, not ours to trust). */
function readMap(storage: StorageLike | null, key: string): AnswerMap {
  if (!storage) return {};
  try {
    const raw = storage.getItem(key);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const map: AnswerMap = {};
    for (const [questionId, answer] of Object.entries(parsed as Record<string, unknown>)) if (isAnswer(answer)) map[questionId] = answer;
    return map;
  } catch {
    return {};
  }
}

function writeMap(storage: StorageLike | null, key: string, map: AnswerMap): void {
  if (!storage) return;
  try {
    if (Object.keys(map).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(map));
  } catch {
    // Storage full or refused (private mode): the answer is still in memory and on its way to the server.
  }
}

/** The question ids flagged for a second look, as kept in storage. */
export function readFlags(storage: StorageLike | null, attemptId: string): string[] {
  if (!storage) return [];
  try {
    const parsed = JSON.parse(storage.getItem(flagsKey(attemptId)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function writeFlags(storage: StorageLike | null, attemptId: string, flags: string[]): void {
  if (!storage) return;
  try {
    if (flags.length === 0) storage.removeItem(flagsKey(attemptId));
    else storage.setItem(flagsKey(attemptId), JSON.stringify(flags));
  } catch {
    // Flags are a convenience: losing one loses no answer.
  }
}

const defaultBackoff = [1_000, 2_000, 4_000, 8_000, 15_000];

export class AttemptAutosave {
  private readonly attemptId: string;
  private readonly transport: SaveTransport;
  private readonly storage: StorageLike | null;
  private readonly timers: Timers;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly backoffMs: number[];
  private readonly key: string;

  /** Answers changed here that the server has not confirmed. */
  private pending: AnswerMap;
  private state: SaveState;
  private readonly listeners = new Set<(state: SaveState) => void>();

  private timer: unknown = undefined;
  /** When the oldest unsent change was made (for maxWait), or null. */
  private firstUnsentAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private stalesInARow = 0;
  private stopped = false;
  private readonly drainWaiters: (() => void)[] = [];

  constructor(options: AutosaveOptions) {
    this.attemptId = options.attemptId;
    this.transport = options.transport;
    this.storage = options.storage;
    this.timers = options.timers;
    this.debounceMs = options.debounceMs ?? 800;
    this.maxWaitMs = options.maxWaitMs ?? 1_500;
    this.backoffMs = options.backoffMs?.length ? options.backoffMs : defaultBackoff;
    this.key = pendingKey(options.attemptId);
    // Changes a previous page left unconfirmed (a reload, a crash, a lost network) come back and go out again.
    this.pending = readMap(this.storage, this.key);
    for (const [questionId, answer] of Object.entries(this.pending)) {
      if (sameAnswer(options.answers[questionId], answer)) delete this.pending[questionId];
    }
    writeMap(this.storage, this.key, this.pending);
    const serverOffsetMs = options.serverNow ? Date.parse(options.serverNow) - this.timers.now() : 0;
    this.state = {
      status: 'saved',
      answers: { ...options.answers, ...this.pending },
      seq: options.seq,
      confirmedAt: null,
      unconfirmed: Object.keys(this.pending).length,
      serverOffsetMs: Number.isFinite(serverOffsetMs) ? serverOffsetMs : 0,
      message: null,
      closedState: null,
    };
    if (this.state.unconfirmed > 0) {
      this.state.status = 'pending';
      this.firstUnsentAt = this.timers.now();
      this.schedule(0);
    }
  }

  getState(): SaveState {
    return this.state;
  }

  subscribe(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The taker changed an answer. False once the attempt is closed (the change is not kept). */
  change(questionId: string, answer: Answer): boolean {
    if (this.stopped) return false;
    this.pending[questionId] = answer;
    // Storage is shared by every tab of this attempt: merge this one answer into what is there.
    const stored = readMap(this.storage, this.key);
    stored[questionId] = answer;
    writeMap(this.storage, this.key, stored);
    this.firstUnsentAt ??= this.timers.now();
    this.update({
      answers: { ...this.state.answers, [questionId]: answer },
      unconfirmed: Object.keys(this.pending).length,
      status: this.inFlight ? 'saving' : this.state.status === 'offline' || this.state.status === 'error' ? this.state.status : 'pending',
    });
    if (this.state.status !== 'offline') {
      const sinceFirst = this.timers.now() - this.firstUnsentAt;
      this.schedule(Math.max(0, Math.min(this.debounceMs, this.maxWaitMs - sinceFirst)));
    }
    return true;
  }

  /** Sends what waits now (the browser is back online, the page is being hidden, the taker is about to submit). */
  retryNow(options: { keepalive?: boolean } = {}): void {
    if (this.stopped) return;
    this.failures = 0;
    this.cancelTimer();
    void this.flush(options.keepalive ?? false);
  }

  /**
   * Sends everything unconfirmed and waits until the server has it all, or the queue cannot go on (offline, refused,
   * closed). Submit waits on this, so no answer is left behind.
   */
  async drain(): Promise<SaveStatus> {
    if (this.stopped) return this.state.status;
    if (Object.keys(this.pending).length === 0 && !this.inFlight) return this.state.status;
    this.retryNow();
    await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    return this.state.status;
  }

  /** The attempt is over (submitted here): stop saving and forget what storage kept for it. */
  close(closedState = 'submitted'): void {
    this.stopped = true;
    this.cancelTimer();
    if (this.storage) {
      try {
        this.storage.removeItem(this.key);
      } catch {
        // Nothing to tidy.
      }
    }
    this.update({ status: 'closed', closedState });
    this.releaseDrain();
  }

  /** Stops timers (the page is leaving); answers in storage stay for the next visit. */
  dispose(): void {
    this.stopped = true;
    this.cancelTimer();
    this.listeners.clear();
    this.releaseDrain();
  }

  private update(patch: Partial<SaveState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.flush(false);
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private releaseDrain(): void {
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  /** One save of every unconfirmed answer, unless one is already on its way (its end sends the rest). */
  private async flush(keepalive: boolean): Promise<void> {
    if (this.stopped || this.inFlight) return;
    const sending = { ...this.pending };
    if (Object.keys(sending).length === 0) {
      this.firstUnsentAt = null;
      this.releaseDrain();
      return;
    }
    this.firstUnsentAt = null;
    this.update({ status: 'saving' });
    const seq = this.state.seq;
    let settle: () => void = () => undefined;
    this.inFlight = new Promise<void>((resolve) => (settle = resolve));
    let outcome: SaveOutcome | null = null;
    try {
      outcome = await this.transport.save(this.attemptId, { seq, answers: sending }, { keepalive });
    } catch {
      outcome = null;
    }
    this.inFlight = null;
    settle();
    if (this.stopped) return;
    this.handle(outcome, sending);
  }

  private handle(outcome: SaveOutcome | null, sent: AnswerMap): void {
    if (outcome === null || outcome.kind === 'busy') {
      this.update({ status: 'offline' });
      this.retryLater();
      return;
    }
    switch (outcome.kind) {
      case 'saved': {
        this.failures = 0;
        this.stalesInARow = 0;
        const stored = readMap(this.storage, this.key);
        for (const [questionId, answer] of Object.entries(sent)) {
          // An answer changed again while this save was on its way stays unconfirmed.
          if (sameAnswer(this.pending[questionId], answer)) delete this.pending[questionId];
          if (sameAnswer(stored[questionId], answer)) delete stored[questionId];
        }
        writeMap(this.storage, this.key, stored);
        const offset = Date.parse(outcome.serverNow) - this.timers.now();
        const left = Object.keys(this.pending).length;
        this.update({
          seq: outcome.seq,
          confirmedAt: outcome.savedAt,
          serverOffsetMs: Number.isFinite(offset) ? offset : this.state.serverOffsetMs,
          unconfirmed: left,
          status: left > 0 ? 'pending' : 'saved',
          message: null,
        });
        if (left > 0) this.sendRestSoon();
        else this.releaseDrain();
        return;
      }
      case 'stale': {
        // Someone else saved first: their answers are the base, this page's unconfirmed changes go on top.
        this.stalesInARow++;
        this.update({
          seq: outcome.seq,
          answers: { ...outcome.answers, ...this.pending },
          status: 'pending',
        });
        if (this.stalesInARow > 3) this.retryLater();
        else {
          this.cancelTimer();
          void this.flush(false);
        }
        return;
      }
      case 'closed': {
        this.stopped = true;
        this.cancelTimer();
        this.update({ status: 'closed', closedState: outcome.state });
        this.releaseDrain();
        return;
      }
      case 'refused': {
        this.update({ status: 'error', message: outcome.message });
        this.releaseDrain();
        return;
      }
    }
  }

  /** Changes made while a save was on its way go out once their own pause has passed (or at once if it has). */
  private sendRestSoon(): void {
    const since = this.firstUnsentAt === null ? this.maxWaitMs : this.timers.now() - this.firstUnsentAt;
    this.firstUnsentAt ??= this.timers.now();
    this.schedule(Math.max(0, Math.min(this.debounceMs, this.maxWaitMs - since)));
  }

  private retryLater(): void {
    const pause = this.backoffMs[Math.min(this.failures, this.backoffMs.length - 1)]!;
    this.failures++;
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.flush(false);
    }, pause);
    // A submit waiting on drain learns the network is down rather than waiting through the pauses.
    this.releaseDrain();
  }
}

/** What the API's answer to saveAnswers says, read without trusting its shape. */
export async function readSaveResponse(response: { status: number; json(): Promise<unknown> }): Promise<SaveOutcome> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const record = (body ?? {}) as Record<string, unknown>;
  if (response.status === 200 && typeof record.seq === 'number') {
    return { kind: 'saved', seq: record.seq, savedAt: String(record.savedAt ?? ''), serverNow: String(record.serverNow ?? '') };
  }
  const error = (record.error ?? {}) as { message?: unknown; details?: unknown };
  const details = (error.details ?? {}) as { reason?: unknown; seq?: unknown; answers?: unknown; state?: unknown };
  if (response.status === 409 && details.reason === 'stale' && typeof details.seq === 'number') {
    const answers: AnswerMap = {};
    if (details.answers && typeof details.answers === 'object') {
      for (const [questionId, answer] of Object.entries(details.answers as Record<string, unknown>)) if (isAnswer(answer)) answers[questionId] = answer;
    }
    return { kind: 'stale', seq: details.seq, answers };
  }
  if (response.status === 409 && details.reason === 'closed') return { kind: 'closed', state: typeof details.state === 'string' ? details.state : 'expired' };
  if (response.status >= 500 || response.status === 429 || response.status === 408) return { kind: 'busy', status: response.status };
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : `HTTP ${response.status}`;
  return { kind: 'refused', status: response.status, message };
}

/** saveAnswers over fetch: `PUT {base}/attempts/{attemptId}/answers`, same-origin, JSON. */
export function fetchTransport(fetchImpl: typeof fetch, base = '/api'): SaveTransport {
  return {
    async save(attemptId, body, options) {
      const response = await fetchImpl(`${base}/attempts/${encodeURIComponent(attemptId)}/answers`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
        keepalive: options?.keepalive ?? false,
      });
      return readSaveResponse(response);
    },
  };
}
