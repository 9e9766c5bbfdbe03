import type { ReactNode } from 'react';
import { Link } from '@remix-run/react';
import { ArrowLeftIcon } from './course-icons';

/** The "back to …" link at the top of a page. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back-link">
      <Link to={to}>
        <ArrowLeftIcon className="icon icon-small" />
        {children}
      </Link>
    </p>
  );
}
