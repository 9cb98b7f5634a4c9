import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../api/catalog-types';
import { yuan } from './catalog-format';

function Fact({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Time limits, visits, 通办 scope, channels, route and fee: what a resident asks first. */
export function ItemFacts({ item, staffView }: { item: CatalogItem; staffView: boolean }) {
  const { t } = useTranslation();
  const onSpot = item.promisedLimitDays === 0;
  return (
    <dl className="item-facts">
      <Fact label={t('catalog.item.promised')} testId="catalog-item-promised">
        {onSpot ? (
          <strong className="fact-strong">{t('catalog.item.onSpot')}</strong>
        ) : (
          <strong className="fact-strong">
            {t('catalog.item.workingDays', { n: item.promisedLimitDays })}
          </strong>
        )}
      </Fact>
      <Fact label={t('catalog.item.legal')} testId="catalog-item-legal">
        {item.legalLimitDays === 0
          ? t('catalog.item.onSpot')
          : t('catalog.item.workingDays', { n: item.legalLimitDays })}
      </Fact>
      <Fact label={t('catalog.item.visits')}>
        {item.inPersonVisits === 0
          ? t('catalog.item.visitsZero')
          : t('catalog.item.visitsN', { n: item.inPersonVisits })}
      </Fact>
      <Fact label={t('catalog.item.scope')}>{t(`catalog.scope.${item.scope}`)}</Fact>
      <Fact label={t('catalog.item.channels')}>
        <span className="tag-line">
          {item.channels.map((c) => (
            <Tag key={c}>{t(`catalog.channel.${c}`)}</Tag>
          ))}
        </span>
      </Fact>
      <Fact label={t('catalog.item.route')}>
        <span className="route-line">
          {t('catalog.item.accepts')} → {t(`catalog.decides.${item.route.decides}`)}
          {item.route.department && <span className="route-dept">{item.route.department}</span>}
        </span>
      </Fact>
      <Fact label={t('catalog.item.fee')}>
        {item.fee.amountFen === 0
          ? t('catalog.item.free')
          : t('catalog.item.feeAmount', { amount: yuan(item.fee.amountFen) })}
        {item.fee.waivers.length > 0 && (
          <div className="fee-waivers">
            <span className="muted">{t('catalog.item.waivers')}</span>
            <ul>
              {item.fee.waivers.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
      </Fact>
      <Fact label={t('catalog.edit.category')}>
        {t(`catalog.category.${item.category}`)}
        {staffView && ` · ${t(`catalog.tier.${item.tier}`)}`}
      </Fact>
      {item.aliases.length > 0 && (
        <Fact label={t('catalog.item.aliases')}>{item.aliases.join('、')}</Fact>
      )}
    </dl>
  );
}
