import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import type { NavItem } from './nav-items';

/**
 * The main navigation: a side column on wide screens, a bottom tab bar on phones. Plain links,
 * so Tab / Enter and the browser's own "open in new tab" all work.
 */
export function NavBar({ items, variant }: { items: NavItem[]; variant: 'side' | 'bottom' }) {
  const { t } = useTranslation();
  return (
    <nav className={`nav nav-${variant}`} aria-label={t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <NavLink
              to={item.to}
              end={item.end}
              data-testid={`nav-${item.key}`}
              className="nav-link"
            >
              <span className="nav-icon">{item.icon}</span>
              <span className="nav-text">
                {variant === 'bottom' ? t(`navShort.${item.key}`) : t(`nav.${item.key}`)}
              </span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
