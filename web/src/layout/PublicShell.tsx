import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../components/FullPageSpinner';
import { SkipLink } from '../components/SkipLink';
import { AppHeader } from './AppHeader';

const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const TrackPage = lazy(() => import('../pages/track/TrackPage'));
const VerifyPage = lazy(() => import('../pages/records/VerifyPage'));
const SetupPage = lazy(() => import('../pages/setup/SetupPage'));

const LOGIN_COLUMN = {
  width: '100%',
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
} as const;

/**
 * Before login every address shows the login page (after it the same address opens) — except
 * /track, the residents' case tracking, and /verify, the volunteer certificate check (VS-8),
 * which need no account.
 */
export function PublicShell() {
  const { t } = useTranslation();
  return (
    <div className="app app-public">
      <SkipLink />
      <AppHeader />
      <main id="main" className="app-main app-main-public" tabIndex={-1}>
        <Suspense fallback={<PageSpinner />}>
          <Routes>
            <Route path="/track" element={<TrackPage />} />
            <Route path="/verify" element={<VerifyPage />} />
            <Route path="/verify/:number" element={<VerifyPage />} />
            <Route path="/setup" element={<SetupPage />} />
            <Route
              path="*"
              element={
                <div className="public-login-column" style={LOGIN_COLUMN}>
                  <LoginPage />
                  <p className="public-track-link" style={{ margin: '20px 0 0' }}>
                    <Link to="/track" data-testid="public-track-link">
                      {t('cases.track.publicLink')}
                    </Link>
                  </p>
                </div>
              }
            />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
