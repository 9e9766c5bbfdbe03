/**
 * The year-end archive of a branch (组织生活台账) as a workbook an inspector opens in Excel or WPS: every session with
 * its type, date, topic, host and attendance; every roster row; every member's year. Texts in the reader's language.
 */
import { apiMessage } from '../../platform/i18n.js';
import { localTime } from '../stats/spreadsheet.js';
import { currentLang } from '../../platform/request-scope.js';
import { toXlsx, XLSX_TYPE } from '../../platform/xlsx.js';
import { statusOf } from './attendance.js';
import { archiveMessages as m } from './messages.js';
import { SESSION_TYPES, type AttendanceRecord, type Session } from './schema.js';

interface ArchiveInput {
  branchName: string;
  year: number;
  sessionsFull: Session[];
  records: AttendanceRecord[];
  people: { personId: string; name: string; unitName: string; expected: number; attended: number; leave: number; absent: number; madeUp: number; outstanding: number; rate: number | null; lastAttendedAt: string | null; inactive: boolean | null }[];
  personNames: Map<string, string>;
  hostNames: Map<string, string>;
}

/** Shanghai wall-clock time as the platform's other workbooks write it (2027-03-10 09:30), or its date or time. */
const shanghai = (iso: string, part: 'date' | 'time' | 'both') => {
  const text = localTime(iso);
  return part === 'date' ? text.slice(0, 10) : part === 'time' ? text.slice(11) : text;
};

export function archiveWorkbook(input: ArchiveInput): { fileName: string; contentType: string; body: Uint8Array } {
  const lang = currentLang();
  const t = (key: keyof typeof m, params?: Record<string, string | number>) => apiMessage(lang, m[key], params);
  const typeName = (code: string) => {
    const type = SESSION_TYPES.find((x) => x.code === code);
    return type ? (lang === 'en' ? type.en : type.zh) : code;
  };
  const sessions = [...input.sessionsFull].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const sessionRows = sessions.map((s) => [
    shanghai(s.startsAt, 'date'),
    `${shanghai(s.startsAt, 'time')}–${shanghai(s.endsAt, 'time')}`,
    typeName(s.type),
    s.topic,
    s.place,
    input.hostNames.get(s.hostId) ?? '',
    s.recorderId ? (input.hostNames.get(s.recorderId) ?? '') : '',
    t(s.state),
    s.tally?.expected ?? null,
    s.tally?.present ?? null,
    s.tally?.late ?? null,
    s.tally?.leave ?? null,
    s.tally?.absent ?? null,
    s.tally?.madeUp ?? null,
  ]);
  const byId = new Map(sessions.map((s) => [s.sessionId, s]));
  const rosterRows = [...input.records]
    .sort((a, b) => a.sessionStartsAt.localeCompare(b.sessionStartsAt) || (input.personNames.get(a.personId) ?? '').localeCompare(input.personNames.get(b.personId) ?? '', 'zh-CN'))
    .map((r) => {
      const s = byId.get(r.sessionId);
      return [
        shanghai(r.sessionStartsAt, 'date'),
        s ? typeName(s.type) : '',
        s?.topic ?? '',
        input.personNames.get(r.personId) ?? r.personId,
        t(statusOf(r)),
        r.checkedInAt ? shanghai(r.checkedInAt, 'both') : '',
        r.makeUp ? t(r.makeUp.state) : '',
      ];
    });
  const peopleRows = input.people.map((p) => [
    p.name,
    p.unitName,
    p.expected,
    p.attended,
    p.leave,
    p.absent,
    p.madeUp,
    p.outstanding,
    p.rate === null ? null : `${Math.round(p.rate * 100)}%`,
    p.lastAttendedAt ? shanghai(p.lastAttendedAt, 'date') : '',
    p.inactive === null ? '' : t(p.inactive ? 'yes' : 'no'),
  ]);
  const body = toXlsx([
    {
      name: t('sheetSessions'),
      rows: [[t('date'), t('time'), t('type'), t('topic'), t('place'), t('host'), t('recorder'), t('state'), t('expected'), t('present'), t('late'), t('leave'), t('absent'), t('madeUp')], ...sessionRows],
    },
    { name: t('sheetRoster'), rows: [[t('date'), t('type'), t('topic'), t('name'), t('status'), t('checkedInAt'), t('makeUp')], ...rosterRows] },
    {
      name: t('sheetPeople'),
      rows: [[t('name'), t('unit'), t('expected'), t('attended'), t('leave'), t('absent'), t('madeUp'), t('outstanding'), t('rate'), t('lastAttended'), t('inactive')], ...peopleRows],
    },
  ]);
  return { fileName: t('fileName', { branch: input.branchName, year: input.year }), contentType: XLSX_TYPE, body };
}
