/**
 * What getMe says each demo person may do (`capabilities`): what the shell's navigation, the admin pages and the
 * status page go by. It must follow the permission table, and the sign-in answer must say the same as getMe.
 */
import { describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs, sessionCookieFrom } from '../helpers/sign-in.js';
import { capabilityNames, capabilityOperations } from '../../functions/domain/authz/capabilities.js';
import { authorize, type Actor } from '../../functions/domain/authz/permissions.js';

const { app } = useLocalPlatform();

/** Each demo login and what it should be offered. */
const expected: Record<string, string[]> = {
  staff1: ['study', 'ownAccount', 'attendSessions', 'keepPledges', 'inbox'],
  staff2: ['study', 'ownAccount', 'attendSessions', 'keepPledges', 'inbox'],
  staff3: ['study', 'ownAccount', 'attendSessions', 'keepPledges', 'inbox'],
  organizer1: ['study', 'ownAccount', 'readPeople', 'editCourses', 'editQuizzes', 'readQuizStats', 'readCompletion', 'editQuestions', 'attendSessions', 'organizeSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'ratePledges', 'readOverview', 'readFlags', 'inbox', 'remindOverdue'],
  organizer2: ['study', 'ownAccount', 'readPeople', 'editCourses', 'editQuizzes', 'readQuizStats', 'readCompletion', 'editQuestions', 'attendSessions', 'organizeSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'ratePledges', 'readOverview', 'readFlags', 'inbox', 'remindOverdue'],
  leader: ['study', 'ownAccount', 'readPeople', 'readQuizStats', 'readCompletion', 'attendSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'readOverview', 'readFlags', 'inbox'],
  admin: ['study', 'ownAccount', 'readPeople', 'managePeople', 'editCourses', 'editQuizzes', 'readQuizStats', 'readCompletion', 'editQuestions', 'administer', 'attendSessions', 'organizeSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'ratePledges', 'readOverview', 'readFlags', 'inbox', 'remindOverdue', 'readOutbox'],
  // 三员分立: the security administrator grants roles (reading the people to do so) and keeps the display links; the
  // audit administrator reads the audit log; both otherwise as the staff they also are.
  security: ['study', 'ownAccount', 'readPeople', 'grantRoles', 'manageDisplayLinks', 'attendSessions', 'keepPledges', 'inbox'],
  auditor: ['study', 'ownAccount', 'readAudit', 'attendSessions', 'keepPledges', 'inbox'],
  // Seeded with a password to change: nothing but the own account until then.
  zw0003: ['ownAccount'],
};

/** The capabilities the permission table gives a person with these roles, worked out with authorize() itself. */
function fromTable(me: { roles: Actor['roles']; mustChangePassword: boolean }): string[] {
  const actor: Actor = { personId: 'p', name: 'n', login: 'l', unitId: 'u', branchId: null, lang: 'zh-CN', sessionId: 's', ...me };
  return capabilityNames.filter((name) =>
    capabilityOperations[name].every((operation) => {
      try {
        authorize(actor, operation);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

describe('getMe capabilities', () => {
  for (const [login, capabilities] of Object.entries(expected)) {
    it(`${login}: ${capabilities.join(', ')}`, async () => {
      const signedIn = await requestAs(app, null, 'POST', '/api/auth/login', { login, password: 'demo1234' });
      expect(signedIn.status).toBe(200);
      const me = await requestAs(app, sessionCookieFrom(signedIn.headers), 'GET', '/api/me');
      expect(me.status).toBe(200);
      expect(me.body.capabilities).toEqual(capabilities);
      expect(me.body.capabilities).toEqual(fromTable(me.body));
      expect(signedIn.body.me.capabilities).toEqual(capabilities);
      // Each capability says how far it reaches: the units the person's grants name, or everywhere.
      expect(Object.keys(me.body.reach)).toEqual(capabilities);
      expect(signedIn.body.me.reach).toEqual(me.body.reach);
      const granted = (me.body.roles as { role: string; unitId?: string }[]).filter((grant) => grant.role === 'organizer').map((grant) => grant.unitId);
      if (capabilities.includes('editCourses')) expect(me.body.reach.editCourses).toEqual(login === 'admin' ? 'all' : granted);
    });
  }

  it('offers nothing to nobody: getMe without a session is a 401', async () => {
    const me = await requestAs(app, null, 'GET', '/api/me');
    expect(me.status).toBe(401);
    expect(me.body.capabilities).toBeUndefined();
  });
});
