import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link } from '@remix-run/react';
import { LogIcon, QuestionBankIcon, TreeIcon, UploadIcon } from '../components/admin-icons';
import { AreaError } from '../components/area-error';
import { CodeIcon, PulseIcon, UsersIcon } from '../components/icons';
import { useT } from '../i18n';
import { pageTitle } from '../lib/page-title';
import { requireAdmin } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'admin.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return { lang: context.lang };
}

/** The admin hub: on a phone the tab bar has room for Home, People, Admin and Me, so the rest is reached from here. */
const sections = [
  { to: '/admin/units', title: 'admin.units.title', text: 'admin.units.text', Icon: TreeIcon },
  { to: '/people', title: 'admin.people.title', text: 'admin.people.text', Icon: UsersIcon },
  { to: '/admin/import', title: 'admin.import.title', text: 'admin.import.text', Icon: UploadIcon },
  { to: '/quizzes/bank', title: 'admin.bank.title', text: 'admin.bank.text', Icon: QuestionBankIcon },
  { to: '/admin/audit', title: 'admin.audit.title', text: 'admin.audit.text', Icon: LogIcon },
  { to: '/admin/display-links', title: 'displayLinks.title', text: 'displayLinks.hubText', Icon: PulseIcon },
  { to: '/admin/outbox', title: 'outbox.title', text: 'outbox.hubText', Icon: LogIcon },
  { to: '/status', title: 'nav.status', text: 'admin.status.text', Icon: PulseIcon },
  // Served by the API, not a page of this app: a plain link.
  { to: '/api/docs', title: 'nav.apiDocs', text: 'admin.apiDocs.text', Icon: CodeIcon, document: true },
] as const;

export default function AdminHub() {
  const t = useT();
  return (
    <div className="page">
      <header>
        <h1>{t('admin.title')}</h1>
        <p className="lead">{t('admin.lead')}</p>
      </header>
      <ul className="card-grid link-cards">
        {sections.map(({ to, title, text, Icon, ...rest }) => (
          <li key={to}>
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
