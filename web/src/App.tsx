import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter } from 'react-router-dom';
import { FullPageSpinner } from './components/FullPageSpinner';
import { AppShell } from './layout/AppShell';
import { PublicShell } from './layout/PublicShell';
import { FirstPasswordPage } from './pages/login/FirstPasswordPage';
import { SessionProvider } from './session/SessionProvider';
import { useSession } from './session/session-context';
import { useMediaQuery } from './lib/use-media-query';
import { themeFor } from './theme/theme';

function ThemedApp() {
  const { status, me, preferences } = useSession();
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  // antd's pickers take month and weekday names from dayjs's global locale.
  dayjs.locale(preferences.locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={preferences.locale === 'en' ? enUS : zhCN}
      theme={themeFor(preferences.elderlyMode, reducedMotion)}
    >
      <AntApp>
        <BrowserRouter>
          {status === 'loading' && <FullPageSpinner />}
          {status === 'anonymous' && <PublicShell />}
          {status === 'authenticated' &&
            (me?.mustChangePassword ? <FirstPasswordPage /> : <AppShell />)}
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <SessionProvider>
      <ThemedApp />
    </SessionProvider>
  );
}
