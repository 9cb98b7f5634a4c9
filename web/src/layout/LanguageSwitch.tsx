import { GlobalOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

/** One button: shows the other language by its own name ("English" / "中文") and switches to it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { preferences, updatePreferences } = useSession();
  const next = preferences.locale === 'en' ? 'zh-CN' : 'en';

  const switchLanguage = () => {
    updatePreferences({ locale: next }).catch(() => {
      void message.error(t('preferences.saveFailed'));
    });
  };

  return (
    <Button
      data-testid="lang-switch"
      icon={<GlobalOutlined aria-hidden />}
      onClick={switchLanguage}
      title={t('header.switchLanguage')}
      lang={next}
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
