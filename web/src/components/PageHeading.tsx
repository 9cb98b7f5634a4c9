import type { ReactNode } from 'react';

/** The page's one <h1>, with an optional line of explanation and actions on the right. */
export function PageHeading({
  title,
  subtitle,
  extra,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="page-heading">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {extra && <div className="page-heading-extra">{extra}</div>}
    </div>
  );
}
