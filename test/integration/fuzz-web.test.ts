/**
 * Bad input never answers 500, on the web side: every page action (each route with an `action`) is posted bodies that
 * are not forms (JSON, plain text, broken multipart) as each demo role and signed out, and forms whose every field
 * holds a hostile value, for each of the action's intents. No answer may be 5xx; a body that is not a form answers the
 * 400 page in the person's language (or, where the page needs a signed-in person, sends them to sign in first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { signIn } from '../helpers/sign-in.js';
import { courseFixtures, loadFixtures, type Fixtures, sampleContext } from '../helpers/operation-samples.js';
import '../../web/app/i18n/all.server.js';
import { translate } from '../../web/app/i18n/index.js';

const { app } = useLocalPlatform();
let fixtures: Fixtures;
const sessions: Record<string, string | null> = { 'signed out': null };
const roles = ['staff1', 'organizer1', 'organizer2', 'leader', 'admin'] as const;

const ctx = sampleContext(() => ({ app, fixtures, adminCookie: sessions.admin }));

interface WebAction {
  /** The route module it belongs to (every module with an action must be listed). */
  route: string;
  path: () => string;
  intents: string[];
}

/** Every page that takes a POST, with the intents its forms send. */
const webActions: WebAction[] = [
  { route: 'login', path: () => '/login', intents: [''] },
  { route: 'language', path: () => '/language', intents: [''] },
  { route: 'logout', path: () => '/logout', intents: [''] },
  { route: 'me.password', path: () => '/me/password', intents: [''] },
  { route: 'people.new', path: () => '/people/new', intents: [''] },
  { route: 'people.$personId', path: () => `/people/${fixtures.person.zw0004}`, intents: ['save', 'setActive', 'reset'] },
  { route: 'people.$personId', path: () => '/people/x', intents: ['save'] },
  { route: 'admin.units', path: () => '/admin/units', intents: ['create', 'rename', 'move', 'retire', 'reinstate'] },
  { route: 'admin.import', path: () => '/admin/import', intents: ['', 'confirm'] },
  { route: 'learn.manage._index', path: () => '/learn/manage?index', intents: [''] },
  { route: 'learn.manage.$courseId._index', path: () => `/learn/manage/${draftId}?index`, intents: ['update', 'addLesson', 'editLesson', 'move', 'publish', 'assign'] },
  { route: 'learn.manage.$courseId._index', path: () => '/learn/manage/x?index', intents: ['update'] },
  { route: 'learn.manage.$courseId.completion', path: () => `/learn/manage/${publishedId}/completion`, intents: [''] },
  { route: 'practice', path: () => '/practice', intents: ['answer', 'settings'] },
  { route: 'quizzes.$quizId', path: () => '/quizzes/x', intents: [''] },
  { route: 'attempts.$attemptId._index', path: () => '/attempts/x?index', intents: [''] },
  { route: 'quizzes.bank.new', path: () => '/quizzes/bank/new', intents: [''] },
  { route: 'quizzes.bank.$questionId', path: () => '/quizzes/bank/x', intents: ['', 'retire'] },
  { route: 'quizzes.bank.import', path: () => '/quizzes/bank/import', intents: ['preview', 'confirm'] },
  { route: 'quizzes.manage.new', path: () => '/quizzes/manage/new', intents: ['', 'search', 'addRule', 'add:01JQ0000000000000000000000', 'remove:0', 'up:1', 'down:0', 'save'] },
  { route: 'quizzes.manage.$quizId._index', path: () => `/quizzes/manage/${quizId}?index`, intents: ['', 'save', 'publish', 'remove:0', 'assign'] },
  { route: 'sessions.new', path: () => '/sessions/new', intents: ['save'] },
  { route: 'sessions.cadence', path: () => '/sessions/cadence', intents: [''] },
  { route: 'sessions.$sessionId.edit', path: () => `/sessions/${sessionId}/edit`, intents: ['save', 'cancel', 'close', 'mark'] },
  { route: 'sessions.$sessionId.edit', path: () => '/sessions/x/edit', intents: ['save'] },
  { route: 'sessions.$sessionId.roster', path: () => `/sessions/${sessionId}/roster`, intents: ['mark', 'allPresent', 'decideLeave', 'confirmMakeUp', 'reverse', 'close'] },
  { route: 'sessions.$sessionId.minutes', path: () => `/sessions/${sessionId}/minutes`, intents: [''] },
  { route: 'sessions.$sessionId._index', path: () => '/sessions/01JQ0000000000000000000000?index', intents: ['', 'checkIn', 'leave', 'makeUp', 'reopen'] },
  { route: 'sessions.$sessionId._index', path: () => '/sessions/x?index', intents: ['checkIn'] },
  { route: 'pledges._index', path: () => '/pledges?index', intents: ['', 'create', 'submit', 'profile'] },
  { route: 'pledges.$pledgeId', path: () => '/pledges/01JQ0000000000000000000000', intents: ['', 'edit', 'approve', 'return', 'progress', 'comment', 'assess'] },
  { route: 'pledges.$pledgeId', path: () => '/pledges/x', intents: ['edit'] },
  { route: 'pledges.branch', path: () => '/pledges/branch', intents: ['', 'approve', 'create', 'submit', 'proposal', 'decision', 'window'] },
  { route: 'honours', path: () => '/honours', intents: ['nominate', 'decide'] },
  { route: 'admin.display-links', path: () => '/admin/display-links', intents: ['create', 'revoke'] },
  { route: 'inbox', path: () => '/inbox', intents: ['', 'open', 'read', 'readAll'] },
  { route: 'me.notifications', path: () => '/me/notifications', intents: [''] },
  { route: 'stats.overdue', path: () => '/stats/overdue', intents: [''] },
  { route: 'stats.flags', path: () => '/stats/flags', intents: [''] },
];
let sessionId = '';
let quizId = '';
let draftId = '';
let publishedId = '';

/** Every field name a page's forms send (a form gets all of them at once). */
const fieldNames = [
  'active', 'admin', 'audience', 'body', 'category', 'coverUploadId', 'credit', 'currentPassword', 'dueAt', 'importId', 'initialPassword',
  'kind', 'lang', 'lessonId', 'login', 'minutes', 'name', 'newPassword', 'parentId', 'partyStatus', 'password', 'pdfUploadId', 'position',
  'redirectTo', 'repeatPassword', 'required', 'status', 'summary', 'title', 'unitId', 'unitIds', 'url', 'version', 'videoUploadId',
  'branchId', 'organizer.count', 'organizer.0', 'organizer.0.unitId', 'leader.count', 'day', 'questionId', 'choice', 'text', 'questionsPerDay',
  // The quiz editor's one form (settings, numbered items, the bank search).
  'ownerUnitId', 'courseId', 'shuffleQuestions', 'shuffleOptions', 'timeLimitMinutes', 'opensAt', 'closesAt', 'attemptsAllowed', 'passPercent',
  'counts', 'reviewWhen', 'reviewShow', 'itemCount', 'item.0.kind', 'item.0.questionId', 'item.0.stem', 'item.0.qkind', 'item.0.difficulty',
  'item.0.tags', 'item.0.tag', 'item.0.count', 'search.text', 'search.tag', 'search.difficulty', 'search.kind',
  // The session pages (scheduling, the roster, the minutes).
  'type', 'topic', 'startsAt', 'endsAt', 'place', 'hostId', 'recorderId', 'audienceKind', 'groupId', 'personIds', 'agenda', 'keepMaterial',
  'materialUploadId', 'reason', 'mark', 'personId', 'decision', 'token', 'code', 'decisions', 'keepFile', 'photoUploadId', 'fileUploadId',
  'sessionId', 'reflection', 'period.committee', 'count.committee', 'period.other', 'count.other',
  // Honours and the hall's display links.
  'quarter', 'honourType', 'nomineeKind', 'windowName', 'honourId', 'outcome', 'note', 'label', 'days', 'linkId', 'evidencePhotoUploadId', 'evidencePdfUploadId',
  // The pledge pages (an item, the card, the ledger, the ratings, the review window).
  // Data that deserves a second look (dismissing a flag).
  'flagId',
  'year', 'pledgeCategory', 'content', 'measures', 'dueDate', 'pledgeId', 'post', 'dutyDays', 'photo', 'doneOn', 'markDone', 'opensOn', 'closesOn', 'rating-x', 'reason-x',
  // The inbox and notification settings.
  'id', 'link', 'remind', 'email', 'emailAddress',
];

/** Values a hostile form puts in every field (URL-encoded as sent). */
const hostileValues: Array<{ name: string; encoded: string }> = [
  { name: 'empty', encoded: '' },
  { name: 'NUL', encoded: 'a%00b' },
  { name: 'a bidi override', encoded: encodeURIComponent('\u202Eabc') },
  { name: 'a lone surrogate, as UTF-8 bytes', encoded: '%ED%A0%80' },
  { name: 'an impossible date and a negative number', encoded: '2027-02-30' },
  { name: 'numbers beyond any limit', encoded: '1e400' },
  { name: '60,000 characters', encoded: 'x'.repeat(60_000) },
];

/** Bodies that are not a form. */
const notForms: Array<{ name: string; contentType: string | null; body: string }> = [
  { name: 'JSON', contentType: 'application/json', body: '{"login":"admin","password":"demo1234","intent":"create"}' },
  { name: 'plain text', contentType: 'text/plain', body: 'login=admin' },
  { name: 'no content type', contentType: null, body: 'login=admin' },
  { name: 'multipart without a boundary', contentType: 'multipart/form-data', body: '--x\r\n\r\n' },
  { name: 'multipart cut short', contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="login"\r\n\r\nadm' },
  { name: 'XML', contentType: 'application/xml', body: '<login>admin</login>' },
];

async function post(path: string, cookie: string | null, contentType: string | null, body: string, extraCookie = '') {
  const headers: Record<string, string> = { origin: 'http://localhost', host: 'localhost' };
  const cookies = [cookie, extraCookie].filter(Boolean).join('; ');
  if (cookies) headers.cookie = cookies;
  if (contentType) headers['content-type'] = contentType;
  const res = await app.request(`http://localhost${path}`, { method: 'POST', headers, body, redirect: 'manual' });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

beforeAll(async () => {
  for (const login of roles) sessions[login] = await signIn(app, login);
  fixtures = await loadFixtures(app, sessions.admin!);
  const courses = await courseFixtures(ctx);
  draftId = courses.draftId;
  publishedId = courses.publishedId;
  const quiz = await app.request('http://localhost/api/quizzes', {
    method: 'POST',
    headers: { cookie: sessions.admin!, 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ title: '网页表单测验', items: [{ kind: 'draw', count: 1 }] }),
  });
  expect(quiz.status).toBe(201);
  quizId = ((await quiz.json()) as { quizId: string }).quizId;
  const now = Date.now();
  const session = await app.request('http://localhost/api/sessions', {
    method: 'POST',
    headers: { cookie: sessions.admin!, 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({
      branchId: fixtures.unit.branch1,
      type: 'committee',
      topic: '网页表单会议',
      startsAt: new Date(now - 600_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      hostId: fixtures.person.organizer1,
    }),
  });
  expect(session.status).toBe(201);
  sessionId = ((await session.json()) as { sessionId: string }).sessionId;
});

describe('web actions', () => {
  it('are all listed here', () => {
    const withAction = readdirSync('web/app/routes')
      .filter((file) => /export (async )?function action/.test(readFileSync(`web/app/routes/${file}`, 'utf8')))
      .map((file) => file.replace(/\.tsx?$/, ''));
    expect(new Set(webActions.map((a) => a.route))).toEqual(new Set(withAction));
  });

  it('answer a body that is not a form with the 400 page in the person’s language (or the sign-in page first), as anyone', async () => {
    const problems: string[] = [];
    const calls: Array<Promise<void>> = [];
    for (const action of webActions) {
      for (const [who, cookie] of Object.entries(sessions)) {
        // Everyone gets the common ones; the admin and a visitor signed out get them all.
        for (const body of who === 'admin' || who === 'signed out' ? notForms : notForms.slice(0, 3)) {
          calls.push(
            post(action.path(), cookie, body.contentType, body.body).then((res) => {
              const what = `POST ${action.path()} as ${who} with ${body.name}`;
              if (res.status >= 500) problems.push(`${what}: ${res.status}`);
              else if (res.status === 400 && !res.text.includes(translate('zh-CN', 'error.unreadableForm'))) problems.push(`${what}: 400 without the message`);
              else if (res.status !== 400 && !(res.status >= 300 && res.status < 400 && res.location?.startsWith('/login')) && res.status !== 403) {
                problems.push(`${what}: ${res.status}, expected 400 (or a way to sign in)`);
              }
            }),
          );
        }
      }
    }
    await Promise.all(calls);
    expect(problems).toEqual([]);
  }, 90_000);

  it('say so in English to a person who chose English', async () => {
    const res = await post('/login', null, 'application/json', '{}', 'lang=en');
    expect(res.status).toBe(400);
    expect(res.text).toContain(translate('en', 'error.unreadableForm'));
    expect(res.text).toContain('lang="en"');
  });

  for (const who of ['signed out', 'organizer1', 'admin']) {
    it(`never answer 5xx to forms of hostile values, for every intent, ${who}`, async () => {
      const problems: string[] = [];
      for (const action of webActions) {
        await Promise.all(
          action.intents.flatMap((intent) =>
            hostileValues.map(async (value) => {
              const form = [`intent=${intent}`, ...fieldNames.map((name) => `${encodeURIComponent(name)}=${value.encoded}`)].join('&');
              const res = await post(action.path(), sessions[who] ?? null, 'application/x-www-form-urlencoded', form);
              if (res.status >= 500) problems.push(`POST ${action.path()} intent=${intent} as ${who} with ${value.name}: ${res.status}`);
            }),
          ),
        );
      }
      expect(problems).toEqual([]);
    });
  }
});
