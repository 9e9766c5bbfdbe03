import { isMessageKey, type MessageKey, type Translate } from '../i18n';
import type { components } from './api-types';

export type Person = components['schemas']['Person'];
export type UnitInTree = components['schemas']['UnitInTree'];
export type PartyStatus = Person['partyStatus'];
export type RoleName = Person['roles'][number]['role'];
export type UnitKind = UnitInTree['kind'];
export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditAction = AuditEntry['action'];

export const partyStatuses: PartyStatus[] = ['full', 'probationary', 'none'];
export const unitKinds: UnitKind[] = ['bureau', 'branch', 'department', 'group'];

export const partyStatusKey = (status: PartyStatus): MessageKey => `people.partyStatus.${status}`;
export const roleKey = (role: RoleName): MessageKey => `people.role.${role}`;
export const unitKindKey = (kind: UnitKind): MessageKey => `units.kind.${kind}`;
/** Every action the API records has its words in the catalogs: the type check fails on one that has none. */
type ActionKey = `audit.action.${AuditAction}`;
const everyActionHasWords: ActionKey extends MessageKey ? true : never = true;
void everyActionHasWords;

/** The words for an audit action (an entry read from an older or newer server with another action shows its code). */
export function auditActionText(t: Translate, action: AuditAction | string): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** A role as people read it: 组织者（机关第一党支部）. */
export function roleText(t: Translate, grant: Person['roles'][number]): string {
  const role = t(roleKey(grant.role));
  return grant.unitName ? t('people.roleIn', { role, unit: grant.unitName }) : role;
}

/** The roles worth showing: everyone is staff, so staff is named only when it is all a person has. */
export function visibleRoles(roles: Person['roles']): Person['roles'] {
  const others = roles.filter((grant) => grant.role !== 'staff');
  return others.length > 0 ? others : roles;
}

/** Indentation for a unit in a `<select>` (options cannot be styled): one ideographic space per level. */
export function indentedName(unit: Pick<UnitInTree, 'depth' | 'name'>): string {
  return `${'\u3000'.repeat(unit.depth)}${unit.name}`;
}

/** A short list in running text: 甲、乙 in Chinese, A, B in English. */
export function joinList(lang: string, items: string[]): string {
  return items.join(lang === 'zh-CN' ? '、' : ', ');
}

/**
 * A unit's path for a list: everybody sits under the bureau, so its name is left out (机关第一党支部 / 第一支部综合党小组);
 * the bureau itself keeps its name.
 */
export function shortPath(unitPath: string): string {
  const parts = unitPath.split('/');
  return (parts.length > 1 ? parts.slice(1) : parts).join(' / ');
}
