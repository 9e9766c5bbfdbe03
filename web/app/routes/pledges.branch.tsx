import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { Notice, ProblemNotice } from '../components/notice';
import { PeriodPicker } from '../components/period-picker';
import { PledgeFields, PledgeItem, WindowNote } from '../components/pledge-parts';
import { translate, useT } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { may, unitsReached } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { RATINGS, partyKey, pledgeYears, ratingKey, stateKey, type PledgeOwner, type PledgeRating } from '../lib/pledges';
import { createPledge, loadPledgeYear, ratePledges, readPledgeFields, reviewPledge, setReviewWindow, submitPledges } from '../lib/pledges.server';
import { formText, requireCapability } from '../lib/respond.server';
import { loadUnits } from '../lib/sessions-member.server';
import styles from '../styles/pledges.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'pledges.branch.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireCapability(request, context, 'reviewPledges', 'pledges.branch.forbidden');
  const now = Date.now();
  const url = new URL(request.url);
  const units = await loadUnits(context);
  const reach = unitsReached(me, 'reviewPledges', units);
  const branches = units.filter((u) => u.kind === 'branch' && !u.retired && (!reach || reach.has(u.unitId))).map((u) => ({ unitId: u.unitId, name: u.pathName || u.name }));
  const branch = branches.find((b) => b.unitId === url.searchParams.get('branch')) ?? branches.find((b) => b.unitId === me.branchId) ?? branches[0] ?? null;
  const years = pledgeYears(now);
  const asked = Number(url.searchParams.get('year'));
  const year = years.includes(asked) ? asked : new Date(now + 8 * 3600_000).getUTCFullYear();
  const data = branch ? await loadPledgeYear(context, { branchId: branch.unitId, year }) : null;
  const bureau = units.find((u) => u.parentId === null);
  return { lang: context.lang, branches, branch, years, year, data, bureau: bureau ? { unitId: bureau.unitId, name: bureau.name } : null };
}

/** Approving from the queue, the branch's own pledges, and the year's ratings (proposals, then the branch's decisions). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const intent = formText(form, 'intent');
  const year = Number(formText(form, 'year'));
  const branchId = formText(form, 'branchId');
  if (intent === 'approve') {
    const answer = await reviewPledge(context, formText(form, 'pledgeId'), { outcome: 'approve', version: Number(formText(form, 'version')) });
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
  }
  if (intent === 'create') {
    const answer = await createPledge(context, { year, branchId, ...readPledgeFields(form) });
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
  }
  if (intent === 'submit') {
    const answer = await submitPledges(context, { year, branchId });
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
  }
  if (intent === 'window') {
    const answer = await setReviewWindow(context, { unitId: formText(form, 'unitId'), year, opensOn: formText(form, 'opensOn'), closesOn: formText(form, 'closesOn') });
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
  }
  if (intent === 'proposal' || intent === 'decision') {
    const stage: 'proposal' | 'decision' = intent;
    // One row per member: the rating chosen (blank: not this time) and its reason.
    const ratings = form
      .getAll('personId')
      .map((v) => String(v))
      .map((personId) => ({ personId, stage, rating: formText(form, `rating-${personId}`) as PledgeRating, reason: formText(form, `reason-${personId}`) }))
      .filter((row) => (row.rating as string) !== '');
    if (ratings.length === 0) return { intent, done: false, problem: toApiProblem(null, 400, translate(context.lang, 'pledges.rate.nothing')) };
    const answer = await ratePledges(context, { year, branchId, ratings });
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: answer.problem };
  }
  return { intent, done: false, problem: toApiProblem(null, 400, translate(context.lang, 'pledges.unknownAction')) };
}

export default function BranchPledges() {
  const { branches, branch, years, year, data, bureau } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const people = data?.owners.filter((o) => o.ownerKind === 'person') ?? [];
  const own = data?.owners.find((o) => o.ownerKind === 'branch');
  const waiting = data?.owners.flatMap((o) => o.items.filter((i) => i.may.review)) ?? [];
  return (
    <div className="page pledges-branch-page">
      <BackLink to="/pledges">{t('pledges.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('pledges.branch.title')}</h1>
          <p className="lead">{t('pledges.branch.lead')}</p>
        </div>
      </header>
      <PeriodPicker
        id="pick"
        branches={branches.map((b) => ({ value: b.unitId, name: b.name }))}
        branch={branch?.unitId}
        years={years}
        year={year}
        labels={{ branch: t('pledges.branch.pick'), year: t('pledges.year'), show: t('pledges.show') }}
      />
      {branch ? (
        <p className="button-row">
          <Link to={`/pledges/board?unitId=${branch.unitId}&year=${year}`} className="button button-quiet">
            {t('pledges.board.title')}
          </Link>
          <Link to={`/pledges/review-sheet?branchId=${branch.unitId}&year=${year}`} className="button button-quiet" data-testid="link-review-sheet">
            {t('pledges.branch.reviewSheet')}
          </Link>
        </p>
      ) : null}

      {result?.done ? <Notice kind="ok">{t('pledges.saved')}</Notice> : <ProblemNotice problem={result?.problem} />}

      {data && branch ? (
        <>
          <WindowNote window={data.window} year={year} />
          {data.may.openWindow ? (
            <details className="card" data-testid="window-form">
              <summary>{t('pledges.window.set')}</summary>
              <Form method="post">
                <input type="hidden" name="year" value={year} />
                <div className="field">
                  <label htmlFor="window-unit">{t('pledges.window.unit')}</label>
                  <select id="window-unit" name="unitId" className="select" defaultValue={bureau?.unitId ?? branch.unitId}>
                    {bureau ? <option value={bureau.unitId}>{bureau.name}</option> : null}
                    <option value={branch.unitId}>{branch.name}</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="window-opens">{t('pledges.window.opensOn')}</label>
                  <input id="window-opens" name="opensOn" type="date" className="input" required defaultValue={data.window?.opensOn ?? `${year}-12-01`} />
                </div>
                <div className="field">
                  <label htmlFor="window-closes">{t('pledges.window.closesOn')}</label>
                  <input id="window-closes" name="closesOn" type="date" className="input" required defaultValue={data.window?.closesOn ?? `${year + 1}-01-15`} />
                </div>
                <button type="submit" name="intent" value="window" className="button button-quiet" disabled={busy}>
                  {t('pledges.window.save')}
                </button>
              </Form>
            </details>
          ) : null}
          <section className="learn-section" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">{t('pledges.branch.waiting', { count: waiting.length })}</h2>
            {waiting.length === 0 ? (
              <p className="hint">{t('pledges.branch.nothingWaiting')}</p>
            ) : (
              <ul className="pledge-list" data-testid="review-queue">
                {waiting.map((item) => (
                  <li key={item.pledgeId} className="card pledge-item">
                    <p className="hint">{item.ownerName}</p>
                    <h3 className="pledge-content">
                      <Link to={`/pledges/${item.pledgeId}`}>{item.content}</Link>
                    </h3>
                    <p className="pledge-measures">{item.measures}</p>
                    <Form method="post" className="button-row">
                      <input type="hidden" name="pledgeId" value={item.pledgeId} />
                      <input type="hidden" name="version" value={item.version} />
                      <button type="submit" name="intent" value="approve" className="button button-primary" disabled={busy}>
                        {t('pledges.review.approve')}
                      </button>
                      <Link to={`/pledges/${item.pledgeId}#review-heading`} className="button button-quiet">
                        {t('pledges.review.returnWithReason')}
                      </Link>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="learn-section" aria-labelledby="own-heading">
            <h2 id="own-heading">{t('pledges.branch.own', { branch: branch.name })}</h2>
            {own && own.items.length > 0 ? (
              <ul className="pledge-list">
                {own.items.map((item) => (
                  <PledgeItem key={item.pledgeId} item={item} />
                ))}
              </ul>
            ) : (
              <p className="hint">{t('pledges.branch.ownEmpty')}</p>
            )}
            {data.may.create ? (
              <details className="card">
                <summary>{t('pledges.branch.ownNew')}</summary>
                <Form method="post">
                  <input type="hidden" name="year" value={year} />
                  <input type="hidden" name="branchId" value={branch.unitId} />
                  <PledgeFields idPrefix="own" year={year} problem={result?.intent === 'create' ? result.problem : null} />
                  <p className="button-row">
                    <button type="submit" name="intent" value="create" className="button button-primary" disabled={busy}>
                      {t('pledges.new.save')}
                    </button>
                    {own && own.counts.draft + own.counts.returned > 0 ? (
                      <button type="submit" name="intent" value="submit" className="button button-quiet" formNoValidate disabled={busy}>
                        {t('pledges.submit')}
                      </button>
                    ) : null}
                  </p>
                </Form>
              </details>
            ) : null}
          </section>

          <Members people={people} year={year} branchId={branch.unitId} ratings={data.ratings} mayRate={data.may.rate} />
        </>
      ) : (
        <div className="card empty-state">
          <p>{t('pledges.branch.none')}</p>
        </div>
      )}
    </div>
  );
}

/** Each member's year at a glance, and (in the review) the ratings: a proposal per member, then the branch's decisions. */
function Members({ people, year, branchId, ratings, mayRate }: { people: PledgeOwner[]; year: number; branchId: string; ratings: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['data']>['ratings']; mayRate: boolean }) {
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const stage = people.some((p) => p.rating?.proposal) ? 'decision' : 'proposal';
  return (
    <section className="learn-section" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('pledges.branch.members', { count: people.length })}</h2>
      {ratings?.warnExcellent ? (
        <Notice kind="error" testId="excellent-warning">
          <p>{t('pledges.rate.warnExcellent', { excellent: ratings.excellent, members: ratings.members })}</p>
        </Notice>
      ) : null}
      {ratings && (ratings.proposed > 0 || ratings.decided > 0) ? (
        <p className="hint" data-testid="rating-summary">
          {t('pledges.rate.summary', { proposed: ratings.proposed, decided: ratings.decided, members: ratings.members, excellent: ratings.excellent })}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="year" value={year} />
        <input type="hidden" name="branchId" value={branchId} />
        <table className="data-table pledge-members" data-testid="branch-members">
            <thead>
              <tr>
                <th scope="col">{t('pledges.branch.name')}</th>
                <th scope="col">{t('pledges.branch.items')}</th>
                <th scope="col">{t('pledges.rate.proposal')}</th>
                <th scope="col">{t('pledges.rate.decision')}</th>
                {mayRate ? <th scope="col">{t('pledges.rate.choose')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.ownerId}>
                  <th scope="row">
                    {p.name}
                    {p.partyStatus ? <span className="hint"> · {t(partyKey(p.partyStatus))}</span> : null}
                  </th>
                  <td data-label={t('pledges.branch.items')}>
                    {p.items.length === 0 ? (
                      <span className="hint">{t('pledges.branch.noItems')}</span>
                    ) : (
                      <ul className="plain-list">
                        {p.items.map((i) => (
                          <li key={i.pledgeId}>
                            <Link to={`/pledges/${i.pledgeId}`}>{i.content}</Link> <span className="hint">({t(stateKey(i.state))})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label={t('pledges.rate.proposal')}>{p.rating?.proposal ? t(ratingKey(p.rating.proposal.rating)) : '—'}</td>
                  <td data-label={t('pledges.rate.decision')}>{p.rating?.decision ? <strong>{t(ratingKey(p.rating.decision.rating))}</strong> : '—'}</td>
                  {mayRate ? (
                    <td data-label={t('pledges.rate.choose')}>
                      <input type="hidden" name="personId" value={p.ownerId} />
                      <label className="visually-hidden" htmlFor={`rating-${p.ownerId}`}>
                        {t('pledges.rate.for', { name: p.name })}
                      </label>
                      <select id={`rating-${p.ownerId}`} name={`rating-${p.ownerId}`} className="select" defaultValue={currentChoice(p, stage)}>
                        <option value="">—</option>
                        {RATINGS.map((r) => (
                          <option key={r} value={r}>
                            {t(ratingKey(r))}
                          </option>
                        ))}
                      </select>
                      <label className="visually-hidden" htmlFor={`reason-${p.ownerId}`}>
                        {t('pledges.rate.reasonFor', { name: p.name })}
                      </label>
                      <input id={`reason-${p.ownerId}`} name={`reason-${p.ownerId}`} className="input" maxLength={300} placeholder={t('pledges.rate.reason')} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        {mayRate ? (
          <p className="button-row">
            <button type="submit" name="intent" value="proposal" className="button button-quiet" disabled={busy} data-testid="save-proposals">
              {t('pledges.rate.saveProposals')}
            </button>
            <button type="submit" name="intent" value="decision" className="button button-primary" disabled={busy} data-testid="save-decisions">
              {t('pledges.rate.saveDecisions')}
            </button>
          </p>
        ) : null}
        {mayRate ? <p className="hint">{t('pledges.rate.hint')}</p> : null}
      </Form>
    </section>
  );
}

/** What the select starts at: the decision if recorded, else the proposal, else nothing. */
function currentChoice(p: PledgeOwner, stage: 'proposal' | 'decision'): PledgeRating | '' {
  return (stage === 'decision' ? (p.rating?.decision?.rating ?? p.rating?.proposal?.rating) : p.rating?.proposal?.rating) ?? '';
}
