import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import { useMe } from '../../session/session-context';
import { ChangePasswordForm } from './ChangePasswordForm';
import { PreferencesForm } from './PreferencesForm';
import { SecondFactorCard } from './SecondFactorCard';

export default function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div className="page settings-page">
      <PageHeading
        title={t('settings.title')}
        subtitle={t('settings.account', { username: me.username, name: me.displayName })}
      />
      <Card className="settings-card" title={<h2>{t('preferences.title')}</h2>}>
        <PreferencesForm />
      </Card>
      <Card className="settings-card" title={<h2>{t('password.title')}</h2>}>
        <ChangePasswordForm />
      </Card>
      <Card className="settings-card" title={<h2>{t('twoFactor.title')}</h2>}>
        <SecondFactorCard />
      </Card>
    </div>
  );
}
