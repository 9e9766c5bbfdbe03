/**
 * /quizzes/bank/:questionId — one question, as its editors read it: its version, then the form that saves an edit as
 * the next version (attempts keep the version they were given), and retiring. A retired question is shown, not edited.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { Notice, ProblemNotice } from '../components/notice';
import { QuestionForm, questionValues } from '../components/question-form';
import { translate, useT } from '../i18n';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { answerText, difficultyKey, kindKey, letterOf, shortStem } from '../lib/quiz-bank';
import { bankUnitChoices, requireBankEditor } from '../lib/quiz-bank.server';
import { readQuestionForm } from '../lib/quiz-bank-form.server';
import { formText, formVersion, throwApiError } from '../lib/respond.server';
import bankStyles from '../styles/quiz-bank.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: bankStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'bank.editor.editTitle', data ? shortStem(data.question.stem, 30) : undefined);

async function loadQuestion(context: Parameters<typeof loader>[0]['context'], questionId: string) {
  const { data, error, response } = await context.api.GET('/questions/{questionId}', { params: { path: { questionId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireBankEditor(request, context);
  const [question, units] = await Promise.all([loadQuestion(context, params.questionId ?? ''), bankUnitChoices(context, me)]);
  return { lang: context.lang, question, unitName: units.find((u) => u.unitId === question.ownerUnitId)?.name ?? '' };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await requireBankEditor(request, context);
  const questionId = params.questionId ?? '';
  const form = await readForm(request, context);
  const version = formVersion(form);
  if (formText(form, 'intent') === 'retire') {
    const { data, error, response } = await context.api.POST('/questions/{questionId}/retire', { params: { path: { questionId } }, body: { version } });
    if (!data) return { problem: toApiProblem(error, response.status, translate(context.lang, 'bank.failed')), values: null };
    return redirect(`/quizzes/bank/${questionId}?retired=1`);
  }
  const current = await loadQuestion(context, questionId);
  const { values, body } = readQuestionForm(form, {
    stemImageUrl: current.stemImageUrl,
    optionImageUrls: new Map(current.options.flatMap((o) => (o.imageKey ? [[o.imageKey, o.imageUrl] as const] : []))),
  });
  if (!body) {
    const problem: ApiProblem = { status: 400, code: 'VALIDATION', message: translate(context.lang, 'bank.pointsInvalid'), fields: [] };
    return { problem, values };
  }
  const { data, error, response } = await context.api.PATCH('/questions/{questionId}', { params: { path: { questionId } }, body: { ...body, version } });
  if (!data) return { problem: toApiProblem(error, response.status, translate(context.lang, 'bank.failed')), values };
  return redirect(`/quizzes/bank/${questionId}?saved=${data.version}`);
}

export default function EditQuestion() {
  const { question, unitName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const values = result?.values ?? questionValues(question);
  const saved = Number(search.get('saved'));
  return (
    <div className="page bank-editor-page">
      <BackLink to="/quizzes/bank">{t('bank.editor.back')}</BackLink>
      <header className="page-header">
        <div>
          <p className="badge-row">
            <span className="badge badge-gold" data-testid="question-version">
              {t('bank.version', { version: question.version })}
            </span>
            <span className="badge">{t(kindKey(question.kind))}</span>
            <span className="badge">{t(difficultyKey(question.difficulty))}</span>
            {question.retired ? <span className="badge badge-muted">{t('bank.status.retired')}</span> : null}
          </p>
          <h1>{t('bank.editor.editTitle')}</h1>
          {unitName ? <p className="lead">{unitName}</p> : null}
        </div>
      </header>

      {saved > 0 ? (
        <Notice kind="ok" testId="question-saved">
          {t('bank.saved', { version: saved })}
        </Notice>
      ) : null}
      {search.get('created') ? (
        <Notice kind="ok" testId="question-created">
          {t('bank.created')}
        </Notice>
      ) : null}
      {search.get('retired') ? (
        <Notice kind="ok" testId="question-retired">
          {t('bank.retired')}
        </Notice>
      ) : null}

      {question.retired ? (
        <section className="card bank-readonly" data-testid="question-readonly">
          <p className="hint">{t('bank.editor.retiredNote', { version: question.version })}</p>
          <p className="bank-readonly-stem">{question.stem}</p>
          {question.options.length > 0 ? (
            <ol className="bank-readonly-options">
              {question.options.map((option, index) => (
                <li key={index}>
                  <span className="qf-letter">{letterOf(index)}</span> {option.text}
                </li>
              ))}
            </ol>
          ) : null}
          <p>
            <strong>{t('bank.answerIs', { answer: answerText(t, question.kind, question.answer) })}</strong>
          </p>
          {question.explanation ? <p className="hint">{question.explanation}</p> : null}
        </section>
      ) : (
        <>
          <Notice kind="notice" testId="version-note">
            {t('bank.editor.versionNote', { version: question.version, next: question.version + 1 })}
          </Notice>
          <section className="card form-card">
            <QuestionForm key={`${question.version}-${JSON.stringify(values)}`} values={values} mode="update" version={question.version} problem={result?.values ? result.problem : null} />
          </section>
          <section className="card bank-retire" aria-labelledby="retire-heading">
            <h2 id="retire-heading">{t('bank.retire.title')}</h2>
            <p className="hint">{t('bank.retire.text')}</p>
            {result && !result.values ? <ProblemNotice problem={result.problem} /> : null}
            <Form method="post">
              <input type="hidden" name="intent" value="retire" />
              <input type="hidden" name="version" value={question.version} />
              <button type="submit" className="button button-quiet" data-testid="question-retire">
                {t('bank.retire.button')}
              </button>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="bank.forbidden.hint" notFoundTitle="bank.notFound.title" notFoundText="bank.notFound.text" />;
}
