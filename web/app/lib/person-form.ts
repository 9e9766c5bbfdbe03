import type { Lang } from '../../../functions/shared/constants';
import { isLang } from '../../../functions/shared/constants';
import type { MessageKey } from '../i18n';
import type { PartyStatus, Person } from './people-labels';
import { partyStatuses } from './people-labels';

/** A scoped role row of the form: ticked or not, and the unit it reaches. */
export interface RoleRow {
  on: boolean;
  unitId: string;
}

export type ScopedRole = 'organizer' | 'leader';
export type AdminRole = 'sysadmin' | 'secadmin' | 'auditor';
export const adminRoles: AdminRole[] = ['sysadmin', 'secadmin', 'auditor'];
const isAdminRole = (role: string): role is AdminRole => (adminRoles as string[]).includes(role);
export const scopedRoles: ScopedRole[] = ['organizer', 'leader'];

/**
 * What the person form holds, as typed. Scoped roles are rows (a person may organise two branches): editing shows
 * one ticked row per grant they hold and one empty row to add another; creating shows one empty row.
 */
export interface PersonFormValues {
  name: string;
  login: string;
  unitId: string;
  partyStatus: PartyStatus;
  branchId: string;
  roles: Record<ScopedRole, RoleRow[]>;
  /**
   * The administrator role the person holds ('' for none), kept as it is: the account form does not change it (the
   * security administrator grants it on the person's page, 三员分立).
   */
  adminRole: AdminRole | '';
  lang: Lang;
  initialPassword: string;
  active: boolean;
}

const emptyRow = (): RoleRow => ({ on: false, unitId: '' });

export function blankPersonValues(lang: Lang): PersonFormValues {
  return {
    name: '',
    login: '',
    unitId: '',
    partyStatus: 'full',
    branchId: '',
    roles: { organizer: [emptyRow()], leader: [emptyRow()] },
    adminRole: '',
    lang,
    initialPassword: '',
    active: true,
  };
}

export function personValues(person: Person): PersonFormValues {
  const rows = (role: ScopedRole) => [
    ...person.roles.filter((grant) => grant.role === role).map((grant) => ({ on: true, unitId: grant.unitId ?? '' })),
    emptyRow(),
  ];
  return {
    name: person.name,
    login: person.login,
    unitId: person.unitId,
    partyStatus: person.partyStatus,
    branchId: person.branchId ?? '',
    roles: { organizer: rows('organizer'), leader: rows('leader') },
    adminRole: person.roles.map((grant) => grant.role).find(isAdminRole) ?? '',
    lang: person.lang,
    initialPassword: '',
    active: person.active,
  };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** Reads the form back as typed (so a refused submission can be shown again unchanged). */
export function readPersonForm(form: FormData, fallbackLang: Lang): PersonFormValues {
  const status = text(form, 'partyStatus');
  const lang = text(form, 'lang');
  const rows = (role: ScopedRole): RoleRow[] => {
    const count = Math.min(Math.max(Number(text(form, `${role}Rows`)) || 1, 1), 16);
    return Array.from({ length: count }, (_, i) => ({ on: form.get(`${role}.${i}`) === 'on', unitId: text(form, `${role}.${i}.unitId`) }));
  };
  return {
    name: text(form, 'name'),
    login: text(form, 'login'),
    unitId: text(form, 'unitId'),
    partyStatus: (partyStatuses as string[]).includes(status) ? (status as PartyStatus) : 'full',
    branchId: text(form, 'branchId'),
    roles: { organizer: rows('organizer'), leader: rows('leader') },
    adminRole: isAdminRole(text(form, 'adminRole')) ? (text(form, 'adminRole') as AdminRole) : '',
    lang: isLang(lang) ? lang : fallbackLang,
    initialPassword: typeof form.get('initialPassword') === 'string' ? (form.get('initialPassword') as string) : '',
    active: form.get('active') === 'on',
  };
}

/** A ticked scoped role without a unit: said before asking the API, which would only say "invalid". */
export function missingScope(values: PersonFormValues): { role: ScopedRole; key: MessageKey } | undefined {
  for (const role of scopedRoles) {
    if (values.roles[role].some((row) => row.on && !row.unitId)) return { role, key: 'people.form.scopeMissing' };
  }
  return undefined;
}

/** The roles to send (staff is added by the API). */
export function rolesOf(values: PersonFormValues): { role: ScopedRole | AdminRole; unitId?: string }[] {
  const grants: { role: ScopedRole | AdminRole; unitId?: string }[] = [];
  const seen = new Set<string>();
  for (const role of scopedRoles) {
    for (const row of values.roles[role]) {
      const key = `${role}@${row.unitId}`;
      if (!row.on || !row.unitId || seen.has(key)) continue;
      seen.add(key);
      grants.push({ role, unitId: row.unitId });
    }
  }
  if (values.adminRole) grants.push({ role: values.adminRole });
  return grants;
}

/**
 * The Party branch to send: people who are not members belong to none (whatever the select says); for members an
 * empty choice lets the API take the branch their unit lies in.
 */
export function branchOf(values: PersonFormValues): string | null | undefined {
  if (values.partyStatus === 'none') return null;
  return values.branchId === '' ? undefined : values.branchId;
}

/** Field names the API reports problems under, and the labels the form shows for them. */
/** The fields the create and edit forms send alike (the branch only when the form named one). */
export function personBody(values: PersonFormValues) {
  const branchId = branchOf(values);
  return {
    name: values.name,
    login: values.login,
    unitId: values.unitId,
    partyStatus: values.partyStatus,
    ...(branchId !== undefined ? { branchId } : {}),
    roles: rolesOf(values),
    lang: values.lang,
  };
}
