import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { useIsWide } from '../lib/use-media-query';
import { useSession } from '../session/session-context';
import { Brand } from './Brand';
import { ElderlySwitch } from './ElderlySwitch';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/**
 * The header of every screen. On a wide screen everything is in one row; on a phone the row
 * holds the brand and one menu button (language, elderly mode, notifications, account), so the
 * header stays one line (≤ 56 px, ≤ 64 px in elderly mode) instead of three.
 */
export function AppHeader() {
  const { me } = useSession();
  const wide = useIsWide();
  if (wide)
    return (
      <header className="app-header" data-signed-in={me ? 'yes' : 'no'}>
        <Brand />
        <div className="app-header-tools">
          <LanguageSwitch />
          <ElderlySwitch />
        </div>
        {me && <NotificationBell />}
        {me && <UserMenu />}
      </header>
    );
  return <PhoneHeader />;
}

function PhoneHeader() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  // Following a link in the menu (a notification) closes it.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <header className="app-header app-header-phone" data-signed-in={me ? 'yes' : 'no'}>
      <Brand />
      <Button
        className="app-header-menu-button"
        data-testid="header-menu"
        icon={<MenuOutlined aria-hidden />}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t('header.menu')}
      </Button>
      <Drawer
        title={t('header.menuTitle')}
        placement="right"
        size="min(360px, 90vw)"
        open={open}
        onClose={() => setOpen(false)}
        rootClassName="app-header-drawer"
      >
        <div className="app-header-drawer-body">
          <LanguageSwitch />
          <ElderlySwitch />
          {me && <NotificationBell />}
          {me && <UserMenu />}
        </div>
      </Drawer>
    </header>
  );
}
