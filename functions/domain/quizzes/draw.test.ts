import { describe, expect, it } from 'vitest';
import { apiMessage } from '../../platform/i18n.js';
import { drawAttempt, latestVersions, seededRandom, shuffled } from './draw.js';
import { quizEngineMessages } from './messages.js';
import { Question, type Difficulty, type QuizItem } from './schema.js';
import { appErrorOf } from '../../../test/helpers/app-error.js';

const at = '2027-03-01T08:00:00.000Z';
const unit = '01J0000000000000000000ZZZZ';

/** Question ids that sort in creation order: 01J…0001, 01J…0002, … */
const idOf = (n: number) => `01J${String(n).padStart(23, '0')}`;

function question(n: number, { tags = [] as string[], difficulty = 'medium' as Difficulty, retired = false, version = 1, options = 4 } = {}): Question {
  return Question.parse({
    questionId: idOf(n),
    version,
    ownerUnitId: unit,
    kind: 'single',
    stem: `题目 ${n}`,
    explanation: '',
    difficulty,
    points: 1,
    tags,
    retired,
    createdAt: at,
    updatedAt: at,
    createdBy: unit,
    options: Array.from({ length: options }, (_, i) => ({ text: `选项 ${i}` })),
    answer: [0],
  });
}

const quizOf = (items: QuizItem[], shuffleQuestions = false, shuffleOptions = false) => ({ items, shuffleQuestions, shuffleOptions });
const ids = (drawn: { questionId: string }[]) => drawn.map((q) => q.questionId);

/** 20 questions: 1–10 tagged 党章 (odd ones hard), 11–20 tagged 服务规范 (easy); 21 retired 党章 hard. */
const bank = [
  ...Array.from({ length: 10 }, (_, i) => question(i + 1, { tags: ['党章'], difficulty: i % 2 === 0 ? 'hard' : 'medium' })),
  ...Array.from({ length: 10 }, (_, i) => question(i + 11, { tags: ['服务规范'], difficulty: 'easy' })),
  question(21, { tags: ['党章'], difficulty: 'hard', retired: true }),
];

describe('the seeded generator', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom('01JATTEMPT');
    const b = seededRandom('01JATTEMPT');
    const c = seededRandom('01JATTEMPU');
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('shuffles into a permutation, evenly enough', () => {
    const random = seededRandom('even');
    const firstPlace = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const first = shuffled([0, 1, 2, 3], random)[0]!;
      firstPlace[first] = firstPlace[first]! + 1;
    }
    for (const count of firstPlace) expect(count).toBeGreaterThan(850); // 1000 expected each
    expect(shuffled([1, 2, 3], random).sort()).toEqual([1, 2, 3]);
  });
});

describe('drawing an attempt', () => {
  it('puts fixed items first in the quiz order, then each rule, never repeating a question', () => {
    const items: QuizItem[] = [
      { kind: 'fixed', questionId: idOf(15) },
      { kind: 'draw', count: 5, tag: '党章' },
      { kind: 'fixed', questionId: idOf(3) },
      { kind: 'draw', count: 9, tag: '服务规范' },
    ];
    const drawn = ids(drawAttempt({ quiz: quizOf(items), bank, seed: 'attempt-1' }));
    expect(drawn.slice(0, 2)).toEqual([idOf(15), idOf(3)]);
    expect(drawn).toHaveLength(16);
    expect(new Set(drawn).size).toBe(16);
    const party = drawn.slice(2, 7);
    const service = drawn.slice(7);
    expect(party.every((id) => Number(id.slice(3)) <= 10 && id !== idOf(3))).toBe(true);
    expect(service.every((id) => Number(id.slice(3)) >= 11 && Number(id.slice(3)) <= 20 && id !== idOf(15))).toBe(true);
  });

  it('draws by tag and difficulty together, and never a retired question', () => {
    for (let n = 0; n < 30; n++) {
      const drawn = ids(drawAttempt({ quiz: quizOf([{ kind: 'draw', count: 5, tag: '党章', difficulty: 'hard' }]), bank, seed: `s${n}` }));
      expect(drawn.sort()).toEqual([1, 3, 5, 7, 9].map(idOf)); // exactly the five active hard ones; 21 is retired
    }
  });

  it('is reproducible from the seed, and differs between attempts', () => {
    const quiz = quizOf([{ kind: 'draw', count: 5, tag: '服务规范' }], true, true);
    const one = drawAttempt({ quiz, bank, seed: '01JSEEDONE' });
    expect(drawAttempt({ quiz, bank, seed: '01JSEEDONE' })).toEqual(one);
    expect(drawAttempt({ quiz, bank: [...bank].reverse(), seed: '01JSEEDONE' })).toEqual(one); // the read order does not matter
    const seen = new Set(Array.from({ length: 20 }, (_, i) => ids(drawAttempt({ quiz, bank, seed: `person-${i}` })).join()));
    expect(seen.size).toBeGreaterThan(15);
  });

  it('uses the latest version of each question', () => {
    const drawn = drawAttempt({ quiz: quizOf([{ kind: 'fixed', questionId: idOf(1) }]), bank: [question(1, { version: 3 }), question(1, { version: 1 }), question(1, { version: 2 })], seed: 'x' });
    expect(drawn).toEqual([{ questionId: idOf(1), version: 3, kind: 'single', optionOrder: [0, 1, 2, 3] }]);
    expect(latestVersions([question(2), question(1, { version: 2 }), question(1)]).map((q) => [q.questionId, q.version])).toEqual([
      [idOf(1), 2],
      [idOf(2), 1],
    ]);
  });

  it('shuffles questions (fixed ones too) and options only when asked, true/false keeps its order', () => {
    const items: QuizItem[] = Array.from({ length: 8 }, (_, i) => ({ kind: 'fixed' as const, questionId: idOf(i + 1) }));
    const plain = drawAttempt({ quiz: quizOf(items), bank, seed: 'p' });
    expect(ids(plain)).toEqual(items.map((item) => (item as { questionId: string }).questionId));
    expect(plain.every((q) => q.optionOrder.join() === '0,1,2,3')).toBe(true);

    const mixed = drawAttempt({ quiz: quizOf(items, true, true), bank, seed: 'p' });
    expect(ids(mixed)).not.toEqual(ids(plain));
    expect([...ids(mixed)].sort()).toEqual([...ids(plain)].sort());
    expect(mixed.some((q) => q.optionOrder.join() !== '0,1,2,3')).toBe(true);
    expect(mixed.every((q) => [...q.optionOrder].sort().join() === '0,1,2,3')).toBe(true);

    const tf = Question.parse({ ...question(30), kind: 'truefalse', options: [], answer: [1] });
    expect(drawAttempt({ quiz: quizOf([{ kind: 'fixed', questionId: tf.questionId }], true, true), bank: [tf], seed: 'p' })[0]!.optionOrder).toEqual([]);
  });

  it('meets overlapping rules whenever any assignment exists, whatever the seed', () => {
    // 7 of any 党章, then 3 of 党章 hard: 10 active 党章 questions, 5 of them hard. Taken in order, the first rule
    // usually takes hard ones the second needs; the draw must hand those back and give the first rule medium ones.
    const quiz = quizOf([
      { kind: 'draw', count: 7, tag: '党章' },
      { kind: 'draw', count: 3, tag: '党章', difficulty: 'hard' },
    ]);
    for (let n = 0; n < 50; n++) {
      const drawn = ids(drawAttempt({ quiz, bank, seed: `overlap-${n}` }));
      expect(new Set(drawn).size).toBe(10);
      expect(drawn.slice(7).every((id) => [1, 3, 5, 7, 9].map(idOf).includes(id))).toBe(true);
    }
  });

  it('refuses a rule the bank cannot meet, naming the rule, the need and what there is', () => {
    const error = appErrorOf(() => drawAttempt({ quiz: quizOf([{ kind: 'draw', count: 6, tag: '党章', difficulty: 'hard' }]), bank, seed: 'x' }));
    expect(error.status).toBe(400);
    expect(error.messageKey).toBe(quizEngineMessages.drawRuleShort);
    expect(error.params).toEqual({ rule: '党章 · 困难 × 6', count: 6, available: 5 });
    expect(apiMessage('en', error.messageKey, error.params)).toContain('needs 6 questions');
  });

  it('counts a fixed question as taken when a rule needs it', () => {
    const error = appErrorOf(() => drawAttempt({ quiz: quizOf([{ kind: 'fixed', questionId: idOf(1) }, { kind: 'draw', count: 5, difficulty: 'hard' }]), bank, seed: 'x' }));
    expect(error.params).toMatchObject({ count: 5, available: 4 });
  });

  it('refuses rules that can each be met but not together', () => {
    const quiz = quizOf([
      { kind: 'draw', count: 4, tag: '党章', difficulty: 'hard' },
      { kind: 'draw', count: 4, difficulty: 'hard' },
    ]);
    const error = appErrorOf(() => drawAttempt({ quiz, bank, seed: 'x' }));
    expect(error.messageKey).toBe(quizEngineMessages.drawRulesOverlap);
    expect(error.params).toMatchObject({ total: 8 });
  });

  it('refuses a fixed question that is retired or not in the bank', () => {
    expect(appErrorOf(() => drawAttempt({ quiz: quizOf([{ kind: 'fixed', questionId: idOf(21) }]), bank, seed: 'x' })).params).toEqual({ questionId: idOf(21) });
    expect(appErrorOf(() => drawAttempt({ quiz: quizOf([{ kind: 'fixed', questionId: idOf(99) }]), bank, seed: 'x' })).messageKey).toBe(quizEngineMessages.fixedQuestionUnavailable);
  });

  it('gives a fixed question named twice only once', () => {
    expect(ids(drawAttempt({ quiz: quizOf([{ kind: 'fixed', questionId: idOf(2) }, { kind: 'fixed', questionId: idOf(2) }]), bank, seed: 'x' }))).toEqual([idOf(2)]);
  });

  it('draws 200 questions from a bank of 2,000 with overlapping rules', () => {
    const big = Array.from({ length: 2000 }, (_, i) => question(i + 1, { tags: [`t${i % 5}`], difficulty: (['easy', 'medium', 'hard'] as const)[i % 3] }));
    const drawn = drawAttempt({
      quiz: quizOf([{ kind: 'draw', count: 100, tag: 't0' }, { kind: 'draw', count: 100, difficulty: 'hard' }], true, true),
      bank: big,
      seed: 'big',
    });
    expect(new Set(ids(drawn)).size).toBe(200);
  });
});
