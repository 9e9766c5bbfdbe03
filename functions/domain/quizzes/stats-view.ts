/**
 * A quiz's results as the API answers them (getQuizStats) and the workbook writes them (stats-spreadsheet.ts), in
 * the reader's language: the figures of quiz-stats.ts with the units named, the questions' stems (never their keys),
 * and the distribution drawn as an SVG chart (score-chart.ts). Pure.
 */
import { apiMessage, type Lang } from '../../platform/i18n.js';
import type { OrgTree } from '../org/tree.js';
import { MIN_TAKERS } from './item-stats.js';
import type { QuizFigures } from './quiz-stats.js';
import { distributionSvg } from './score-chart.js';
import { quizStatsMessages } from './stats-messages.js';
import type { Question, Quiz } from './schema.js';
import type { quizCompletion } from '../stats/service.js';

/** A stem in a table: its first 120 characters. */
const STEM_CHARS = 120;
const shortStem = (stem: string) => (stem.length > STEM_CHARS ? `${stem.slice(0, STEM_CHARS)}…` : stem);

/** What the view is made of: the quiz, the tree, the units viewed, the figures and the question versions in them. */
export interface StatsSource {
  quiz: Quiz;
  tree: OrgTree;
  viewed: string[];
  figures: QuizFigures;
  versions: ReadonlyMap<string, Question>;
  /** Completion per unit from the rollup items, when the quiz is assigned (null otherwise). */
  completion: Awaited<ReturnType<typeof quizCompletion>> | null;
}

/** The quiz's fixed questions first, in the quiz's order; drawn ones after, as they first appeared. */
function itemOrder(quiz: Quiz) {
  const fixed = new Map(quiz.items.flatMap((item, i) => (item.kind === 'fixed' ? [[item.questionId, i] as const] : [])));
  return (questionId: string, appearance: number) => fixed.get(questionId) ?? quiz.items.length + appearance;
}

/** The figures as the API answers them, in the reader's language. */
export function statsView({ quiz, tree, viewed, figures, versions, completion }: StatsSource, lang: Lang, now: Date) {
  const m = (key: keyof typeof quizStatsMessages, params?: Record<string, string | number>) => apiMessage(lang, quizStatsMessages[key], params);
  const unitName = (unitId: string) => tree.get(unitId)?.name ?? '';
  const order = itemOrder(quiz);
  const questions = figures.items
    .map((item, appearance) => ({ item, rank: order(item.questionId, appearance) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ item }) => {
      const question: Question | undefined = versions.get(`${item.questionId}#${item.version}`);
      const { choiceCounts: _c, ...rest } = item;
      return { ...rest, kind: question?.kind ?? null, stem: question ? shortStem(question.stem) : m('questionMissing') };
    });
  const timed = (list: typeof figures.slowest) =>
    list.map((t) => ({ attemptId: t.attemptId, name: t.name, unitId: t.unitId, unitName: unitName(t.unitId), state: t.state as 'submitted' | 'expired', seconds: Math.round(t.seconds), questions: t.questions, percent: t.percent, finishedAt: t.finishedAt }));
  return {
    quizId: quiz.quizId,
    quizTitle: quiz.title,
    counts: quiz.counts,
    passPercent: quiz.passPercent,
    unitId: viewed.length === 1 ? viewed[0]! : null,
    unitName: viewed.map(unitName).join('、'),
    computedAt: now.toISOString(),
    minTakers: MIN_TAKERS,
    summary: figures.summary,
    distribution: {
      bins: figures.distribution,
      svg: distributionSvg(
        figures.distribution,
        {
          title: m('chartTitle'),
          description: m('chartDescription'),
          xAxis: m('chartXAxis'),
          yAxis: m('chartYAxis'),
          passMark: m('chartPassMark', { percent: quiz.passPercent }),
          bar: quizStatsMessages.chartBar.texts[lang],
        },
        quiz.passPercent,
      ),
    },
    questions,
    units: figures.units.map((row) => ({ ...row, name: row.own ? m('ownPeople', { unit: unitName(row.unitId) }) : unitName(row.unitId) })),
    slowest: timed(figures.slowest),
    fastest: timed(figures.fastest),
    tooFast: timed(figures.tooFast),
    completion,
  };
}

export type QuizStatsView = ReturnType<typeof statsView>;

