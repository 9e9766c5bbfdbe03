import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CourseError } from '../components/course-error';
import { CourseFields } from '../components/course-form';

import { ProblemNotice } from '../components/notice';
import { translate, useLang, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { formatDate } from '../lib/format';
import { categoryKey, formatCredit, statusKey, type CourseCategory, type CourseStatus } from '../lib/learn';
import { formNumber, requireEditor } from '../lib/learn.server';
import { unitsReached } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { formText, throwApiError } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'editor.list.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireEditor(request, context);
  const [drafts, published, archived, units] = await Promise.all([
    context.api.GET('/courses', { params: { query: { status: 'draft' } } }),
    context.api.GET('/courses', { params: { query: { status: 'published' } } }),
    context.api.GET('/courses', { params: { query: { status: 'archived' } } }),
    context.api.GET('/units'),
  ]);
  for (const answer of [drafts, published, archived]) if (!answer.data) throwApiError(answer.error, answer.response.status);
  // Drafts and archived courses come back already limited to the editor's own; published ones are everyone's.
  const mine = unitsReached(me, 'editCourses', units.data?.items ?? []);
  const rows = [...drafts.data!.items, ...published.data!.items.filter((course) => !mine || mine.has(course.ownerUnitId)), ...archived.data!.items].map((course) => ({
    courseId: course.courseId,
    title: course.title,
    category: course.category,
    status: course.status,
    credit: course.credit,
    lessons: course.lessonCount,
    updatedAt: course.updatedAt,
  }));
  return { lang: context.lang, courses: rows };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireEditor(request, context);
  const form = await readForm(request, context);
  const values = {
    title: formText(form, 'title'),
    summary: formText(form, 'summary'),
    category: formText(form, 'category'),
    credit: formText(form, 'credit'),
  };
  const credit = formNumber(form, 'credit');
  if (credit === undefined) {
    const problem: ApiProblem = { status: 400, code: 'VALIDATION', message: translate(context.lang, 'editor.creditInvalid'), fields: [] };
    return { problem, values };
  }
  const { data, error, response } = await context.api.POST('/courses', {
    body: { title: values.title, summary: values.summary, category: values.category as CourseCategory, credit },
  });
  if (!data) return { problem: toApiProblem(error, response.status, translate(context.lang, 'editor.failed')), values };
  return redirect(`/learn/manage/${data.courseId}`);
}

export default function ManageCourses() {
  const { courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const lang = useLang();
  const busy = navigation.state === 'submitting';
  const values = result?.values;
  const order: CourseStatus[] = ['draft', 'published', 'archived'];
  const sorted = [...courses].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || b.updatedAt.localeCompare(a.updatedAt));
  return (
    <div className="page manage-page">
      <BackLink to="/learn">{t('course.backToLearn')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('editor.list.title')}</h1>
          <p className="lead">{t('editor.list.lead')}</p>
        </div>
      </header>

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">{t('editor.list.courses', { count: courses.length })}</h2>
        {sorted.length === 0 ? (
          <p className="card empty-state" data-testid="manage-empty">
            {t('editor.list.empty')}
          </p>
        ) : (
          <table className="data-table manage-table" data-testid="manage-courses">
            <thead>
              <tr>
                <th scope="col">{t('editor.col.title')}</th>
                <th scope="col">{t('editor.col.status')}</th>
                <th scope="col">{t('editor.col.category')}</th>
                <th scope="col" className="num">
                  {t('editor.col.credit')}
                </th>
                <th scope="col" className="num">
                  {t('editor.col.lessons')}
                </th>
                <th scope="col">{t('editor.col.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((course) => (
                <tr key={course.courseId} data-testid="manage-row">
                  <th scope="row" className="cell-title">
                    <Link to={`/learn/manage/${course.courseId}`}>{course.title}</Link>
                  </th>
                  <td data-label={t('editor.col.status')}>
                    <span className={course.status === 'published' ? 'badge badge-ok' : course.status === 'draft' ? 'badge badge-gold' : 'badge badge-muted'}>{t(statusKey(course.status))}</span>
                  </td>
                  <td data-label={t('editor.col.category')}>{t(categoryKey(course.category))}</td>
                  <td data-label={t('editor.col.credit')} className="num">
                    {formatCredit(course.credit, lang)}
                  </td>
                  <td data-label={t('editor.col.lessons')} className="num">
                    {course.lessons}
                  </td>
                  <td data-label={t('editor.col.updatedAt')}>
                    <time dateTime={course.updatedAt}>{formatDate(course.updatedAt, lang)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card form-card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t('editor.create.title')}</h2>
        <p className="hint">{t('editor.create.lead')}</p>
        <ProblemNotice problem={result?.problem} />
        <Form method="post" className="form" key={JSON.stringify(values ?? null)}>
          <CourseFields
            idPrefix="course"
            values={{ title: values?.title ?? '', category: values?.category ?? 'required', credit: values?.credit ?? '1', summary: values?.summary ?? '' }}
            problem={result?.problem}
            creditHint
            summaryRows={3}
          />
          <p className="form-foot">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('editor.create.submit')}
            </button>
          </p>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}
