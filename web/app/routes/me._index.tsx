import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useLang, useT } from '../i18n';
import { pageTitle } from '../lib/page-title';
import { partyStatusKey, roleText, visibleRoles } from '../lib/people-labels';
import { requireMe } from '../lib/session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'me.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireMe(request, context);
  return { lang: context.lang, me };
}

export default function MePage() {
  const { me } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{me.name}</h1>
          <p className="lead">{me.unitPath}</p>
        </div>
      </header>
      <section aria-labelledby="me-profile">
        <h2 id="me-profile">{t('me.profile')}</h2>
        <dl className="facts" data-testid="me-facts">
          <div>
            <dt>{t('me.name')}</dt>
            <dd>{me.name}</dd>
          </div>
          <div>
            <dt>{t('me.login')}</dt>
            <dd translate="no">{me.login}</dd>
          </div>
          <div>
            <dt>{t('me.unit')}</dt>
            <dd>{me.unitPath}</dd>
          </div>
          <div>
            <dt>{t('me.branch')}</dt>
            <dd data-testid="me-branch">{me.branchName ?? t('me.noBranch')}</dd>
          </div>
          <div>
            <dt>{t('me.partyStatus')}</dt>
            <dd>{t(partyStatusKey(me.partyStatus))}</dd>
          </div>
          <div>
            <dt>{t('me.roles')}</dt>
            <dd>
              <ul className="inline-list">
                {visibleRoles(me.roles).map((grant) => (
                  <li key={`${grant.role}-${grant.unitId ?? ''}`}>{roleText(t, grant)}</li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="me-language">
        <h2 id="me-language">{t('me.language')}</h2>
        <Form method="post" action="/language" className="form">
          <input type="hidden" name="redirectTo" value="/me" />
          <fieldset className="fieldset">
            <legend className="visually-hidden">{t('me.language')}</legend>
            <div className="choice-row">
              <label className="check-row" lang="zh-CN">
                <input type="radio" name="lang" value="zh-CN" defaultChecked={lang === 'zh-CN'} />
                <span>简体中文</span>
              </label>
              <label className="check-row" lang="en">
                <input type="radio" name="lang" value="en" defaultChecked={lang === 'en'} />
                <span>English</span>
              </label>
            </div>
          </fieldset>
          <p className="hint">{t('me.languageHint')}</p>
          <div className="button-row">
            <button type="submit" className="button button-quiet">
              {t('me.languageSave')}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="me-security">
        <h2 id="me-security">{t('me.security')}</h2>
        <p className="hint">{t('me.signOutHint')}</p>
        <div className="button-row">
          <Link to="/me/password" className="button button-quiet">
            {t('me.changePassword')}
          </Link>
          <Form method="post" action="/logout">
            <button type="submit" className="button button-primary">
              {t('me.signOut')}
            </button>
          </Form>
        </div>
      </section>
    </div>
  );
}
