import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../components/FullPageSpinner';
import { SkipLink } from '../components/SkipLink';
import { capabilitiesOf } from '../lib/page-capabilities';
import { useIsWide } from '../lib/use-media-query';
import { catalogAccessOf } from '../lib/page-capabilities';
import { caseCapabilitiesOf } from '../lib/page-capabilities';
import { firstResponseCapabilitiesOf } from '../lib/page-capabilities';
import { activityCapabilitiesOf } from '../lib/page-capabilities';
import { volunteerCapabilitiesOf } from '../lib/page-capabilities';
import { recordsCapabilitiesOf } from '../lib/page-capabilities';
import { orderCapabilitiesOf } from '../lib/page-capabilities';
import { programCapabilitiesOf, trainingCapabilitiesOf } from '../lib/page-capabilities';
import { APP_PATHS, type AppPath } from '../route-paths';
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
const AccountsPage = lazy(() => import('../pages/accounts/AccountsPage'));
const Open311KeysPage = lazy(() => import('../pages/open311/Open311KeysPage'));
const WebhooksPage = lazy(() => import('../pages/webhooks/WebhooksPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
const ForbiddenPage = lazy(() => import('../pages/ForbiddenPage'));
const CatalogPage = lazy(() => import('../pages/catalog/CatalogPage'));
const CatalogItemPage = lazy(() => import('../pages/catalog/CatalogItemPage'));
const CatalogEditPage = lazy(() => import('../pages/catalog/CatalogEditPage'));
const CatalogTransferPage = lazy(() => import('../pages/catalog/CatalogTransferPage'));
const CalendarPage = lazy(() => import('../pages/calendar/CalendarPage'));
const PostsPage = lazy(() => import('../pages/posts/PostsPage'));
const WorkbenchPage = lazy(() => import('../pages/cases/workbench/WorkbenchPage'));
const StationDayPage = lazy(() => import('../pages/appointments/StationDayPage'));
const CasesPage = lazy(() => import('../pages/cases/CasesPage'));
const CaseDetailPage = lazy(() => import('../pages/cases/CaseDetailPage'));
const OverviewPage = lazy(() => import('../pages/cases/OverviewPage'));
const TrackPage = lazy(() => import('../pages/track/TrackPage'));
const InquiriesPage = lazy(() => import('../pages/firstresponse/InquiriesPage'));
const HomeVisitsPage = lazy(() => import('../pages/home-visits/HomeVisitsPage'));
const VisitRoutePage = lazy(() => import('../pages/home-visits/VisitRoutePage'));
const HandoffsPage = lazy(() => import('../pages/firstresponse/HandoffsPage'));
const VolunteerMePage = lazy(() => import('../pages/volunteers/VolunteerMePage'));
const MyRecordPage = lazy(() => import('../pages/records/MyRecordPage'));
const CertificatesPage = lazy(() => import('../pages/records/CertificatesPage'));
const FiguresPage = lazy(() => import('../pages/records/FiguresPage'));
const ProgramFiguresPage = lazy(() => import('../pages/programs/ProgramFiguresPage'));
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
const ProgramsPage = lazy(() => import('../pages/programs/ProgramsPage'));
const NewProgramPage = lazy(() => import('../pages/programs/NewProgramPage'));
const ProgramPage = lazy(() => import('../pages/programs/ProgramPage'));
const ClassPage = lazy(() => import('../pages/programs/ClassPage'));
const ClassDayPage = lazy(() => import('../pages/programs/ClassDayPage'));
const RosterPage = lazy(() => import('../pages/programs/RosterPage'));
const NeighbourhoodsPage = lazy(() => import('../pages/programs/NeighbourhoodsPage'));
const ImportsPage = lazy(() => import('../pages/imports/ImportsPage'));
const TrainingPage = lazy(() => import('../pages/training/TrainingPage'));
const RatingsDashboardPage = lazy(() => import('../pages/ratings/RatingsDashboardPage'));
const RatingTicketsPage = lazy(() => import('../pages/ratings/RatingTicketsPage'));
const SetupPage = lazy(() => import('../pages/setup/SetupPage'));

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
  const programCaps = useMemo(() => programCapabilitiesOf(me), [me]);
  const trainingCaps = useMemo(() => trainingCapabilitiesOf(me), [me]);
  const items = useMemo(
    () =>
      navItemsFor(
        caps,
        caseCaps,
        frCaps,
        activityCaps,
        vsCaps,
        orderCaps,
        recordsCaps,
        programCaps,
        trainingCaps,
      ),
    [
      caps,
      caseCaps,
      frCaps,
      activityCaps,
      vsCaps,
      orderCaps,
      recordsCaps,
      programCaps,
      trainingCaps,
    ],
  );

  const pages: Record<AppPath, ReactNode> = {
    '/': <HomePage />,
    '/regions': <RegionsPage />,
    '/regions/:code': <RegionsPage />,
    '/residents': caps.readResidents ? <ResidentsPage /> : <ForbiddenPage />,
    '/residents/:id': caps.readResidents ? <ResidentDetailPage /> : <ForbiddenPage />,
    '/cases': caseCaps.readCases ? <CasesPage /> : <ForbiddenPage />,
    '/cases/new': caseCaps.fileCases ? <WorkbenchPage /> : <ForbiddenPage />,
    '/appointments': caseCaps.fileCases ? <StationDayPage /> : <ForbiddenPage />,
    '/cases/overview': caseCaps.overview ? <OverviewPage /> : <ForbiddenPage />,
    '/cases/:id': caseCaps.readCases ? <CaseDetailPage /> : <ForbiddenPage />,
    '/inquiries': frCaps.handle ? <InquiriesPage /> : <ForbiddenPage />,
    '/handoffs': frCaps.readHandoffs ? <HandoffsPage /> : <ForbiddenPage />,
    '/home-visits': caps.homeVisits ? <HomeVisitsPage /> : <ForbiddenPage />,
    '/home-visits/route': caps.homeVisits ? <VisitRoutePage /> : <ForbiddenPage />,
    '/authorizations': caseCaps.authorizations ? <AuthorizationsPage /> : <ForbiddenPage />,
    '/vs/order': <OrderServicePage />,
    '/vs/my-orders': <MyOrdersPage />,
    '/vs/board': orderCaps.board ? <OrderBoardPage /> : <ForbiddenPage />,
    '/vs/inbox': orderCaps.inbox ? <TeamInboxPage /> : <ForbiddenPage />,
    '/vs/activities': activityCaps.navigation ? <ActivitiesPage /> : <ForbiddenPage />,
    '/vs/activities/:id': activityCaps.navigation ? <ActivityPage /> : <ForbiddenPage />,
    '/vs/my-activities': activityCaps.volunteer ? <MyActivitiesPage /> : <ForbiddenPage />,
    '/vs/check-in/:id': activityCaps.volunteer ? <CheckInPage /> : <ForbiddenPage />,
    '/volunteers/me': <VolunteerMePage />,
    '/vs/me': recordsCaps.volunteer ? <MyRecordPage /> : <ForbiddenPage />,
    '/vs/certificates': recordsCaps.issue ? <CertificatesPage /> : <ForbiddenPage />,
    '/vs/figures': recordsCaps.figures ? <FiguresPage /> : <ForbiddenPage />,
    '/programs': programCaps.organise ? <ProgramsPage /> : <ForbiddenPage />,
    '/programs/new': programCaps.organise ? <NewProgramPage /> : <ForbiddenPage />,
    '/programs/neighbourhoods': programCaps.organise ? <NeighbourhoodsPage /> : <ForbiddenPage />,
    '/programs/:id': programCaps.organise ? <ProgramPage /> : <ForbiddenPage />,
    '/programs/:id/classes/:classId': programCaps.organise ? <ClassPage /> : <ForbiddenPage />,
    '/programs/:id/classes/:classId/day': programCaps.organise ? (
      <ClassDayPage />
    ) : (
      <ForbiddenPage />
    ),
    '/programs/:id/classes/:classId/roster': programCaps.organise ? (
      <RosterPage />
    ) : (
      <ForbiddenPage />
    ),
    '/programs/figures': caps.programFigures ? <ProgramFiguresPage /> : <ForbiddenPage />,
    '/ratings': caps.ratingsRead ? <RatingsDashboardPage /> : <ForbiddenPage />,
    '/ratings/tickets': caps.ratingsHandle ? <RatingTicketsPage /> : <ForbiddenPage />,
    // The server shows the steps to administrators only; others read that setup is done.
    '/setup': <SetupPage />,
    '/verify': <VerifyPage />,
    '/verify/:number': <VerifyPage />,
    '/volunteers': vsCaps.staff ? <VolunteerRegistryPage /> : <ForbiddenPage />,
    '/vs/teams': <TeamsPage />,
    '/vs/lists': <ListsPage />,
    '/track': <TrackPage />,
    '/catalog': <CatalogPage />,
    '/catalog/new': catalogAccess.edit ? <CatalogEditPage key="new" /> : <ForbiddenPage />,
    '/catalog/import-export': catalogAccess.export ? <CatalogTransferPage /> : <ForbiddenPage />,
    '/catalog/:code': <CatalogItemPage />,
    '/catalog/:code/edit': catalogAccess.edit ? <CatalogEditPage key="edit" /> : <ForbiddenPage />,
    '/calendar': catalogAccess.viewCalendar ? <CalendarPage /> : <ForbiddenPage />,
    '/posts': caps.posts ? <PostsPage /> : <ForbiddenPage />,
    '/settings': <SettingsPage />,
    '/audit': caps.readAudit ? <AuditPage /> : <ForbiddenPage />,
    '/imports': caps.imports ? <ImportsPage /> : <ForbiddenPage />,
    '/accounts': caps.manageAccounts ? <AccountsPage /> : <ForbiddenPage />,
    '/open311-keys': caps.open311Keys ? <Open311KeysPage /> : <ForbiddenPage />,
    '/webhooks': caps.webhooks ? <WebhooksPage /> : <ForbiddenPage />,
    '/training': trainingCaps.read ? <TrainingPage /> : <ForbiddenPage />,
  };

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
              {APP_PATHS.map((path) => (
                <Route key={path} path={path} element={pages[path]} />
              ))}
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
