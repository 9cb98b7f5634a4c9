import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, CatalogMaterial } from '../../api/case-types';
import { formatDay, formatMoment, formatTrackingCode, joinList, localName } from './case-format';
import { CaseStateTag, TongbanTag } from './CaseTags';
import { NoticeDetails } from './NoticeDetails';
import { yearsText } from './ProvisionalDue';
import { publicUrlNow, usePublicUrl } from '../../lib/public-url';

/** The track page's address for this case: what the PDF's QR code opens too (PUBLIC_URL, #11). */
export const trackUrlOf = (number: string, code?: string | null, base = publicUrlNow()) =>
  `${base}/track?number=${encodeURIComponent(number)}${
    code ? `&code=${encodeURIComponent(code)}` : ''
  }`;

/**
 * 受理回执 — or, while materials are missing, the 一次性告知书 — as a printable sheet: the case
 * number, what, who (masked), where, the state, the due date and how to track it.
 */
export function CaseReceipt({
  view,
  materials,
}: {
  view: CaseView;
  materials: readonly CatalogMaterial[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const complete = view.notice.complete;
  const names = new Map(materials.map((m) => [m.key, localName(m.name, lang)]));
  const presented = joinList(
    view.presented.map((k) => names.get(k) ?? k),
    lang,
  );
  const publicUrl = usePublicUrl();
  const trackUrl = trackUrlOf(view.number, view.trackingCode, publicUrl);

  const rows: { key: string; label: string; value: ReactNode }[] = [
    { key: 'item', label: t('cases.receipt.item'), value: localName(view.item.name, lang) },
    {
      key: 'applicant',
      label: t('cases.receipt.applicant'),
      value: (
        <>
          {view.applicant.fullName} <span className="masked">{view.applicant.idMasked}</span>
        </>
      ),
    },
    {
      key: 'station',
      label: t('cases.receipt.station'),
      value: (
        <>
          {view.acceptingStation.name} {view.isTongban && <TongbanTag testId="receipt-tongban" />}
        </>
      ),
    },
    { key: 'state', label: t('cases.receipt.state'), value: <CaseStateTag state={view.state} /> },
    {
      key: 'time',
      label: view.acceptedAt ? t('cases.receipt.acceptedAt') : t('cases.receipt.filedAt'),
      value: formatMoment(view.acceptedAt ?? view.createdAt, lang),
    },
    {
      key: 'due',
      label: t('cases.receipt.dueDate'),
      value: (
        <>
          <strong data-testid="receipt-due">
            {view.dueDate ? formatDay(view.dueDate, lang) : t('cases.receipt.dueNotYet')}
          </strong>
          {view.dueDateProvisional && (
            <div className="muted" data-testid="receipt-due-provisional">
              {t('cases.detail.dueProvisionalHint', {
                years: yearsText(view.provisionalYears, i18n.language),
              })}
            </div>
          )}
        </>
      ),
    },
    {
      key: 'decider',
      label: t('cases.receipt.decidedBy'),
      value: t(`cases.decidedBy.${view.decidedBy}`),
    },
    {
      key: 'presented',
      label: t('cases.receipt.presented'),
      value: presented || t('cases.common.none'),
    },
  ];

  return (
    <article className="receipt printable" data-testid="receipt" data-state={view.state}>
      <header className="receipt-head">
        <span className="receipt-brand">家门口 Doorstep · {view.acceptingStation.name}</span>
        <h2>{complete ? t('cases.receipt.title') : t('cases.receipt.titleIncomplete')}</h2>
      </header>
      <p className="receipt-number">
        <span>{t('cases.receipt.number')}</span>
        <strong className="mono" data-testid="receipt-number">
          {view.number}
        </strong>
      </p>
      <dl className="receipt-facts">
        {rows.map((r) => (
          <div key={r.key}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      {!complete && (
        <section
          className="receipt-notice"
          data-testid="receipt-notice"
          aria-label={t('cases.notice.title')}
        >
          <NoticeDetails notice={view.notice} />
        </section>
      )}
      {view.trackingCode && (
        <p className="receipt-tracking-code" data-testid="receipt-tracking-code">
          {t('cases.receipt.trackingCode')}
          <strong className="mono">{formatTrackingCode(view.trackingCode)}</strong>
        </p>
      )}
      <p className="receipt-track">{t('cases.receipt.trackHint', { url: trackUrl })}</p>
    </article>
  );
}
