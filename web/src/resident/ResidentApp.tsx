import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { onUnauthenticated, setApiLanguage } from '../api/client';
import type { Locale } from '../api/types';
import { readLocalPreferences, writeLocalPreferences } from '../lib/local-preferences';
import { HomePage } from './HomePage';
import { LocaleContext, translator } from './i18n';
import { LoginPage } from './LoginPage';
import { MinePage } from './MinePage';
import { OrderPage } from './OrderPage';
import { forgetHomeRegion, logout, whoAmI, type Me } from './resident-api';
import { afterLogin, ROUTES, routeOf } from './routes';
import { plainName } from './session';
import { TrackPage } from './TrackPage';
import { usePath } from './use-path';
import { VerifyPage } from './VerifyPage';

// Pages a first visit (tracking, verification, login, home) does not need are fetched when opened,
// so the first download stays small (test/e2e/web-budget.e2e.test.ts: the initial budget).
const FilePage = lazy(() => import('./FilePage'));
const ProgramsPage = lazy(() =>
  import('./ProgramsPage').then((m) => ({ default: m.ProgramsPage })),
);
const ChildrenPage = lazy(() =>
  import('./ChildrenPage').then((m) => ({ default: m.ChildrenPage })),
);
const EnrolmentsPage = lazy(() =>
  import('./EnrolmentsPage').then((m) => ({ default: m.EnrolmentsPage })),
);
const PickupPage = lazy(() => import('./PickupPage').then((m) => ({ default: m.PickupPage })));
const ChildDayPage = lazy(() =>
  import('./ChildDayPage').then((m) => ({ default: m.ChildDayPage })),
);
// GS-13: split off the main light bundle (kept within the light JS budget).
const RatePage = lazy(() => import('./RatePage'));
const KioskPage = lazy(() => import('./KioskPage'));
// GS-10: the booking pages are fetched only when a resident opens them (light JS budget).
const BookPage = lazy(() => import('./BookingPages').then((m) => ({ default: m.BookPage })));
const BookingsPage = lazy(() =>
  import('./BookingPages').then((m) => ({ default: m.BookingsPage })),
);
const QueueScreenPage = lazy(() => import('./QueueScreenPage'));
const ToRatePage = lazy(() => import('./MyRatingsPages').then((m) => ({ default: m.ToRatePage })));
const MyRatingsPage = lazy(() =>
  import('./MyRatingsPages').then((m) => ({ default: m.MyRatingsPage })),
);
// Issue #14 GS-10 home visits for residents (VisitPages.tsx).
const VisitRequestPage = lazy(() =>
  import('./VisitPages').then((m) => ({ default: m.VisitRequestPage })),
);
const VisitsPage = lazy(() => import('./VisitPages').then((m) => ({ default: m.VisitsPage })));

const TITLE_KEY = {
  home: 'app.home',
  track: 'app.track',
  verify: 'app.verify',
  login: 'login.title',
  order: 'app.order',
  mine: 'app.mine',
  programs: 'app.programs',
  children: 'app.children',
  enrolments: 'app.enrolments',
  pickup: 'app.pickup',
  child: 'app.child',
  file: 'app.file',
  rate: 'app.rate',
  kiosk: 'app.kiosk',
  book: 'app.book',
  bookings: 'app.bookings',
  screen: 'app.screen',
  toRate: 'app.toRate',
  myRatings: 'app.myRatings',
  visit: 'visits.askTitle',
  visits: 'visits.mineTitle',
} as const;

/** A header (name, language, large text), the page for the address, and a short footer. */
export function ResidentApp() {
  const [prefs, setPrefs] = useState(readLocalPreferences);
  const [path, navigate] = usePath();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const value = useMemo(
    () => ({ locale: prefs.locale, t: translator(prefs.locale) }),
    [prefs.locale],
  );
  const { t } = value;
  const elderlyId = useId();
  const route = routeOf(path);
  const page = route?.page ?? null;

  useEffect(() => {
    document.documentElement.lang = prefs.locale;
    setApiLanguage(prefs.locale);
    document.body.classList.toggle('elderly', prefs.elderlyMode);
    document.body.dataset.elderly = String(prefs.elderlyMode);
    writeLocalPreferences(prefs);
  }, [prefs]);

  useEffect(() => {
    document.title = `${page ? t(TITLE_KEY[page]) : t('app.nav')} · ${t('app.name')}`;
  }, [page, t]);

  // Public pages never ask who is logged in; the resident's own pages (and home) do, once.
  const wantsSession = route !== null && (route.login || page === 'home' || page === 'login');
  useEffect(() => {
    if (!wantsSession || me !== undefined) return;
    whoAmI()
      .then(setMe)
      .catch(() => setMe(null));
  }, [wantsSession, me]);
  // A session that ends (expired, logged out elsewhere) brings the login form back.
  useEffect(() => onUnauthenticated(() => setMe(null)), []);

  const otherLocale: Locale = prefs.locale === 'en' ? 'zh-CN' : 'en';
  const go = useCallback(
    (to: string) => {
      navigate(to);
      window.scrollTo(0, 0);
    },
    [navigate],
  );
  const loggedIn = (who: Me) => {
    setMe(who);
    if (page === 'login') go(afterLogin(window.location.search));
  };

  let body: ReactNode;
  if (route === null) body = <p className="r-note">{t('app.notFound')}</p>;
  else if ((route.login || page === 'login') && me === undefined)
    body = (
      <p className="r-note" role="status">
        {t('mine.loading')}
      </p>
    );
  else if (route.login && !me) body = <LoginPage onLoggedIn={loggedIn} asked />;
  else if (page === 'login') body = me ? null : <LoginPage onLoggedIn={loggedIn} asked={false} />;
  else if (page === 'home') body = <HomePage navigate={go} />;
  else if (page === 'track') body = <TrackPage />;
  else if (page === 'verify') body = <VerifyPage path={path} navigate={navigate} />;
  else if (page === 'order' && me) body = <OrderPage me={me} navigate={go} />;
  else if (page === 'mine') body = <MinePage navigate={go} />;
  else if (page === 'programs') body = <ProgramsPage navigate={go} />;
  else if (page === 'children') body = <ChildrenPage navigate={go} />;
  else if (page === 'enrolments') body = <EnrolmentsPage navigate={go} />;
  else if (page === 'pickup') body = <PickupPage navigate={go} />;
  else if (page === 'child') body = <ChildDayPage navigate={go} />;
  else if (page === 'file') body = <FilePage navigate={go} />;
  else if (page === 'rate') body = <RatePage />;
  else if (page === 'kiosk') body = <KioskPage />;
  else if (page === 'book') body = <BookPage navigate={go} />;
  else if (page === 'toRate') body = <ToRatePage navigate={go} />;
  else if (page === 'myRatings') body = <MyRatingsPage navigate={go} />;
  else if (page === 'bookings') body = <BookingsPage navigate={go} />;
  else if (page === 'screen') body = <QueueScreenPage />;
  else if (page === 'visit') body = <VisitRequestPage navigate={go} />;
  else if (page === 'visits') body = <VisitsPage navigate={go} />;

  // Already logged in on /r/login: straight on to where the login would lead.
  useEffect(() => {
    if (page === 'login' && me) go(afterLogin(window.location.search));
  }, [page, me, go]);

  return (
    <LocaleContext.Provider value={value}>
      <header className="r-header">
        <a
          className="r-brand"
          href="/r"
          onClick={(e) => {
            e.preventDefault();
            go('/r');
          }}
        >
          {t('app.name')}
          <span className="r-tagline">{t('app.tagline')}</span>
        </a>
        <div className="r-tools">
          <button
            type="button"
            className="r-lang"
            data-testid="lang-switch"
            lang={otherLocale}
            aria-label={t('app.languageLabel')}
            onClick={() => setPrefs((p) => ({ ...p, locale: otherLocale }))}
          >
            {t('app.language')}
          </button>
          <span className="r-elderly">
            <input
              id={elderlyId}
              type="checkbox"
              role="switch"
              data-testid="elderly-switch"
              checked={prefs.elderlyMode}
              onChange={(e) => {
                const elderlyMode = e.currentTarget.checked;
                setPrefs((p) => ({ ...p, elderlyMode }));
              }}
            />
            <label htmlFor={elderlyId}>{t('app.elderly')}</label>
          </span>
        </div>
      </header>
      <nav className="r-nav" aria-label={t('app.nav')}>
        {ROUTES.filter((r) => r.nav).map((r) => (
          <a
            key={r.page}
            href={r.path}
            data-testid={`nav-${r.page}`}
            aria-current={page === r.page ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              go(r.path);
            }}
          >
            {t(`app.navShort.${r.page as 'track' | 'verify' | 'order' | 'mine'}`)}
          </a>
        ))}
      </nav>
      <main className="r-main">
        <Suspense
          fallback={
            <p className="r-note" role="status">
              {t('mine.loading')}
            </p>
          }
        >
          {body}
        </Suspense>
      </main>
      <footer className="r-footer">
        {me && (
          <p className="r-signed-in">
            <span data-testid="signed-in">{t('app.signedIn', { name: plainName(me) })}</span>{' '}
            <button
              type="button"
              className="r-link"
              data-testid="logout"
              onClick={() => {
                void logout()
                  .catch(() => undefined)
                  .finally(() => {
                    forgetHomeRegion();
                    setMe(null);
                    go('/r');
                  });
              }}
            >
              {t('app.logout')}
            </button>
          </p>
        )}
        <a href="/">{t('app.staffLogin')}</a>
      </footer>
    </LocaleContext.Provider>
  );
}
