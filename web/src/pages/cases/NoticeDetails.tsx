import { useTranslation } from 'react-i18next';
import type { NoticeMaterial, OneTimeNotice } from '../../api/case-types';
import { localName, yuan } from './case-format';
import { MaterialFacts } from './MaterialFacts';

function MissingList({ materials, testId }: { materials: NoticeMaterial[]; testId: string }) {
  const { i18n } = useTranslation();
  return (
    <ol className="notice-missing" data-testid={testId}>
      {materials.map((m) => (
        <li key={m.key} data-material={m.key}>
          <span className="notice-missing-name">{localName(m.name, i18n.language)}</span>
          <MaterialFacts material={m} />
        </li>
      ))}
    </ol>
  );
}

/**
 * 一次性告知 (GS-5): everything missing at once, with the basis, the time limit, the fee and the
 * procedure. The same view serves the preview before filing and the case's own notice.
 */
export function NoticeDetails({ notice }: { notice: OneTimeNotice }) {
  const { t } = useTranslation();
  const blocking = notice.missing.filter((m) => m.blocking);
  const optional = notice.missing.filter((m) => !m.blocking);
  const fee =
    notice.fee.amountFen === 0
      ? t('cases.common.free')
      : t('cases.common.fee', { amount: yuan(notice.fee.amountFen) });

  return (
    <div className="notice-details">
      {blocking.length > 0 && (
        <section>
          <h3>{t('cases.notice.missing')}</h3>
          <MissingList materials={blocking} testId="notice-missing" />
        </section>
      )}
      {optional.length > 0 && (
        <section>
          <h3>{t('cases.notice.missingOptional')}</h3>
          <MissingList materials={optional} testId="notice-optional" />
        </section>
      )}
      <dl className="notice-facts">
        <div>
          <dt>{t('cases.notice.limit')}</dt>
          <dd>
            {notice.promisedLimitDays === 0
              ? t('cases.common.instantDays')
              : t('cases.common.promisedDays', { n: notice.promisedLimitDays })}
          </dd>
        </div>
        <div>
          <dt>{t('cases.notice.fee')}</dt>
          <dd>
            {fee}
            {notice.fee.waivers.length > 0 && (
              <span className="notice-waivers">
                {t('cases.notice.waivers', { list: notice.fee.waivers.join('；') })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('cases.notice.basis')}</dt>
          <dd>{notice.basis}</dd>
        </div>
        <div>
          <dt>{t('cases.notice.procedure')}</dt>
          <dd className="notice-procedure">{notice.procedure}</dd>
        </div>
      </dl>
    </div>
  );
}
