/**
 * The question bank through the real app on the local engines: versions (an edit is a new version, the old one stays
 * readable for attempts), retiring (nothing deleted), reach (an organizer touches only their subtree's banks, and a
 * question out of reach answers as if it did not exist), the checks a question's parts must pass, and filters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs } from '../helpers/sign-in.js';
import { seedUnits } from '../../dev/seed-data.js';
import { questionsAt } from '../../functions/domain/quizzes/service.js';
import { quizEntities } from '../../functions/domain/quizzes/entities.js';

const { app, call, signIn } = useLocalPlatform();

let admin = '', organizer1 = '', organizer2 = '', staff1 = '', leader = '';
let units: Record<string, string>;

beforeAll(async () => {
  admin = await signIn('admin');
  organizer1 = await signIn('organizer1');
  organizer2 = await signIn('organizer2');
  staff1 = await signIn('staff1');
  leader = await signIn('leader');
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
});

const single = (stem: string, extra: Record<string, unknown> = {}) => ({
  kind: 'single',
  stem,
  options: [{ text: '热心、耐心、细心、诚心、暖心' }, { text: '快办、好办、易办' }, { text: '一次办好' }],
  answer: [0],
  explanation: '“五心”服务是窗口服务礼仪的基本要求。',
  difficulty: 'easy',
  points: 2,
  tags: ['服务礼仪'],
  ...extra,
});

async function created(cookie: string, body: Record<string, unknown>) {
  const res = await call('POST', '/questions', cookie, body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { questionId: string; version: number; ownerUnitId: string; [key: string]: unknown };
}

describe('versions', () => {
  it('saves an edit as version 2 and keeps version 1 as it was for the attempts that used it', async () => {
    const question = await created(organizer1, single('“五心”服务指的是什么？'));
    expect(question).toMatchObject({ version: 1, ownerUnitId: units.branch1, retired: false, answer: [0], createdAt: expect.any(String) });

    const edited = await call('PATCH', `/questions/${question.questionId}`, organizer1, { version: 1, stem: '窗口服务中的“五心”指的是什么？', answer: [0], difficulty: 'medium' });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json).toMatchObject({ questionId: question.questionId, version: 2, stem: '窗口服务中的“五心”指的是什么？', difficulty: 'medium' });

    const versions = await questionsAt([
      { questionId: question.questionId, version: 1 },
      { questionId: question.questionId, version: 2 },
    ]);
    expect(versions.get(`${question.questionId}#1`)).toMatchObject({ stem: '“五心”服务指的是什么？', difficulty: 'easy', version: 1 });
    expect(versions.get(`${question.questionId}#2`)).toMatchObject({ stem: '窗口服务中的“五心”指的是什么？', version: 2 });
    expect(versions.has(`${question.questionId}#3`)).toBe(false);
  });

  it('refuses the second of two saves from the same version, keeping the first (409 naming the version there now)', async () => {
    const question = await created(admin, single('政务服务“好差评”由谁评价？'));
    const first = await call('PATCH', `/questions/${question.questionId}`, admin, { version: 1, points: 3 });
    const second = await call('PATCH', `/questions/${question.questionId}`, admin, { version: 1, points: 5 });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.json.error.details).toEqual({ expectedVersion: 1, currentVersion: 2 });
    expect(second.json.error.message).toContain('已被他人修改');
    const listed = await call('GET', `/questions?unitId=${question.ownerUnitId}&limit=200`, admin);
    expect(listed.json.items.find((q: { questionId: string }) => q.questionId === question.questionId)).toMatchObject({ version: 2, points: 3 });
  });

  it('still reads a version whose own item was lost, from the head that holds it, and keeps it before the head moves on', async () => {
    const question = await created(admin, single('“三声”服务指的是哪三声？'));
    // Version 1's own item goes missing (as if its write had been lost after the head's).
    await quizEntities().questionVersion.delete({ questionId: question.questionId, versionKey: '000001' }).go();
    expect((await questionsAt([{ questionId: question.questionId, version: 1 }])).get(`${question.questionId}#1`)?.stem).toBe('“三声”服务指的是哪三声？');
    expect((await call('PATCH', `/questions/${question.questionId}`, admin, { version: 1, stem: '窗口“三声”服务是哪三声？' })).status).toBe(200);
    const both = await questionsAt([{ questionId: question.questionId, version: 1 }, { questionId: question.questionId, version: 2 }]);
    expect(both.get(`${question.questionId}#1`)?.stem).toBe('“三声”服务指的是哪三声？');
    expect(both.get(`${question.questionId}#2`)?.stem).toBe('窗口“三声”服务是哪三声？');
  });
});

describe('retiring', () => {
  it('retires without deleting: versions stay readable, the bank lists it under retired, and it is edited no more', async () => {
    const question = await created(organizer1, { kind: 'truefalse', stem: '首问负责制要求首位接待的工作人员负责到底。', answer: [0], tags: ['服务规范'] });
    const retired = await call('POST', `/questions/${question.questionId}/retire`, organizer1, { version: 1 });
    expect(retired.status, JSON.stringify(retired.json)).toBe(200);
    expect(retired.json).toMatchObject({ retired: true, version: 2 });
    // Again: the same answer, no new version.
    expect((await call('POST', `/questions/${question.questionId}/retire`, organizer1, { version: 2 })).json).toMatchObject({ retired: true, version: 2 });

    const active = await call('GET', `/questions?unitId=${units.branch1}&limit=200`, organizer1);
    const retiredList = await call('GET', `/questions?unitId=${units.branch1}&status=retired&limit=200`, organizer1);
    expect(active.json.items.map((q: { questionId: string }) => q.questionId)).not.toContain(question.questionId);
    expect(retiredList.json.items.map((q: { questionId: string }) => q.questionId)).toContain(question.questionId);
    // Not drawn by its category any more.
    const byTag = await call('GET', `/questions?tag=${encodeURIComponent('服务规范')}&limit=200`, organizer1);
    expect(byTag.json.items.map((q: { questionId: string }) => q.questionId)).not.toContain(question.questionId);

    expect((await questionsAt([{ questionId: question.questionId, version: 1 }])).get(`${question.questionId}#1`)).toMatchObject({ retired: false });
    const edit = await call('PATCH', `/questions/${question.questionId}`, organizer1, { version: 2, stem: '改一改' });
    expect(edit.status).toBe(409);
    expect(edit.json.error.message).toBe('这道题已停用，不能再修改。');
  });
});

describe('reach', () => {
  it("keeps organizer2 away from branch 1's questions as if they did not exist, and staff and leaders from every bank", async () => {
    const question = await created(organizer1, single('窗口工作人员上岗时应当怎样？', { answer: [2] }));
    const edit = await call('PATCH', `/questions/${question.questionId}`, organizer2, { version: 1, stem: '改题' });
    const retire = await call('POST', `/questions/${question.questionId}/retire`, organizer2, { version: 1 });
    expect(edit.status).toBe(404);
    expect(retire.status).toBe(404);
    expect(edit.json.error.message).toBe('找不到这道题，或您无权查看。');
    // Exactly what a question that does not exist answers.
    const missing = await call('PATCH', '/questions/01J0000000000000000000000A', organizer2, { version: 1, stem: '改题' });
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe(edit.json.error.message);

    const theirs = await call('GET', '/questions?limit=200', organizer2);
    expect(theirs.status).toBe(200);
    expect(theirs.json.items.map((q: { questionId: string }) => q.questionId)).not.toContain(question.questionId);
    expect((await call('GET', `/questions?unitId=${units.branch1}`, organizer2)).status).toBe(404);
    expect((await call('GET', '/questions?limit=200', organizer1)).json.items.map((q: { questionId: string }) => q.questionId)).toContain(question.questionId);

    expect((await call('POST', '/questions', organizer2, single('越权出题', { ownerUnitId: units.branch1 }))).status).toBe(403);
    expect((await call('GET', '/questions', staff1)).status).toBe(403);
    expect((await call('GET', '/questions', leader)).status).toBe(403);
    expect((await call('POST', '/questions', staff1, single('职工出题'))).status).toBe(403);
    // The admin reaches every bank.
    expect((await call('PATCH', `/questions/${question.questionId}`, admin, { version: 1, points: 4 })).status).toBe(200);
  });
});

describe('what a question must be', () => {
  const message = (res: { json: { error: { message: string; details?: Array<{ path: string; message?: string }> } } }) => res.json.error;

  it('names the field and the problem, in zh-CN and in en', async () => {
    const noStem = await call('POST', '/questions', admin, single('  '));
    expect(noStem.status).toBe(400);
    expect(JSON.stringify(message(noStem))).toContain('题干');

    const letter = await call('POST', '/questions', admin, single('选项外的答案', { answer: [4] }));
    expect(letter.status).toBe(400);
    expect(message(letter).message).toBe('正确答案“E”不在选项之中。');
    expect(message(letter).details?.[0]?.path).toBe('answer');

    const two = await call('POST', '/questions', admin, single('单选两个答案', { answer: [0, 1] }));
    expect(message(two).message).toBe('单选题须恰好选定一个正确选项。');

    const nine = await call('POST', '/questions', admin, { kind: 'multiple', stem: '九个选项', options: Array.from({ length: 9 }, (_, i) => ({ text: `选项${i}` })), answer: [0] });
    expect(nine.status).toBe(400);
    expect(JSON.stringify(message(nine))).toContain('选项');

    const english = await requestAs(app, admin, 'POST', '/api/questions', { kind: 'fill', stem: '全心全意为人民服务是党的根本宗旨。', answer: ['  '] }, { 'accept-language': 'en' });
    expect(english.status).toBe(400);
    expect(english.body.error.message).toBe('A fill-in-the-blank question needs at least one accepted answer.');
    const englishStem = await requestAs(app, admin, 'POST', '/api/questions', single(''), { 'accept-language': 'en' });
    expect(JSON.stringify(englishStem.body.error)).toContain('question text');
  });

  it('keeps the kinds as stored: multiple choice ascending, fill-in answers trimmed, categories without repeats', async () => {
    const multiple = await created(admin, { kind: 'multiple', stem: '“三会一课”包括哪些？', options: [{ text: '支部党员大会' }, { text: '支部委员会' }, { text: '党小组会' }, { text: '党课' }], answer: [3, 0, 2, 1, 3], tags: ['党务', '党务'] });
    expect(multiple).toMatchObject({ answer: [0, 1, 2, 3], tags: ['党务'] });
    const fill = await created(admin, { kind: 'fill', stem: '中国共产党的根本宗旨是＿＿＿＿。', answer: ['全心全意为人民服务', ' 为人民服务 '] });
    expect(fill).toMatchObject({ answer: ['全心全意为人民服务', '为人民服务'], options: [], difficulty: 'medium', points: 1 });
  });
});

describe('listing', () => {
  it('filters by category, difficulty and kind, and pages with a cursor without repeating a question', async () => {
    const tag = `测试分类${Date.now()}`;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await created(organizer2, single(`分页题${i}`, { tags: [tag], difficulty: i % 2 === 0 ? 'hard' : 'easy' })));
    const hard = await call('GET', `/questions?tag=${encodeURIComponent(tag)}&difficulty=hard`, organizer2);
    expect(hard.json.items.map((q: { stem: string }) => q.stem).sort()).toEqual(['分页题0', '分页题2', '分页题4']);
    expect((await call('GET', `/questions?tag=${encodeURIComponent(tag)}&kind=truefalse`, organizer2)).json.items).toEqual([]);
    // organizer1 reaches no branch 2 question of the category.
    expect((await call('GET', `/questions?tag=${encodeURIComponent(tag)}`, organizer1)).json.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; json: { items: { questionId: string }[]; cursor: string | null } } = await call('GET', `/questions?unitId=${units.branch2}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, organizer2);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((q) => q.questionId));
      cursor = page.json.cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const question of made) expect(seen).toContain(question.questionId);

    // A category a page at a time, one difficulty.
    const byTag: string[] = [];
    let tagCursor: string | null = null;
    do {
      const page: { status: number; json: { items: { stem: string }[]; cursor: string | null } } = await call('GET', `/questions?tag=${encodeURIComponent(tag)}&difficulty=hard&limit=1${tagCursor ? `&cursor=${tagCursor}` : ''}`, organizer2);
      expect(page.status, JSON.stringify(page.json)).toBe(200);
      byTag.push(...page.json.items.map((q) => q.stem));
      tagCursor = page.json.cursor;
    } while (tagCursor);
    expect(byTag.sort()).toEqual(['分页题0', '分页题2', '分页题4']);

    const refused = await call('GET', '/questions?cursor=not-a-cursor', organizer2);
    expect(refused.status).toBe(400);
  });
});

describe('images', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

  async function checkedImage(cookie: string): Promise<string> {
    const slot = await call('POST', '/uploads', cookie, { purpose: 'cover', contentType: 'image/png', size: png.byteLength, fileName: '示意图.png' });
    expect(slot.status, JSON.stringify(slot.json)).toBe(201);
    const put = await fetch(slot.json.url, { method: 'PUT', headers: slot.json.headers, body: Buffer.from(png) });
    expect(put.status).toBe(200);
    expect((await call('POST', `/uploads/${slot.json.uploadId}/check`, cookie)).status).toBe(200);
    return slot.json.uploadId as string;
  }

  it('takes checked images for the stem and options, keeps them through an edit, and refuses a key it did not give', async () => {
    const stemImage = await checkedImage(organizer1);
    const optionImage = await checkedImage(organizer1);
    const question = (await created(organizer1, single('下图所示的窗口标识是哪一种？', {
      stemImageUploadId: stemImage,
      options: [{ text: '综合受理', imageUploadId: optionImage }, { text: '出件窗口' }],
    }))) as unknown as { questionId: string; stemImageKey: string; stemImageUrl: string; options: Array<{ text: string; imageKey?: string; imageUrl: string | null }> };
    expect(question.stemImageKey).toEqual(expect.any(String));
    expect(question.options[0]!.imageKey).toEqual(expect.any(String));
    expect(question.options[1]!.imageUrl).toBeNull();
    expect((await fetch(question.stemImageUrl)).headers.get('content-type')).toBe('image/png');

    const kept = await call('PATCH', `/questions/${question.questionId}`, organizer1, {
      version: 1,
      options: [{ text: '综合受理窗口', imageKey: question.options[0]!.imageKey }, { text: '出件窗口' }],
    });
    expect(kept.status, JSON.stringify(kept.json)).toBe(200);
    expect(kept.json.options[0]).toMatchObject({ text: '综合受理窗口', imageKey: question.options[0]!.imageKey });
    expect(kept.json.stemImageKey).toBe(question.stemImageKey);

    const foreign = await call('PATCH', `/questions/${question.questionId}`, organizer1, {
      version: 2,
      options: [{ text: '综合受理窗口', imageKey: 'stored/someone-else.png' }, { text: '出件窗口' }],
    });
    expect(foreign.status).toBe(400);
    const removed = await call('PATCH', `/questions/${question.questionId}`, organizer1, { version: 2, removeStemImage: true });
    expect(removed.json.stemImageKey).toBeUndefined();
    expect(removed.json.stemImageUrl).toBeNull();
  });
});
