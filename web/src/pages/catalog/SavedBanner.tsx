import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogNavState } from './nav-state';

/** After a save: "saved as version N" (or created, or nothing changed). */
export function SavedBanner({ saved }: { saved: NonNullable<CatalogNavState['saved']> }) {
  const { t } = useTranslation();
  const title =
    saved.outcome === 'created'
      ? t('catalog.item.savedNew', { n: saved.version })
      : saved.outcome === 'versioned'
        ? t('catalog.item.savedAs', { n: saved.version })
        : t('catalog.item.unchanged', { n: saved.version });
  return (
    <Alert
      role="status"
      type={saved.outcome === 'unchanged' ? 'info' : 'success'}
      showIcon
      closable
      data-testid="catalog-saved"
      title={title}
    />
  );
}
