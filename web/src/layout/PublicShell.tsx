import { lazy, Suspense } from 'react';
import { PageSpinner } from '../components/FullPageSpinner';
import { SkipLink } from '../components/SkipLink';
import { AppHeader } from './AppHeader';

const LoginPage = lazy(() => import('../pages/login/LoginPage'));

/** Before login every address shows the login page; after it the same address opens. */
export function PublicShell() {
  return (
    <div className="app app-public">
      <SkipLink />
      <AppHeader />
      <main id="main" className="app-main app-main-public" tabIndex={-1}>
        <Suspense fallback={<PageSpinner />}>
          <LoginPage />
        </Suspense>
      </main>
    </div>
  );
}
