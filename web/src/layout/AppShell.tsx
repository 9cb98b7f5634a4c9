import { lazy, Suspense, useMemo } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../components/FullPageSpinner';
import { SkipLink } from '../components/SkipLink';
import { capabilitiesOf } from '../lib/roles';
import { useIsWide } from '../lib/use-media-query';
import { catalogAccessOf } from '../pages/catalog/catalog-access';
import { caseCapabilitiesOf } from '../pages/cases/case-roles';
import { firstResponseCapabilitiesOf } from '../pages/firstresponse/fr-roles';
import { activityCapabilitiesOf } from '../pages/activities/activity-roles';
import { volunteerCapabilitiesOf } from '../pages/volunteers/vs-roles';
import { recordsCapabilitiesOf } from '../pages/records/records-roles';
import { orderCapabilitiesOf } from '../pages/orders/order-roles';
import { useMe } from '../session/session-context';
import { AppHeader } from './AppHeader';
import { NavBar } from './NavBar';
import { SecondFactorGate } from './SecondFactorGate';
import { navItemsFor } from './nav-items';

const HomePage = lazy(() => import('../pages/home/HomePage'));
const RegionsPage = lazy(() => import('../pages/regions/RegionsPage'));
const ResidentsPage = lazy(() => import('../pages/residents/ResidentsPage'));
const ResidentDetailPage = lazy(() => import('../pages/residents/ResidentDetailPage'));
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
const ForbiddenPage = lazy(() => import('../pages/ForbiddenPage'));
const CatalogPage = lazy(() => import('../pages/catalog/CatalogPage'));
const CatalogItemPage = lazy(() => import('../pages/catalog/CatalogItemPage'));
const CatalogEditPage = lazy(() => import('../pages/catalog/CatalogEditPage'));
const CatalogTransferPage = lazy(() => import('../pages/catalog/CatalogTransferPage'));
const CalendarPage = lazy(() => import('../pages/calendar/CalendarPage'));
const WorkbenchPage = lazy(() => import('../pages/cases/workbench/WorkbenchPage'));
const CasesPage = lazy(() => import('../pages/cases/CasesPage'));
const CaseDetailPage = lazy(() => import('../pages/cases/CaseDetailPage'));
const OverviewPage = lazy(() => import('../pages/cases/OverviewPage'));
const TrackPage = lazy(() => import('../pages/track/TrackPage'));
const InquiriesPage = lazy(() => import('../pages/firstresponse/InquiriesPage'));
const HandoffsPage = lazy(() => import('../pages/firstresponse/HandoffsPage'));
const VolunteerMePage = lazy(() => import('../pages/volunteers/VolunteerMePage'));
const MyRecordPage = lazy(() => import('../pages/records/MyRecordPage'));
const CertificatesPage = lazy(() => import('../pages/records/CertificatesPage'));
const FiguresPage = lazy(() => import('../pages/records/FiguresPage'));
const VerifyPage = lazy(() => import('../pages/records/VerifyPage'));
const VolunteerRegistryPage = lazy(() => import('../pages/volunteers/VolunteerRegistryPage'));
const TeamsPage = lazy(() => import('../pages/volunteers/TeamsPage'));
const ListsPage = lazy(() => import('../pages/volunteers/ListsPage'));
const AuthorizationsPage = lazy(() => import('../pages/agents/AuthorizationsPage'));
const ActivitiesPage = lazy(() => import('../pages/activities/ActivitiesPage'));
const ActivityPage = lazy(() => import('../pages/activities/ActivityPage'));
const MyActivitiesPage = lazy(() => import('../pages/activities/MyActivitiesPage'));
const CheckInPage = lazy(() => import('../pages/activities/CheckInPage'));
const OrderServicePage = lazy(() => import('../pages/orders/OrderServicePage'));
const MyOrdersPage = lazy(() => import('../pages/orders/MyOrdersPage'));
const OrderBoardPage = lazy(() => import('../pages/orders/BoardPage'));
const TeamInboxPage = lazy(() => import('../pages/orders/InboxPage'));

/** The logged-in application: header, navigation and the code-split pages. */
export function AppShell() {
  const me = useMe();
  const wide = useIsWide();
  const caps = useMemo(() => capabilitiesOf(me), [me]);
  const catalogAccess = useMemo(() => catalogAccessOf(me), [me]);
  const caseCaps = useMemo(() => caseCapabilitiesOf(me), [me]);
  const frCaps = useMemo(() => firstResponseCapabilitiesOf(me), [me]);
  const activityCaps = useMemo(() => activityCapabilitiesOf(me), [me]);
  const vsCaps = useMemo(() => volunteerCapabilitiesOf(me), [me]);
  const orderCaps = useMemo(() => orderCapabilitiesOf(me), [me]);
  const recordsCaps = useMemo(() => recordsCapabilitiesOf(me), [me]);
  const items = useMemo(
    () => navItemsFor(caps, caseCaps, frCaps, activityCaps, vsCaps, orderCaps, recordsCaps),
    [caps, caseCaps, frCaps, activityCaps, vsCaps, orderCaps, recordsCaps],
  );

  return (
    <div className={`app ${wide ? 'app-wide' : 'app-narrow'}`}>
      <SkipLink />
      <AppHeader />
      <div className="app-body">
        {wide && <NavBar items={items} variant="side" />}
        <main id="main" className="app-main" tabIndex={-1}>
          <Suspense fallback={<PageSpinner />}>
            <SecondFactorGate />
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
              <Route
                path="/cases"
                element={caseCaps.readCases ? <CasesPage /> : <ForbiddenPage />}
              />
              <Route
                path="/cases/new"
                element={caseCaps.fileCases ? <WorkbenchPage /> : <ForbiddenPage />}
              />
              <Route
                path="/cases/overview"
                element={caseCaps.overview ? <OverviewPage /> : <ForbiddenPage />}
              />
              <Route
                path="/cases/:id"
                element={caseCaps.readCases ? <CaseDetailPage /> : <ForbiddenPage />}
              />
              <Route
                path="/inquiries"
                element={frCaps.handle ? <InquiriesPage /> : <ForbiddenPage />}
              />
              <Route
                path="/handoffs"
                element={frCaps.readHandoffs ? <HandoffsPage /> : <ForbiddenPage />}
              />
              <Route
                path="/authorizations"
                element={caseCaps.authorizations ? <AuthorizationsPage /> : <ForbiddenPage />}
              />
              <Route path="/vs/order" element={<OrderServicePage />} />
              <Route path="/vs/my-orders" element={<MyOrdersPage />} />
              <Route
                path="/vs/board"
                element={orderCaps.board ? <OrderBoardPage /> : <ForbiddenPage />}
              />
              <Route
                path="/vs/inbox"
                element={orderCaps.inbox ? <TeamInboxPage /> : <ForbiddenPage />}
              />
              <Route
                path="/vs/activities"
                element={activityCaps.navigation ? <ActivitiesPage /> : <ForbiddenPage />}
              />
              <Route
                path="/vs/activities/:id"
                element={activityCaps.navigation ? <ActivityPage /> : <ForbiddenPage />}
              />
              <Route
                path="/vs/my-activities"
                element={activityCaps.volunteer ? <MyActivitiesPage /> : <ForbiddenPage />}
              />
              <Route
                path="/vs/check-in/:id"
                element={activityCaps.volunteer ? <CheckInPage /> : <ForbiddenPage />}
              />
              <Route path="/volunteers/me" element={<VolunteerMePage />} />
              <Route
                path="/vs/me"
                element={recordsCaps.volunteer ? <MyRecordPage /> : <ForbiddenPage />}
              />
              <Route
                path="/vs/certificates"
                element={recordsCaps.issue ? <CertificatesPage /> : <ForbiddenPage />}
              />
              <Route
                path="/vs/figures"
                element={recordsCaps.figures ? <FiguresPage /> : <ForbiddenPage />}
              />
              <Route path="/verify" element={<VerifyPage />} />
              <Route path="/verify/:number" element={<VerifyPage />} />
              <Route
                path="/volunteers"
                element={vsCaps.staff ? <VolunteerRegistryPage /> : <ForbiddenPage />}
              />
              <Route path="/vs/teams" element={<TeamsPage />} />
              <Route path="/vs/lists" element={<ListsPage />} />
              <Route path="/track" element={<TrackPage />} />
              <Route path="/catalog" element={<CatalogPage />} />
              <Route
                path="/catalog/new"
                element={catalogAccess.edit ? <CatalogEditPage key="new" /> : <ForbiddenPage />}
              />
              <Route
                path="/catalog/import-export"
                element={catalogAccess.export ? <CatalogTransferPage /> : <ForbiddenPage />}
              />
              <Route path="/catalog/:code" element={<CatalogItemPage />} />
              <Route
                path="/catalog/:code/edit"
                element={catalogAccess.edit ? <CatalogEditPage key="edit" /> : <ForbiddenPage />}
              />
              <Route
                path="/calendar"
                element={catalogAccess.viewCalendar ? <CalendarPage /> : <ForbiddenPage />}
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
