/**
 * /quizzes/manage/new — a new quiz: the editor's one form (settings, items from the bank, draw rules). Saving
 * creates a draft and opens its page, where it is published. A plain form post: works without JavaScript.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { useActionData, useLoaderData } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { QuizForm } from '../components/quiz-editor/quiz-form';
import { QuizManageError } from '../components/quiz-editor/quiz-manage-error';
import { useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { requireQuizEditor } from '../lib/quiz-editor/access.server';
import { editedCourses, editorAction, loadBank, ownerUnits, searchBank } from '../lib/quiz-editor/actions.server';
import { newQuizValues } from '../lib/quiz-editor/form';
import styles from '../styles/quiz-manage.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'quizManage.newTitle');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireQuizEditor(request, context);
  const [bank, units, courses] = await Promise.all([loadBank(context), ownerUnits(context, me), editedCourses(context, me)]);
  // A course's page may link here with its id: the quiz starts as that course's final test.
  const asked = new URL(request.url).searchParams.get('courseId') ?? '';
  const values = newQuizValues(units.choices[0]?.unitId ?? '', courses.some((course) => course.courseId === asked) ? asked : '');
  return { lang: context.lang, values, tags: bank.tags, found: searchBank(bank, values), owners: units.choices, courses };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireQuizEditor(request, context);
  const form = await readForm(request, context);
  return editorAction(context, form, null);
}

export default function NewQuiz() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="page quiz-editor-page">
      <BackLink to="/quizzes/manage">{t('quizManage.error.backToList')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('quizManage.newTitle')}</h1>
          <p className="lead">{t('quizManage.newLead')}</p>
        </div>
      </header>
      <QuizForm
        values={result?.values ?? data.values}
        version={null}
        result={result}
        tags={data.tags}
        found={result?.found ?? data.found}
        owners={data.owners}
        courses={data.courses}
        isNew
        canPublish={false}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <QuizManageError />;
}
