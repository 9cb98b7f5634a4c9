import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView, CatalogMaterial } from '../../api/case-types';
import { useIsWide } from '../../lib/use-media-query';
import { useMe } from '../../session/session-context';
import { formatDay, formatMoment, joinList, localName } from './case-format';
import { CaseStateTag, ResultTag, TongbanTag } from './CaseTags';
import { DeadlineLightBadge } from './DeadlineLightBadge';
import { ProvisionalDueTag } from './ProvisionalDue';

/** Everything in the CaseView, in words. */
export function CaseFacts({
  view,
  materials,
}: {
  view: CaseView;
  materials: readonly CatalogMaterial[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const wide = useIsWide();
  const names = new Map(materials.map((m) => [m.key, localName(m.name, lang)]));
  const none = <span className="muted">{t('cases.detail.noneYet')}</span>;

  return (
    <Descriptions
      column={wide ? 2 : 1}
      layout={wide ? 'horizontal' : 'vertical'}
      size="small"
      bordered={wide}
      className="case-facts"
      items={[
        {
          key: 'item',
          label: t('cases.detail.item'),
          span: wide ? 2 : 1,
          children: (
            <span className="case-fact-inline">
              <span>{localName(view.item.name, lang)}</span>
              <span className="muted">
                {t('cases.common.itemCode', { code: view.item.code })} ·{' '}
                {t('cases.common.version', { n: view.item.version })}
              </span>
            </span>
          ),
        },
        {
          key: 'state',
          label: t('cases.detail.state'),
          children: <CaseStateTag state={view.state} />,
        },
        {
          key: 'light',
          label: t('cases.detail.light'),
          children: <DeadlineLightBadge light={view.light} />,
        },
        {
          key: 'applicant',
          label: t('cases.detail.applicant'),
          children: (
            <span className="case-fact-inline">
              <span>{view.applicant.fullName}</span>
              <span className="masked" data-testid="case-applicant-id">
                {view.applicant.idMasked}
              </span>
            </span>
          ),
        },
        {
          key: 'home',
          label: t('cases.detail.homeRegion'),
          children: <span data-testid="case-home-region">{view.homeRegionName}</span>,
        },
        {
          key: 'station',
          label: t('cases.detail.station'),
          children: (
            <span className="case-fact-inline">
              <span>{view.acceptingStation.name}</span>
              {view.isTongban && <TongbanTag />}
            </span>
          ),
        },
        {
          key: 'channel',
          label: t('cases.detail.channel'),
          children: <span data-testid="case-channel">{t(`cases.channel.${view.channel}`)}</span>,
        },
        {
          key: 'decider',
          label: t('cases.detail.decidedBy'),
          children: t(`cases.decidedBy.${view.decidedBy}`),
        },
        {
          key: 'created',
          label: t('cases.detail.createdAt'),
          children: formatMoment(view.createdAt, lang),
        },
        {
          key: 'accepted',
          label: t('cases.detail.acceptedAt'),
          children: view.acceptedAt ? formatMoment(view.acceptedAt, lang) : none,
        },
        {
          key: 'due',
          label: t('cases.detail.dueDate'),
          children: view.dueDate ? (
            <span className="case-fact-inline">
              <strong data-testid="case-due">{formatDay(view.dueDate, lang)}</strong>
              <ProvisionalDueTag years={view.provisionalYears} />
            </span>
          ) : (
            none
          ),
        },
        {
          key: 'responder',
          label: t('cases.detail.firstResponder'),
          children: (
            <span data-testid="case-first-responder">
              {view.firstResponder.displayName || t('cases.detail.firstResponderOther')}
              {view.firstResponderId === me.id && (
                <span className="muted"> （{t('cases.detail.firstResponderMe')}）</span>
              )}
            </span>
          ),
        },
        {
          key: 'presented',
          label: t('cases.detail.presented'),
          span: wide ? 2 : 1,
          children:
            view.presented.length > 0
              ? joinList(
                  view.presented.map((k) => names.get(k) ?? k),
                  lang,
                )
              : none,
        },
        ...(view.result
          ? [
              {
                key: 'result',
                label: t('cases.detail.result'),
                span: wide ? 2 : 1,
                children: (
                  <div className="case-result">
                    <ResultTag result={view.result} />
                    {view.resultText && (
                      <span data-testid="case-result-text">{view.resultText}</span>
                    )}
                  </div>
                ),
              },
            ]
          : []),
        ...(view.delivery?.method === 'post'
          ? [
              {
                key: 'delivery',
                label: t('cases.detail.deliveryPost'),
                span: wide ? 2 : 1,
                children: (
                  <span data-testid="case-delivery">
                    {[view.delivery.postalAddress, view.delivery.recipientPhoneMasked]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
