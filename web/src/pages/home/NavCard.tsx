import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** A whole-card link: one big target, easy to hit on a phone or with shaky hands. */
export function NavCard({
  to,
  icon,
  title,
  description,
  testId,
}: {
  to: string;
  icon: ReactNode;
  title: string;
  description: string;
  testId: string;
}) {
  return (
    <li>
      <Link to={to} className="nav-card" data-testid={testId}>
        <span className="nav-card-icon" aria-hidden>
          {icon}
        </span>
        <span className="nav-card-text">
          <span className="nav-card-title">{title}</span>
          <span className="nav-card-description">{description}</span>
        </span>
      </Link>
    </li>
  );
}
