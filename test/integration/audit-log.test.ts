/**
 * The audit log as an 等保 assessor reads it (docs/decisions/047):
 * (1) append only: no code path updates or deletes an audit entry, and nothing gives one an expiry;
 * (2) every mutating operation of the three administrators leaves an entry naming who did it, driven from the
 *     permission matrix's samples (test/helpers/operation-samples.ts), so a new operation cannot be forgotten;
 * (3) 三员分立 at the API: two administrator roles refused in the person's language, nobody changes their own roles,
 *     the last security administrator keeps the role, the system administrator grants no administrator role;
 * (4) the audit administrator alone reads and exports the log, and the export is itself recorded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs, signIn } from '../helpers/sign-in.js';
import { loadFixtures, loginOf, samples, sampleContext, type Fixtures, type OperationSample } from '../helpers/operation-samples.js';
import { auditEntity } from '../../functions/domain/audit/entities.js';
import * as auditStore from '../../functions/domain/audit/store.js';
import { table } from '../../functions/platform/table.js';

const { app } = useLocalPlatform();
const administrators = ['admin', 'security', 'auditor'] as const;
type Administrator = (typeof administrators)[number];
const sessions = {} as Record<Administrator, string>;
let fixtures: Fixtures;
const ctx = sampleContext(() => ({ app, fixtures, adminCookie: sessions.admin }), 'audit');

beforeAll(async () => {
  for (const who of administrators) sessions[who] = await signIn(app, loginOf[who]);
  fixtures = await loadFixtures(app, sessions.admin);
});

// ─── (1) append only ─────────────────────────────────────────────────────────────────────────────────────────────

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the audit log is append only', () => {
  const files = sourceFiles('functions').map((path) => ({ path: relative('.', path), text: readFileSync(path, 'utf8') }));

  it('its store offers appending and reading, nothing else', () => {
    expect(Object.keys(auditStore).sort()).toEqual(['insertAuditEntry', 'queryAudit']);
    const store = files.find((f) => f.path === 'functions/domain/audit/store.ts')!.text;
    expect(store).toMatch(/auditEntity\(\)\s*\.create\(/);
    expect(store).not.toMatch(/\.(update|patch|put|upsert|delete|remove)\(/);
  });

  it('no code outside the audit area reaches its items: neither the entity nor the AUDIT key prefix', () => {
    const outside = files.filter((f) => !f.path.startsWith('functions/domain/audit/'));
    const offenders = outside.filter((f) => /auditEntity|createAuditEntity|audit\/(store|entities)\.js|['"`]AUDIT#/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('gives an entry no expiry: the table’s time-to-live attribute is not one of its attributes', () => {
    const entity = auditEntity();
    const attributes = Object.keys((entity.schema as { attributes: Record<string, unknown> }).attributes);
    expect(attributes).toContain('auditId');
    expect(attributes).not.toContain(table.ttlAttribute);
  });
});

// ─── (2) every administrator's change is recorded ──────────────────────────────────────────────────────────────

/** The administrator a mutating sample is run as: the first of the three whose role the matrix allows. */
function administratorOf(sample: OperationSample): Administrator | undefined {
  return administrators.find((who) => sample.expect[who] === 'allow');
}

/**
 * Mutating operations of an administrator that change nothing kept (or nothing of the administration), and why.
 * Anything else that an administrator may do with POST, PUT, PATCH or DELETE must leave an entry.
 */
const recordsNothing: Record<string, string> = {
  login: 'a sign-in is recorded as signIn (the access area), checked in test/integration/access.test.ts',
  setLanguage: 'the language of one’s own pages',
  previewImport: 'a preview changes nothing; its confirm is recorded',
  previewQuestionImport: 'a preview changes nothing; its confirm is recorded',
  checkUpload: 'checks one’s own upload before it is used; the course or record it goes into is recorded',
  refreshCourseCompletion: 'recomputes figures from what is stored; changes no record',
  remindOverdue: 'the sample is a dry run, which sends nothing (a real reminder is recorded)',
  // Organizers' daily record-keeping of a session or a pledge, which an administrator may also do: not administration,
  // and left out of the audit log for now (docs/decisions/047 says so).
  saveMinutes: 'an organizer’s session record-keeping',
  markAttendance: 'an organizer’s session record-keeping',
  decideLeave: 'an organizer’s session record-keeping',
  confirmMakeUp: 'an organizer’s session record-keeping',
  commentPledge: 'an organizer’s comment on a pledge',
};

describe('every mutating administrator operation leaves an entry naming who did it', () => {
  // Administration: what staff may not do at all (not one's own records, which staff reach as well).
  const mutating = samples.filter((sample) => administratorOf(sample) && sample.expect.staff1 === 'deny' && !sample.outOfReach?.includes('staff1'));
  const chosen = new Map<string, OperationSample>();
  for (const sample of mutating) if (!chosen.has(sample.operationId) && !sample.allowedWith?.length) chosen.set(sample.operationId, sample);

  it('finds the operations to check', () => {
    expect(chosen.size).toBeGreaterThan(20);
  });

  for (const sample of chosen.values()) {
    it(`${sample.label}`, async () => {
      const request = await sample.build(ctx);
      // Reads change nothing, but exports are recorded: who exported which figures.
      if (request.method === 'GET' && !sample.operationId.startsWith('export')) return;
      const who = administratorOf(sample)!;
      const cookie = sample.freshSession ? await signIn(app, loginOf[who]) : sessions[who];
      const person = await requestAs(app, sessions[who], 'GET', '/api/me');
      const since = new Date(Date.now() - 1).toISOString();
      const res = await requestAs(app, cookie, request.method, request.path, request.body);
      expect(res.status, `${sample.label} as ${who}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      if (sample.endsSessions) sessions[who] = await signIn(app, loginOf[who]);
      await sample.restore?.(ctx, who, res);
      if (recordsNothing[sample.operationId]) return;
      const log = await requestAs(app, sessions.auditor, 'GET', `/api/audit?actorId=${person.body.personId}&from=${encodeURIComponent(since)}&limit=200`);
      expect(log.status).toBe(200);
      expect(log.body.items.length, `${sample.operationId} as ${who} left no audit entry`).toBeGreaterThan(0);
      expect(log.body.items[log.body.items.length - 1].actorName).toBe(person.body.name);
    });
  }
});

// ─── (3) 三员分立 ─────────────────────────────────────────────────────────────────────────────────────────────────

describe('三员分立', () => {
  const rolesPath = (login: string) => `/api/people/${fixtures.person[login]}/roles`;
  const versionOf = async (login: string) => (await requestAs(app, sessions.security, 'GET', `/api/people/${fixtures.person[login]}`)).body.version as number;

  it('refuses one person two administrator roles, naming them, in Chinese and in English', async () => {
    const body = async () => ({ version: await versionOf('staff2'), roles: [{ role: 'sysadmin' }, { role: 'auditor' }] });
    const zh = await requestAs(app, sessions.security, 'PUT', rolesPath('staff2'), await body());
    expect(zh.status).toBe(400);
    expect(zh.body.error.details).toContainEqual(expect.objectContaining({ path: 'roles', message: expect.stringContaining('三员分立：同一人不能兼任系统管理员和审计管理员') }));
    const en = await requestAs(app, `${sessions.security}; lang=en`, 'PUT', rolesPath('staff2'), await body());
    expect(en.status).toBe(400);
    expect(en.body.error.details).toContainEqual(expect.objectContaining({ path: 'roles', message: expect.stringContaining('system administrator and audit administrator') }));
  });

  it('grants and withdraws an administrator role, recorded with the roles before and after', async () => {
    const granted = await requestAs(app, sessions.security, 'PUT', rolesPath('staff2'), { version: await versionOf('staff2'), roles: [{ role: 'auditor' }] });
    expect(granted.status).toBe(200);
    expect(granted.body.roles.map((g: { role: string }) => g.role)).toEqual(['staff', 'auditor']);
    const withdrawn = await requestAs(app, sessions.security, 'PUT', rolesPath('staff2'), { version: granted.body.version, roles: [] });
    expect(withdrawn.status).toBe(200);
    const log = await requestAs(app, sessions.auditor, 'GET', `/api/audit?targetId=${fixtures.person.staff2}&limit=5`);
    const entry = log.body.items.find((e: { action: string }) => e.action === 'setPersonRoles');
    expect(entry.changes.roles.after).toEqual([{ role: 'staff' }]);
    expect(entry.changes.roles.before).toEqual([{ role: 'staff' }, { role: 'auditor' }]);
  });

  it('lets nobody change their own roles, and keeps the last security administrator', async () => {
    const own = await requestAs(app, sessions.security, 'PUT', rolesPath('security'), { version: await versionOf('security'), roles: [] });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('管理员不能更改自己的角色，请由另一位安全管理员办理。');
    // The system administrator may not take the role away by disabling the account either.
    const disable = await requestAs(app, sessions.admin, 'PATCH', `/api/people/${fixtures.person.security}`, { version: await versionOf('security'), active: false });
    expect(disable.status).toBe(409);
    expect(disable.body.error.message).toContain('最后一位安全管理员');
  });

  it('keeps administrator roles out of the system administrator’s account forms', async () => {
    const created = await requestAs(app, sessions.admin, 'POST', '/api/people', { name: '三员测试', login: `sanyuan-${Date.now().toString(36)}`, unitId: fixtures.unit.general, partyStatus: 'none', roles: [{ role: 'secadmin' }] });
    expect(created.status).toBe(403);
    expect(created.body.error.message).toContain('只能由安全管理员授予或取消');
    const path = `/api/people/${fixtures.person.staff3}`;
    const version = (await requestAs(app, sessions.admin, 'GET', path)).body.version;
    const raised = await requestAs(app, sessions.admin, 'PATCH', path, { version, roles: [{ role: 'sysadmin' }] });
    expect(raised.status).toBe(403);
  });
});

// ─── (4) the auditor's log ───────────────────────────────────────────────────────────────────────────────────────

describe('the audit administrator’s log', () => {
  it('is read and exported by the auditor alone; the export is recorded', async () => {
    for (const who of ['admin', 'security'] as const) {
      expect((await requestAs(app, sessions[who], 'GET', '/api/audit')).status, who).toBe(403);
      expect((await requestAs(app, sessions[who], 'GET', '/api/audit/export')).status, who).toBe(403);
    }
    const since = new Date(Date.now() - 1).toISOString();
    const file = await app.request('/api/audit/export?from=2020-01-01', { headers: { cookie: sessions.auditor } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const log = await requestAs(app, sessions.auditor, 'GET', `/api/audit?from=${encodeURIComponent(since)}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain('exportAudit');
  });

  it('is not the people list: the auditor reads no one', async () => {
    expect((await requestAs(app, sessions.auditor, 'GET', '/api/people')).status).toBe(403);
  });
});
