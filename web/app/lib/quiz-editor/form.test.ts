import { describe, expect, it } from 'vitest';
import { changeItems, fromShanghaiLocal, readIntent, readValues, settingsBody, toShanghaiLocal, type FormItem, type QuestionInfo } from './form';

const question = (n: number): QuestionInfo => ({ questionId: `01JQUESTION000000000000000${n}`, stem: `题${n}`, kind: 'single', difficulty: 'easy', tags: ['党史'] });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe('the quiz editor form', () => {
  it('reads and writes times as Shanghai wall-clock time', () => {
    expect(toShanghaiLocal('2026-12-01T00:30:00Z')).toBe('2026-12-01T08:30');
    expect(toShanghaiLocal(null)).toBe('');
    expect(fromShanghaiLocal('2026-12-01T08:30')).toBe('2026-12-01T08:30:00+08:00');
    expect(Date.parse(fromShanghaiLocal('2026-12-01T08:30')!)).toBe(Date.parse('2026-12-01T00:30:00Z'));
    expect(fromShanghaiLocal('')).toBeNull();
    expect(fromShanghaiLocal('2027-02-30T08:00')).toBeUndefined();
    expect(fromShanghaiLocal('tomorrow')).toBeUndefined();
  });

  it('reads the items back from their numbered fields, ignoring what is not an item', () => {
    const q = question(1);
    const values = readValues(
      form({
        title: ' 测验 ',
        itemCount: '3',
        'item.0.kind': 'fixed',
        'item.0.questionId': q.questionId,
        'item.0.stem': q.stem,
        'item.0.qkind': 'single',
        'item.0.difficulty': 'easy',
        'item.0.tags': '党史',
        'item.1.kind': 'draw',
        'item.1.tag': '党章党规',
        'item.1.difficulty': 'hard',
        'item.1.count': '3',
        'item.2.kind': 'fixed',
        'item.2.questionId': '<script>',
        shuffleOptions: 'on',
        counts: 'last',
        reviewWhen: 'sometime',
      }),
    );
    expect(values.title).toBe('测验');
    expect(values.items).toEqual([
      { kind: 'fixed', question: q },
      { kind: 'draw', tag: '党章党规', difficulty: 'hard', count: '3' },
    ]);
    expect(values).toMatchObject({ shuffleOptions: true, shuffleQuestions: false, counts: 'last', reviewWhen: 'afterSubmit' });
  });

  it('adds, moves and removes items by the button pressed', () => {
    const [a, b] = [question(1), question(2)];
    const found = new Map([a, b].map((q) => [q.questionId, q]));
    let items: FormItem[] = [];
    items = changeItems(items, readIntent(`add:${a.questionId}`), found);
    items = changeItems(items, readIntent(`add:${b.questionId}`), found);
    items = changeItems(items, readIntent(`add:${b.questionId}`), found); // already there: not twice
    items = changeItems(items, readIntent('addRule'), found);
    expect(items.map((item) => (item.kind === 'fixed' ? item.question.stem : 'rule'))).toEqual(['题1', '题2', 'rule']);
    items = changeItems(items, readIntent('up:2'), found);
    items = changeItems(items, readIntent('up:0'), found); // the first cannot go up
    expect(items.map((item) => (item.kind === 'fixed' ? item.question.stem : 'rule'))).toEqual(['题1', 'rule', '题2']);
    items = changeItems(items, readIntent('remove:0'), found);
    items = changeItems(items, readIntent('remove:9'), found);
    expect(items.map((item) => (item.kind === 'fixed' ? item.question.stem : 'rule'))).toEqual(['rule', '题2']);
    expect(readIntent('nonsense')).toEqual({ kind: 'search' });
  });

  it('makes the API body, or names each field it could not read', () => {
    const values = readValues(form({ title: '测验', itemCount: '1', 'item.0.kind': 'draw', 'item.0.count': '4', 'item.0.tag': '党史', passPercent: '80', timeLimitMinutes: '', attemptsAllowed: '2', opensAt: '2026-12-01T08:00' }));
    const made = settingsBody(values);
    expect(made).toEqual({
      body: expect.objectContaining({ items: [{ kind: 'draw', count: 4, tag: '党史' }], passPercent: 80, timeLimitMinutes: null, attemptsAllowed: 2, opensAt: '2026-12-01T08:00:00+08:00', closesAt: null, review: { when: 'afterSubmit', show: 'full' } }),
    });
    const bad = settingsBody(readValues(form({ title: 'x', itemCount: '0', passPercent: '120', timeLimitMinutes: '1e400', opensAt: '2027-02-30T08:00' })));
    expect('problems' in bad && bad.problems.map((p) => p.path).sort()).toEqual(['items', 'opensAt', 'passPercent', 'timeLimitMinutes']);
  });
});
