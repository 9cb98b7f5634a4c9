import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CHINA_TZ } from '../../lib/china-time';

/**
 * Which version is shown, a switcher over every version (1 … current), and the rule that cases
 * keep the version they were filed under.
 */
export function VersionBar({
  shown,
  current,
  since,
  onSwitch,
}: {
  shown: number;
  current: number;
  since: string;
  onSwitch: (version: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const versions = Array.from({ length: current }, (_, i) => current - i);
  return (
    <section className="version-bar" aria-label={t('catalog.item.versionPicker')}>
      <div className="version-bar-row">
        <HistoryOutlined aria-hidden className="version-bar-icon" />
        <label htmlFor={id} className="version-bar-label">
          {t('catalog.item.versionPicker')}
        </label>
        <Select<number>
          id={id}
          className="version-select"
          data-testid="catalog-version-select"
          value={shown}
          onChange={onSwitch}
          popupMatchSelectWidth={false}
          options={versions.map((v) => ({
            value: v,
            label:
              v === current
                ? t('catalog.item.versionCurrentLabel', { n: v })
                : t('catalog.item.versionLabel', { n: v }),
          }))}
          optionRender={(option) => (
            <span data-testid={`catalog-version-option-${String(option.value)}`}>
              {option.label}
            </span>
          )}
        />
        <span className="muted version-since">
          {t('catalog.item.versionSince', {
            date: new Date(since).toLocaleDateString(i18n.language, { timeZone: CHINA_TZ }),
          })}
        </span>
      </div>
      <p className="version-note">{t('catalog.item.versionNote')}</p>
      {shown !== current && (
        <Alert
          type="warning"
          showIcon
          data-testid="catalog-old-version"
          title={t('catalog.item.oldVersion', { n: shown, current })}
          action={
            <Button size="small" onClick={() => onSwitch(current)}>
              {t('catalog.item.showCurrent')}
            </Button>
          }
        />
      )}
    </section>
  );
}
