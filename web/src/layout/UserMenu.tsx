import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { roleLabel } from '../lib/labels';
import { useAction } from '../lib/use-action';
import { useMe, useSession } from '../session/session-context';

/** Who is logged in, in which role, and the way out. */
export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const roles = [...new Set(me.grants.map((g) => roleLabel(g, i18n.language)))].join('、');

  const logOut = useAction(async () => {
    try {
      await logout();
    } catch {
      void message.error(t('header.logoutFailed'));
      return;
    }
    void navigate('/', { replace: true });
  });

  return (
    <div className="user-menu">
      <div className="user-menu-who" data-testid="user-menu">
        <UserOutlined aria-hidden />
        <span className="user-menu-name">{me.displayName}</span>
        {roles && <span className="user-menu-role">{roles}</span>}
      </div>
      <Button
        data-testid="logout"
        icon={<LogoutOutlined aria-hidden />}
        onClick={() => void logOut.run()}
        loading={logOut.busy}
      >
        {t('header.logout')}
      </Button>
    </div>
  );
}
