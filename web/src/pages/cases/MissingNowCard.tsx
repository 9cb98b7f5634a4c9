import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView, MissingNow } from '../../api/case-types';
import { localName } from './case-format';

const KIND_LABEL = {
  notice: 'cases.detail.missingKindNotice',
  missing: 'cases.detail.missingKindMissing',
  defective: 'cases.detail.missingKindDefective',
} as const satisfies Record<MissingNow['kind'], string>;

/**
 * What the case waits for now (GS-5): its open blocking requests, as the server derives them —
 * the same list tracking shows, not the intake notice's.
 */
export function MissingNowCard({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const open = view.missingNow.filter((m) => m.blocking);
  if (view.state !== 'awaiting_supplement' || open.length === 0) return null;
  return (
    <Card title={<h2>{t('cases.detail.missingNow')}</h2>} data-testid="case-missing-now">
      <p className="muted">{t('cases.detail.missingNowHelp')}</p>
      <ol className="notice-missing">
        {open.map((m) => (
          <li key={m.key} data-material={m.key} data-kind={m.kind}>
            <span className="notice-missing-name">{localName(m.name, i18n.language)}</span>{' '}
            <Tag color={m.kind === 'defective' ? 'orange' : 'blue'}>{t(KIND_LABEL[m.kind])}</Tag>
            {m.reason && (
              <div className="muted">{t('cases.detail.missingReason', { reason: m.reason })}</div>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
