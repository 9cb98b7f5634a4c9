import { useTranslation } from 'react-i18next';

/** First stop for keyboard users: jump over the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('nav.skipToContent')}
    </a>
  );
}
