import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { useRef } from 'react';
import { CourseError } from '../components/course-error';
import { ArrowLeftIcon, ArrowRightIcon, AwardIcon, CheckIcon, LessonKindIcon } from '../components/course-icons';
import { LessonLink, LessonPdf, LessonVideo } from '../components/lesson-material';
import { StudyMeter } from '../components/study-meter';
import { translate, useLang, useT } from '../i18n';
import { formatCredit, kindKey } from '../lib/learn';
import { loadCourse, withMe } from '../lib/learn.server';
import { renderMarkdown } from '../lib/markdown.server';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';
import { useStudyHeartbeat } from '../lib/use-study-heartbeat';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'lesson.title', data ? `${data.lesson.title} · ${data.course.title}` : undefined);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [, { course, progress }] = await withMe(request, context, loadCourse(context, params.courseId ?? ''));
  const index = course.lessons.findIndex((lesson) => lesson.lessonId === params.lessonId);
  const lesson = course.lessons[index];
  if (!lesson) throwApiError({ error: { code: 'NOT_FOUND', message: translate(context.lang, 'lesson.notFound') } }, 404);
  const mine = progress?.lessons.find((l) => l.lessonId === lesson.lessonId);
  const neighbour = (at: number) => {
    const other = course.lessons[at];
    return other ? { lessonId: other.lessonId, title: other.title } : null;
  };
  return {
    lang: context.lang,
    course: { courseId: course.courseId, title: course.title, credit: course.credit, published: course.status === 'published' },
    lesson: {
      lessonId: lesson.lessonId,
      title: lesson.title,
      kind: lesson.kind,
      // Markdown becomes sanitised HTML here, on the server: the renderer never reaches the browser.
      html: lesson.kind === 'text' ? renderMarkdown(lesson.body ?? '') : null,
      materialUrl: lesson.materialUrl ?? null,
      url: lesson.url ?? null,
      minSeconds: lesson.requiredSeconds,
    },
    position: { index, total: course.lessons.length },
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    progress: {
      studiedSeconds: mine?.studiedSeconds ?? 0,
      furthestSeconds: mine?.furthestSeconds ?? 0,
      positionSeconds: mine?.positionSeconds ?? 0,
      completedAt: mine?.completedAt ?? null,
      courseCompletedAt: progress?.completedAt ?? null,
    },
    heartbeatMs: context.studyHeartbeatMs,
  };
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  // A new lesson starts with a fresh clock.
  return <Lesson key={data.lesson.lessonId} {...data} />;
}

type LessonData = ReturnType<typeof useLoaderData<typeof loader>>;

function Lesson({ course, lesson, position, previous, next, progress, heartbeatMs: intervalMs }: LessonData) {
  const t = useT();
  const lang = useLang();
  const videoRef = useRef<HTMLVideoElement>(null);
  const isVideo = lesson.kind === 'video';
  const clock = useStudyHeartbeat({
    courseId: course.courseId,
    lessonId: lesson.lessonId,
    intervalMs,
    enabled: course.published,
    keepGoing: isVideo,
    initial: progress,
    position: isVideo ? () => videoRef.current?.currentTime : undefined,
    offlineMessage: t('lesson.clock.offline'),
  });
  const lessonDone = Boolean(clock.completedAt);
  const courseDone = Boolean(clock.courseCompletedAt);
  const justFinishedCourse = courseDone && !progress.courseCompletedAt;
  const courseLink = `/learn/courses/${course.courseId}`;

  return (
    <div className="page lesson-page">
      <BackLink to={courseLink}>{course.title}</BackLink>
      <header className="lesson-head">
        <p className="lesson-kicker">
          <LessonKindIcon kind={lesson.kind} className="icon icon-small" />
          <span>{t('lesson.position', { n: position.index + 1, total: position.total })}</span>
          <span aria-hidden="true">·</span>
          <span>{t(kindKey(lesson.kind))}</span>
        </p>
        <h1 data-testid="lesson-title">{lesson.title}</h1>
      </header>

      <StudyMeter clock={clock} minSeconds={lesson.minSeconds} enabled={course.published} video={isVideo} />

      {lessonDone ? (
        <div className={`alert ${courseDone ? 'alert-ok' : 'alert-notice'} lesson-done`} role="status" data-testid="lesson-done">
          {courseDone ? (
            <p className="alert-title celebrate" data-testid="course-celebration">
              <AwardIcon className="icon" />
              {t(justFinishedCourse ? 'lesson.courseDoneNow' : 'lesson.courseDone', { title: course.title, credit: formatCredit(course.credit, lang) })}
            </p>
          ) : (
            <p className="alert-title">
              <CheckIcon className="icon icon-small" />
              {t('lesson.doneLine')}
            </p>
          )}
          <p className="button-row">
            {next ? (
              <Link to={`${courseLink}/lessons/${next.lessonId}`} className="button button-primary" data-testid="next-lesson">
                <span>{t('lesson.nextLesson', { title: next.title })}</span>
                <ArrowRightIcon className="icon icon-small" />
              </Link>
            ) : null}
            {courseDone ? (
              <Link to="/learn/record" className={next ? 'button button-quiet' : 'button button-primary'} data-testid="to-record">
                {t('lesson.toRecord')}
              </Link>
            ) : null}
            {!next ? (
              <Link to={courseLink} className="button button-quiet">
                {t('lesson.backToCourse')}
              </Link>
            ) : null}
          </p>
        </div>
      ) : null}

      <section className="lesson-body" aria-label={lesson.title}>
        {lesson.kind === 'text' && lesson.html !== null ? (
          <article className="card lesson-prose" data-testid="lesson-text" dangerouslySetInnerHTML={{ __html: lesson.html }} />
        ) : null}
        {lesson.kind === 'video' && lesson.materialUrl ? (
          <LessonVideo src={lesson.materialUrl} title={lesson.title} videoRef={videoRef} startAt={progress.positionSeconds} furthest={clock.furthestSeconds} onEnded={clock.reportNow} />
        ) : null}
        {lesson.kind === 'pdf' && lesson.materialUrl ? <LessonPdf src={lesson.materialUrl} title={lesson.title} /> : null}
        {lesson.kind === 'link' && lesson.url ? <LessonLink url={lesson.url} /> : null}
        {(lesson.kind === 'video' || lesson.kind === 'pdf') && !lesson.materialUrl ? <p className="card empty-state">{t('lesson.noMaterial')}</p> : null}
      </section>

      <nav className="lesson-nav" aria-label={t('lesson.nav')}>
        {previous ? (
          <Link to={`${courseLink}/lessons/${previous.lessonId}`} className="button button-quiet lesson-nav-prev" rel="prev">
            <ArrowLeftIcon className="icon icon-small" />
            <span>{t('lesson.previous')}</span>
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`${courseLink}/lessons/${next.lessonId}`} className="button button-quiet lesson-nav-next" rel="next">
            <span>{t('lesson.next')}</span>
            <ArrowRightIcon className="icon icon-small" />
          </Link>
        ) : (
          <Link to={courseLink} className="button button-quiet lesson-nav-next">
            {t('lesson.backToCourse')}
          </Link>
        )}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}
