/** The one source of "now", so tests and jobs can reason about time. */
export const clock = {
  now: (): Date => new Date(),
};

export function nowIso(): string {
  return clock.now().toISOString();
}
