/**
 * /quizzes/manage — the quizzes of the units I manage (listQuizzes?view=manage): title, status, question count,
 * when it is open, its unit; and the way to a new one. For people getMe gives `editQuizzes`; others get a 403 page.
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { QuizManageError } from '../components/quiz-editor/quiz-manage-error';
import { useLang, useT } from '../i18n';
import { when } from '../lib/quiz';
import { pageTitle } from '../lib/page-title';
import { requireQuizEditor } from '../lib/quiz-editor/access.server';
import { throwApiError } from '../lib/respond.server';
import styles from '../styles/quiz-manage.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'quizManage.title');

/** Pages of the list read at most (100 quizzes a page). */
const PAGES = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireQuizEditor(request, context);
  const quizzes = [];
  let cursor: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const { data, error, response } = await context.api.GET('/quizzes', { params: { query: { view: 'manage', limit: 100, ...(cursor ? { cursor } : {}) } } });
    if (!data) throwApiError(error, response.status);
    quizzes.push(...data.items);
    if (!data.cursor) break;
    cursor = data.cursor;
  }
  const units = await context.api.GET('/units');
  const names = new Map((units.data?.items ?? []).map((unit) => [unit.unitId, unit.name]));
  // Drafts first (they are the work in hand), then the latest changed.
  quizzes.sort((a, b) => (a.status === b.status ? b.updatedAt.localeCompare(a.updatedAt) : a.status === 'draft' ? -1 : 1));
  return {
    lang: context.lang,
    quizzes: quizzes.map((quiz) => ({
      quizId: quiz.quizId,
      title: quiz.title,
      status: quiz.status,
      questionCount: quiz.questionCount,
      opensAt: quiz.opensAt,
      closesAt: quiz.closesAt,
      finalTest: Boolean(quiz.courseId),
      owner: names.get(quiz.ownerUnitId) ?? quiz.ownerUnitId,
    })),
  };
}

export default function ManageQuizzes() {
  const { quizzes } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const window = (opensAt: string | null, closesAt: string | null) => {
    const from = opensAt ? when(opensAt, lang) : null;
    const until = closesAt ? when(closesAt, lang) : null;
    if (from && until) return t('quizManage.window.range', { from, until });
    if (from) return t('quizManage.window.from', { from });
    if (until) return t('quizManage.window.until', { until });
    return t('quizManage.window.always');
  };
  return (
    <div className="page manage-page quiz-manage-page">
      <BackLink to="/quizzes">{t('quizManage.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('quizManage.title')}</h1>
          <p className="lead">{t('quizManage.lead')}</p>
        </div>
        <p className="button-row">
          <Link to="/quizzes/manage/new" className="button button-primary" data-testid="new-quiz">
            {t('quizManage.new')}
          </Link>
        </p>
      </header>
      <section aria-labelledby="quizzes-heading">
        <h2 id="quizzes-heading">{t('quizManage.list.heading', { count: quizzes.length })}</h2>
        {quizzes.length === 0 ? (
          <p className="card empty-state" data-testid="quizzes-empty">
            {t('quizManage.list.empty')}
          </p>
        ) : (
          <table className="data-table manage-table" data-testid="manage-quizzes">
            <thead>
              <tr>
                <th scope="col">{t('quizManage.col.title')}</th>
                <th scope="col">{t('quizManage.col.status')}</th>
                <th scope="col" className="num">
                  {t('quizManage.col.questions')}
                </th>
                <th scope="col">{t('quizManage.col.window')}</th>
                <th scope="col">{t('quizManage.col.owner')}</th>
              </tr>
            </thead>
            <tbody>
              {quizzes.map((quiz) => (
                <tr key={quiz.quizId} data-testid="manage-quiz-row">
                  <th scope="row" className="cell-title">
                    <Link to={`/quizzes/manage/${quiz.quizId}`}>{quiz.title}</Link>
                    {quiz.finalTest ? <span className="badge badge-category quiz-final">{t('quizManage.finalTest')}</span> : null}
                  </th>
                  <td data-label={t('quizManage.col.status')}>
                    <span className={quiz.status === 'published' ? 'badge badge-ok' : 'badge badge-gold'}>{t(quiz.status === 'published' ? 'quizManage.status.published' : 'quizManage.status.draft')}</span>
                  </td>
                  <td data-label={t('quizManage.col.questions')} className="num">
                    {quiz.questionCount}
                  </td>
                  <td data-label={t('quizManage.col.window')}>{window(quiz.opensAt, quiz.closesAt)}</td>
                  <td data-label={t('quizManage.col.owner')}>{quiz.owner}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <QuizManageError />;
}
