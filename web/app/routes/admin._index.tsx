import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { LogIcon, QuestionBankIcon, TreeIcon, UploadIcon } from '../components/admin-icons';
import { AreaError } from '../components/area-error';
import { CodeIcon, PulseIcon, UsersIcon } from '../components/icons';
import { useT } from '../i18n';
import { pageTitle } from '../lib/page-title';
import { may, type Capability } from '../lib/me';
import { requireAnyAdmin } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'admin.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireAnyAdmin(request, context);
  // Only the parts this administrator may use (三员分立): the API would refuse the others anyway.
  return { lang: context.lang, shown: sections.map((section) => may(me, section.capability)) };
}

/**
 * The admin hub: on a phone the tab bar has room for Home, People, Admin and Me, so the rest is reached from here.
 * Each part shows to the administrator whose capability it needs (getMe's capabilities).
 */
const sections = [
  { to: '/admin/units', title: 'admin.units.title', text: 'admin.units.text', Icon: TreeIcon, capability: 'administer' as Capability },
  { to: '/people', title: 'admin.people.title', text: 'admin.people.text', Icon: UsersIcon, capability: 'managePeople' },
  { to: '/people', title: 'admin.roles.title', text: 'admin.roles.text', Icon: UsersIcon, capability: 'grantRoles' },
  { to: '/admin/import', title: 'admin.import.title', text: 'admin.import.text', Icon: UploadIcon, capability: 'administer' as Capability },
  { to: '/quizzes/bank', title: 'admin.bank.title', text: 'admin.bank.text', Icon: QuestionBankIcon, capability: 'editQuestions' },
  { to: '/admin/audit', title: 'admin.audit.title', text: 'admin.audit.text', Icon: LogIcon, capability: 'readAudit' },
  { to: '/admin/display-links', title: 'displayLinks.title', text: 'displayLinks.hubText', Icon: PulseIcon, capability: 'manageDisplayLinks' },
  { to: '/admin/outbox', title: 'outbox.title', text: 'outbox.hubText', Icon: LogIcon, capability: 'readOutbox' },
  { to: '/status', title: 'nav.status', text: 'admin.status.text', Icon: PulseIcon, capability: 'administer' as Capability },
  // Served by the API, not a page of this app: a plain link.
  { to: '/api/docs', title: 'nav.apiDocs', text: 'admin.apiDocs.text', Icon: CodeIcon, document: true, capability: 'administer' as Capability },
] as const;

export default function AdminHub() {
  const t = useT();
  const { shown } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <header>
        <h1>{t('admin.title')}</h1>
        <p className="lead">{t('admin.lead')}</p>
      </header>
      <ul className="card-grid link-cards">
        {sections.filter((_section, i) => shown[i]).map(({ to, title, text, Icon, capability, ...rest }) => (
          <li key={`${to}-${capability}`}>
            <Link to={to} className="card link-card" {...('document' in rest ? { reloadDocument: true } : { prefetch: 'intent' })}>
              <Icon className="icon card-icon" />
              <span className="link-card-title">{t(title)}</span>
              <span className="link-card-text">{t(text)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError />;
}
