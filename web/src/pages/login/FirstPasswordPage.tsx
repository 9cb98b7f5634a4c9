import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session-context';
import { ChangePasswordForm } from '../settings/ChangePasswordForm';
import './login.css';

/**
 * Issue #15 point 4: an account with a one-time password (a staff roster import) sees only this
 * page until it sets its own password (the server answers PASSWORD_CHANGE_REQUIRED to anything
 * else); then the session is read again and the workbench opens.
 */
export function FirstPasswordPage() {
  const { t } = useTranslation();
  const { me, refresh, logout } = useSession();
  return (
    <main className="login-page" data-testid="first-password-page">
      <Card className="login-card">
        <h1 className="login-title">{t('firstPassword.title')}</h1>
        <p className="login-subtitle">
          {t('firstPassword.intro', { name: me?.displayName ?? '' })}
        </p>
        <ChangePasswordForm onChanged={refresh} />
        <Button type="link" onClick={() => void logout()} className="first-password-logout">
          {t('firstPassword.logout')}
        </Button>
      </Card>
    </main>
  );
}
