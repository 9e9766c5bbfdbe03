import { describe, expect, it } from 'vitest';
import { capabilitiesOf, capabilityNames, capabilityOperations, mayPerform, reachOf } from './capabilities.js';
import { permissions, type Actor } from './permissions.js';
import type { RoleGrant } from './schema.js';

const actor = (roles: RoleGrant[], mustChangePassword = false): Actor => ({
  personId: '01J00000000000000000000001',
  name: '测试',
  login: 'test',
  unitId: '01J00000000000000000000002',
  branchId: null,
  roles,
  lang: 'zh-CN',
  mustChangePassword,
  sessionId: 'session',
});

const unit = '01J00000000000000000000003';

describe('capabilities', () => {
  it('are read off the permission table for each role', () => {
    expect(capabilitiesOf(actor([{ role: 'staff' }]))).toEqual(['study', 'ownAccount', 'attendSessions', 'keepPledges', 'inbox']);
    expect(capabilitiesOf(actor([{ role: 'staff' }, { role: 'organizer', unitId: unit }]))).toEqual(['study', 'ownAccount', 'readPeople', 'editCourses', 'editQuizzes', 'readQuizStats', 'readCompletion', 'editQuestions', 'attendSessions', 'organizeSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'ratePledges', 'readOverview', 'readFlags', 'inbox', 'remindOverdue']);
    expect(capabilitiesOf(actor([{ role: 'staff' }, { role: 'leader', unitId: unit }]))).toEqual(['study', 'ownAccount', 'readPeople', 'readQuizStats', 'readCompletion', 'attendSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'readOverview', 'readFlags', 'inbox']);
    expect(capabilitiesOf(actor([{ role: 'staff' }, { role: 'sysadmin' }]))).toEqual(['study', 'ownAccount', 'readPeople', 'managePeople', 'editCourses', 'editQuizzes', 'readQuizStats', 'readCompletion', 'editQuestions', 'administer', 'attendSessions', 'organizeSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'ratePledges', 'readOverview', 'readFlags', 'inbox', 'remindOverdue', 'readOutbox']);
    expect(capabilitiesOf(actor([{ role: 'staff' }, { role: 'secadmin' }]))).toEqual(['study', 'ownAccount', 'readPeople', 'grantRoles', 'manageDisplayLinks', 'attendSessions', 'keepPledges', 'inbox']);
    expect(capabilitiesOf(actor([{ role: 'staff' }, { role: 'auditor' }]))).toEqual(['study', 'ownAccount', 'readAudit', 'attendSessions', 'keepPledges', 'inbox']);
  });

  it('keep the three administrators apart: each administrator capability belongs to one of them only', () => {
    const holders = (name: (typeof capabilityNames)[number]) =>
      (['sysadmin', 'secadmin', 'auditor'] as const).filter((role) => capabilitiesOf(actor([{ role }])).includes(name));
    expect(holders('administer')).toEqual(['sysadmin']);
    expect(holders('managePeople')).toEqual(['sysadmin']);
    expect(holders('grantRoles')).toEqual(['secadmin']);
    expect(holders('manageDisplayLinks')).toEqual(['secadmin']);
    expect(holders('readAudit')).toEqual(['auditor']);
    // The auditor reaches nothing but the audit log: no people, no content, no figures.
    expect(capabilitiesOf(actor([{ role: 'auditor' }]))).toEqual(['readAudit']);
  });

  it('combine across roles, and shrink to the own account while a new password is owed', () => {
    expect(capabilitiesOf(actor([{ role: 'organizer', unitId: unit }, { role: 'leader', unitId: unit }]))).toEqual(['study', 'ownAccount', 'readPeople', 'editCourses', 'editQuizzes', 'readQuizStats', 'readCompletion', 'editQuestions', 'attendSessions', 'organizeSessions', 'readCadence', 'keepPledges', 'reviewPledges', 'ratePledges', 'readOverview', 'readFlags', 'inbox', 'remindOverdue']);
    expect(capabilitiesOf(actor([{ role: 'staff' }, { role: 'sysadmin' }], true))).toEqual(['ownAccount']);
    expect(capabilitiesOf(actor([]))).toEqual([]);
  });

  it('name only operations of the table, none of them public (a public one would offer a part to everybody)', () => {
    for (const name of capabilityNames) {
      for (const operation of capabilityOperations[name]) {
        expect(Object.hasOwn(permissions, operation), `${name}: ${operation}`).toBe(true);
        expect(permissions[operation], `${name}: ${operation}`).not.toBe('public');
      }
    }
  });

  it('hold exactly when every operation behind them is allowed', () => {
    const people = [[{ role: 'staff' }], [{ role: 'organizer', unitId: unit }], [{ role: 'leader', unitId: unit }], [{ role: 'sysadmin' }], [{ role: 'secadmin' }], [{ role: 'auditor' }]] as RoleGrant[][];
    for (const roles of people) {
      const who = actor(roles);
      for (const name of capabilityNames) {
        const allowed = capabilityOperations[name].every((operation) => mayPerform(who, operation));
        expect(capabilitiesOf(who).includes(name), `${roles[0]!.role}: ${name}`).toBe(allowed);
      }
    }
  });

  it('reach as far as the grants behind them: everywhere, the subtrees of the granted units, or one’s own records', () => {
    const other = '01J00000000000000000000004';
    expect(reachOf(actor([{ role: 'staff' }]))).toEqual({ study: [], ownAccount: [], attendSessions: [], keepPledges: [], inbox: [] });
    expect(reachOf(actor([{ role: 'staff' }, { role: 'organizer', unitId: unit }]))).toMatchObject({ readPeople: [unit], editCourses: [unit], readCompletion: [unit] });
    // A leader of one unit and organizer of another reads figures in both, and edits courses only in the second.
    expect(reachOf(actor([{ role: 'leader', unitId: unit }, { role: 'organizer', unitId: other }]))).toMatchObject({ readCompletion: [unit, other], editCourses: [other] });
    expect(reachOf(actor([{ role: 'staff' }, { role: 'sysadmin' }]))).toMatchObject({ editCourses: 'all', readCompletion: 'all', administer: 'all', managePeople: 'all' });
    // Only capabilities the person has are named.
    expect(Object.keys(reachOf(actor([{ role: 'staff' }, { role: 'sysadmin' }], true)))).toEqual(['ownAccount']);
  });
});
