/**
 * Roles and their grants: who may act where. A person holds grants (`staff` everywhere, `organizer` or `leader` over
 * a unit's subtree, `admin` everywhere); permissions.ts reads them against the table of operations.
 */
import { z } from 'zod';
import { Id } from '../../platform/fields.js';
import { apiMessage, type MessageRef } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { authzMessages } from './messages.js';

/** A validation message in the language of the request being served. */
const say = (key: MessageRef) => apiMessage(currentLang(), key);

export const roleNames = ['staff', 'organizer', 'leader', 'admin'] as const;
export const RoleName = z.enum(roleNames);
export type RoleName = z.infer<typeof RoleName>;

/** Roles whose power reaches only a part of the tree, named by `unitId`. */
export const scopedRoles: readonly RoleName[] = ['organizer', 'leader'];

export const RoleGrant = z
  .object({
    role: RoleName,
    /** The unit an organizer's or leader's power reaches (that unit and its subtree). Absent for staff and admin. */
    unitId: Id.optional(),
  })
  .superRefine((grant, ctx) => {
    const scoped = scopedRoles.includes(grant.role);
    if (scoped && !grant.unitId) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: say(authzMessages.roleUnitMissing) });
    }
    if (!scoped && grant.unitId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: say(authzMessages.roleNotScoped) });
    }
  });
export type RoleGrant = z.infer<typeof RoleGrant>;

/** The key that tells two grants apart (`organizer@<unitId>`). */
export const grantKey = (grant: RoleGrant) => `${grant.role}@${grant.unitId ?? ''}`;

/** Everyone holds the staff role; the list is kept in order, without duplicates. */
export function withStaff(roles: readonly RoleGrant[] | undefined): RoleGrant[] {
  const seen = new Set<string>();
  return [{ role: 'staff' as const }, ...(roles ?? [])].filter((grant) => {
    const key = grantKey(grant);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether two lists hold the same grants, in any order. */
export function sameGrants(a: readonly RoleGrant[], b: readonly RoleGrant[]): boolean {
  const left = a.map(grantKey).sort();
  const right = b.map(grantKey).sort();
  return left.length === right.length && left.every((key, i) => key === right[i]);
}
