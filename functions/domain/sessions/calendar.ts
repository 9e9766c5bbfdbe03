/**
 * A session as an iCalendar file (RFC 5545) for a member's phone: times in UTC (every calendar shows them in its own
 * zone), the place, the agenda, a reminder an hour before, and CANCELLED once it is cancelled. The same `uid` and a
 * `sequence` from the session's version let a calendar that imported it once update its copy.
 */
import { createEvent } from 'ics';
import type { Lang } from '../../platform/i18n.js';
import { SESSION_TYPES, type Session } from './schema.js';

export function calendarFile(session: Session, names: { branchName: string; hostName: string }, lang: Lang): { fileName: string; contentType: string; body: string } {
  const type = SESSION_TYPES.find((t) => t.code === session.type)!;
  const typeName = lang === 'en' ? type.en : type.zh;
  const hostLine = lang === 'en' ? `Host: ${names.hostName}` : `主持人：${names.hostName}`;
  const place = session.place || (session.online ? (lang === 'en' ? 'Online' : '线上') : '');
  const { error, value } = createEvent({
    uid: `${session.sessionId}@dangjian`,
    sequence: session.version,
    productId: 'dangjian/sessions',
    start: new Date(session.startsAt).getTime(),
    end: new Date(session.endsAt).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `【${typeName}】${session.topic}`,
    description: [names.branchName, hostLine, session.agenda].filter(Boolean).join('\n'),
    ...(place ? { location: place } : {}),
    status: session.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    alarms: session.state === 'cancelled' ? [] : [{ action: 'display', description: session.topic, trigger: { hours: 1, before: true } }],
    lastModified: new Date(session.updatedAt).getTime(),
  });
  if (error || !value) throw error ?? new Error('calendar file not made');
  return { fileName: `${session.topic.slice(0, 40)}.ics`, contentType: 'text/calendar; charset=utf-8', body: value };
}
