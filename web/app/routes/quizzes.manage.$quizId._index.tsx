/**
 * /quizzes/manage/:quizId — a saved quiz in the editor: every setting and the items in one form (save, version-guarded;
 * publish), the links to preview it as a taker and to its statistics, and the form that assigns it. Plain form posts:
 * works without JavaScript; a refusal comes back beside the fields with everything as typed.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AssignFields } from '../components/assign-fields';
import { BackLink } from '../components/back-link';
import { Notice, ProblemNotice } from '../components/notice';
import { QuizForm } from '../components/quiz-editor/quiz-form';
import { QuizManageError } from '../components/quiz-editor/quiz-manage-error';
import { translate, useLang, useT, type MessageKey } from '../i18n';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { readAssignment } from '../lib/assign-form.server';
import { readForm } from '../lib/form.server';
import { formatDate } from '../lib/format';
import { shanghaiDay } from '../lib/learn';
import { pageTitle } from '../lib/page-title';
import { requireQuizEditor } from '../lib/quiz-editor/access.server';
import { editorAction, loadBank, ownerUnits, searchBank } from '../lib/quiz-editor/actions.server';
import { quizAssignOffered, quizAssignPath } from '../lib/quiz-editor/assign';
import { quizValues, type EditorResult } from '../lib/quiz-editor/form';
import { formText, formVersion, throwApiError, throwForbidden } from '../lib/respond.server';
import styles from '../styles/quiz-manage.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'quizManage.editTitle', data?.title);

const doneKeys: Record<string, MessageKey> = { created: 'quizManage.created', saved: 'quizManage.saved', published: 'quizManage.published' };

async function loadQuiz(request: Request, context: LoaderFunctionArgs['context'], quizId: string) {
  const [me, quiz] = await Promise.all([requireQuizEditor(request, context), context.api.GET('/quizzes/{quizId}', { params: { path: { quizId } } })]);
  if (!quiz.data) throwApiError(quiz.error, quiz.response.status);
  if (!quiz.data.mayEdit) throwForbidden(context, 'quizManage.forbidden');
  return { me, quiz: quiz.data };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { me, quiz } = await loadQuiz(request, context, params.quizId ?? '');
  const [bank, units, course] = await Promise.all([
    loadBank(context),
    ownerUnits(context, me),
    quiz.courseId ? context.api.GET('/courses/{courseId}', { params: { path: { courseId: quiz.courseId } } }) : null,
  ]);
  const values = quizValues(quiz, bank.questions);
  const done = new URL(request.url).searchParams.get('done') ?? '';
  return {
    lang: context.lang,
    quizId: quiz.quizId,
    title: quiz.title,
    status: quiz.status,
    version: quiz.version,
    questionCount: quiz.questionCount,
    values,
    tags: bank.tags,
    found: searchBank(bank, values),
    ownerName: units.all.find((unit) => unit.unitId === quiz.ownerUnitId)?.name ?? quiz.ownerUnitId,
    courseTitle: course?.data?.course.title,
    done: Object.hasOwn(doneKeys, done) ? doneKeys[done]! : null,
    // The statistics page answers to its own capability; the link shows only for those who have it.
    readsStats: (me.capabilities as string[]).includes('readQuizStats'),
    // A course's final test is taken through its course; a quiz on its own is assigned like a course.
    assign: quizAssignOffered && quiz.status === 'published' && !quiz.courseId ? { units: units.choices, reachesAll: units.reachesAll, today: shanghaiDay(), suggestedDue: shanghaiDay(new Date(Date.now() + 14 * 86400_000)) } : null,
  };
}

interface AssignResult {
  form: 'assign';
  problem?: ApiProblem;
  values?: Record<string, string | string[]>;
  assigned?: { dueAt: string };
}

type LooseClient = { POST: (path: string, init: { params: { path: { quizId: string } }; body: unknown }) => Promise<{ data?: { dueAt: string }; error?: unknown; response: Response }> };

async function assignQuiz(context: ActionFunctionArgs['context'], quizId: string, form: FormData): Promise<AssignResult> {
  const read = readAssignment(form);
  if ('refusal' in read) return { form: 'assign', values: read.values, problem: { status: 400, code: 'VALIDATION', message: translate(context.lang, read.refusal), fields: [] } };
  const { data, error, response } = await (context.api as unknown as LooseClient).POST(quizAssignPath, { params: { path: { quizId } }, body: read.body });
  if (!data) return { form: 'assign', values: read.values, problem: toApiProblem(error, response.status, translate(context.lang, 'quizManage.failed')) };
  return { form: 'assign', assigned: { dueAt: data.dueAt } };
}

export async function action({ request, params, context }: ActionFunctionArgs): Promise<(EditorResult & { form: 'editor' }) | AssignResult | Response> {
  const quizId = params.quizId ?? '';
  await requireQuizEditor(request, context);
  const form = await readForm(request, context);
  if (formText(form, 'intent') === 'assign') return assignQuiz(context, quizId, form);
  const answer = await editorAction(context, form, { quizId, version: formVersion(form) });
  return answer instanceof Response ? answer : { ...answer, form: 'editor' };
}

export default function EditQuiz() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const editor = result?.form === 'editor' ? result : undefined;
  const assigned = result?.form === 'assign' ? result : undefined;
  const published = data.status === 'published';
  return (
    <div className="page quiz-editor-page">
      <BackLink to="/quizzes/manage">{t('quizManage.error.backToList')}</BackLink>
      <header className="page-header">
        <div>
          <p className="badge-row">
            <span className={published ? 'badge badge-ok' : 'badge badge-gold'} data-testid="quiz-status">
              {t(published ? 'quizManage.status.published' : 'quizManage.status.draft')}
            </span>
          </p>
          <h1>{data.title}</h1>
          <p className="lead">{t('quizManage.editLead')}</p>
        </div>
        <p className="button-row">
          <Link to={`/quizzes/${data.quizId}`} className="button button-quiet" data-testid="quiz-preview">
            {t('quizManage.preview')}
          </Link>
          {data.readsStats ? (
            <Link to={`/quizzes/manage/${data.quizId}/stats`} className="button button-quiet" data-testid="quiz-stats">
              {t('quizManage.stats')}
            </Link>
          ) : null}
        </p>
      </header>
      {data.done && !result ? (
        <Notice kind="ok" testId="quiz-done">
          <p>{t(data.done)}</p>
        </Notice>
      ) : null}
      {published ? (
        <Notice kind="notice" testId="published-note">
          <p>{t('quizManage.publishedNote')}</p>
        </Notice>
      ) : null}
      <QuizForm
        values={editor?.values ?? data.values}
        version={editor?.version ?? data.version}
        result={editor}
        tags={data.tags}
        found={editor?.found ?? data.found}
        owners={[]}
        ownerName={data.ownerName}
        courses={[]}
        courseTitle={data.courseTitle}
        isNew={false}
        canPublish={!published}
        reloadTo={`/quizzes/manage/${data.quizId}`}
      />
      {data.assign ? (
        <section className="card form-card" aria-labelledby="assign-heading">
          <h2 id="assign-heading">{t('quizManage.assign.title')}</h2>
          <p className="hint">{t('quizManage.assign.lead')}</p>
          <ProblemNotice problem={assigned?.problem} />
          {assigned?.assigned ? (
            <Notice kind="ok" testId="assign-ok">
              <p>{t('quizManage.assign.done', { date: formatDate(assigned.assigned.dueAt, lang) })}</p>
            </Notice>
          ) : null}
          <Form method="post" className="form" key={JSON.stringify(assigned?.values ?? null)} data-testid="assign-form">
            <AssignFields units={data.assign.units} reachesAll={data.assign.reachesAll} today={data.assign.today} suggestedDue={data.assign.suggestedDue} values={assigned?.problem ? assigned.values : undefined} problem={assigned?.problem} />
            <p className="form-foot">
              <button type="submit" name="intent" value="assign" className="button button-primary" data-testid="assign-submit">
                {t('quizManage.assign.submit')}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <QuizManageError />;
}
