import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { CourseError } from '../components/course-error';
import { CatalogueCard, CreditSummary, TaskCard, type CatalogueCourse } from '../components/course-cards';
import { PenIcon } from '../components/course-icons';
import { useT } from '../i18n';
import { withMe } from '../lib/learn.server';
import { may } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';
import { SessionCard } from '../components/session-card';
import { openMakeUps, splitByTime } from '../lib/sessions-member';
import sessionStyles from '../styles/sessions.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: sessionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'learn.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  // One round: who is asking, their tasks, the catalogue and their record, all at once.
  // Sessions of the last 60 days and ahead: the upcoming ones and the make-ups still owed (due within 14 days).
  const sessionsFrom = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const [me, [tasks, courses, record, sessions]] = await withMe(
    request,
    context,
    Promise.all([context.api.GET('/me/tasks'), context.api.GET('/courses'), context.api.GET('/me/record'), context.api.GET('/sessions', { params: { query: { mine: 'true', from: sessionsFrom } } })]),
  );
  if (!tasks.data) throwApiError(tasks.error, tasks.response.status);
  if (!courses.data) throwApiError(courses.error, courses.response.status);
  if (!record.data) throwApiError(record.error, record.response.status);
  const done = new Set(record.data.completed.map((c) => c.courseId));
  const started = new Set(record.data.inProgress.map((c) => c.courseId));
  const catalogue: CatalogueCourse[] = courses.data.items.map((course) => ({
    courseId: course.courseId,
    title: course.title,
    summary: course.summary,
    category: course.category,
    credit: course.credit,
    lessons: course.lessonCount,
    minutes: Math.ceil(course.requiredSeconds / 60),
    mine: done.has(course.courseId) ? 'done' : started.has(course.courseId) ? 'inProgress' : null,
    coverUrl: course.coverUrl,
  }));
  const mine = sessions.data?.items ?? [];
  const now = Date.now();
  return {
    lang: context.lang,
    isEditor: may(me, 'editCourses'),
    sessions: {
      upcoming: splitByTime(mine, now).upcoming.filter((s) => s.state === 'scheduled').slice(0, 3),
      makeUps: openMakeUps(mine),
    },
    tasks: tasks.data.items,
    catalogue,
    credit: { year: record.data.year, target: record.data.target, value: record.data.creditThisYear },
  };
}

export default function Learn() {
  const { isEditor, tasks, catalogue, credit, sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const open = tasks.filter((task) => task.state !== 'done');
  const finished = tasks.filter((task) => task.state === 'done');
  return (
    <div className="page learn-page">
      <header className="page-header">
        <div>
          <h1>{t('learn.title')}</h1>
          <p className="lead">{t('learn.lead')}</p>
        </div>
        {isEditor ? (
          <Link to="/learn/manage" className="button button-quiet">
            <PenIcon className="icon icon-small" />
            {t('learn.manage')}
          </Link>
        ) : null}
      </header>
      {/* 学习 holds the quizzes and the daily practice too (the phone's tab bar keeps to six entries). */}
      <nav aria-label={t('learn.title')} className="learn-links">
        <Link to="/quizzes" data-testid="learn-quizzes">
          {t('nav.quizzes')}
        </Link>
        <Link to="/practice">{t('practice.title')}</Link>
      </nav>

      <section aria-labelledby="tasks-heading" className="learn-section">
        <h2 id="tasks-heading">{t('learn.tasks.title')}</h2>
        {open.length === 0 ? (
          <div className="card empty-state" data-testid="tasks-empty">
            <p>{finished.length > 0 ? t('learn.tasks.allDone') : t('learn.tasks.empty')}</p>
            <p className="hint">{t('learn.tasks.emptyNext')}</p>
          </div>
        ) : (
          <ul className="task-list" data-testid="task-list">
            {open.map((task, i) => (
              <TaskCard key={task.assignmentId} task={task} lead={i === 0} />
            ))}
          </ul>
        )}
        {finished.length > 0 ? (
          <details className="done-tasks">
            <summary>{t('learn.tasks.doneCount', { count: finished.length })}</summary>
            <ul className="task-list">
              {finished.map((task) => (
                <TaskCard key={task.assignmentId} task={task} />
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {sessions.upcoming.length + sessions.makeUps.length > 0 ? (
        <section aria-labelledby="session-tasks-heading" className="learn-section" data-testid="session-tasks">
          <h2 id="session-tasks-heading">{t('sessions.tasks.title')}</h2>
          <ul className="session-list">
            {[...sessions.makeUps, ...sessions.upcoming].map((session) => (
              <SessionCard key={session.sessionId} session={session} />
            ))}
          </ul>
          <p>
            <Link to="/sessions">{t('sessions.tasks.all')}</Link>
          </p>
        </section>
      ) : null}

      <CreditSummary credit={credit.value} target={credit.target} year={credit.year} link="/learn/record" />

      <section aria-labelledby="catalogue-heading" className="learn-section">
        <h2 id="catalogue-heading">{t('learn.catalogue.title')}</h2>
        <p className="hint">{t('learn.catalogue.lead')}</p>
        {catalogue.length === 0 ? (
          <div className="card empty-state" data-testid="catalogue-empty">
            <p>{t('learn.catalogue.empty')}</p>
            {isEditor ? (
              <p>
                <Link to="/learn/manage" className="button button-primary">
                  {t('learn.catalogue.createFirst')}
                </Link>
              </p>
            ) : (
              <p className="hint">{t('learn.catalogue.emptyNext')}</p>
            )}
          </div>
        ) : (
          <ul className="catalogue-grid">
            {catalogue.map((course) => (
              <CatalogueCard key={course.courseId} course={course} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}
