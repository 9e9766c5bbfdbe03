import { useEffect, useState } from 'react';
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
  const months = new Map<string, { month: string; credit: number; courses: { courseId: string; title: string; credit: number; completedAt: string }[] }>();
  for (const course of data.completed) {
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
          <table className="data-table record-table" data-testid="record-completed">
            <thead>
              <tr>
                <th scope="col">{t('record.col.course')}</th>
                <th scope="col">{t('record.col.completedAt')}</th>
                <th scope="col" className="num">
                  {t('record.col.credit')}
                </th>
              </tr>
            </thead>
            <tbody>
              {record.completed.map((course) => (
                <tr key={course.courseId} data-testid="record-completed-row">
                  <th scope="row" className="cell-title">
                    <Link to={`/learn/courses/${course.courseId}`}>{course.title}</Link>
                  </th>
                  <td data-label={t('record.col.completedAt')}>
                    <time dateTime={course.completedAt}>{formatDate(course.completedAt, lang)}</time>
                  </td>
                  <td data-label={t('record.col.credit')} className="num">
                    {formatCredit(course.credit, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('record.inProgress.title', { count: record.inProgress.length })}</h2>
        {record.inProgress.length === 0 ? (
          <p className="card empty-state">{t('record.inProgress.empty')}</p>
        ) : (
          <table className="data-table record-table" data-testid="record-in-progress">
            <thead>
              <tr>
                <th scope="col">{t('record.col.course')}</th>
                <th scope="col">{t('record.col.lastStudied')}</th>
                <th scope="col" className="num">
                  {t('record.col.lessonsDone')}
                </th>
                <th scope="col" className="num">
                  {t('record.col.credit')}
                </th>
              </tr>
            </thead>
            <tbody>
              {record.inProgress.map((course) => (
                <tr key={course.courseId}>
                  <th scope="row" className="cell-title">
                    <Link to={`/learn/courses/${course.courseId}`}>{course.title}</Link>
                  </th>
                  <td data-label={t('record.col.lastStudied')}>
                    <time dateTime={course.lastStudiedAt}>{formatDate(course.lastStudiedAt, lang)}</time>
                  </td>
                  <td data-label={t('record.col.lessonsDone')} className="num">
                    {course.lessonsDone}
                  </td>
                  <td data-label={t('record.col.credit')} className="num">
                    {formatCredit(course.credit, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
                    <li key={course.courseId}>
                      <CheckIcon className="icon icon-small" />
                      <span className="timeline-title">{course.title}</span>
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
