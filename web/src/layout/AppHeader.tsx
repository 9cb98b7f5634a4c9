import { useSession } from '../session/session-context';
import { Brand } from './Brand';
import { ElderlySwitch } from './ElderlySwitch';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/** The header of every screen. On a phone it wraps into two rows. */
export function AppHeader() {
  const { me } = useSession();
  return (
    <header className="app-header">
      <Brand />
      <div className="app-header-tools">
        <LanguageSwitch />
        <ElderlySwitch />
      </div>
      {me && <NotificationBell />}
      {me && <UserMenu />}
    </header>
  );
}
