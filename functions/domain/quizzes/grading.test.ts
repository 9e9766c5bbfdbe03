import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { foldAnswer, gradeAttempt, gradeQuestion, isAnswered, isCorrect, versionLookup } from './grading.js';
import { Question, type Attempt } from './schema.js';

const at = '2027-03-01T08:00:00.000Z';
const unit = '01J0000000000000000000ZZZZ';

/** A valid question version (parsed by the schema, so the fixtures obey it). */
function question(id: string, fields: Record<string, unknown>, version = 1): Question {
  const choice = fields.kind === 'single' || fields.kind === 'multiple';
  return Question.parse({
    questionId: id,
    version,
    ownerUnitId: unit,
    stem: `题目 ${id}`,
    explanation: '解析',
    difficulty: 'medium',
    points: 2,
    tags: [],
    retired: false,
    createdAt: at,
    updatedAt: at,
    createdBy: unit,
    options: choice ? [{ text: 'A' }, { text: 'B' }, { text: 'C' }, { text: 'D' }] : [],
    ...fields,
  });
}

const single = question('01J000000000000000000000S1', { kind: 'single', answer: [2] });
const multiple = question('01J000000000000000000000M1', { kind: 'multiple', answer: [0, 2, 3], points: 3 });
const truefalse = question('01J000000000000000000000T1', { kind: 'truefalse', answer: [1], points: 1 });
const fill = question('01J000000000000000000000F1', { kind: 'fill', answer: ['中国共产党', 'CPC'], points: 4 });

describe('fill-in-the-blank answers are compared after folding', () => {
  it('folds full-width letters, digits and punctuation, the ideographic space, white space runs and Latin case', () => {
    expect(foldAnswer('  ＣＰＣ　')).toBe('cpc');
    expect(foldAnswer('１９２１年')).toBe('1921年');
    expect(foldAnswer('A  B\tC')).toBe('a b c');
    expect(foldAnswer('（一）')).toBe('(一)');
  });

  it('puts text in NFC, so a decomposed accent equals the composed one', () => {
    expect(foldAnswer('Re\u0301sume\u0301')).toBe(foldAnswer('Résumé'));
  });

  it('lowers Latin capitals only (Greek and Cyrillic keep their case)', () => {
    expect(foldAnswer('ΑΒ Дж')).toBe('ΑΒ Дж');
  });

  it('accepts any accepted answer and refuses a near miss', () => {
    expect(isCorrect(fill, ' 中国共产党 ')).toBe(true);
    expect(isCorrect(fill, 'ｃｐｃ')).toBe(true);
    expect(isCorrect(fill, '中国共产党员')).toBe(false);
    expect(isCorrect(fill, '中国 共产党')).toBe(false);
  });

  it('refuses a choice answer to a fill question and a text answer to a choice question', () => {
    expect(isCorrect(fill, [0])).toBe(false);
    expect(isCorrect(single, 'C')).toBe(false);
  });
});

describe('choice questions', () => {
  it('single choice and true/false: the one option of the key', () => {
    expect(isCorrect(single, [2])).toBe(true);
    expect(isCorrect(single, [1])).toBe(false);
    expect(isCorrect(single, [2, 1])).toBe(false);
    expect(isCorrect(truefalse, [1])).toBe(true);
    expect(isCorrect(truefalse, [0])).toBe(false);
  });

  it('multiple choice is all-or-nothing: the exact set, in any order, repeats ignored', () => {
    expect(gradeQuestion(multiple, [3, 0, 2]).earned).toBe(3);
    expect(gradeQuestion(multiple, [0, 2, 2, 3]).earned).toBe(3);
    expect(gradeQuestion(multiple, [0, 2]).earned).toBe(0); // a subset
    expect(gradeQuestion(multiple, [0, 1, 2, 3]).earned).toBe(0); // a superset
  });

  it('an empty list or empty text is no answer and earns nothing', () => {
    expect(isAnswered([])).toBe(false);
    expect(isAnswered('  ')).toBe(false);
    expect(isAnswered(undefined)).toBe(false);
    expect(gradeQuestion(single, []).answered).toBe(false);
    expect(gradeQuestion(single, []).earned).toBe(0);
    expect(gradeQuestion(fill, '').correct).toBe(false);
  });
});

describe('an attempt', () => {
  const all = [single, multiple, truefalse, fill];
  const refs = all.map((q) => ({ questionId: q.questionId, version: q.version, kind: q.kind, optionOrder: [] }));
  const attempt = (answers: Attempt['answers']): Pick<Attempt, 'questions' | 'answers'> => ({ questions: refs, answers });

  it('sums the points earned, over the points of the questions given, and passes at the mark', () => {
    const grade = gradeAttempt(attempt({ [single.questionId]: [2], [multiple.questionId]: [0, 2, 3], [fill.questionId]: 'cpc' }), versionLookup(all), 60);
    expect(grade.maxScore).toBe(10);
    expect(grade.score).toBe(9);
    expect(grade.percent).toBe(90);
    expect(grade.passed).toBe(true);
    expect(grade.results.map((r) => r.correct)).toEqual([true, true, false, true]);
    expect(grade.results[2]!.answered).toBe(false);
  });

  it('passes exactly at the mark and fails just below it, before rounding', () => {
    const three = [1, 2, 3].map((n) => question(`01J000000000000000000000P${n}`, { kind: 'truefalse', answer: [0], points: 1 }));
    const refsOf = three.map((q) => ({ questionId: q.questionId, version: 1, kind: q.kind, optionOrder: [] }));
    const twoRight = { questions: refsOf, answers: { [three[0]!.questionId]: [0], [three[1]!.questionId]: [0] } };
    const grade = gradeAttempt(twoRight, versionLookup(three), 66.67);
    expect(grade.percent).toBe(66.67);
    expect(grade.passed).toBe(false); // 66.666…% is below 66.67%
    expect(gradeAttempt(twoRight, versionLookup(three), 66.66).passed).toBe(true);
    expect(gradeAttempt({ questions: refsOf, answers: {} }, versionLookup(three), 0).passed).toBe(true); // a 0 % mark passes everyone
  });

  it('grades against the version the attempt was given, not a later edit', () => {
    const edited = question(single.questionId, { kind: 'single', answer: [0] }, 2);
    const given = attempt({ [single.questionId]: [2] });
    expect(gradeAttempt(given, versionLookup([...all, edited]), 50).results[0]!.correct).toBe(true);
    const onV2 = { questions: [{ questionId: single.questionId, version: 2, kind: 'single' as const, optionOrder: [] }], answers: { [single.questionId]: [2] } };
    expect(gradeAttempt(onV2, versionLookup([...all, edited]), 50).results[0]!.correct).toBe(false);
  });

  it('is pure: the same attempt and versions give the same result', () => {
    const given = attempt({ [single.questionId]: [2], [fill.questionId]: 'x' });
    expect(gradeAttempt(given, versionLookup(all), 60)).toEqual(gradeAttempt(given, versionLookup(all), 60));
  });

  it('refuses to grade when a version it was given is missing, naming it', () => {
    try {
      gradeAttempt(attempt({}), versionLookup([single]), 60);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).params).toEqual({ questionId: multiple.questionId, version: 1 });
    }
  });

  it('keeps half points exact', () => {
    const halves = [1, 2, 3].map((n) => question(`01J000000000000000000000H${n}`, { kind: 'truefalse', answer: [0], points: 0.5 }));
    const grade = gradeAttempt(
      { questions: halves.map((q) => ({ questionId: q.questionId, version: 1, kind: q.kind, optionOrder: [] })), answers: Object.fromEntries(halves.map((q) => [q.questionId, [0]])) },
      versionLookup(halves),
      100,
    );
    expect(grade.score).toBe(1.5);
    expect(grade.percent).toBe(100);
    expect(grade.passed).toBe(true);
  });
});
