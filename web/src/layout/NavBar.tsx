import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import {
  isActivitiesNavKey,
  isCasesNavKey,
  isCatalogNavKey,
  isFirstResponseNavKey,
  isOrdersNavKey,
  isProgramsNavKey,
  isProgramFiguresNavKey,
  isRatingsNavKey,
  isRecordsNavKey,
  isVolunteersNavKey,
  type NavItem,
} from './nav-items';

/**
 * The main navigation: a side column on wide screens, a bottom tab bar on phones. Plain links,
 * so Tab / Enter and the browser's own "open in new tab" all work.
 */
export function NavBar({ items, variant }: { items: NavItem[]; variant: 'side' | 'bottom' }) {
  const { t } = useTranslation();
  const label = (key: NavItem['key']) => {
    if (isCasesNavKey(key))
      return variant === 'bottom' ? t(`cases.navShort.${key}`) : t(`cases.nav.${key}`);
    if (isFirstResponseNavKey(key))
      return variant === 'bottom'
        ? t(`firstresponse.navShort.${key}`)
        : t(`firstresponse.nav.${key}`);
    if (isOrdersNavKey(key))
      return variant === 'bottom' ? t(`orders.navShort.${key}`) : t(`orders.nav.${key}`);
    if (isProgramsNavKey(key))
      return variant === 'bottom' ? t(`programs.navShort.${key}`) : t(`programs.nav.${key}`);
    if (isActivitiesNavKey(key))
      return variant === 'bottom' ? t(`activities.navShort.${key}`) : t(`activities.nav.${key}`);
    if (isProgramFiguresNavKey(key))
      return variant === 'bottom'
        ? t(`programsFigures.navShort.${key}`)
        : t(`programsFigures.nav.${key}`);
    if (isRatingsNavKey(key))
      return variant === 'bottom' ? t(`ratings.navShort.${key}`) : t(`ratings.nav.${key}`);
    if (isRecordsNavKey(key))
      return variant === 'bottom' ? t(`records.navShort.${key}`) : t(`records.nav.${key}`);
    if (isVolunteersNavKey(key))
      return variant === 'bottom' ? t(`volunteers.navShort.${key}`) : t(`volunteers.nav.${key}`);
    if (isCatalogNavKey(key))
      return variant === 'bottom' ? t(`catalog.navShort.${key}`) : t(`catalog.nav.${key}`);
    return variant === 'bottom' ? t(`navShort.${key}`) : t(`nav.${key}`);
  };
  const shown = variant === 'bottom' ? items.filter((item) => !item.sideOnly) : items;
  return (
    <nav className={`nav nav-${variant}`} aria-label={t('nav.label')}>
      <ul>
        {shown.map((item) => (
          <li key={item.key}>
            <NavLink
              to={item.to}
              end={item.end}
              data-testid={`nav-${item.key}`}
              className="nav-link"
            >
              <span className="nav-icon">{item.icon}</span>
              <span className="nav-text">{label(item.key)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
