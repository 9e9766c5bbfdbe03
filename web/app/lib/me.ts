import { useRouteLoaderData } from '@remix-run/react';
import type { components } from './api-types';

export type Me = components['schemas']['Person'];
export type RoleName = Me['roles'][number]['role'];

/** Whether the person holds any of the roles (in any scope). */
export function hasRole(me: Pick<Me, 'roles'> | null | undefined, ...roles: RoleName[]): boolean {
  return Boolean(me?.roles.some((grant) => roles.includes(grant.role)));
}

/** The signed-in person as the root loader found them (null when signed out, or on an error page without data). */
export function useMe(): Me | null {
  return useRouteLoaderData<{ me: Me | null }>('root')?.me ?? null;
}
