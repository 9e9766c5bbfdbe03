/** Who is on duty in the hall today: cards whose duty days hold today's ISO weekday in Shanghai. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar day (YYYY-MM-DD) and its ISO weekday (1 Monday … 7 Sunday) at an instant. */
export function shanghaiToday(at: Date): { day: string; weekday: number; year: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { day: local.toISOString().slice(0, 10), weekday, year: local.getUTCFullYear() };
}

export function onDuty<T extends { dutyDays: readonly number[] }>(cards: readonly T[], weekday: number): T[] {
  return cards.filter((card) => card.dutyDays.includes(weekday));
}
