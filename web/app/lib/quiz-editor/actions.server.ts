/**
 * The quiz editor's reads and writes through the API: the bank it picks from, the units and courses it offers, and
 * the one form's action (search and item changes answer the form again; save and publish ask the API).
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import { translate } from '../../i18n';
import { toApiProblem, type ApiProblem } from '../api-problem';
import { may, unitsReached, type Me } from '../me';
import { changeItems, questionInfo, readIntent, readValues, settingsBody, type EditorResult, type LocalProblem, type QuestionInfo, type QuizFormValues } from './form';

/** The bank as the editor reads it: every question the person may use, with their categories. */
export interface Bank {
  questions: Map<string, QuestionInfo & { retired: boolean }>;
  tags: string[];
}

/** Pages of the bank read at most (200 questions a page): banks are a few hundred to a couple of thousand questions. */
const BANK_PAGES = 15;
/** Search results shown at once. */
const FOUND_MAX = 30;

export async function loadBank(context: AppLoadContext): Promise<Bank> {
  const questions: Bank['questions'] = new Map();
  let cursor: string | undefined;
  for (let page = 0; page < BANK_PAGES; page++) {
    const { data } = await context.api.GET('/questions', { params: { query: { status: 'all', limit: 200, ...(cursor ? { cursor } : {}) } } });
    if (!data) break;
    for (const question of data.items) questions.set(question.questionId, { ...questionInfo(question), retired: question.retired });
    if (!data.cursor) break;
    cursor = data.cursor;
  }
  const tags = new Set<string>();
  for (const question of questions.values()) if (!question.retired) for (const tag of question.tags) tags.add(tag);
  return { questions, tags: [...tags].sort((a, b) => a.localeCompare(b, 'zh-CN')) };
}

/** The bank's active questions matching the search, leaving out those already in the quiz. */
export function searchBank(bank: Bank, values: QuizFormValues): QuestionInfo[] {
  const chosen = new Set(values.items.flatMap((item) => (item.kind === 'fixed' ? [item.question.questionId] : [])));
  const { text, tag, difficulty, kind } = values.search;
  const needle = text.toLowerCase();
  const found: QuestionInfo[] = [];
  for (const question of bank.questions.values()) {
    if (question.retired || chosen.has(question.questionId)) continue;
    if (tag && !question.tags.includes(tag)) continue;
    if (difficulty && question.difficulty !== difficulty) continue;
    if (kind && question.kind !== kind) continue;
    if (needle && !question.stem.toLowerCase().includes(needle)) continue;
    found.push(questionInfo(question));
    if (found.length >= FOUND_MAX) break;
  }
  return found;
}

/** The units the person may own a quiz in (getMe's reach of editQuizzes, within the tree), indented by depth. */
export async function ownerUnits(context: AppLoadContext, me: Me) {
  const { data } = await context.api.GET('/units');
  const all = data?.items ?? [];
  const reach = unitsReached(me, 'editQuizzes', all);
  const units = all.filter((unit) => (!reach || reach.has(unit.unitId)) && !unit.retired);
  const minDepth = Math.min(...units.map((unit) => unit.depth));
  return {
    all: all.map((unit) => ({ unitId: unit.unitId, name: unit.name })),
    reachesAll: reach === null,
    choices: units.map((unit) => ({ unitId: unit.unitId, name: unit.name, kind: unit.kind, depth: unit.depth - (Number.isFinite(minDepth) ? minDepth : 0) })),
  };
}

/** The courses the person edits (drafts are theirs already; published ones of units they reach), for a final test. */
export async function editedCourses(context: AppLoadContext, me: Me) {
  if (!may(me, 'editCourses')) return [];
  const [drafts, published, units] = await Promise.all([
    context.api.GET('/courses', { params: { query: { status: 'draft' } } }),
    context.api.GET('/courses', { params: { query: { status: 'published' } } }),
    context.api.GET('/units'),
  ]);
  const mine = unitsReached(me, 'editCourses', units.data?.items ?? []);
  return [...(drafts.data?.items ?? []), ...(published.data?.items ?? []).filter((course) => !mine || mine.has(course.ownerUnitId))].map((course) => ({
    courseId: course.courseId,
    title: course.title,
  }));
}

/** The fixed items described from the bank (what the form carried is kept for a question the bank no longer lists). */
function described(values: QuizFormValues, bank: Bank): QuizFormValues {
  return {
    ...values,
    items: values.items.map((item) => {
      if (item.kind !== 'fixed') return item;
      const known = bank.questions.get(item.question.questionId);
      return known ? { kind: 'fixed', question: questionInfo(known) } : item;
    }),
  };
}

function localProblem(context: AppLoadContext, problems: LocalProblem[]): ApiProblem {
  return {
    status: 400,
    code: 'VALIDATION',
    message: translate(context.lang, 'quizManage.invalid'),
    fields: problems.map((problem) => ({
      path: problem.path,
      message: translate(context.lang, problem.key, problem.label ? { field: translate(context.lang, problem.label) } : {}),
    })),
  };
}

/** Which quiz the form edits: none yet (the new page), or one at the version the editor read. */
export type Editing = { quizId: string; version: number } | null;

/**
 * The editor form's action. A search or a change of the items answers the form again with everything as typed; a
 * save creates the quiz (then its page) or updates it at the version read (someone else's save meanwhile: 409, the
 * form kept); publish saves, then publishes (a rule the bank cannot meet: the API's sentence beside the items).
 */
export async function editorAction(context: AppLoadContext, form: FormData, editing: Editing): Promise<EditorResult | Response> {
  const bank = await loadBank(context);
  let values = described(readValues(form), bank);
  const intent = readIntent(typeof form.get('intent') === 'string' ? (form.get('intent') as string) : '');
  const failed = (error: unknown, status: number, extra: Partial<EditorResult> = {}): EditorResult => ({
    values,
    found: searchBank(bank, values),
    problem: toApiProblem(error, status, translate(context.lang, 'quizManage.failed')),
    problemAt: 'top',
    ...(editing ? { version: editing.version } : {}),
    ...extra,
  });

  if (intent.kind !== 'save' && intent.kind !== 'publish') {
    const active = new Map([...bank.questions].filter(([, question]) => !question.retired));
    values = { ...values, items: changeItems(values.items, intent, active) };
    return { values, found: searchBank(bank, values), ...(editing ? { version: editing.version } : {}) };
  }
  const made = settingsBody(values);
  if ('problems' in made) {
    return { values, found: searchBank(bank, values), problem: localProblem(context, made.problems), problemAt: 'top', ...(editing ? { version: editing.version } : {}) };
  }

  if (!editing) {
    const { data, error, response } = await context.api.POST('/quizzes', {
      body: { ...made.body, ...(values.ownerUnitId ? { ownerUnitId: values.ownerUnitId } : {}), ...(values.courseId ? { courseId: values.courseId } : {}) },
    });
    if (!data) return failed(error, response.status);
    return redirect(`/quizzes/manage/${data.quizId}?done=created`);
  }

  const saved = await context.api.PATCH('/quizzes/{quizId}', { params: { path: { quizId: editing.quizId } }, body: { ...made.body, version: editing.version } });
  if (saved.response.status === 409) {
    // Someone saved meanwhile: say what became of what was typed here (kept, not saved) and offer their version.
    const problem: ApiProblem = { status: 409, code: 'CONFLICT', message: translate(context.lang, 'quizManage.conflict'), fields: [] };
    return { values, found: searchBank(bank, values), problem, problemAt: 'top', conflict: true, version: editing.version };
  }
  if (!saved.data) return failed(saved.error, saved.response.status);
  if (intent.kind === 'save') return redirect(`/quizzes/manage/${editing.quizId}?done=saved`);

  const published = await context.api.POST('/quizzes/{quizId}/publish', { params: { path: { quizId: editing.quizId } }, body: { version: saved.data.version } });
  // The settings were saved even if publishing was refused: the form now stands at the saved version.
  if (!published.data) return failed(published.error, published.response.status, { version: saved.data.version, problemAt: published.response.status === 400 ? 'items' : 'top' });
  return redirect(`/quizzes/manage/${editing.quizId}?done=published`);
}
