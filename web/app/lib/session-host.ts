/**
 * What the host's and organizer's session pages share on both sides: the labels of types, marks and states, and
 * Shanghai wall-clock times for `datetime-local` fields (China keeps UTC+8 all year, so the offset is fixed).
 */
import type { MessageKey } from '../i18n';
import type { components } from './api-types';

export type SessionView = components['schemas']['SessionView'];
export type SessionTypeCode = SessionView['type'];
export type Roster = components['schemas']['Roster'];
export type RosterRow = components['schemas']['RosterRow'];
export type CheckInCode = components['schemas']['CheckInCode'];
export type AttendanceMark = 'present' | 'late' | 'leave' | 'absent';
export type AttendanceStatus = AttendanceMark | 'madeUp';

/** The ten kinds of session, in the order the form offers them. */
export const sessionTypes: readonly SessionTypeCode[] = [
  'branchCongress',
  'committee',
  'groupMeeting',
  'partyLecture',
  'themeDay',
  'lifeMeeting',
  'democraticReview',
  'topicStudy',
  'oathRenewal',
  'other',
];

export const attendanceMarks: readonly AttendanceMark[] = ['present', 'late', 'leave', 'absent'];

/** The words for a type and a roster status are the sessions catalogue's, shared with the members' pages; only "not marked" is the roster's own. */
export { typeKey, clock as shanghaiClock } from './sessions-member';
export const statusKey = (status: AttendanceStatus | null) => (status === null ? 'sessionHost.status.unmarked' : `sessions.status.${status}`) as MessageKey;
export const stateKey = (state: SessionView['state']) => `sessionHost.state.${state}` as MessageKey;

const SHANGHAI_MS = 8 * 60 * 60 * 1000;
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** An instant as a `datetime-local` value in Shanghai (2027-03-05T14:30); '' for a missing or unreadable one. */
export function toShanghaiInput(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms + SHANGHAI_MS).toISOString().slice(0, 16) : '';
}

/** A `datetime-local` value read as Shanghai time, as the API's ISO instant with +08:00; null when it is not one. */
export function fromShanghaiInput(value: string): string | null {
  const match = localPattern.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi));
  // Refuse impossible dates (31 February) rather than let them roll over.
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return `${value.trim()}:00+08:00`;
}

/** The people a roster counts as "present" on the check-in screen: present and late. */
export function attended(counts: { present: number; late: number }): number {
  return counts.present + counts.late;
}

/** The minutes' text as blocks: lines starting with # become headings, other runs of lines paragraphs. */
export function minutesBlocks(text: string): Array<{ kind: 'heading' | 'paragraph'; text: string }> {
  const blocks: Array<{ kind: 'heading' | 'paragraph'; text: string }> = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const heading = /^#{1,6}\s*(.*)$/.exec(line.trim());
    if (heading) {
      flush();
      if (heading[1]) blocks.push({ kind: 'heading', text: heading[1] });
    } else if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** The six digits of a personal code as typed (spaces and dashes dropped); null unless six digits remain. */
export function sixDigits(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
