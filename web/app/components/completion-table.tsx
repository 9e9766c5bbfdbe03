/**
 * Completion figures per unit (indented by depth), and one unit's people with their states. A course's figures speak
 * of studying; an assigned quiz's (`words="quiz"`) of taking and passing it.
 */
import { Link } from '@remix-run/react';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDate } from '../lib/format';
import { completionStateClass, completionStateKey, percent, type Completion } from '../lib/learn';
import { CourseProgressBar } from './course-progress-bar';

type UnitRow = Pick<Completion['units'][number], 'unitId' | 'name' | 'depth' | 'subtree'>;
type State = NonNullable<Completion['people']>[number]['state'];
export type CompletionWords = 'course' | 'quiz';

const quizColumn = {
  total: 'quizCompletion.col.total',
  done: 'quizCompletion.col.done',
  inProgress: 'quizCompletion.col.inProgress',
  notStarted: 'quizCompletion.col.notStarted',
  overdue: 'completion.col.overdue',
  completedAt: 'quizCompletion.col.passedAt',
} as const satisfies Record<string, MessageKey>;
const courseColumn = {
  total: 'completion.col.total',
  done: 'completion.col.done',
  inProgress: 'completion.col.inProgress',
  notStarted: 'completion.col.notStarted',
  overdue: 'completion.col.overdue',
  completedAt: 'completion.col.completedAt',
} as const satisfies Record<keyof typeof quizColumn, MessageKey>;
const stateKey = (words: CompletionWords, state: State): MessageKey => (words === 'quiz' && state !== 'overdue' ? `quizCompletion.state.${state}` : completionStateKey(state));

export function CompletionTable({ units, link, caption, single = false, words = 'course' }: { units: UnitRow[]; link: ((unitId: string) => string) | null; caption?: string; single?: boolean; words?: CompletionWords }) {
  const t = useT();
  const label = words === 'quiz' ? quizColumn : courseColumn;
  const columns = (['total', 'done', 'inProgress', 'notStarted', 'overdue'] as const).map((key) => [key, label[key]] as const);
  return (
    <table className={`data-table completion-table${single ? ' completion-single' : ''}`} data-testid="completion-table">
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{t('completion.col.unit')}</th>
          {columns.map(([key, label]) => (
            <th key={key} scope="col" className="num">
              {t(label)}
            </th>
          ))}
          <th scope="col" className="num">
            {t('completion.col.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {units.map((unit) => {
          const share = percent(unit.subtree.done, unit.subtree.total);
          return (
            <tr key={unit.unitId} className={`completion-row depth-${Math.min(unit.depth, 4)}`} data-testid="completion-row" data-unit={unit.name}>
              <th scope="row" className="cell-title completion-unit">
                {link ? (
                  <Link to={link(unit.unitId)} data-testid="completion-unit-link">
                    {unit.name}
                  </Link>
                ) : (
                  <span>{unit.name}</span>
                )}
              </th>
              {columns.map(([key, label]) => (
                <td key={key} className={`num${key === 'overdue' && unit.subtree.overdue > 0 ? ' num-alert' : ''}`} data-label={t(label)} data-testid={`completion-${key}`}>
                  {unit.subtree[key]}
                </td>
              ))}
              <td className="num completion-share" data-label={t('completion.col.share')} data-testid="completion-share">
                <span className="share-cell">
                  <span className="share-figure">{unit.subtree.total > 0 ? `${share}%` : '—'}</span>
                  {unit.subtree.total > 0 ? <CourseProgressBar value={share} max={100} label={t('completion.col.share')} tone={share >= 100 ? 'green' : 'red'} className="progress-inline" /> : null}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CompletionPeople({ people, words = 'course' }: { people: NonNullable<Completion['people']>; words?: CompletionWords }) {
  const t = useT();
  const lang = useLang();
  if (people.length === 0) return <p className="card empty-state">{t('completion.noPeople')}</p>;
  return (
    <table className="data-table completion-people" data-testid="completion-people">
      <thead>
        <tr>
          <th scope="col">{t('completion.col.name')}</th>
          <th scope="col">{t('completion.col.login')}</th>
          <th scope="col">{t('completion.col.state')}</th>
          <th scope="col">{t((words === 'quiz' ? quizColumn : courseColumn).completedAt)}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr key={person.personId} data-testid="completion-person" data-state={person.state}>
            <th scope="row" className="cell-title">
              {person.name}
            </th>
            <td data-label={t('completion.col.login')} translate="no">
              {person.login}
            </td>
            <td data-label={t('completion.col.state')}>
              <span className={completionStateClass[person.state]}>{t(stateKey(words, person.state))}</span>
            </td>
            <td data-label={t((words === 'quiz' ? quizColumn : courseColumn).completedAt)}>{person.completedAt ? formatDate(person.completedAt, lang) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
