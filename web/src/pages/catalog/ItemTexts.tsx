import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../api/catalog-types';
import { procedureSteps } from './procedure-steps';

/** Conditions, legal basis and procedure: the long texts, in reading order. */
export function ItemTexts({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  const steps = procedureSteps(item.procedure);
  return (
    <>
      <section className="item-section" aria-labelledby="item-conditions">
        <h2 id="item-conditions">{t('catalog.item.conditions')}</h2>
        {item.conditions.length === 0 ? (
          <p className="muted">{t('catalog.item.noConditions')}</p>
        ) : (
          <ol className="item-conditions">
            {item.conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        )}
      </section>
      <section className="item-section" aria-labelledby="item-procedure">
        <h2 id="item-procedure">{t('catalog.item.procedure')}</h2>
        {steps ? (
          <ol className="item-steps">
            {steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        ) : (
          <p className="item-long-text">{item.procedure}</p>
        )}
      </section>
      <section className="item-section" aria-labelledby="item-basis">
        <h2 id="item-basis">{t('catalog.item.basis')}</h2>
        <p className="item-long-text">{item.basis}</p>
      </section>
    </>
  );
}
