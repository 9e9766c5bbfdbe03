/**
 * A quiz's results for organizers and leaders (getQuizStats, exportQuizStats): the attempts of the takers who sit in
 * the units the reader reaches (authz/quizzes.ts `quizFiguresReach`, the one rule for figures), computed live from
 * the attempts (quiz-stats.ts, item-stats.ts) with the chart drawn here (score-chart.ts). `unitId` narrows to a unit
 * of that reach and its subtree.
 *
 * Reads per request: the quiz, the quiz's attempts (one query, a page per 200), their takers (BatchGet, 100 a call)
 * and the question versions they were given (BatchGet); the tree comes from its short cache. An assigned quiz adds its
 * assignments (one query) and its completion: one rollup item per unit in view (stats area, as for courses).
 */
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import { currentLang } from '../../platform/request-scope.js';
import { authorize, type Actor, type Operation } from '../authz/permissions.js';
import { recordAudit } from '../audit/service.js';
import { quizFiguresReach } from '../authz/quizzes.js';
import { loadTree } from '../org/service.js';
import { orgMessages } from '../org/messages.js';
import { peopleByIds } from '../people/directory.js';
import { quizFigures, type Taker } from './quiz-stats.js';
import { quizById } from './quiz-service.js';
import { queryAttemptsOfQuiz } from './quiz-store.js';
import { questionsAt } from './service.js';
import { statsSpreadsheet } from './stats-spreadsheet.js';
import { statsView, type QuizStatsView } from './stats-view.js';
import { assignmentsOfQuiz } from '../assignments/quiz-assigned.js';
import { quizCompletion } from '../stats/service.js';

/** The units viewed: the one asked for, else the tops of the reader's reach (those whose parent is outside it). */
function viewedUnits(units: Map<string, number>, parentOf: (unitId: string) => string | null, unitId: string | undefined): string[] {
  if (unitId) return [unitId];
  return [...units.keys()].filter((id) => {
    const parent = parentOf(id);
    return parent === null || !units.has(parent);
  });
}

async function statsOf(actor: Actor | null, operation: Operation, quizId: string, query: { unitId?: string | undefined }) {
  const grant = authorize(actor, operation);
  const [quiz, tree] = await Promise.all([quizById(quizId), loadTree()]);
  const { units } = quizFiguresReach(grant, actor!, quiz, tree);
  if (query.unitId && !units.has(query.unitId)) throw new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound });
  const viewed = viewedUnits(units, (id) => tree.get(id)?.parentId ?? null, query.unitId);
  const inView = new Set([...units.keys()].filter((id) => viewed.some((top) => tree.isWithin(id, top))));

  const all = await queryAttemptsOfQuiz(quiz!.quizId);
  const people = await peopleByIds([...new Set(all.map((a) => a.personId))]);
  const takers = new Map<string, Taker>();
  for (const person of people) if (inView.has(person.unitId)) takers.set(person.personId, { personId: person.personId, name: person.name, unitId: person.unitId });
  const attempts = all.filter((a) => takers.has(a.personId));

  const figures = quizFigures({ counts: quiz!.counts, attempts, takers, tree, viewed, reach: units });
  const [versions, assigned] = await Promise.all([questionsAt(figures.items.map(({ questionId, version }) => ({ questionId, version }))), assignmentsOfQuiz(quiz!.quizId)]);
  // Completion per unit, as for courses, when the quiz is assigned: from the rollup items of the units in view.
  const completion = assigned.length > 0 ? await quizCompletion(quiz!.quizId, tree, new Map([...units].filter(([id]) => inView.has(id))), query.unitId) : null;
  return { quiz: quiz!, tree, viewed, figures, versions, completion };
}

/** A quiz's results for the takers in the reader's reach (or in `unitId`'s subtree of it). */
export async function getQuizStats(actor: Actor | null, quizId: string, query: { unitId?: string | undefined } = {}): Promise<QuizStatsView> {
  return statsView(await statsOf(actor, 'getQuizStats', quizId, query), currentLang(), clock.now());
}

/** The same figures as an Excel workbook: the summary, the questions, the units, and the attempts flagged for time. */
export async function exportQuizStats(actor: Actor | null, quizId: string, query: { unitId?: string | undefined } = {}) {
  const lang = currentLang();
  const source = await statsOf(actor, 'exportQuizStats', quizId, query);
  const view = statsView(source, lang, clock.now());
  // Who exported which figures (the audit log: docs/decisions/047).
  await recordAudit({ action: 'exportQuizStats', actor: actor!, target: { type: 'quiz', id: source.quiz.quizId, label: source.quiz.title }, details: query.unitId ? { unitId: query.unitId } : {} });
  return statsSpreadsheet(view, lang);
}
