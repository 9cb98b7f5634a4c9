import { App, Radio, Switch } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Preferences } from '../../api/types';
import { useSession } from '../../session/session-context';

/** Language and elderly mode, saved to the account (the header switches do the same). */
export function PreferencesForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { preferences, updatePreferences } = useSession();
  const elderlyId = useId();
  const languageLabelId = useId();

  const save = (changes: Partial<Preferences>) => {
    updatePreferences(changes).then(
      () => void message.success(t('preferences.saved')),
      () => void message.error(t('preferences.saveFailed')),
    );
  };

  return (
    <div className="preferences-form">
      <div className="preference-row">
        <span id={languageLabelId} className="preference-label">
          {t('preferences.language')}
        </span>
        <Radio.Group
          aria-labelledby={languageLabelId}
          value={preferences.locale}
          onChange={(e) => save({ locale: e.target.value as Locale })}
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
            { value: 'en', label: <span lang="en">English</span> },
          ]}
          data-testid="preferences-language"
        />
      </div>
      <div className="preference-row">
        <label htmlFor={elderlyId} className="preference-label">
          {t('preferences.elderlyMode')}
        </label>
        <Switch
          id={elderlyId}
          checked={preferences.elderlyMode}
          onChange={(elderlyMode) => save({ elderlyMode })}
          data-testid="preferences-elderly"
        />
      </div>
      <p className="muted">{t('preferences.elderlyHelp')}</p>
    </div>
  );
}
