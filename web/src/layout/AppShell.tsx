import { lazy, Suspense, useMemo } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../components/FullPageSpinner';
import { SkipLink } from '../components/SkipLink';
import { capabilitiesOf } from '../lib/roles';
import { useIsWide } from '../lib/use-media-query';
import { useMe } from '../session/session-context';
import { AppHeader } from './AppHeader';
import { NavBar } from './NavBar';
import { navItemsFor } from './nav-items';

const HomePage = lazy(() => import('../pages/home/HomePage'));
const RegionsPage = lazy(() => import('../pages/regions/RegionsPage'));
const ResidentsPage = lazy(() => import('../pages/residents/ResidentsPage'));
const ResidentDetailPage = lazy(() => import('../pages/residents/ResidentDetailPage'));
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
const ForbiddenPage = lazy(() => import('../pages/ForbiddenPage'));

/** The logged-in application: header, navigation and the code-split pages. */
export function AppShell() {
  const me = useMe();
  const wide = useIsWide();
  const caps = useMemo(() => capabilitiesOf(me), [me]);
  const items = useMemo(() => navItemsFor(caps), [caps]);

  return (
    <div className={`app ${wide ? 'app-wide' : 'app-narrow'}`}>
      <SkipLink />
      <AppHeader />
      <div className="app-body">
        {wide && <NavBar items={items} variant="side" />}
        <main id="main" className="app-main" tabIndex={-1}>
          <Suspense fallback={<PageSpinner />}>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/regions" element={<RegionsPage />} />
              <Route path="/regions/:code" element={<RegionsPage />} />
              <Route
                path="/residents"
                element={caps.readResidents ? <ResidentsPage /> : <ForbiddenPage />}
              />
              <Route
                path="/residents/:id"
                element={caps.readResidents ? <ResidentDetailPage /> : <ForbiddenPage />}
              />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/audit" element={caps.readAudit ? <AuditPage /> : <ForbiddenPage />} />
              <Route path="/login" element={<Navigate to="/" replace />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </main>
      </div>
      {!wide && <NavBar items={items} variant="bottom" />}
    </div>
  );
}
