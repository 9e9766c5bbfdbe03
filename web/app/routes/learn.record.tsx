import { useEffect, useState, type ReactNode } from 'react';
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { CreditSummary } from '../components/course-cards';
import { CourseError } from '../components/course-error';
import { CheckIcon, PrintIcon } from '../components/course-icons';
import { useLang, useT } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { formatCredit, formatMonth, shanghaiMonth } from '../lib/learn';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';
import { withMe } from '../lib/learn.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'record.title');

/** 学习档案: one API call carries the whole page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const [me, { data, error, response }] = await withMe(request, context, context.api.GET('/me/record'));
  if (!data) throwApiError(error, response.status);
  // The timeline: months newest first, each with the courses completed in it and the 学时 they brought.
  // A final test passed is an entry of its own (its 0.5 学时 count in the month it was first passed).
  type Entry = { key: string; courseId: string; title: string; credit: number; completedAt: string; test: boolean };
  const months = new Map<string, { month: string; credit: number; courses: Entry[] }>();
  const entries: Entry[] = [
    ...data.completed.map((course) => ({ ...course, key: course.courseId, test: false })),
    ...data.testsPassed.map((test) => ({ key: `test-${test.courseId}`, courseId: test.courseId, title: test.title, credit: test.credit, completedAt: test.passedAt, test: true })),
  ];
  for (const course of entries.sort((a, b) => b.completedAt.localeCompare(a.completedAt))) {
    const month = shanghaiMonth(course.completedAt);
    const entry = months.get(month) ?? { month, credit: 0, courses: [] };
    entry.credit += course.credit;
    entry.courses.push(course);
    months.set(month, entry);
  }
  return {
    lang: context.lang,
    // Named on the page, so that a printed record says whose it is.
    person: { name: me.name, login: me.login, unitPath: me.unitPath },
    asOf: new Date().toISOString(),
    record: data,
    timeline: [...months.values()].sort((a, b) => b.month.localeCompare(a.month)),
  };
}

export default function Record() {
  const { person, record, timeline, asOf } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  // Printing needs the browser's script; without it the button would do nothing, so it appears once that runs.
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(typeof window.print === 'function'), []);
  return (
    <div className="page record-page">
      <BackLink to="/learn">{t('course.backToLearn')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('record.title')}</h1>
          <p className="lead" data-testid="record-person">
            {t('record.whose', { name: person.name, login: person.login, unit: person.unitPath })}
          </p>
          <p className="lead no-print">{t('record.lead')}</p>
        </div>
        {canPrint ? (
          <button type="button" className="button button-quiet no-print" onClick={() => window.print()} data-testid="record-print">
            <PrintIcon className="icon icon-small" />
            {t('record.print')}
          </button>
        ) : null}
      </header>
      <p className="print-only">{t('record.printedAt', { time: formatDateTime(asOf, lang) })}</p>

      <CreditSummary credit={record.creditThisYear} target={record.target} year={record.year} />

      <section aria-labelledby="completed-heading">
        <h2 id="completed-heading">{t('record.completed.title', { count: record.completed.length })}</h2>
        {record.completed.length === 0 ? (
          <div className="card empty-state" data-testid="record-completed-empty">
            <p>{t('record.completed.empty')}</p>
            <p>
              <Link to="/learn" className="button button-primary">
                {t('record.goLearn')}
              </Link>
            </p>
          </div>
        ) : (
          <CourseTable
            testId="record-completed"
            rowTestId="record-completed-row"
            columns={[{ label: t('record.col.completedAt') }, { label: t('record.col.credit'), numeric: true }]}
            rows={record.completed.map((course) => ({
              courseId: course.courseId,
              title: course.title,
              cells: [<time dateTime={course.completedAt}>{formatDate(course.completedAt, lang)}</time>, formatCredit(course.credit, lang)],
            }))}
          />
        )}
      </section>

      {record.testsPassed.length > 0 ? (
        <section aria-labelledby="tests-heading">
          <h2 id="tests-heading">{t('record.tests.title', { count: record.testsPassed.length })}</h2>
          <p className="hint">{t('record.tests.lead')}</p>
          <CourseTable
            testId="record-tests"
            rowTestId="record-tests-row"
            columns={[{ label: t('record.col.passedAt') }, { label: t('record.col.credit'), numeric: true }]}
            rows={record.testsPassed.map((test) => ({
              courseId: test.courseId,
              title: test.title,
              cells: [<time dateTime={test.passedAt}>{formatDate(test.passedAt, lang)}</time>, formatCredit(test.credit, lang)],
            }))}
          />
        </section>
      ) : null}

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('record.inProgress.title', { count: record.inProgress.length })}</h2>
        {record.inProgress.length === 0 ? (
          <p className="card empty-state">{t('record.inProgress.empty')}</p>
        ) : (
          <CourseTable
            testId="record-in-progress"
            columns={[{ label: t('record.col.lastStudied') }, { label: t('record.col.lessonsDone'), numeric: true }, { label: t('record.col.credit'), numeric: true }]}
            rows={record.inProgress.map((course) => ({
              courseId: course.courseId,
              title: course.title,
              cells: [<time dateTime={course.lastStudiedAt}>{formatDate(course.lastStudiedAt, lang)}</time>, course.lessonsDone, formatCredit(course.credit, lang)],
            }))}
          />
        )}
      </section>

      <section className="no-print" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('record.timeline.title')}</h2>
        {timeline.length === 0 ? (
          <p className="card empty-state">{t('record.timeline.empty')}</p>
        ) : (
          <ol className="timeline" data-testid="record-timeline">
            {timeline.map((month) => (
              <li key={month.month} className="timeline-month">
                <h3 className="timeline-head">
                  <span>{formatMonth(month.month, lang)}</span>
                  <span className="timeline-credit num">{t('record.timeline.credit', { credit: formatCredit(month.credit, lang) })}</span>
                </h3>
                <ul className="timeline-courses">
                  {month.courses.map((course) => (
                    <li key={course.key}>
                      <CheckIcon className="icon icon-small" />
                      <span className="timeline-title">{course.test ? t('record.test.entry', { title: course.title }) : course.title}</span>
                      <time className="timeline-date" dateTime={course.completedAt}>
                        {formatDate(course.completedAt, lang)}
                      </time>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}

/** Courses as a table (stacked cards on a phone): the title links to the course, then one cell per column. */
function CourseTable({
  testId,
  rowTestId,
  columns,
  rows,
}: {
  testId: string;
  rowTestId?: string;
  columns: { label: string; numeric?: boolean }[];
  rows: { courseId: string; title: string; cells: ReactNode[] }[];
}) {
  const t = useT();
  return (
    <table className="data-table record-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('record.col.course')}</th>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.courseId} data-testid={rowTestId}>
            <th scope="row" className="cell-title">
              <Link to={`/learn/courses/${row.courseId}`}>{row.title}</Link>
            </th>
            {columns.map((column, i) => (
              <td key={column.label} data-label={column.label} className={column.numeric ? 'num' : undefined}>
                {row.cells[i]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
