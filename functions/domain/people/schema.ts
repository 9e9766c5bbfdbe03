/**
 * People and the organisation tree: the types every other area leans on (who is acting, where they sit).
 * Storage shapes live in entities.ts; these are the shapes the domain and the API speak.
 */
import { z } from 'zod';
import { apiMessage, languages, type ApiMessageKey } from '../../platform/i18n.js';
import { text } from '../../platform/fields.js';
import { currentLang } from '../../platform/request-scope.js';

/** A validation message in the language of the request being served. */
const say = (key: ApiMessageKey) => apiMessage(currentLang(), key);

/** A ULID, the house id format. */
export const Id = z.ulid();

/** ISO-8601 UTC timestamp as stored. */
export const Timestamp = z.iso.datetime();

// ─── Units ──────────────────────────────────────────────────────────────────────────────────────────────────────────

/** 局 → 支部 / 科室·窗口 → 党小组. */
export const unitKinds = ['bureau', 'branch', 'department', 'group'] as const;
export const UnitKind = z.enum(unitKinds);
export type UnitKind = z.infer<typeof UnitKind>;

/** How deep the tree may grow (bureau → branch → group is three; leave room for a general branch 党总支 level). */
export const maxUnitDepth = 8;

export const UnitName = text({ label: 'unitName', max: 60 });

const UnitFields = z.object({
  unitId: Id,
  name: UnitName,
  kind: UnitKind,
  /** The parent unit; null only for the root (the bureau). Paths and subtrees are derived from it (tree.ts). */
  parentId: Id.nullable(),
  /** Position among siblings (ascending). */
  sortOrder: z.number().int().min(0).max(9999),
  /** A retired unit keeps its history but takes no new people or children. */
  retired: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Optimistic-concurrency counter: starts at 1, every edit is conditional on the version it read. */
  version: z.number().int().min(1),
});

export const Unit = UnitFields;
export type Unit = z.infer<typeof Unit>;

/** What a caller supplies to create a unit; the store fills in id, path and bookkeeping. */
export const NewUnit = z.object({
  unitId: Id.optional(),
  name: UnitName,
  kind: UnitKind,
  parentId: Id.nullable(),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});
export type NewUnit = z.input<typeof NewUnit>;

// ─── People ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A sign-in name: an employee number (工号) or a mobile number. Full-width characters typed on a Chinese IME are
 * folded (NFKC), surrounding space trimmed, letters lower-cased; then 2–40 of [a-z0-9._-].
 */
export const Login = z
  .string()
  .normalize('NFKC')
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, { error: () => say('loginCharacters') });
export type Login = z.infer<typeof Login>;

/** The canonical form of a login, or undefined when it cannot be one. */
export function normaliseLogin(raw: string): Login | undefined {
  const parsed = Login.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export const PersonName = text({ label: 'personName', max: 40 });

/** 正式党员 / 预备党员 / 群众. */
export const partyStatuses = ['full', 'probationary', 'none'] as const;
export const PartyStatus = z.enum(partyStatuses);
export type PartyStatus = z.infer<typeof PartyStatus>;

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
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: say('roleUnitMissing') });
    }
    if (!scoped && grant.unitId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: say('roleNotScoped') });
    }
  });
export type RoleGrant = z.infer<typeof RoleGrant>;

export const Lang = z.enum(languages);

const PersonFields = z.object({
  personId: Id,
  name: PersonName,
  login: Login,
  /** The unit the person works in or is organised in. */
  unitId: Id,
  /** The Party branch of a member (正式/预备党员); null for people who are not members. */
  branchId: Id.nullable(),
  partyStatus: PartyStatus,
  roles: z.array(RoleGrant).max(16),
  lang: Lang,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordHash: z.string().min(1),
  /** Sessions carry the epoch they were opened in; bumping it (disable, password change or reset) ends them all. */
  sessionEpoch: z.number().int().min(0),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().min(1),
});

function checkPerson(person: { partyStatus: PartyStatus; branchId: string | null; roles: RoleGrant[] }, ctx: z.RefinementCtx) {
  if (person.partyStatus === 'none' && person.branchId !== null) {
    ctx.addIssue({ code: 'custom', path: ['branchId'], message: say('noBranchForMasses') });
  }
  const seen = new Set<string>();
  for (const [i, grant] of person.roles.entries()) {
    const key = `${grant.role}@${grant.unitId ?? ''}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['roles', i], message: say('roleTwice') });
    seen.add(key);
  }
}

export const Person = PersonFields.superRefine(checkPerson);
export type Person = z.infer<typeof Person>;

/** A person as anyone but the password check may see them: never the hash, nor the session epoch. */
export const PublicPerson = PersonFields.omit({ passwordHash: true, sessionEpoch: true }).superRefine(checkPerson);
export type PublicPerson = z.infer<typeof PublicPerson>;

export function toPublicPerson(person: Person): PublicPerson {
  const { passwordHash: _hash, sessionEpoch: _epoch, ...rest } = person;
  return rest;
}

/** What a caller supplies to create a person; the store fills in id and bookkeeping. */
export const NewPerson = z.object({
  personId: Id.optional(),
  name: PersonName,
  login: Login,
  unitId: Id,
  branchId: Id.nullable().default(null),
  partyStatus: PartyStatus,
  roles: z.array(RoleGrant).max(16).default([{ role: 'staff' }]),
  lang: Lang.default('zh-CN'),
  active: z.boolean().default(true),
  mustChangePassword: z.boolean().default(true),
  passwordHash: z.string().min(1),
  sessionEpoch: z.number().int().min(0).default(0),
});
export type NewPerson = z.input<typeof NewPerson>;

/** The grants of one role a person holds (e.g. every unit they organise). */
export function grantsOf(person: Pick<Person, 'roles'>, role: RoleName): RoleGrant[] {
  return person.roles.filter((grant) => grant.role === role);
}

export function hasRole(person: Pick<Person, 'roles'>, role: RoleName): boolean {
  return person.roles.some((grant) => grant.role === role);
}

/** The claim that makes a login unique: one item per login, naming its owner. */
export const LoginClaim = z.object({
  login: Login,
  personId: Id,
  createdAt: Timestamp,
});
export type LoginClaim = z.infer<typeof LoginClaim>;
