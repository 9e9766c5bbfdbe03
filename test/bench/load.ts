/** A closed-loop load generator: N workers each issue one operation at a time until a count or a deadline is reached. */
import { summarize, type Summary } from './stats.js';

export interface LoadOptions {
  concurrency: number;
  warmup: number;
  requests: number;
  /** Hard stop for the measured phase, whatever the count reached. */
  maxMs: number;
}

export interface LoadResult {
  name: string;
  latency: Summary;
  completed: number;
  errors: number;
  firstError: string | undefined;
  wallMs: number;
  rps: number;
  timedOut: boolean;
}

async function drive(op: () => Promise<void>, count: number, concurrency: number, deadline: number, latencies?: number[]) {
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  let timedOut = false;
  const worker = async () => {
    while (issued < count) {
      if (performance.now() >= deadline) {
        timedOut = true;
        return;
      }
      issued++;
      const started = performance.now();
      try {
        await op();
        latencies?.push(performance.now() - started);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { errors, firstError, timedOut };
}

export async function runLoad(name: string, op: () => Promise<void>, options: LoadOptions): Promise<LoadResult> {
  const warm = await drive(op, options.warmup, options.concurrency, performance.now() + options.maxMs);
  const latencies: number[] = [];
  const started = performance.now();
  const measured = await drive(op, options.requests, options.concurrency, started + options.maxMs, latencies);
  const wallMs = performance.now() - started;
  return {
    name,
    latency: summarize(latencies),
    completed: latencies.length,
    errors: warm.errors + measured.errors,
    firstError: warm.firstError ?? measured.firstError,
    wallMs,
    rps: latencies.length / (wallMs / 1000),
    timedOut: measured.timedOut,
  };
}

/** GET a URL over the global fetch (undici, keep-alive); anything but the expected status is an error. */
export function httpGet(url: string, expectStatus = 200, headers: Record<string, string> = {}): () => Promise<void> {
  return async () => {
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    if (res.status !== expectStatus) {
      throw new Error(`GET ${new URL(url).pathname} answered ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    }
  };
}
