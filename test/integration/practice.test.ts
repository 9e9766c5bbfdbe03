/**
 * Daily practice through the real app on the local engines: the day's questions come from the banks a person may
 * see and are fixed once chosen; the key and explanation reach the browser only after an answer (not in the JSON,
 * not in the page); the first answer is the one kept; wrong answers come back on later days; the streak and
 * accuracy are the person's own; 0 questions a day turns practice off; only admins change the setting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';
import { questionsAt } from '../../functions/domain/quizzes/service.js';
import { aws } from '../../functions/platform/aws.js';

const { app, call, signIn } = useLocalPlatform({ restoreClock: 'file' });

/** 10:00 in Shanghai on day `n` after 2026-11-02. */
const onDay = (n: number) => {
  const at = new Date(Date.UTC(2026, 10, 2 + n, 2, 0, 0));
  clock.now = () => at;
  return at.toISOString().slice(0, 10);
};

let admin = '';
let units: Record<string, string>;
const markers = new Map<string, string>();

interface Item {
  question: { questionId: string; version: number; kind: string; stem: string; options: { choice: number; text: string }[] };
  result: null | { given: number[] | string; correct: boolean; answer: Array<number | string>; explanation: string };
}

async function practice(cookie: string) {
  const res = await call('GET', '/practice', cookie);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return { ...res.json, text: JSON.stringify(res.json) } as { enabled: boolean; day: string; items: Item[]; answered: number; total: number; done: boolean; streak: number; accuracy: any; text: string };
}

async function setPerDay(n: number) {
  // The clock moves between tests: a session of the current day.
  admin = await signIn('admin');
  const res = await call('PUT', '/practice/settings', admin, { questionsPerDay: n });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

/** The stored key of a question version, to answer right or wrong on purpose. */
async function keyOf(item: Item) {
  const question = (await questionsAt([item.question])).get(`${item.question.questionId}#${item.question.version}`)!;
  const right = question.answer as Array<number | string>;
  const other = (i: number) => (i === 0 ? 1 : 0);
  const wrong =
    question.kind === 'fill' ? '一个错误答案' : question.kind === 'truefalse' ? [other(right[0] as number)] : right.length > 1 ? [right[0] as number] : [other(right[0] as number)];
  return { question, right: question.kind === 'fill' ? (right[0] as string) : right, wrong };
}

async function answer(cookie: string, day: string, item: Item, given: number[] | string | Array<number | string>) {
  return call('POST', '/practice/answers', cookie, { day, questionId: item.question.questionId, answer: given });
}

beforeAll(async () => {
  onDay(0);
  admin = await signIn('admin');
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const make = async (n: number, body: Record<string, unknown>) => {
    const explanation = `练习解析标记${n}：依据《政务服务标准》的规定作答。`;
    const res = await call('POST', '/questions', admin, { difficulty: 'easy', points: 1, tags: ['政务服务标准'], explanation, ...body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    markers.set(res.json.questionId, explanation);
  };
  // The bureau's bank (the root's): everyone practises from it.
  for (let i = 0; i < 4; i++) {
    await make(i * 4, { kind: 'single', stem: `首问负责制中，第一位接待群众的工作人员应当怎么做？（${i}）`, options: [{ text: '负责到底，不推诿' }, { text: '让群众自己找科室' }, { text: '下班后再说' }], answer: [0] });
    await make(i * 4 + 1, { kind: 'multiple', stem: `一次性告知应当包括哪些内容？（${i}）`, options: [{ text: '需要补正的全部材料' }, { text: '办理时限' }, { text: '与办理无关的事项' }], answer: [0, 1] });
    await make(i * 4 + 2, { kind: 'truefalse', stem: `限时办结制要求在承诺时限内办结事项。（${i}）`, answer: [0] });
    await make(i * 4 + 3, { kind: 'fill', stem: `政务服务“好差评”中，评价的主体是______。（${i}）`, answer: ['办事群众', '群众'] });
  }
  // A question of branch 2's bank: branch 1's people never get it.
  const other = await call('POST', '/questions', admin, { kind: 'truefalse', stem: '第二党支部的练习题。', answer: [0], ownerUnitId: units.branch2, explanation: '仅第二党支部', difficulty: 'easy', points: 1, tags: [] });
  expect(other.status).toBe(201);
  markers.set(other.json.questionId, '仅第二党支部');
});

describe('a day of practice', () => {
  it('gives N questions from the banks of the person’s unit, branch and the units above, without their keys', async () => {
    const day = onDay(0);
    await setPerDay(5);
    const staff1 = await signIn('staff1');
    const today = await practice(staff1);
    expect(today).toMatchObject({ enabled: true, day, total: 5, answered: 0, done: false, streak: 0 });
    expect(new Set(today.items.map((i) => i.question.questionId)).size).toBe(5);
    const questions = await questionsAt(today.items.map((i) => i.question));
    const allowed = new Set([units.bureau, units.branch1, units['b1-group1'], units['b1-group2']]);
    for (const question of questions.values()) expect(allowed.has(question.ownerUnitId)).toBe(true);
    // No key anywhere in the answer: no answer or explanation field, no explanation's text.
    expect(today.text).not.toMatch(/"answer"|"explanation"/);
    for (const question of questions.values()) {
      if (question.explanation.length >= 4) expect(today.text).not.toContain(question.explanation);
      if (question.kind === 'fill') for (const accepted of question.answer) expect(today.text).not.toContain(`"${accepted}"`);
    }
    // Nor in the page the browser receives.
    const page = await app.request('http://localhost/practice', { headers: { cookie: staff1 } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(today.items[0]!.question.stem.slice(0, 8));
    for (const question of questions.values()) if (question.explanation.length >= 4) expect(html).not.toContain(question.explanation);
    expect(html).not.toMatch(/"explanation"|\\"explanation\\"/);
  });

  it('fixes the day once chosen: two devices at once see the same questions, and so does a later look', async () => {
    onDay(0);
    const [phone, desk] = [await signIn('staff3'), await signIn('staff3')];
    const [a, b] = await Promise.all([practice(phone), practice(desk)]);
    expect(a.items.map((i) => i.question.questionId)).toEqual(b.items.map((i) => i.question.questionId));
    await setPerDay(2);
    const later = await practice(phone);
    expect(later.items.map((i) => i.question.questionId)).toEqual(a.items.map((i) => i.question.questionId));
    await setPerDay(5);
  });

  it('grades on the server, then reveals the key and explanation; a second answer keeps the first result', async () => {
    const day = onDay(0);
    const organizer1 = await signIn('organizer1');
    const today = await practice(organizer1);
    const item = today.items[0]!;
    const { question, right, wrong } = await keyOf(item);
    const first = await answer(organizer1, day, item, wrong);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ recorded: true, correct: false, given: wrong, answer: question.answer, explanation: question.explanation, answered: 1, total: 5 });
    const again = await answer(organizer1, day, item, right);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ recorded: false, correct: false, given: wrong, answered: 1 });
    const after = await practice(organizer1);
    expect(after.items[0]!.result).toMatchObject({ correct: false, given: wrong, explanation: question.explanation });
    expect(after.items.slice(1).every((i) => i.result === null)).toBe(true);
    // Only the answered question's explanation is there.
    for (const other of after.items.slice(1)) expect(after.text).not.toContain(markers.get(other.question.questionId) ?? '\u0000');
    expect(after.accuracy.overall).toEqual({ answered: 1, correct: 0, percent: 0 });
  });

  it('refuses answers that do not fit, a question not of today, and a day that is over, in words', async () => {
    const day = onDay(0);
    const leader = await signIn('leader');
    const today = await practice(leader);
    const choice = today.items.find((i) => i.question.kind !== 'fill')!;
    const badKind = await answer(leader, day, choice, 'A');
    expect(badKind.status).toBe(400);
    expect(badKind.json.error.message).toContain('选择选项');
    const badOption = await answer(leader, day, choice, [7]);
    expect(badOption.status).toBe(400);
    const other = await call('POST', '/practice/answers', leader, { day, questionId: [...markers.keys()].find((id) => !today.items.some((i) => i.question.questionId === id)), answer: [0] });
    expect(other.status).toBe(409);
    expect(other.json.error.details).toMatchObject({ reason: 'notToday' });
    const old = await call('POST', '/practice/answers', leader, { day: '2026-11-01', questionId: choice.question.questionId, answer: [0] });
    expect(old.status).toBe(409);
    expect(old.json.error.message).toContain('2026-11-01 的练习已经结束');
    const notADay = await call('POST', '/practice/answers', leader, { day: '2026-02-30', questionId: choice.question.questionId, answer: [0] });
    expect(notADay.status).toBe(400);
    expect(JSON.stringify(notADay.json.error.details)).toContain('练习日期');
  });
});

describe('across days', () => {
  it('brings wrong answers back on later days, and counts the person’s own streak and accuracy', async () => {
    await setPerDay(3);
    let day = onDay(10);
    let staff2 = await signIn('staff2');
    const first = await practice(staff2);
    const [w, r1, r2] = first.items;
    await answer(staff2, day, w!, (await keyOf(w!)).wrong);
    await answer(staff2, day, r1!, (await keyOf(r1!)).right);
    const done = await answer(staff2, day, r2!, (await keyOf(r2!)).right);
    expect(done.json).toMatchObject({ done: true, answered: 3, total: 3 });
    expect(await practice(staff2)).toMatchObject({ done: true, streak: 1, accuracy: { recent: { answered: 3, correct: 2, percent: 67 } } });

    day = onDay(11);
    staff2 = await signIn('staff2');
    const second = await practice(staff2);
    expect(second.streak).toBe(1);
    const back = second.items.find((i) => i.question.questionId === w!.question.questionId);
    expect(back, 'the question answered wrong yesterday is back').toBeDefined();
    expect(second.items.map((i) => i.question.questionId)).not.toContain(r1!.question.questionId);
    for (const item of second.items) await answer(staff2, day, item, (await keyOf(item)).right);
    expect(await practice(staff2)).toMatchObject({ done: true, streak: 2, accuracy: { overall: { answered: 6, correct: 5, percent: 83 } } });

    // Answered right now: it no longer comes back first. A day skipped ends the streak.
    onDay(13);
    staff2 = await signIn('staff2');
    const fourth = await practice(staff2);
    expect(fourth.streak).toBe(0);
    expect(fourth.items.map((i) => i.question.questionId)).not.toContain(w!.question.questionId);
    expect(fourth.accuracy.overall).toEqual({ answered: 6, correct: 5, percent: 83 });
  });
});

describe('the setting', () => {
  it('turns practice off at 0: nothing to answer, and an answer is refused in the person’s language', async () => {
    const day = onDay(20);
    const staff1 = await signIn('staff1');
    await setPerDay(0);
    const off = await practice(staff1);
    expect(off).toMatchObject({ enabled: false, items: [], total: 0, questionsPerDay: 0 });
    const refused = await call('POST', '/practice/answers', staff1, { day, questionId: [...markers.keys()][0], answer: [0] });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe('每日一练目前未开启。');
    const en = await app.request('http://localhost/api/practice/answers', { method: 'POST', headers: { cookie: `${staff1}; lang=en`, 'content-type': 'application/json' }, body: JSON.stringify({ day, questionId: [...markers.keys()][0], answer: [0] }) });
    expect((await en.json()).error.message).toBe('Daily practice is turned off at the moment.');
    await setPerDay(3);
    expect((await practice(staff1)).total).toBe(3);
  });

  it('is changed by admins only, within 0–20, and read by everyone with whether they may change it', async () => {
    onDay(20);
    const staff1 = await signIn('staff1');
    admin = await signIn('admin');
    expect((await call('GET', '/practice/settings', staff1)).json).toMatchObject({ questionsPerDay: 3, mayChange: false });
    expect((await call('GET', '/practice/settings', admin)).json).toMatchObject({ questionsPerDay: 3, mayChange: true });
    expect((await call('PUT', '/practice/settings', staff1, { questionsPerDay: 5 })).status).toBe(403);
    expect((await call('PUT', '/practice/settings', await signIn('organizer1'), { questionsPerDay: 5 })).status).toBe(403);
    for (const bad of [21, -1, 2.5, 'three']) {
      const res = await call('PUT', '/practice/settings', admin, { questionsPerDay: bad });
      expect(res.status, String(bad)).toBe(400);
      expect(JSON.stringify(res.json.error.details)).toContain('每日题数');
    }
    // By its target: the demo seed's own entries, written at the real time, are newer than this test's clock.
    const audit = await call('GET', '/audit?targetId=practice', await signIn('auditor'));
    expect(audit.json.items.some((e: { action: string }) => e.action === 'setPracticeSettings')).toBe(true);
  });
});

/** The DynamoDB calls the app makes while `work` runs (an SDK middleware on the app's own client), by command. */
async function dynamoCalls(work: () => Promise<unknown>): Promise<string[]> {
  const calls: string[] = [];
  const name = 'practiceTestCounter';
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    aws().dynamo.middlewareStack.remove(name);
  }
  return calls.sort();
}

describe('costs', () => {
  it('a look at a begun day reads three items besides the session; an answer writes once', async () => {
    const day = onDay(30);
    await setPerDay(3);
    const organizer2 = await signIn('organizer2');
    const first = await practice(organizer2);
    const look = await dynamoCalls(() => practice(organizer2));
    // The session check (BatchGetItem), the setting (GetItem), today and the record (Query), the day's questions (BatchGetItem).
    expect(look).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'GetItemCommand', 'QueryCommand']);
    const item = first.items[0]!;
    const given = (await keyOf(item)).right;
    const answered = await dynamoCalls(() => answer(organizer2, day, item, given));
    // The session, the setting and the day, the question's version, and the one conditional write.
    expect(answered).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'GetItemCommand', 'GetItemCommand', 'UpdateItemCommand']);
  });
});
