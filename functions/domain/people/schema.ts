/**
 * People and their sign-in names: the shapes the domain and the API speak (storage shapes live in entities.ts).
 * Units are the org area's; roles and grants are authz's (a person holds them, authz reads them).
 */
import { z } from 'zod';
import { apiMessage, languages, type MessageRef } from '../../platform/i18n.js';
import { Id, Timestamp, text } from '../../platform/fields.js';
import { currentLang } from '../../platform/request-scope.js';
import { RoleGrant, RoleGrants, grantKey } from '../authz/schema.js';
import { authzMessages } from '../authz/messages.js';
import { peopleLabels, peopleMessages } from './messages.js';

/** A validation message in the language of the request being served. */
const say = (key: MessageRef) => apiMessage(currentLang(), key);

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
  .regex(/^[a-z0-9._-]+$/, { error: () => say(peopleMessages.loginCharacters) });
export type Login = z.infer<typeof Login>;

/** The canonical form of a login, or undefined when it cannot be one. */
export function normaliseLogin(raw: string): Login | undefined {
  const parsed = Login.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export const PersonName = text({ label: peopleLabels.personName, max: 40 });

/** 正式党员 / 预备党员 / 群众. */
export const partyStatuses = ['full', 'probationary', 'none'] as const;
export const PartyStatus = z.enum(partyStatuses);
export type PartyStatus = z.infer<typeof PartyStatus>;

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
    ctx.addIssue({ code: 'custom', path: ['branchId'], message: say(peopleMessages.noBranchForMasses) });
  }
  const seen = new Set<string>();
  for (const [i, grant] of person.roles.entries()) {
    const key = grantKey(grant);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['roles', i], message: say(authzMessages.roleTwice) });
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

/** The claim that makes a login unique: one item per login, naming its owner. */
export const LoginClaim = z.object({
  login: Login,
  personId: Id,
  createdAt: Timestamp,
});
export type LoginClaim = z.infer<typeof LoginClaim>;

/** Who holds a login: a person (the claim's person, still at that login), or a claim whose person is missing or moved. */
export type LoginHolder = { kind: 'person'; person: Person } | { kind: 'orphan'; personId: string };

// ─── Inputs of the use cases ───────────────────────────────────────────────────────────────────────────────────────

const PersonFieldsInput = {
  name: PersonName,
  login: Login,
  unitId: Id,
  partyStatus: PartyStatus,
  /** The Party branch; for members it defaults to the branch the unit lies in. */
  branchId: Id.nullable().optional(),
  roles: RoleGrants.optional(),
  lang: z.enum(languages).optional(),
};

export const CreatePersonInput = z
  .object({ ...PersonFieldsInput, initialPassword: z.string().min(8).max(200).optional() })
  .strict();

export const UpdatePersonInput = z
  .object({
    version: z.number().int().min(1),
    name: PersonFieldsInput.name.optional(),
    login: PersonFieldsInput.login.optional(),
    unitId: PersonFieldsInput.unitId.optional(),
    partyStatus: PersonFieldsInput.partyStatus.optional(),
    branchId: PersonFieldsInput.branchId,
    roles: PersonFieldsInput.roles,
    lang: PersonFieldsInput.lang,
    active: z.boolean().optional(),
  })
  .strict();

/** The roles a person holds from now on (staff is always kept), and the version read. */
export const SetPersonRolesInput = z.object({ version: z.number().int().min(1), roles: RoleGrants }).strict();

export const ResetPasswordInput = z.object({ newPassword: z.string().min(8).max(200).optional() }).strict();

export const ListPeopleQuery = z.object({
  q: text({ label: peopleLabels.searchWords, max: 40, min: 0 }).optional(),
  unitId: Id.optional(),
  includeDisabled: z.boolean().optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
