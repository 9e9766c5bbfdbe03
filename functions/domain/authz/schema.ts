/**
 * Roles and their grants: who may act where. A person holds grants (`staff` everywhere, `organizer` or `leader` over
 * a unit's subtree, and at most one of the three administrator roles everywhere: `sysadmin` 系统管理员, `secadmin`
 * 安全管理员, `auditor` 审计管理员 — 三员分立, docs/decisions/047); permissions.ts reads them against the table of operations.
 */
import { z } from 'zod';
import { Id } from '../../platform/fields.js';
import { apiMessage, type MessageRef } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { authzMessages } from './messages.js';

/** A validation message in the language of the request being served. */
const say = (key: MessageRef) => apiMessage(currentLang(), key);

export const roleNames = ['staff', 'organizer', 'leader', 'sysadmin', 'secadmin', 'auditor'] as const;
export const RoleName = z.enum(roleNames);
export type RoleName = z.infer<typeof RoleName>;

/** The three administrator roles (三员): no person holds two of them. */
export const adminRoles = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly RoleName[];
export type AdminRole = (typeof adminRoles)[number];
export const isAdminRole = (role: string): role is AdminRole => (adminRoles as readonly string[]).includes(role);

/**
 * The one `admin` role of the installations before 三员分立, as stored accounts may still hold it: read as `sysadmin`
 * (docs/decisions/047). Nothing writes it any more.
 */
export const legacyAdminRole = 'admin';

/** A stored grant's role, with the old `admin` read as `sysadmin`. */
export function storedRole(role: string): string {
  return role === legacyAdminRole ? 'sysadmin' : role;
}

/** The administrator roles of a list of grants. */
export function adminRolesOf(roles: readonly { role: string }[]): AdminRole[] {
  return [...new Set(roles.map((grant) => grant.role).filter(isAdminRole))];
}

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

/**
 * A list of grants as a request gives it: besides each grant's rules, at most one of the three administrator roles
 * (三员分立); the refusal names the roles that clash.
 */
export const RoleGrants = z
  .array(RoleGrant)
  .max(16)
  .superRefine((grants, ctx) => {
    const held = adminRolesOf(grants);
    if (held.length > 1) {
      const lang = currentLang();
      const roles = held.map((role) => apiMessage(lang, authzMessages[role])).join(apiMessage(lang, authzMessages.and));
      ctx.addIssue({ code: 'custom', path: [], message: apiMessage(lang, authzMessages.adminRolesApart, { roles }) });
    }
  });

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
