import type { AppLoadContext } from '@remix-run/server-runtime';
import { unitsReached, type Me } from './me';
import { requireCapability } from './respond.server';

/** The signed-in keeper of a question bank (an organizer or admin, as getMe says): others get a 403 page. */
export function requireBankEditor(request: Request, context: AppLoadContext): Promise<Me> {
  return requireCapability(request, context, 'editQuestions', 'bank.forbidden');
}

/** The units a bank editor may choose (as far as getMe's reach says; the API decides again), depth relative to the first. */
export async function bankUnitChoices(context: AppLoadContext, me: Me) {
  const units = (await context.api.GET('/units')).data?.items ?? [];
  const reached = unitsReached(me, 'editQuestions', units);
  const chosen = units.filter((unit) => (!reached || reached.has(unit.unitId)) && !unit.retired);
  const minDepth = Math.min(...chosen.map((unit) => unit.depth));
  return chosen.map((unit) => ({ ...unit, depth: unit.depth - (Number.isFinite(minDepth) ? minDepth : 0) }));
}
