import { useRouteLoaderData } from '@remix-run/react';
import type { components } from './api-types';

export type Me = components['schemas']['Me'];
/** A part of the interface the API says the person may use (see getMe). */
export type Capability = Me['capabilities'][number];

/** Whether the API offers the person this part of the interface (nobody signed in has none). */
export function may(me: Pick<Me, 'capabilities'> | null | undefined, capability: Capability): boolean {
  return Boolean(me?.capabilities.includes(capability));
}

/**
 * The units a capability of the person reaches, among the units of the tree (listed depth first, as listUnits
 * answers): null for everywhere, otherwise each unit getMe names for it and everything under it. The API decides
 * again; this only keeps forms and lists to what works.
 */
export function unitsReached(me: Pick<Me, 'reach'>, capability: Capability, units: { unitId: string; parentId: string | null }[]): Set<string> | null {
  const reach = me.reach[capability] ?? [];
  if (reach === 'all') return null;
  const reached = new Set(reach);
  // Depth first: a parent is always seen before its children.
  for (const unit of units) if (unit.parentId && reached.has(unit.parentId)) reached.add(unit.unitId);
  return reached;
}

/** The signed-in person as the root loader found them (null when signed out, or on an error page without data). */
export function useMe(): Me | null {
  return useRouteLoaderData<{ me: Me | null }>('root')?.me ?? null;
}
