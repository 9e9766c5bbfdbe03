/**
 * The audit log as an office administrator reads it: what changed named by the catalogs' field labels, values in
 * words (unit names for unit ids, 正式党员 for `full`, 10 分钟 for 600 seconds, times in Shanghai), and details as
 * sentences. Nothing recorded is shown raw: an id, a storage key or a code the catalogs do not know is never put on
 * the screen.
 */
import type { Lang } from '../../../functions/shared/constants';
import { isMessageKey, type MessageKey, type Translate } from '../i18n';
import { formatDate, formatDateTime } from './format';
import { joinList, partyStatusKey, partyStatuses, roleKey, unitKindKey, unitKinds, type AuditEntry } from './people-labels';

export interface AuditReading {
  t: Translate;
  lang: Lang;
  /** Unit names by id (the whole tree, retired units included). */
  unitNames: Record<string, string>;
}

export interface AuditChangeLine {
  field: string;
  label: string;
  /** The value before, in words; null when the entry created the record (there was no before). */
  before: string | null;
  after: string;
}

export interface AuditDetailLine {
  key: string;
  /** The label of the detail; null when the text is a whole sentence. */
  label: string | null;
  text: string;
}

/** What a recorded field is about: the entry's target, or a lesson of the course when the entry names one. */
type Subject = AuditEntry['target']['type'] | 'lesson';

const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const unitFields = new Set(['unitId', 'branchId', 'parentId', 'ownerUnitId']);
const fileFields = new Set(['coverKey', 'materialKey']);
const durationFields = new Set(['minSeconds', 'durationSeconds']);
const longText = 60;
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** The label of a recorded field: `audit.field.<subject>.<field>`, or "其他" for a field the catalogs do not know. */
export function auditFieldLabel(t: Translate, subject: Subject, field: string): string {
  const candidates = [`audit.field.${subject}.${field}`, ...(subject === 'course' ? [`audit.field.lesson.${field}`] : [])];
  const key = candidates.find(isMessageKey);
  return key ? t(key as MessageKey) : t('audit.field.other');
}

/** A catalog's word for a code, or the fallback when the code is not one the catalogs know. */
function word(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

/** Free text as recorded, shortened when long; anything that looks like an id is left out. */
function plainText(reading: AuditReading, value: string): string {
  if (ulid.test(value)) return reading.t('audit.value.unknown');
  if (isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, reading.lang);
  const chars = Array.from(value);
  return chars.length > longText ? `${chars.slice(0, longText).join('')}…` : value;
}

function minutes(seconds: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(seconds / 60);
}

/** One recorded value in words. `side` tells a replaced file's "previous" from its "new". */
export function auditValueText(reading: AuditReading, subject: Subject, field: string, value: unknown, side: 'before' | 'after'): string {
  const { t, lang, unitNames } = reading;
  if (isEmpty(value)) return t('audit.value.none');
  if (typeof value === 'boolean') {
    if (field === 'active') return t(value ? 'audit.value.active' : 'audit.value.inactive');
    if (field === 'retired') return t(value ? 'audit.value.retired' : 'audit.value.current');
    return t(value ? 'audit.value.yes' : 'audit.value.no');
  }
  if (fileFields.has(field)) return t(side === 'before' ? 'audit.value.fileBefore' : 'audit.value.fileAfter');
  if (typeof value === 'number') {
    if (field === 'credit') return t('course.creditValue', { credit: value });
    if (durationFields.has(field)) return t('learn.minutes', { n: minutes(value, lang) });
    if (field === 'lessons') return t('audit.value.lessons', { n: value });
    return new Intl.NumberFormat(lang).format(value);
  }
  if (typeof value === 'string') {
    if (unitFields.has(field)) return unitNames[value] ?? t('audit.value.unknownUnit');
    if (field === 'partyStatus' && (partyStatuses as string[]).includes(value)) return t(partyStatusKey(value as (typeof partyStatuses)[number]));
    if (field === 'kind' && subject === 'unit' && (unitKinds as string[]).includes(value)) return t(unitKindKey(value as (typeof unitKinds)[number]));
    if (field === 'kind') return word(t, `lesson.kind.${value}`, t('audit.value.unknown'));
    if (field === 'category') return word(t, `course.category.${value}`, t('audit.value.unknown'));
    if (field === 'status' && subject === 'course') return word(t, `course.status.${value}`, t('audit.value.unknown'));
    if (field === 'lang') return value === 'en' ? 'English' : value === 'zh-CN' ? '简体中文' : t('audit.value.unknown');
    return plainText(reading, value);
  }
  if (Array.isArray(value)) {
    if (field === 'roles') {
      const roles = value
        .map((grant) => (typeof grant === 'object' && grant !== null ? (grant as { role?: unknown; unitId?: unknown }) : {}))
        .filter((grant) => typeof grant.role === 'string' && grant.role !== 'staff')
        .map((grant) => {
          const role = word(t, roleKey(grant.role as 'organizer'), t('audit.value.unknown'));
          return typeof grant.unitId === 'string' ? t('people.roleIn', { role, unit: unitNames[grant.unitId] ?? t('audit.value.unknownUnit') }) : role;
        });
      return roles.length > 0 ? joinList(lang, roles) : t('people.role.staff');
    }
    const items = value.map((item) => (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? auditValueText(reading, subject, field, item, side) : t('audit.value.unknown')));
    return items.length > 0 ? joinList(lang, items) : t('audit.value.none');
  }
  return t('audit.value.unknown');
}

/** Fields only a lesson has: an entry about a course that changed one of them changed a lesson. */
const lessonOnlyFields = ['body', 'url', 'materialKey', 'minSeconds', 'durationSeconds'];

/** Whether the entry records a change to one lesson of a course (it names the lesson, or changed a lesson's field). */
function aboutLesson(entry: AuditEntry): boolean {
  if (entry.target.type !== 'course') return false;
  return typeof entry.details?.lesson === 'string' || lessonOnlyFields.some((field) => Object.hasOwn(entry.changes ?? {}, field));
}

/** What changed, field by field, in the reader's words (a new record lists only the fields it was given). */
export function auditChanges(entry: AuditEntry, reading: AuditReading): AuditChangeLine[] {
  const created = entry.action.startsWith('create');
  const recorded = Object.entries(entry.changes ?? {}).filter(([, change]) => !(created && isEmpty(change.after)));
  return recorded.map(([field, change]) => {
    const subject: Subject = aboutLesson(entry) && field !== 'lessons' ? 'lesson' : entry.target.type;
    return {
      field,
      label: auditFieldLabel(reading.t, subject, field),
      before: created ? null : auditValueText(reading, subject, field, change.before, 'before'),
      after: auditValueText(reading, subject, field, change.after, 'after'),
    };
  });
}

/** A due date: the day alone when it falls due at the end of a Shanghai day (as assignments do), else the time too. */
function dueText(value: string, lang: Lang): string {
  if (Number.isNaN(Date.parse(value))) return value;
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(value));
  return clock === '23:59' ? formatDate(value, lang) : formatDateTime(value, lang);
}

/** The entry's details as short lines: the address of a sign-in, the counts of an import, the due date of a task. */
export function auditDetails(entry: AuditEntry, reading: AuditReading): AuditDetailLine[] {
  const { t, lang } = reading;
  const details = entry.details ?? {};
  const lines: AuditDetailLine[] = [];
  const counts = ['rows', 'created', 'updated', 'unchanged'] as const;
  if (counts.every((key) => typeof details[key] === 'number')) {
    lines.push({ key: 'import', label: null, text: t('audit.detail.import', Object.fromEntries(counts.map((key) => [key, details[key] as number]))) });
  }
  for (const [key, value] of Object.entries(details)) {
    if ((counts as readonly string[]).includes(key) && lines.some((line) => line.key === 'import')) continue;
    // Internal references (the assignment's id) say nothing to a reader; the file name is the entry's own label.
    if (key === 'assignmentId' || (key === 'fileName' && value === entry.target.label)) continue;
    if (key === 'address') {
      lines.push({ key, label: t('audit.detail.address'), text: value === 'unknown' || value === '' ? t('audit.detail.unknownAddress') : String(value) });
    } else if (key === 'dueAt' && typeof value === 'string') {
      lines.push({ key, label: t('audit.detail.dueAt'), text: dueText(value, lang) });
    } else if (key === 'required' && typeof value === 'boolean') {
      lines.push({ key, label: t('audit.detail.required'), text: t(value ? 'learn.task.required' : 'learn.task.elective') });
    } else if (key === 'lesson' && typeof value === 'string') {
      lines.push({ key, label: t('audit.detail.lesson'), text: plainText(reading, value) });
    } else {
      lines.push({ key, label: t('audit.field.other'), text: auditValueText(reading, entry.target.type, key, value, 'after') });
    }
  }
  return lines;
}
