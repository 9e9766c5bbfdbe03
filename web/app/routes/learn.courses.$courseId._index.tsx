import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { CourseError } from '../components/course-error';
import { ArrowRightIcon, AwardIcon, ChartBarsIcon, CheckIcon, ClockIcon, PenIcon } from '../components/course-icons';
import { CourseProgressBar } from '../components/course-progress-bar';
import { LessonSummary } from '../components/lesson-summary';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDate } from '../lib/format';
import { categoryKey, formatCredit, formatDuration, nextUnfinished, quizStandingKey, statusKey, totalMinutes, courseHeader, type QuizStanding } from '../lib/learn';
import { loadCourse, withMe } from '../lib/learn.server';
import { may } from '../lib/me';
import { pageTitle } from '../lib/page-title';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'course.title', data?.course.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [me, { course, progress, finalTest, editable }] = await withMe(request, context, loadCourse(context, params.courseId ?? ''));
  const studied = new Map((progress?.lessons ?? []).map((lesson) => [lesson.lessonId, lesson]));
  const lessons = course.lessons.map((lesson) => ({
    lessonId: lesson.lessonId,
    title: lesson.title,
    kind: lesson.kind,
    minSeconds: lesson.requiredSeconds,
    studiedSeconds: studied.get(lesson.lessonId)?.studiedSeconds ?? 0,
    completedAt: studied.get(lesson.lessonId)?.completedAt ?? null,
  }));
  return {
    lang: context.lang,
    course: courseHeader(course),
    lessons,
    completedAt: progress?.completedAt ?? null,
    started: progress !== null,
    next: nextUnfinished(course.lessons, progress),
    finalTest,
    editable,
    showCompletion: may(me, 'readCompletion'),
  };
}

export default function CoursePage() {
  const { course, lessons, completedAt, started, next, finalTest, editable, showCompletion } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const doneCount = lessons.filter((lesson) => lesson.completedAt).length;
  const minutes = totalMinutes(lessons);
  const target = next ?? lessons[0]?.lessonId ?? null;
  const nextLesson = lessons.find((lesson) => lesson.lessonId === next);
  const action = completedAt ? t('course.review') : started ? t('course.continue') : t('course.start');
  const summary = course.summary.split(/\n{2,}/).filter((part) => part.trim() !== '');
  return (
    <div className="page course-page">
      <BackLink to="/learn">{t('course.backToLearn')}</BackLink>

      <header className={`card course-hero${course.coverUrl ? ' has-cover' : ''}`}>
        {course.coverUrl ? <img className="course-cover" src={course.coverUrl} alt="" width="640" height="360" /> : null}
        <div className="course-hero-text">
          <p className="badge-row">
            <span className="badge badge-category">{t(categoryKey(course.category))}</span>
            {course.status !== 'published' ? <span className="badge badge-gold">{t(statusKey(course.status))}</span> : null}
          </p>
          <h1 data-testid="course-title">{course.title}</h1>
          <dl className="course-facts">
            <div>
              <dt>{t('course.credit')}</dt>
              <dd>
                <AwardIcon className="icon icon-small" />
                {t('course.creditValue', { credit: formatCredit(course.credit, lang) })}
              </dd>
            </div>
            <div>
              <dt>{t('course.lessons')}</dt>
              <dd>{t(lessons.length === 1 ? 'course.lessonCountOne' : 'course.lessonCount', { count: lessons.length })}</dd>
            </div>
            <div>
              <dt>{t('course.duration')}</dt>
              <dd>
                <ClockIcon className="icon icon-small" />
                {t('learn.minutes', { n: minutes })}
              </dd>
            </div>
          </dl>
          {summary.map((part, i) => (
            <p key={i} className="course-summary">
              {part}
            </p>
          ))}
        </div>
      </header>

      {completedAt ? (
        <div className="alert alert-ok course-done" role="status" data-testid="course-completed">
          <p className="alert-title">
            <CheckIcon className="icon icon-small" />
            {t('course.completedBanner', { date: formatDate(completedAt, lang), credit: formatCredit(course.credit, lang) })}
          </p>
          <p>
            <Link to="/learn/record">{t('course.toRecord')}</Link>
          </p>
        </div>
      ) : null}

      <section className="card course-progress" aria-labelledby="progress-heading">
        <div className="course-progress-head">
          <h2 id="progress-heading">{t('course.progress')}</h2>
          <p className="num" data-testid="course-progress-count">
            {t('course.progressCount', { done: doneCount, total: lessons.length })}
          </p>
        </div>
        <CourseProgressBar value={doneCount} max={Math.max(1, lessons.length)} label={t('course.progressCount', { done: doneCount, total: lessons.length })} tone={completedAt ? 'green' : 'red'} />
        {target ? (
          <p className="course-action">
            <Link to={`/learn/courses/${course.courseId}/lessons/${target}`} className={completedAt ? 'button button-quiet' : 'button button-primary'} data-testid="course-start">
              <span>{action}</span>
              <ArrowRightIcon className="icon icon-small" />
            </Link>
            {nextLesson && started && !completedAt ? <span className="hint">{t('course.nextIs', { title: nextLesson.title })}</span> : null}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">{t('course.lessons')}</h2>
        {lessons.length === 0 ? (
          <p className="card empty-state">{t('course.noLessons')}</p>
        ) : (
          <ol className="lesson-list" data-testid="lesson-list">
            {lessons.map((lesson, index) => (
              <li key={lesson.lessonId} className={`lesson-item${lesson.completedAt ? ' is-done' : ''}`} data-testid="lesson-item">
                <Link to={`/learn/courses/${course.courseId}/lessons/${lesson.lessonId}`} prefetch="intent" className="lesson-link">
                  <LessonSummary number={lesson.completedAt ? <CheckIcon className="icon" /> : index + 1} lesson={lesson} />
                  <span className="lesson-state">
                    {lesson.completedAt ? (
                      <span className="badge badge-ok">{t('lesson.state.done')}</span>
                    ) : lesson.studiedSeconds > 0 ? (
                      <span className="badge badge-gold">{t('lesson.state.studied', { time: formatDuration(t, lesson.studiedSeconds) })}</span>
                    ) : (
                      <span className="badge badge-muted">{t('lesson.state.notStarted')}</span>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        )}
      </section>

      {finalTest ? (
        <section className="card course-final-test" aria-labelledby="final-test-heading" data-testid="course-final-test" data-standing={finalTest.standing}>
          <div className="course-progress-head">
            <h2 id="final-test-heading">{t('course.finalTest.title')}</h2>
            <span className={finalTest.standing === 'passed' ? 'badge badge-ok' : finalTest.standing === 'notStarted' ? 'badge badge-muted' : 'badge badge-gold'}>
              {t(quizStandingKey(finalTest.standing))}
            </span>
          </div>
          <p className="final-test-name">{finalTest.title}</p>
          <p className="hint">
            {t('course.finalTest.rule', { pass: finalTest.passPercent, credit: formatCredit(finalTest.credit, lang) })}
            {!completedAt && doneCount === lessons.length && lessons.length > 0 && finalTest.standing !== 'passed' ? ` ${t('course.finalTest.stillNeeded')}` : ''}
          </p>
          {finalTest.passedAt ? <p className="hint">{t('course.finalTest.passedOn', { date: formatDate(finalTest.passedAt, lang) })}</p> : null}
          <p className="course-action">
            <Link to={`/quizzes/${finalTest.quizId}`} className={finalTest.standing === 'passed' ? 'button button-quiet' : 'button button-primary'} data-testid="course-final-test-link">
              <span>{t(finalTestActionKey[finalTest.standing])}</span>
              <ArrowRightIcon className="icon icon-small" />
            </Link>
          </p>
        </section>
      ) : null}

      {editable || showCompletion ? (
        <p className="button-row course-tools">
          {editable ? (
            <Link to={`/learn/manage/${course.courseId}`} className="button button-quiet">
              <PenIcon className="icon icon-small" />
              {t('course.edit')}
            </Link>
          ) : null}
          {showCompletion ? (
            <Link to={`/learn/manage/${course.courseId}/completion`} className="button button-quiet" data-testid="course-completion-link">
              <ChartBarsIcon className="icon icon-small" />
              {t('course.completion')}
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** What the final test's button says, by where the reader stands in it. */
const finalTestActionKey: Record<QuizStanding, MessageKey> = {
  notStarted: 'learn.task.quiz.start',
  inProgress: 'learn.task.quiz.resume',
  notPassed: 'learn.task.quiz.retry',
  awaitingResult: 'course.finalTest.open',
  passed: 'course.finalTest.open',
};

export function ErrorBoundary() {
  return <CourseError />;
}
