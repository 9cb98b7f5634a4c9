import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="full-page-spinner" role="status" aria-live="polite">
      <Spin size="large" />
      <span>{t('common.loading')}</span>
    </div>
  );
}

/** The fallback while a code-split page loads. */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="page-spinner" role="status" aria-live="polite">
      <Spin />
      <span>{t('common.loading')}</span>
    </div>
  );
}
