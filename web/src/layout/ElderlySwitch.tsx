import { App, Switch } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

/** 长辈模式: larger type, larger controls, higher contrast. A real switch with a visible label. */
export function ElderlySwitch({ testId = 'elderly-switch' }: { testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { preferences, updatePreferences } = useSession();
  const id = useId();

  const toggle = (elderlyMode: boolean) => {
    updatePreferences({ elderlyMode }).catch(() => {
      void message.error(t('preferences.saveFailed'));
    });
  };

  return (
    <span className="elderly-switch">
      <Switch id={id} data-testid={testId} checked={preferences.elderlyMode} onChange={toggle} />
      <label htmlFor={id}>{t('header.elderlyMode')}</label>
    </span>
  );
}
