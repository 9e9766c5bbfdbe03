import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useCallback, useState } from 'react';
import { CourseError } from '../components/course-error';
import { SelectField } from '../components/select-field';
import { LessonSummary } from '../components/lesson-summary';
import { ChartBarsIcon, CheckIcon } from '../components/course-icons';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { UploadField } from '../components/upload-field';
import { translate, useLang, useT, type MessageKey } from '../i18n';
import { readForm } from '../lib/form.server';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { formatDate } from '../lib/format';
import { categoryKey, courseCategories, formatCredit, kindKey, lessonKinds, shanghaiDay, statusKey, type CourseCategory, type LessonKind, courseHeader } from '../lib/learn';
import { formInt, formNumber, loadCourse, requireEditor } from '../lib/learn.server';
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
  return {
    lang: context.lang,
    // Everyone as an audience is offered only to an editor whose reach is the whole tree.
    reachesAll: reach === null,
    today: shanghaiDay(),
    suggestedDue: shanghaiDay(new Date(Date.now() + 14 * 86400_000)),
    course: {
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
    },
    units: unitChoices.map((unit) => ({ ...unit, depth: unit.depth - (Number.isFinite(minDepth) ? minDepth : 0) })),
  };
}

type Intent = 'update' | 'addLesson' | 'editLesson' | 'move' | 'publish' | 'status' | 'assign';

interface ActionResult {
  intent: Intent;
  problem?: ApiProblem;
  values?: Record<string, string | string[]>;
  done?: MessageKey;
  assignment?: { assignmentId: string; dueAt: string; required: boolean };
}

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionResult> {
  await requireEditor(request, context);
  const courseId = params.courseId ?? '';
  const path = { params: { path: { courseId } } };
  const form = await readForm(request, context);
  const intent = formText(form, 'intent') as Intent;
  const version = formVersion(form);
  const failed = (error: unknown, status: number, values?: ActionResult['values']): ActionResult => ({
    intent,
    problem: toApiProblem(error, status, translate(context.lang, 'editor.failed')),
    ...(values ? { values } : {}),
  });
  const local = (key: MessageKey, values?: ActionResult['values']): ActionResult => ({
    intent,
    problem: { status: 400, code: 'VALIDATION', message: translate(context.lang, key), fields: [] },
    ...(values ? { values } : {}),
  });

  switch (intent) {
    case 'update': {
      const values = { title: formText(form, 'title'), summary: formText(form, 'summary'), category: formText(form, 'category'), credit: formText(form, 'credit') };
      const credit = formNumber(form, 'credit');
      if (credit === undefined) return local('editor.creditInvalid', values);
      const coverUploadId = formText(form, 'coverUploadId');
      const { error, response } = await context.api.PATCH('/courses/{courseId}', {
        ...path,
        body: { version, title: values.title, summary: values.summary, category: values.category as CourseCategory, credit, ...(coverUploadId ? { coverUploadId } : {}) },
      });
      return error ? failed(error, response.status, values) : { intent, done: 'editor.saved' };
    }
    case 'addLesson': {
      const kind = formText(form, 'kind') as LessonKind;
      const values = { title: formText(form, 'title'), kind, body: String(form.get('body') ?? ''), url: formText(form, 'url'), minutes: formText(form, 'minutes') };
      const minutes = formNumber(form, 'minutes');
      if (minutes === undefined || minutes < 1 || minutes > 240) return local('editor.lesson.minutesInvalid', values);
      const uploadId = kind === 'video' ? formText(form, 'videoUploadId') : kind === 'pdf' ? formText(form, 'pdfUploadId') : '';
      if ((kind === 'video' || kind === 'pdf') && !uploadId) return local('editor.lesson.fileMissing', values);
      const duration = formInt(form, 'durationSeconds');
      const { error, response } = await context.api.POST('/courses/{courseId}/lessons', {
        ...path,
        body: {
          version,
          title: values.title,
          kind,
          minSeconds: Math.round(minutes * 60),
          ...(kind === 'text' ? { body: values.body } : {}),
          ...(kind === 'link' ? { url: values.url } : {}),
          ...(kind === 'video' || kind === 'pdf' ? { uploadId } : {}),
          ...(kind === 'video' && duration ? { durationSeconds: duration } : {}),
        },
      });
      return error ? failed(error, response.status, values) : { intent, done: 'editor.lesson.added' };
    }
    case 'editLesson': {
      const lessonId = formText(form, 'lessonId');
      const kind = formText(form, 'kind') as LessonKind;
      const values = { lessonId, title: formText(form, 'title'), body: String(form.get('body') ?? ''), url: formText(form, 'url'), minutes: formText(form, 'minutes') };
      const minutes = formNumber(form, 'minutes');
      if (minutes === undefined || minutes < 1 || minutes > 240) return local('editor.lesson.minutesInvalid', values);
      const { error, response } = await context.api.PATCH('/courses/{courseId}/lessons/{lessonId}', {
        params: { path: { courseId, lessonId } },
        body: {
          version,
          title: values.title,
          minSeconds: Math.round(minutes * 60),
          ...(kind === 'text' ? { body: values.body } : {}),
          ...(kind === 'link' ? { url: values.url } : {}),
        },
      });
      return error ? failed(error, response.status, values) : { intent, done: 'editor.lesson.saved' };
    }
    case 'move': {
      const lessonId = formText(form, 'lessonId');
      const position = formInt(form, 'position') ?? 0;
      const { error, response } = await context.api.PATCH('/courses/{courseId}/lessons/{lessonId}', {
        params: { path: { courseId, lessonId } },
        body: { version, position },
      });
      return error ? failed(error, response.status) : { intent, done: 'editor.lesson.moved' };
    }
    case 'publish': {
      const { error, response } = await context.api.POST('/courses/{courseId}/publish', { ...path, body: { version } });
      return error ? failed(error, response.status) : { intent, done: 'editor.published' };
    }
    case 'status': {
      const status = formText(form, 'status') === 'archived' ? 'archived' : 'draft';
      const { error, response } = await context.api.PATCH('/courses/{courseId}', { ...path, body: { version, status } });
      return error ? failed(error, response.status) : { intent, done: status === 'archived' ? 'editor.archived' : 'editor.backToDraft' };
    }
    case 'assign': {
      const kind = formText(form, 'audience');
      const unitIds = form.getAll('unitIds').filter((value): value is string => typeof value === 'string' && value !== '');
      const dueAt = formText(form, 'dueAt');
      const required = formText(form, 'required') !== 'false';
      const values = { audience: kind, unitIds, dueAt, required: String(required) };
      if (kind !== 'everyone' && unitIds.length === 0) return local('editor.assign.pickUnit', values);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt)) return local('editor.assign.pickDate', values);
      const audience = kind === 'everyone' ? { kind: 'everyone' as const } : { kind: kind === 'members' ? ('members' as const) : ('units' as const), unitIds };
      const { data, error, response } = await context.api.POST('/courses/{courseId}/assignments', { ...path, body: { audience, required, dueAt } });
      if (!data) return failed(error, response.status, values);
      return { intent, done: 'editor.assign.done', assignment: { assignmentId: data.assignmentId, dueAt: data.dueAt, required: data.required } };
    }
    default:
      return local('editor.failed');
  }
}

export default function CourseEditor() {
  const { course } = useLoaderData<typeof loader>();
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
      <StatusSection />
      <LessonsSection />
      <AddLessonSection />
      <AssignSection />
      <DetailsSection />
    </div>
  );
}

/** The action's answer for one of the page's forms (each form shows only its own). */
function useResult(...intents: Intent[]): ActionResult | undefined {
  const result = useActionData<typeof action>();
  return result && intents.includes(result.intent) ? result : undefined;
}

function Done({ result }: { result: ActionResult | undefined }) {
  const t = useT();
  if (!result?.done) return null;
  return (
    <Notice kind="ok" testId="form-ok">
      <p>{t(result.done)}</p>
    </Notice>
  );
}

function StatusSection() {
  const { course } = useLoaderData<typeof loader>();
  const result = useResult('publish', 'status');
  const t = useT();
  return (
    <section className="card form-card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('editor.status.title')}</h2>
      <ProblemNotice problem={result?.problem} />
      <Done result={result} />
      {course.status === 'draft' ? (
        <>
          <p className="hint">{t('editor.status.draftHint')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="version" value={course.version} />
            <button type="submit" name="intent" value="publish" className="button button-primary" data-testid="publish">
              {t('editor.publish')}
            </button>
          </Form>
        </>
      ) : course.status === 'published' ? (
        <>
          <p className="hint">{t('editor.status.publishedHint')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="version" value={course.version} />
            <input type="hidden" name="status" value="archived" />
            <button type="submit" name="intent" value="status" className="button button-quiet">
              {t('editor.archive')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="hint">{t('editor.status.archivedHint')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="version" value={course.version} />
            <input type="hidden" name="status" value="draft" />
            <button type="submit" name="intent" value="status" className="button button-quiet">
              {t('editor.restore')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

function LessonsSection() {
  const { course } = useLoaderData<typeof loader>();
  const result = useResult('move');
  const saved = useResult('editLesson');
  const t = useT();
  const last = course.lessons.length - 1;
  return (
    <section aria-labelledby="lessons-heading" className="editor-lessons">
      <h2 id="lessons-heading">{t('editor.lessons.title', { count: course.lessons.length })}</h2>
      <ProblemNotice problem={result?.problem} />
      {saved?.done ? <Notice kind="ok">{t(saved.done)}</Notice> : null}
      {course.lessons.length === 0 ? (
        <p className="card empty-state" data-testid="editor-no-lessons">
          {t('editor.lessons.empty')}
        </p>
      ) : (
        <ol className="editor-lesson-list" data-testid="editor-lessons">
          {course.lessons.map((lesson, index) => (
            <li key={lesson.lessonId} className="card editor-lesson" data-testid="editor-lesson">
              <LessonSummary
                number={index + 1}
                lesson={lesson}
                extra={
                  lesson.kind === 'video' || lesson.kind === 'pdf' ? (
                    <span className={lesson.hasMaterial ? 'badge badge-ok' : 'badge badge-down'}>{t(lesson.hasMaterial ? 'editor.lessons.hasFile' : 'editor.lessons.noFile')}</span>
                  ) : null
                }
              />
              <EditLesson lesson={lesson} version={course.version} />
              <span className="editor-lesson-moves">
                {index > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="version" value={course.version} />
                    <input type="hidden" name="lessonId" value={lesson.lessonId} />
                    <input type="hidden" name="position" value={index - 1} />
                    <button type="submit" name="intent" value="move" className="button button-quiet button-small" aria-label={t('editor.lessons.upLabel', { title: lesson.title })}>
                      {t('editor.lessons.up')}
                    </button>
                  </Form>
                ) : null}
                {index < last ? (
                  <Form method="post">
                    <input type="hidden" name="version" value={course.version} />
                    <input type="hidden" name="lessonId" value={lesson.lessonId} />
                    <input type="hidden" name="position" value={index + 1} />
                    <button type="submit" name="intent" value="move" className="button button-quiet button-small" aria-label={t('editor.lessons.downLabel', { title: lesson.title })}>
                      {t('editor.lessons.down')}
                    </button>
                  </Form>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Edits a lesson's title, minimum time and its text or address, in place (closed until opened). */
function EditLesson({ lesson, version }: { lesson: ReturnType<typeof useLoaderData<typeof loader>>['course']['lessons'][number]; version: number }) {
  const t = useT();
  const result = useResult('editLesson');
  const mine = result?.values && (result.values as Record<string, string>).lessonId === lesson.lessonId ? (result.values as Record<string, string>) : undefined;
  const problem = mine ? result?.problem : undefined;
  return (
    <details className="editor-lesson-edit" open={Boolean(problem)}>
      <summary className="button button-quiet button-small">{t('editor.lesson.edit')}</summary>
      <Form method="post" className="form">
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="lessonId" value={lesson.lessonId} />
        <input type="hidden" name="kind" value={lesson.kind} />
        {problem ? <ProblemNotice problem={problem} /> : null}
        <label className="field">
          <span>{t('editor.lesson.field.title')}</span>
          <input name="title" className="input" required maxLength={80} defaultValue={mine?.title ?? lesson.title} />
          <FieldError problem={problem} field="title" />
        </label>
        {lesson.kind === 'text' ? (
          <label className="field">
            <span>{t('editor.lesson.field.body')}</span>
            <textarea name="body" className="input textarea" rows={8} maxLength={50000} defaultValue={mine?.body ?? lesson.body ?? ''} />
            <FieldError problem={problem} field="body" />
          </label>
        ) : null}
        {lesson.kind === 'link' ? (
          <label className="field">
            <span>{t('editor.lesson.field.url')}</span>
            <input name="url" type="url" className="input" required defaultValue={mine?.url ?? lesson.url ?? ''} />
            <FieldError problem={problem} field="url" />
          </label>
        ) : null}
        <label className="field">
          <span>{t('editor.lesson.field.minutes')}</span>
          <input name="minutes" type="number" className="input" min={1} max={240} step="0.5" required defaultValue={mine?.minutes ?? String(lesson.minSeconds / 60)} />
        </label>
        <button type="submit" name="intent" value="editLesson" className="button button-primary">
          {t('editor.lesson.save')}
        </button>
      </Form>
    </details>
  );
}

function AddLessonSection() {
  const { course } = useLoaderData<typeof loader>();
  const result = useResult('addLesson');
  const navigation = useNavigation();
  const t = useT();
  const [uploading, setUploading] = useState(false);
  const [duration, setDuration] = useState(0);
  const onBusy = useCallback((busy: boolean) => setUploading(busy), []);
  const values = result?.problem ? (result.values as Record<string, string> | undefined) : undefined;
  const submitting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'addLesson';
  // A new, empty form once a lesson was added; the same input back when the API refused it.
  const formKey = `${course.version}:${values ? JSON.stringify(values) : ''}`;
  return (
    <section className="card form-card" aria-labelledby="add-lesson-heading">
      <h2 id="add-lesson-heading">{t('editor.lesson.title')}</h2>
      <ProblemNotice problem={result?.problem} />
      <Done result={result} />
      <Form method="post" className="form lesson-form" key={formKey} data-testid="add-lesson-form">
        <input type="hidden" name="version" value={course.version} />
        <input type="hidden" name="durationSeconds" value={duration || ''} />
        <div className="form-pair">
          <div className="field">
            <label htmlFor="lesson-title">{t('editor.lesson.field.title')}</label>
            <input id="lesson-title" name="title" className="input" required maxLength={80} defaultValue={values?.title ?? ''} aria-describedby="lesson-title-error" />
            <FieldError problem={result?.problem} field="title" id="lesson-title-error" />
          </div>
          <SelectField
            id="lesson-kind"
            name="kind"
            className="lesson-kind-select"
            label={t('editor.lesson.field.kind')}
            choices={lessonKinds}
            textOf={(kind) => t(kindKey(kind))}
            defaultValue={values?.kind ?? 'text'}
          />
        </div>
        <div className="field only-text">
          <label htmlFor="lesson-body">{t('editor.lesson.field.body')}</label>
          <textarea id="lesson-body" name="body" className="input textarea textarea-tall" rows={10} maxLength={50000} defaultValue={values?.body ?? ''} aria-describedby="lesson-body-error" />
          <FieldError problem={result?.problem} field="body" id="lesson-body-error" />
          <p className="hint">{t('editor.lesson.bodyHint')}</p>
        </div>
        <div className="field only-link">
          <label htmlFor="lesson-url">{t('editor.lesson.field.url')}</label>
          <input id="lesson-url" name="url" type="url" inputMode="url" className="input" maxLength={2000} placeholder="https://" defaultValue={values?.url ?? ''} aria-describedby="lesson-url-error" />
          <FieldError problem={result?.problem} field="url" id="lesson-url-error" />
        </div>
        <div className="only-video">
          <UploadField id="lesson-video-file" purpose="video" name="videoUploadId" label={t('editor.lesson.field.video')} hint={t('editor.lesson.videoHint')} onBusyChange={onBusy} onDuration={setDuration} />
        </div>
        <div className="only-pdf">
          <UploadField id="lesson-pdf-file" purpose="pdf" name="pdfUploadId" label={t('editor.lesson.field.pdf')} hint={t('editor.lesson.pdfHint')} onBusyChange={onBusy} />
        </div>
        <div className="field field-short">
          <label htmlFor="lesson-minutes">{t('editor.lesson.field.minutes')}</label>
          <input id="lesson-minutes" name="minutes" type="number" inputMode="decimal" min={1} max={240} step={0.5} className="input" required defaultValue={values?.minutes ?? '5'} />
          <p className="hint">{t('editor.lesson.minutesHint')}</p>
        </div>
        <p className="form-foot">
          <button type="submit" name="intent" value="addLesson" className="button button-primary" disabled={uploading || submitting}>
            {uploading ? t('editor.upload.wait') : t('editor.lesson.submit')}
          </button>
        </p>
      </Form>
    </section>
  );
}

function AssignSection() {
  const { course, units, reachesAll, today, suggestedDue } = useLoaderData<typeof loader>();
  const result = useResult('assign');
  const t = useT();
  const lang = useLang();
  const values = result?.problem ? result.values : undefined;
  const chosen = new Set(Array.isArray(values?.unitIds) ? values.unitIds : []);
  const audience = typeof values?.audience === 'string' ? values.audience : 'units';
  return (
    <section className="card form-card" aria-labelledby="assign-heading">
      <h2 id="assign-heading">{t('editor.assign.title')}</h2>
      {course.status !== 'published' ? (
        <p className="hint" data-testid="assign-unavailable">
          {t('editor.assign.publishFirst')}
        </p>
      ) : (
        <>
          <p className="hint">{t('editor.assign.lead')}</p>
          <ProblemNotice problem={result?.problem} />
          {result?.assignment ? (
            <Notice kind="ok" testId="assign-ok">
              <p>
                <CheckIcon className="icon icon-small" />
                {t('editor.assign.done', { date: formatDate(result.assignment.dueAt, lang) })}
              </p>
              <p>
                <Link to={`/learn/manage/${course.courseId}/completion?assignmentId=${result.assignment.assignmentId}`}>{t('editor.assign.toCompletion')}</Link>
              </p>
            </Notice>
          ) : null}
          <Form method="post" className="form" key={JSON.stringify(values ?? null)} data-testid="assign-form">
            <fieldset className="fieldset">
              <legend>{t('editor.assign.audience')}</legend>
              <div className="choice-row">
                <label className="check-row">
                  <input type="radio" name="audience" value="units" defaultChecked={audience === 'units'} />
                  <span>{t('editor.assign.audience.units')}</span>
                </label>
                <label className="check-row">
                  <input type="radio" name="audience" value="members" defaultChecked={audience === 'members'} />
                  <span>{t('editor.assign.audience.members')}</span>
                </label>
                {reachesAll ? (
                  <label className="check-row">
                    <input type="radio" name="audience" value="everyone" defaultChecked={audience === 'everyone'} />
                    <span>{t('editor.assign.audience.everyone')}</span>
                  </label>
                ) : null}
              </div>
              <FieldError problem={result?.problem} field="audience" />
            </fieldset>
            <fieldset className="fieldset unit-picker">
              <legend>{t('editor.assign.units')}</legend>
              <p className="hint">{t('editor.assign.unitsHint')}</p>
              <div className="unit-choices">
                {units.map((unit) => (
                  <label key={unit.unitId} className={`check-row unit-choice depth-${Math.min(unit.depth, 4)}`}>
                    <input type="checkbox" name="unitIds" value={unit.unitId} defaultChecked={chosen.has(unit.unitId)} />
                    <span>{unit.name}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="form-pair">
              <div className="field">
                <label htmlFor="assign-due">{t('editor.assign.due')}</label>
                <input id="assign-due" name="dueAt" type="date" className="input" required min={today} defaultValue={typeof values?.dueAt === 'string' ? values.dueAt : suggestedDue} aria-describedby="assign-due-error" />
                <FieldError problem={result?.problem} field="dueAt" id="assign-due-error" />
              </div>
              <fieldset className="fieldset">
                <legend>{t('editor.assign.kind')}</legend>
                <div className="choice-row">
                  <label className="check-row">
                    <input type="radio" name="required" value="true" defaultChecked={values?.required !== 'false'} />
                    <span>{t('learn.task.required')}</span>
                  </label>
                  <label className="check-row">
                    <input type="radio" name="required" value="false" defaultChecked={values?.required === 'false'} />
                    <span>{t('learn.task.elective')}</span>
                  </label>
                </div>
              </fieldset>
            </div>
            <p className="form-foot">
              <button type="submit" name="intent" value="assign" className="button button-primary" data-testid="assign-submit">
                {t('editor.assign.submit')}
              </button>
            </p>
          </Form>
        </>
      )}
    </section>
  );
}

function DetailsSection() {
  const { course } = useLoaderData<typeof loader>();
  const result = useResult('update');
  const t = useT();
  const lang = useLang();
  const [uploading, setUploading] = useState(false);
  const onBusy = useCallback((busy: boolean) => setUploading(busy), []);
  const values = result?.problem ? (result.values as Record<string, string> | undefined) : undefined;
  const credits = [0.25, 0.5, 1, 1.5, 2, 3, 4];
  if (!credits.includes(course.credit)) credits.push(course.credit);
  return (
    <section className="card form-card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('editor.details.title')}</h2>
      <p className="hint">{t('editor.details.updated', { date: formatDate(course.updatedAt, lang), version: course.version })}</p>
      <ProblemNotice problem={result?.problem} />
      <Done result={result} />
      <Form method="post" className="form" key={`${course.version}:${values ? JSON.stringify(values) : ''}`} data-testid="details-form">
        <input type="hidden" name="version" value={course.version} />
        <div className="field">
          <label htmlFor="details-title">{t('editor.field.title')}</label>
          <input id="details-title" name="title" className="input" required maxLength={80} defaultValue={values?.title ?? course.title} aria-describedby="details-title-error" />
          <FieldError problem={result?.problem} field="title" id="details-title-error" />
        </div>
        <div className="form-pair">
          <SelectField
            id="details-category"
            name="category"
            label={t('editor.field.category')}
            choices={courseCategories}
            textOf={(category) => t(categoryKey(category))}
            defaultValue={values?.category ?? course.category}
          />
          <div className="field">
            <label htmlFor="details-credit">{t('editor.field.credit')}</label>
            <select id="details-credit" name="credit" className="select" defaultValue={values?.credit ?? String(course.credit)}>
              {credits
                .sort((a, b) => a - b)
                .map((credit) => (
                  <option key={credit} value={String(credit)}>
                    {t('course.creditValue', { credit: formatCredit(credit, lang) })}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="details-summary">{t('editor.field.summary')}</label>
          <textarea id="details-summary" name="summary" className="input textarea" rows={4} maxLength={2000} defaultValue={values?.summary ?? course.summary} aria-describedby="details-summary-error" />
          <FieldError problem={result?.problem} field="summary" id="details-summary-error" />
        </div>
        {course.coverUrl ? <img className="editor-cover" src={course.coverUrl} alt={t('editor.field.coverNow')} width="320" height="180" /> : null}
        <UploadField id="details-cover" purpose="cover" name="coverUploadId" label={t('editor.field.cover')} hint={t('editor.field.coverHint')} onBusyChange={onBusy} />
        <p className="form-foot">
          <button type="submit" name="intent" value="update" className="button button-primary" disabled={uploading}>
            {uploading ? t('editor.upload.wait') : t('editor.details.submit')}
          </button>
        </p>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}
