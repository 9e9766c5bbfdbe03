/**
 * The quiz editor's form: its values as the page shows them, read back from a posted form, changed by the form's
 * buttons (add, remove, move an item; add a rule) and turned into the API's body. Pure and safe in the browser; the
 * actions that call the API are in actions.server.ts.
 *
 * The whole editor is one form: every button posts all of it, so nothing typed is lost whichever button is pressed,
 * with or without JavaScript. The items travel as numbered fields (`item.0.kind`, `item.0.questionId`, …).
 */
import type { components } from '../api-types';
import type { ApiProblem, FieldProblem } from '../api-problem';
import type { MessageKey } from '../../i18n';

export type Quiz = components['schemas']['Quiz'];
export type QuizItem = NonNullable<Quiz['items']>[number];
export type Question = components['schemas']['Question'];
export type Difficulty = 'easy' | 'medium' | 'hard';
export type QuestionKind = Question['kind'];

export const difficulties: readonly Difficulty[] = ['easy', 'medium', 'hard'];
export const questionKinds: readonly QuestionKind[] = ['single', 'multiple', 'truefalse', 'fill'];

/** What the editor shows of a bank question (an item of the quiz, or a search result). */
export interface QuestionInfo {
  questionId: string;
  stem: string;
  kind: QuestionKind | '';
  difficulty: Difficulty | '';
  tags: string[];
}

export type FormItem = { kind: 'fixed'; question: QuestionInfo } | { kind: 'draw'; tag: string; difficulty: Difficulty | ''; count: string };

/** The editor's fields as typed (numbers and times as text, so a wrong one is shown back as it was). */
export interface QuizFormValues {
  title: string;
  ownerUnitId: string;
  courseId: string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  timeLimitMinutes: string;
  opensAt: string;
  closesAt: string;
  attemptsAllowed: string;
  passPercent: string;
  counts: 'best' | 'last';
  reviewWhen: 'afterSubmit' | 'afterClose';
  reviewShow: 'scoreOnly' | 'full';
  items: FormItem[];
  /** The bank search's fields. */
  search: { text: string; tag: string; difficulty: Difficulty | ''; kind: QuestionKind | '' };
}

/** A quiz has at most this many items (the API's limit on questions). */
export const MAX_ITEMS = 200;

export function questionInfo(question: Pick<QuestionInfo, 'questionId' | 'stem' | 'kind' | 'difficulty' | 'tags'>): QuestionInfo {
  return { questionId: question.questionId, stem: question.stem, kind: question.kind, difficulty: question.difficulty, tags: question.tags };
}

// ─── Times in Shanghai ─────────────────────────────────────────────────────────────────────────────────────────────

const shanghaiOffsetMs = 8 * 3600_000;
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An instant as a `datetime-local` value in Shanghai time ('' for none). */
export function toShanghaiLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  return new Date(ms + shanghaiOffsetMs).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Shanghai time: the instant with its offset, null when empty, undefined when not a time. */
export function fromShanghaiLocal(value: string): string | null | undefined {
  if (value.trim() === '') return null;
  const match = localPattern.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const back = new Date(utc);
  // 2027-02-30 rolls over to March: not a time on the calendar.
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}+08:00`;
}

// ─── From a quiz, from a form ──────────────────────────────────────────────────────────────────────────────────────

export function emptySearch(): QuizFormValues['search'] {
  return { text: '', tag: '', difficulty: '', kind: '' };
}

/** A new quiz's starting values. */
export function newQuizValues(ownerUnitId: string, courseId = ''): QuizFormValues {
  return {
    title: '',
    ownerUnitId,
    courseId,
    shuffleQuestions: false,
    shuffleOptions: false,
    timeLimitMinutes: '',
    opensAt: '',
    closesAt: '',
    attemptsAllowed: '',
    passPercent: '60',
    counts: 'best',
    reviewWhen: 'afterSubmit',
    reviewShow: 'full',
    items: [],
    search: emptySearch(),
  };
}

/** A saved quiz as the form shows it; fixed questions are described from what the bank answered (`known`). */
export function quizValues(quiz: Quiz, known: ReadonlyMap<string, QuestionInfo>): QuizFormValues {
  return {
    title: quiz.title,
    ownerUnitId: quiz.ownerUnitId,
    courseId: quiz.courseId ?? '',
    shuffleQuestions: quiz.shuffleQuestions,
    shuffleOptions: quiz.shuffleOptions,
    timeLimitMinutes: quiz.timeLimitMinutes === null ? '' : String(quiz.timeLimitMinutes),
    opensAt: toShanghaiLocal(quiz.opensAt),
    closesAt: toShanghaiLocal(quiz.closesAt),
    attemptsAllowed: quiz.attemptsAllowed === null ? '' : String(quiz.attemptsAllowed),
    passPercent: String(quiz.passPercent),
    counts: quiz.counts,
    reviewWhen: quiz.review.when,
    reviewShow: quiz.review.show,
    items: (quiz.items ?? []).map((item): FormItem =>
      item.kind === 'fixed'
        ? { kind: 'fixed', question: questionInfo(known.get(item.questionId) ?? { questionId: item.questionId, stem: '', kind: '', difficulty: '', tags: [] }) }
        : { kind: 'draw', tag: item.tag ?? '', difficulty: item.difficulty ?? '', count: String(item.count) },
    ),
    search: emptySearch(),
  };
}

const text = (form: FormData, name: string, max = 2000): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};
const oneOf = <T extends string>(value: string, choices: readonly T[], fallback: T): T => (choices.includes(value as T) ? (value as T) : fallback);
const optional = <T extends string>(value: string, choices: readonly T[]): T | '' => (choices.includes(value as T) ? (value as T) : '');

/** The question a form describes in its hidden fields (`prefix.questionId`, `prefix.stem`, …). */
function readQuestion(form: FormData, prefix: string): QuestionInfo | null {
  const questionId = text(form, `${prefix}.questionId`, 40);
  if (!/^[0-9A-Za-z]{10,40}$/.test(questionId)) return null;
  return {
    questionId,
    stem: text(form, `${prefix}.stem`, 1000),
    kind: optional(text(form, `${prefix}.qkind`), questionKinds),
    difficulty: optional(text(form, `${prefix}.difficulty`), difficulties),
    tags: text(form, `${prefix}.tags`, 500)
      .split('\n')
      .map((tag) => tag.trim())
      .filter(Boolean)
      .slice(0, 20),
  };
}

/** The editor's values as posted (whatever a client sent: anything unreadable falls back to a default). */
export function readValues(form: FormData): QuizFormValues {
  const count = Math.min(Number.parseInt(text(form, 'itemCount'), 10) || 0, MAX_ITEMS);
  const items: FormItem[] = [];
  for (let i = 0; i < count; i++) {
    const kind = text(form, `item.${i}.kind`);
    if (kind === 'fixed') {
      const question = readQuestion(form, `item.${i}`);
      if (question) items.push({ kind: 'fixed', question });
    } else if (kind === 'draw') {
      items.push({ kind: 'draw', tag: text(form, `item.${i}.tag`, 40), difficulty: optional(text(form, `item.${i}.difficulty`), difficulties), count: text(form, `item.${i}.count`, 20) });
    }
  }
  return {
    title: text(form, 'title', 200),
    ownerUnitId: text(form, 'ownerUnitId', 40),
    courseId: text(form, 'courseId', 40),
    shuffleQuestions: text(form, 'shuffleQuestions') === 'on',
    shuffleOptions: text(form, 'shuffleOptions') === 'on',
    timeLimitMinutes: text(form, 'timeLimitMinutes', 20),
    opensAt: text(form, 'opensAt', 40),
    closesAt: text(form, 'closesAt', 40),
    attemptsAllowed: text(form, 'attemptsAllowed', 20),
    passPercent: text(form, 'passPercent', 20),
    counts: oneOf(text(form, 'counts'), ['best', 'last'] as const, 'best'),
    reviewWhen: oneOf(text(form, 'reviewWhen'), ['afterSubmit', 'afterClose'] as const, 'afterSubmit'),
    reviewShow: oneOf(text(form, 'reviewShow'), ['scoreOnly', 'full'] as const, 'full'),
    items,
    search: {
      text: text(form, 'search.text', 200),
      tag: text(form, 'search.tag', 40),
      difficulty: optional(text(form, 'search.difficulty'), difficulties),
      kind: optional(text(form, 'search.kind'), questionKinds),
    },
  };
}

// ─── The buttons that change the items ─────────────────────────────────────────────────────────────────────────────

/** What a button of the form asks: a change of the items, a search, or a save or publish (the API's part). */
export type EditorIntent =
  | { kind: 'search' }
  | { kind: 'save' }
  | { kind: 'publish' }
  | { kind: 'addRule' }
  | { kind: 'add'; questionId: string }
  | { kind: 'remove' | 'up' | 'down'; index: number };

export function readIntent(value: string): EditorIntent {
  if (value === 'save' || value === 'publish' || value === 'addRule') return { kind: value };
  const add = /^add:([0-9A-Za-z]{10,40})$/.exec(value);
  if (add) return { kind: 'add', questionId: add[1]! };
  const move = /^(remove|up|down):(\d{1,3})$/.exec(value);
  if (move) return { kind: move[1] as 'remove' | 'up' | 'down', index: Number(move[2]) };
  // Enter in any field (the form's first button) and anything unknown: search, which keeps everything as typed.
  return { kind: 'search' };
}

/** The items after a button that changes them (a question offered by the search is described by `found`). */
export function changeItems(items: FormItem[], intent: EditorIntent, found: ReadonlyMap<string, QuestionInfo>): FormItem[] {
  const next = [...items];
  switch (intent.kind) {
    case 'addRule':
      if (next.length < MAX_ITEMS) next.push({ kind: 'draw', tag: '', difficulty: '', count: '5' });
      return next;
    case 'add': {
      const question = found.get(intent.questionId);
      const already = next.some((item) => item.kind === 'fixed' && item.question.questionId === intent.questionId);
      if (question && !already && next.length < MAX_ITEMS) next.push({ kind: 'fixed', question: questionInfo(question) });
      return next;
    }
    case 'remove':
      if (intent.index < next.length) next.splice(intent.index, 1);
      return next;
    case 'up':
    case 'down': {
      const to = intent.kind === 'up' ? intent.index - 1 : intent.index + 1;
      if (intent.index >= next.length || to < 0 || to >= next.length) return next;
      [next[intent.index], next[to]] = [next[to]!, next[intent.index]!];
      return next;
    }
    default:
      return next;
  }
}

// ─── To the API ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface QuizSettingsBody {
  title: string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  timeLimitMinutes: number | null;
  opensAt: string | null;
  closesAt: string | null;
  attemptsAllowed: number | null;
  passPercent: number;
  counts: 'best' | 'last';
  review: { when: 'afterSubmit' | 'afterClose'; show: 'scoreOnly' | 'full' };
  items: QuizItem[];
}

/** A problem the form finds before asking the API: the message's key, the field it names, and the label to say. */
export interface LocalProblem {
  path: string;
  key: MessageKey;
  label?: MessageKey;
}

const wholeNumber = (value: string): number | null | undefined => (value === '' ? null : /^\d{1,6}$/.test(value) ? Number(value) : undefined);

/**
 * The API's body for the values, or what is wrong with them that the API could not even be asked (a number that is
 * not one, a time that is not a time). The API checks the rest (ranges, the items' questions) and says it in words.
 */
export function settingsBody(values: QuizFormValues): { body: QuizSettingsBody } | { problems: LocalProblem[] } {
  const problems: LocalProblem[] = [];
  const timeLimitMinutes = wholeNumber(values.timeLimitMinutes);
  if (timeLimitMinutes === undefined) problems.push({ path: 'timeLimitMinutes', key: 'quizManage.notNumber', label: 'quizManage.field.timeLimit' });
  const attemptsAllowed = wholeNumber(values.attemptsAllowed);
  if (attemptsAllowed === undefined) problems.push({ path: 'attemptsAllowed', key: 'quizManage.notNumber', label: 'quizManage.field.attempts' });
  const passPercent = /^\d{1,3}(\.\d{1,2})?$/.test(values.passPercent) ? Number(values.passPercent) : NaN;
  if (!(passPercent >= 0 && passPercent <= 100)) problems.push({ path: 'passPercent', key: 'quizManage.notPercent', label: 'quizManage.field.passPercent' });
  const opensAt = fromShanghaiLocal(values.opensAt);
  if (opensAt === undefined) problems.push({ path: 'opensAt', key: 'quizManage.notDateTime', label: 'quizManage.field.opensAt' });
  const closesAt = fromShanghaiLocal(values.closesAt);
  if (closesAt === undefined) problems.push({ path: 'closesAt', key: 'quizManage.notDateTime', label: 'quizManage.field.closesAt' });
  const items: QuizItem[] = [];
  values.items.forEach((item, i) => {
    if (item.kind === 'fixed') {
      items.push({ kind: 'fixed', questionId: item.question.questionId });
      return;
    }
    const count = wholeNumber(item.count);
    if (count === undefined || count === null) problems.push({ path: `items.${i}.count`, key: 'quizManage.notNumber', label: 'quizManage.rule.count' });
    items.push({ kind: 'draw', count: count ?? 0, ...(item.tag ? { tag: item.tag } : {}), ...(item.difficulty ? { difficulty: item.difficulty } : {}) });
  });
  if (items.length === 0) problems.push({ path: 'items', key: 'quizManage.noItems' });
  if (problems.length > 0) return { problems };
  return {
    body: {
      title: values.title,
      shuffleQuestions: values.shuffleQuestions,
      shuffleOptions: values.shuffleOptions,
      timeLimitMinutes: timeLimitMinutes ?? null,
      opensAt: opensAt ?? null,
      closesAt: closesAt ?? null,
      attemptsAllowed: attemptsAllowed ?? null,
      passPercent,
      counts: values.counts,
      review: { when: values.reviewWhen, show: values.reviewShow },
      items,
    },
  };
}

/** What the page says after a post: the problem (if any), where to show it, and the values to show again. */
export interface EditorResult {
  values: QuizFormValues;
  /** Questions the bank search found (not yet in the quiz). */
  found?: QuestionInfo[];
  problem?: ApiProblem;
  /** Where the problem goes: beside the items (a rule the bank cannot meet) or at the top of the form. */
  problemAt?: 'items' | 'top';
  /** Someone saved meanwhile: the page offers to load their version. */
  conflict?: boolean;
  /** The version the form stands at (the one the editor read, kept on a conflict so a second save cannot overwrite). */
  version?: number;
  done?: MessageKey;
}

export type { FieldProblem };
