/**
 * /learn/manage/:courseId — the course editor: status, lessons, a new lesson, assignments and the course's details.
 * Each form posts an intent; its action is a module of lib/course-editor/ and its section a component of
 * components/course-editor/. Works without JavaScript (plain form posts), uploads aside.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { CourseError } from '../components/course-error';
import { ChartBarsIcon } from '../components/course-icons';
import { AddLessonSection } from '../components/course-editor/add-lesson-section';
import { AssignSection } from '../components/course-editor/assign-section';
import { DetailsSection } from '../components/course-editor/details-section';
import { LessonsSection } from '../components/course-editor/lessons-section';
import { resultFor } from '../components/course-editor/result';
import { StatusSection } from '../components/course-editor/status-section';
import { useT } from '../i18n';
import { editorActions, isIntent } from '../lib/course-editor/actions.server';
import { editorStep } from '../lib/course-editor/step.server';
import type { ActionResult, EditorCourse, Intent } from '../lib/course-editor/types';
import { readForm } from '../lib/form.server';
import { courseHeader, shanghaiDay, statusKey } from '../lib/learn';
import { loadCourse, requireEditor } from '../lib/learn.server';
import { unitsReached } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { formText, formVersion, throwForbidden } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'editor.title', data?.course.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireEditor(request, context);
  const [{ course, editable }, units] = await Promise.all([loadCourse(context, params.courseId ?? ''), context.api.GET('/units')]);
  if (!editable) throwForbidden(context, 'editor.notYours');
  // The units this editor may assign to, as far as getMe says editCourses reaches (everything, or a branch and what is under it).
  const reach = unitsReached(me, 'editCourses', units.data?.items ?? []);
  const unitChoices = (units.data?.items ?? [])
    .filter((unit) => (!reach || reach.has(unit.unitId)) && !unit.retired)
    .map((unit) => ({ unitId: unit.unitId, name: unit.name, depth: unit.depth, kind: unit.kind }));
  const minDepth = Math.min(...unitChoices.map((unit) => unit.depth));
  const editorCourse: EditorCourse = {
    ...courseHeader(course),
    updatedAt: course.updatedAt,
    lessons: course.lessons.map((lesson) => ({
      lessonId: lesson.lessonId,
      title: lesson.title,
      kind: lesson.kind,
      minSeconds: lesson.minSeconds,
      durationSeconds: lesson.durationSeconds,
      hasMaterial: Boolean(lesson.materialKey),
      url: lesson.url ?? null,
      body: lesson.body ?? null,
    })),
  };
  return {
    lang: context.lang,
    // Everyone as an audience is offered only to an editor whose reach is the whole tree.
    reachesAll: reach === null,
    today: shanghaiDay(),
    suggestedDue: shanghaiDay(new Date(Date.now() + 14 * 86400_000)),
    course: editorCourse,
    units: unitChoices.map((unit) => ({ ...unit, depth: unit.depth - (Number.isFinite(minDepth) ? minDepth : 0) })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionResult> {
  await requireEditor(request, context);
  const form = await readForm(request, context);
  const intent = formText(form, 'intent');
  const step = editorStep(context, params.courseId ?? '', form, intent as Intent, formVersion(form));
  return isIntent(intent) ? editorActions[intent](step) : step.local('editor.failed');
}

export default function CourseEditor() {
  const { course, units, reachesAll, today, suggestedDue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="page editor-page">
      <BackLink to="/learn/manage">{t('editor.backToList')}</BackLink>
      <header className="page-header">
        <div>
          <p className="badge-row">
            <span className={course.status === 'published' ? 'badge badge-ok' : course.status === 'draft' ? 'badge badge-gold' : 'badge badge-muted'} data-testid="editor-status">
              {t(statusKey(course.status))}
            </span>
          </p>
          <h1>{course.title}</h1>
          <p className="lead">{t('editor.lead')}</p>
        </div>
        <p className="button-row">
          <Link to={`/learn/courses/${course.courseId}`} className="button button-quiet">
            {t('editor.viewAsLearner')}
          </Link>
          {course.status !== 'draft' ? (
            <Link to={`/learn/manage/${course.courseId}/completion`} className="button button-quiet">
              <ChartBarsIcon className="icon icon-small" />
              {t('course.completion')}
            </Link>
          ) : null}
        </p>
      </header>
      <StatusSection course={course} result={resultFor(result, 'publish', 'status')} />
      <LessonsSection course={course} moved={resultFor(result, 'move')} saved={resultFor(result, 'editLesson')} />
      <AddLessonSection course={course} result={resultFor(result, 'addLesson')} />
      <AssignSection course={course} units={units} reachesAll={reachesAll} today={today} suggestedDue={suggestedDue} result={resultFor(result, 'assign')} />
      <DetailsSection course={course} result={resultFor(result, 'update')} />
    </div>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}
