import { useRouteLoaderData } from '@remix-run/react';
import type { components } from './api-types';

export type Me = components['schemas']['Me'];
export type RoleName = Me['roles'][number]['role'];
/** A part of the interface the API says the person may use (see getMe). */
export type Capability = Me['capabilities'][number];

/** Whether the person holds any of the roles (in any scope). */
export function hasRole(me: Pick<Me, 'roles'> | null | undefined, ...roles: RoleName[]): boolean {
  return Boolean(me?.roles.some((grant) => roles.includes(grant.role)));
}

/** Whether the API offers the person this part of the interface (nobody signed in has none). */
export function may(me: Pick<Me, 'capabilities'> | null | undefined, capability: Capability): boolean {
  return Boolean(me?.capabilities.includes(capability));
}

/** The signed-in person as the root loader found them (null when signed out, or on an error page without data). */
export function useMe(): Me | null {
  return useRouteLoaderData<{ me: Me | null }>('root')?.me ?? null;
}
