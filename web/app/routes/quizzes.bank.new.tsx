/**
 * /quizzes/bank/new — a new question (version 1) in a bank the editor keeps. The API checks the question as a whole
 * (createQuestion); a refusal shows its words beside the form, with what was typed kept.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { emptyQuestion, QuestionForm } from '../components/question-form';
import { translate, useT } from '../i18n';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { bankUnitChoices, requireBankEditor } from '../lib/quiz-bank.server';
import { readQuestionForm } from '../lib/quiz-bank-form.server';
import bankStyles from '../styles/quiz-bank.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: bankStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'bank.editor.newTitle');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireBankEditor(request, context);
  const units = await bankUnitChoices(context, me);
  // An organizer's own branch first; an admin's bank is the bureau's (the root).
  const own = me.reach.editQuestions;
  const preferred = Array.isArray(own) && own[0] && units.some((u) => u.unitId === own[0]) ? own[0] : (units[0]?.unitId ?? '');
  return { lang: context.lang, units, preferred };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireBankEditor(request, context);
  const form = await readForm(request, context);
  const { values, body } = readQuestionForm(form, { stemImageUrl: null });
  if (!body) {
    const problem: ApiProblem = { status: 400, code: 'VALIDATION', message: translate(context.lang, 'bank.pointsInvalid'), fields: [] };
    return { problem, values };
  }
  const { removeStemImage: _ignored, ...create } = body;
  const { data, error, response } = await context.api.POST('/questions', { body: { ...create, ...(values.ownerUnitId ? { ownerUnitId: values.ownerUnitId } : {}) } });
  if (!data) return { problem: toApiProblem(error, response.status, translate(context.lang, 'bank.failed')), values };
  return redirect(`/quizzes/bank/${data.questionId}?created=1`);
}

export default function NewQuestion() {
  const { units, preferred } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const values = result?.values ?? emptyQuestion(preferred);
  return (
    <div className="page bank-editor-page">
      <BackLink to="/quizzes/bank">{t('bank.editor.back')}</BackLink>
      <header>
        <h1>{t('bank.editor.newTitle')}</h1>
        <p className="lead">{t('bank.editor.newNote')}</p>
      </header>
      <section className="card form-card">
        <QuestionForm key={JSON.stringify(values)} values={values} mode="create" units={units} problem={result?.problem ?? null} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="bank.forbidden.hint" />;
}
