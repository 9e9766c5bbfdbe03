/**
 * The demo inbox (dev/seed.ts calls this once, after the pledges): staff1 has e-mail reminders on (a made-up
 * address), a pledge returned by the branch (an event, unread) and today's digest (a task due in three days, a
 * session tomorrow, make-up study), so the bell shows a count and the admin's outbox (/admin/outbox) holds what would
 * have been e-mailed. Written through the area's own delivery, as the job and the events write them.
 */
import { clock } from '../functions/platform/clock.js';
import { newId } from '../functions/platform/ids.js';
import { everyone } from '../functions/domain/people/directory.js';
import { deliver } from '../functions/domain/notifications/notify.js';
import { digestId } from '../functions/domain/notifications/entities.js';
import { putSettings } from '../functions/domain/notifications/store.js';
import { addDays, shanghaiDay } from '../functions/domain/practice/days.js';
import type { Settings } from '../functions/domain/notifications/schema.js';

export async function seedDemoNotifications(now = clock.now()): Promise<{ notifications: number }> {
  const staff1 = (await everyone()).find((person) => person.login === 'staff1');
  if (!staff1) throw new Error('seed: no staff1 for the demo inbox');
  const settings: Settings = { muted: [], email: true, emailAddress: 'staff1@example.com', lang: 'zh-CN', updatedAt: now.toISOString() };
  await putSettings(staff1.personId, settings);
  const today = shanghaiDay(now);
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000).toISOString();
  const base = { personId: staff1.personId, readAt: null };
  let written = 0;
  const count = async (done: Promise<boolean>) => {
    if (await done) written++;
  };
  await count(
    deliver(
      {
        ...base,
        notificationId: newId(),
        kind: 'pledgeReturned',
        params: { content: '窗口服务零差评，群众满意率不低于 98%', reason: '措施请写得具体些，例如每月回访几位办事群众' },
        link: '/pledges',
        createdAt: at(3),
      },
      settings,
      now,
    ),
  );
  await count(
    deliver(
      {
        ...base,
        notificationId: digestId(today),
        kind: 'digest',
        day: today,
        params: { count: 3 },
        link: null,
        createdAt: at(1),
        lines: [
          { kind: 'dueIn3Days', params: { title: '政务服务条例解读', dueAt: `${addDays(today, 3)}T09:00:00.000Z` }, link: '/learn' },
          { kind: 'sessionTomorrow', params: { topic: '主题党日：重温入党誓词', startsAt: `${addDays(today, 1)}T06:30:00.000Z`, place: '三楼会议室' }, link: '/sessions' },
          { kind: 'makeUpDue', params: { count: 1 }, link: '/sessions' },
        ],
      },
      settings,
      now,
    ),
  );
  return { notifications: written };
}
