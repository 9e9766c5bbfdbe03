import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { ArrowRightIcon } from '../components/course-icons';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { PeriodPicker } from '../components/period-picker';
import { PledgeFields, PledgeItem, RatingNote, WindowNote } from '../components/pledge-parts';
import { UploadField } from '../components/upload-field';
import { translate, useT } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { may } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { WEEKDAYS, pledgeYears, weekdayKey } from '../lib/pledges';
import { createPledge, loadPledgeYear, readPledgeFields, saveProfile, submitPledges } from '../lib/pledges.server';
import { formText, requireCapability } from '../lib/respond.server';
import styles from '../styles/pledges.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'pledges.title');

function yearOf(request: Request, now: number): number {
  const years = pledgeYears(now);
  const asked = Number(new URL(request.url).searchParams.get('year'));
  return years.includes(asked) ? asked : years.find((y) => y === new Date(now + 8 * 3600_000).getUTCFullYear())!;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireCapability(request, context, 'keepPledges', 'pledges.forbidden');
  const now = Date.now();
  const year = yearOf(request, now);
  const data = await loadPledgeYear(context, { year });
  return {
    lang: context.lang,
    year,
    years: pledgeYears(now),
    data,
    mayReview: may(me, 'reviewPledges'),
  };
}

/** A new item, handing in, the card: each answers in words, and a refused form keeps what was typed. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const intent = formText(form, 'intent');
  const year = Number(formText(form, 'year'));
  if (intent === 'create') {
    const answer = await createPledge(context, { year, ...readPledgeFields(form) });
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
  }
  if (intent === 'submit') {
    const answer = await submitPledges(context, { year });
    return answer.ok ? { intent, done: true, count: answer.data.items.length, problem: null } : { intent, done: false, problem: answer.problem };
  }
  if (intent === 'profile') {
    const upload = formText(form, 'photoUploadId');
    const photo = upload ? { uploadId: upload } : formText(form, 'photo') === 'remove' ? null : 'keep';
    const answer = await saveProfile(context, {
      version: Number(formText(form, 'version')),
      post: formText(form, 'post'),
      photo,
      dutyDays: form.getAll('dutyDays').map(Number),
    });
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
  }
  return { intent, done: false, problem: toApiProblem(null, 400, translate(context.lang, 'pledges.unknownAction')) };
}

export default function MyPledges() {
  const { data, year, years, mayReview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const owner = data.owners[0];
  const items = owner?.items ?? [];
  const toHandIn = items.filter((i) => i.state === 'draft' || i.state === 'returned').length;
  return (
    <div className="page pledges-page">
      <header className="page-header">
        <div>
          <h1>{t('pledges.title')}</h1>
          <p className="lead">{t('pledges.lead')}</p>
        </div>
      </header>

      <nav aria-label={t('pledges.links')} className="pledge-links">
        <Link to="/pledges/board" className="button button-quiet" data-testid="link-board">
          {t('pledges.board.title')}
          <ArrowRightIcon className="icon icon-small" />
        </Link>
        <Link to="/honours" className="button button-quiet" data-testid="link-honours">
          {t('pledges.honours')}
          <ArrowRightIcon className="icon icon-small" />
        </Link>
        {mayReview ? (
          <Link to="/pledges/branch" className="button button-quiet" data-testid="link-branch">
            {t('pledges.branch.title')}
            <ArrowRightIcon className="icon icon-small" />
          </Link>
        ) : null}
      </nav>

      <PeriodPicker id="pick" years={years} year={year} labels={{ year: t('pledges.year'), show: t('pledges.show') }} />

      {data.branch === null ? (
        <Notice kind="notice" testId="pledges-not-member">
          <p>{t('pledges.notMember')}</p>
        </Notice>
      ) : null}

      <WindowNote window={data.window} year={year} />
      {owner?.rating?.decision ? <RatingNote rating={owner.rating.decision} /> : null}

      {result?.intent === 'submit' && result.done ? <Notice kind="ok">{t('pledges.submitted', { count: result.count ?? 0 })}</Notice> : null}
      {result?.intent === 'submit' && !result.done ? <ProblemNotice problem={result.problem} /> : null}

      <section aria-labelledby="items-heading" className="learn-section">
        <h2 id="items-heading">{t('pledges.mine', { year })}</h2>
        {items.length === 0 ? (
          <div className="card empty-state" data-testid="pledges-empty">
            <p>{t('pledges.empty')}</p>
          </div>
        ) : (
          <ul className="pledge-list" data-testid="my-pledges">
            {items.map((item) => (
              <PledgeItem key={item.pledgeId} item={item} />
            ))}
          </ul>
        )}
        {toHandIn > 0 ? (
          <Form method="post" className="pledge-submit">
            <input type="hidden" name="year" value={year} />
            <p className="hint">{t('pledges.submitHint', { count: toHandIn })}</p>
            <button type="submit" name="intent" value="submit" className="button button-primary" disabled={busy} data-testid="submit-pledges">
              {t('pledges.submit')}
            </button>
          </Form>
        ) : null}
      </section>

      {data.may.create ? <NewPledge year={year} result={result} /> : null}
      {data.profile && data.branch ? <Card profile={data.profile} result={result} /> : null}
    </div>
  );
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function NewPledge({ year, result }: { year: number; result: ActionData }) {
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const mine = result?.intent === 'create' ? result : null;
  return (
    <section className="card pledge-new" aria-labelledby="new-heading">
      <h2 id="new-heading">{t('pledges.new.title')}</h2>
      <p className="hint">{t('pledges.new.hint')}</p>
      {mine?.done ? <Notice kind="ok">{t('pledges.new.done')}</Notice> : null}
      <ProblemNotice problem={mine?.done === false ? mine.problem : null} />
      <Form method="post" key={mine?.done ? 'again' : 'form'} data-testid="new-pledge">
        <input type="hidden" name="year" value={year} />
        <PledgeFields idPrefix="new" year={year} problem={mine?.done === false ? mine.problem : null} />
        <button type="submit" name="intent" value="create" className="button button-primary" disabled={busy}>
          {t('pledges.new.save')}
        </button>
      </Form>
    </section>
  );
}

/** The member's public card: post or window (亮岗位), days on duty, an optional photo. */
function Card({ profile, result }: { profile: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['data']['profile']>; result: ActionData }) {
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const [uploading, setUploading] = useState(false);
  const mine = result?.intent === 'profile' ? result : null;
  return (
    <section className="card pledge-card-form" aria-labelledby="card-heading">
      <h2 id="card-heading">{t('pledges.card.title')}</h2>
      <p className="hint">{t('pledges.card.hint')}</p>
      {mine?.done ? <Notice kind="ok">{t('pledges.card.saved')}</Notice> : null}
      <ProblemNotice problem={mine?.done === false ? mine.problem : null} />
      <Form method="post" data-testid="pledge-card">
        <input type="hidden" name="version" value={profile.version} />
        <div className="field">
          <label htmlFor="card-post">{t('pledges.card.post')}</label>
          <input id="card-post" name="post" className="input" defaultValue={profile.post} maxLength={60} placeholder={t('pledges.card.postPlaceholder')} />
          <FieldError problem={mine?.problem} field="post" />
        </div>
        <fieldset className="field pledge-days">
          <legend>{t('pledges.card.dutyDays')}</legend>
          {WEEKDAYS.map((d) => (
            <label key={d} className="check-row">
              <input type="checkbox" name="dutyDays" value={d} defaultChecked={profile.dutyDays.includes(d)} />
              {t(weekdayKey(d))}
            </label>
          ))}
        </fieldset>
        {profile.photo ? (
          <div className="field pledge-photo-now">
            <img src={profile.photo.url} alt={t('pledges.card.photoAlt')} className="pledge-photo" width={96} height={96} />
            <label className="check-row">
              <input type="checkbox" name="photo" value="remove" />
              {t('pledges.card.removePhoto')}
            </label>
          </div>
        ) : null}
        <UploadField id="card-photo" purpose="cover" name="photoUploadId" label={t('pledges.card.photo')} hint={t('pledges.card.photoHint')} onBusyChange={setUploading} />
        <button type="submit" name="intent" value="profile" className="button button-quiet" disabled={busy || uploading}>
          {t('pledges.card.save')}
        </button>
      </Form>
    </section>
  );
}
