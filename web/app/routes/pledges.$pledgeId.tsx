import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState, type ReactNode } from 'react';
import { BackLink } from '../components/back-link';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { PledgeFields } from '../components/pledge-parts';
import { UploadField } from '../components/upload-field';
import { translate, useLang, useT, type MessageKey } from '../i18n';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { formatDate, formatDateTime } from '../lib/format';
import { readForm } from '../lib/form.server';
import { withMe } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { categoryKey, shanghaiToday, stateBadge, stateKey, type PledgeDetail } from '../lib/pledges';
import { addProgress, assessPledge, commentPledge, loadPledge, readPledgeFields, reviewPledge, updatePledge } from '../lib/pledges.server';
import { formText } from '../lib/respond.server';
import styles from '../styles/pledges.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'pledges.title', data?.pledge.content);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [, pledge] = await withMe(request, context, loadPledge(context, params.pledgeId ?? ''));
  return { lang: context.lang, pledge, today: shanghaiToday(Date.now()) };
}

/** Editing, reviewing, recording what was done, commenting, assessing: each form answers in words. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const pledgeId = params.pledgeId ?? '';
  const intent = formText(form, 'intent');
  const version = Number(formText(form, 'version'));
  const answer = await (async () => {
    switch (intent) {
      case 'edit':
        return updatePledge(context, pledgeId, { version, ...readPledgeFields(form) });
      case 'approve':
        return reviewPledge(context, pledgeId, { outcome: 'approve', version });
      case 'return':
        return reviewPledge(context, pledgeId, { outcome: 'return', version, reason: formText(form, 'reason') });
      case 'progress': {
        const evidence = [
          ...form.getAll('photoUploadId').filter((v): v is string => typeof v === 'string' && v !== '').map((uploadId) => ({ uploadId, kind: 'photo' as const })),
          ...form.getAll('pdfUploadId').filter((v): v is string => typeof v === 'string' && v !== '').map((uploadId) => ({ uploadId, kind: 'pdf' as const })),
        ];
        return addProgress(context, pledgeId, { text: formText(form, 'text'), doneOn: formText(form, 'doneOn'), evidence, markDone: formText(form, 'markDone') === 'on' });
      }
      case 'comment':
        return commentPledge(context, pledgeId, formText(form, 'text'));
      case 'assess':
        return assessPledge(context, pledgeId, formText(form, 'text'));
      default:
        return { ok: false as const, problem: toApiProblem(null, 400, translate(context.lang, 'pledges.unknownAction')) };
    }
  })();
  return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
}

export default function PledgePage() {
  const { pledge, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const problemOf = (intent: string) => (result?.intent === intent && !result.done ? result.problem : null);
  const doneOf = (intent: string) => result?.intent === intent && result.done;
  return (
    <div className="page pledge-page">
      <BackLink to="/pledges">{t('pledges.back')}</BackLink>
      <header className="page-header">
        <div>
          <p className="badge-row">
            <span className="badge badge-category">{t(categoryKey(pledge.pledgeCategory))}</span>
            <span className={`badge ${stateBadge(pledge.state)}`} data-testid="pledge-state">
              {t(stateKey(pledge.state))}
            </span>
          </p>
          <h1 data-testid="pledge-content">{pledge.content}</h1>
          <p className="lead">
            {pledge.ownerName} · {pledge.branchName} · {pledge.year}
          </p>
        </div>
      </header>

      <section className="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t('pledges.field.measures')}</h2>
        <p className="pledge-measures">{pledge.measures}</p>
        <p className="hint">{t('pledges.due', { date: formatDate(`${pledge.dueDate}T12:00:00+08:00`, lang) })}</p>
        {pledge.state === 'returned' && pledge.returnReason ? (
          <p className="pledge-returned" data-testid="return-reason">
            {t('pledges.returnedBecause', { reason: pledge.returnReason })}
          </p>
        ) : null}
        {pledge.assessment ? (
          <>
            <h3>{t('pledges.assess.title')}</h3>
            <p className="pledge-measures" data-testid="pledge-assessment">
              {pledge.assessment}
            </p>
          </>
        ) : null}
      </section>

      {doneOf('edit') || doneOf('approve') || doneOf('return') || doneOf('assess') ? <Notice kind="ok">{t('pledges.saved')}</Notice> : null}

      {pledge.may.review ? (
        <Section id="review" title="pledges.review.title" problem={problemOf('approve') ?? problemOf('return')}>
          <p className="hint">{t('pledges.review.hint')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="version" value={pledge.version} />
            <button type="submit" name="intent" value="approve" className="button button-primary" data-testid="approve">
              {t('pledges.review.approve')}
            </button>
          </Form>
          <Form method="post" className="pledge-return">
            <input type="hidden" name="version" value={pledge.version} />
            <div className="field">
              <label htmlFor="return-reason">{t('pledges.review.reason')}</label>
              <textarea id="return-reason" name="reason" className="input" rows={2} required maxLength={300} />
              <FieldError problem={problemOf('return')} field="reason" />
            </div>
            <button type="submit" name="intent" value="return" className="button button-quiet" data-testid="return">
              {t('pledges.review.return')}
            </button>
          </Form>
        </Section>
      ) : null}

      {pledge.may.edit ? (
        <Section id="edit" title="pledges.edit.title" problem={problemOf('edit')}>
          <Form method="post" data-testid="edit-pledge">
            <input type="hidden" name="version" value={pledge.version} />
            <PledgeFields idPrefix="edit" year={pledge.year} item={pledge} problem={problemOf('edit')} />
            <button type="submit" name="intent" value="edit" className="button button-primary">
              {t('pledges.edit.save')}
            </button>
          </Form>
          <p className="hint">{t('pledges.edit.thenSubmit')}</p>
        </Section>
      ) : null}

      <Ledger pledge={pledge} today={today} problem={problemOf('progress')} done={doneOf('progress')} />

      {pledge.may.assess ? (
        <Section id="assess" title="pledges.assess.title" problem={problemOf('assess')}>
          <p className="hint">{t('pledges.assess.hint')}</p>
          <Form method="post" data-testid="assess-pledge">
            <div className="field">
              <label htmlFor="assess-text">{t('pledges.assess.label')}</label>
              <textarea id="assess-text" name="text" className="input" rows={4} required maxLength={1000} defaultValue={pledge.assessment ?? ''} />
              <FieldError problem={problemOf('assess')} field="text" />
            </div>
            <button type="submit" name="intent" value="assess" className="button button-primary">
              {t('pledges.assess.save')}
            </button>
          </Form>
        </Section>
      ) : null}

      {pledge.comments.length > 0 || pledge.may.comment ? (
        <Section id="comments" title="pledges.comments.title" problem={problemOf('comment')}>
          {pledge.comments.length > 0 ? (
            <ul className="pledge-comments" data-testid="pledge-comments">
              {pledge.comments.map((c) => (
                <li key={c.commentId}>
                  <p>{c.text}</p>
                  <p className="hint">
                    {c.kind === 'peer' ? t('pledges.comments.peer') : t('pledges.comments.guidance')}
                    {c.authorName ? ` · ${c.authorName}` : ''} · {formatDateTime(c.createdAt, lang)}
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
          {pledge.may.comment ? (
            <Form method="post" key={doneOf('comment') ? 'again' : 'form'} data-testid="comment-pledge">
              <div className="field">
                <label htmlFor="comment-text">{t('pledges.comments.label')}</label>
                <textarea id="comment-text" name="text" className="input" rows={2} required maxLength={200} />
                <FieldError problem={problemOf('comment')} field="text" />
              </div>
              <button type="submit" name="intent" value="comment" className="button button-quiet">
                {t('pledges.comments.add')}
              </button>
            </Form>
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}

function Section({ id, title, problem, children }: { id: string; title: MessageKey; problem: ApiProblem | null | undefined; children: ReactNode }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid={`section-${id}`}>
      <h2 id={`${id}-heading`}>{t(title)}</h2>
      <ProblemNotice problem={problem} />
      {children}
    </section>
  );
}

/** The record of what was done (践诺), and the owner's form to add to it. */
function Ledger({ pledge, today, problem, done }: { pledge: PledgeDetail; today: string; problem: ApiProblem | null | undefined; done: boolean | undefined }) {
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  const [uploading, setUploading] = useState(false);
  if (pledge.progress.length === 0 && !pledge.may.addProgress) return null;
  return (
    <Section id="ledger" title="pledges.ledger.title" problem={problem}>
      {done ? <Notice kind="ok">{t('pledges.ledger.saved')}</Notice> : null}
      {pledge.progress.length === 0 ? (
        <p className="hint">{t('pledges.ledger.empty')}</p>
      ) : (
        <ol className="pledge-ledger" data-testid="pledge-ledger">
          {pledge.progress.map((entry) => (
            <li key={entry.entryId}>
              <p className="hint">{formatDate(`${entry.doneOn}T12:00:00+08:00`, lang)}</p>
              <p>{entry.text}</p>
              {entry.evidence.length > 0 ? (
                <ul className="pledge-evidence">
                  {entry.evidence.map((file) => (
                    <li key={file.url}>
                      {file.kind === 'photo' ? (
                        <a href={file.url}>
                          <img src={file.url} alt={file.fileName} className="pledge-evidence-photo" width={120} height={90} />
                        </a>
                      ) : (
                        <a href={file.url}>{file.fileName}</a>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {pledge.may.addProgress ? (
        <Form method="post" key={done ? 'again' : 'form'} data-testid="add-progress">
          <div className="field">
            <label htmlFor="progress-text">{t('pledges.ledger.text')}</label>
            <textarea id="progress-text" name="text" className="input" rows={3} required maxLength={1000} />
            <FieldError problem={problem} field="text" />
          </div>
          <div className="field">
            <label htmlFor="progress-day">{t('pledges.ledger.doneOn')}</label>
            <input id="progress-day" name="doneOn" type="date" className="input" required max={today} defaultValue={today} />
            <FieldError problem={problem} field="doneOn" />
          </div>
          <UploadField id="progress-photo" purpose="cover" name="photoUploadId" label={t('pledges.ledger.photo')} hint={t('pledges.ledger.photoHint')} onBusyChange={setUploading} />
          <UploadField id="progress-pdf" purpose="pdf" name="pdfUploadId" label={t('pledges.ledger.pdf')} hint={t('pledges.ledger.pdfHint')} onBusyChange={setUploading} />
          {pledge.state === 'approved' ? (
            <label className="check-row">
              <input type="checkbox" name="markDone" />
              {t('pledges.ledger.markDone')}
            </label>
          ) : null}
          <button type="submit" name="intent" value="progress" className="button button-primary" disabled={busy || uploading}>
            {t('pledges.ledger.add')}
          </button>
        </Form>
      ) : null}
    </Section>
  );
}
