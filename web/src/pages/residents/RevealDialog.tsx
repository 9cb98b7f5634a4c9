import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealResident } from '../../api/residents';
import type { RevealedResident } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/use-action';

const REASON_MIN = 4;
const REASON_MAX = 500;
const QUICK_REASONS = ['verify', 'form', 'contact'] as const;

/**
 * Shows the full ID number and phone once, after the user gives a reason. The server records
 * the reason in the audit log. Nothing is kept after the dialog closes (destroyOnHidden).
 */
export function RevealDialog(props: {
  open: boolean;
  residentId: string;
  residentName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.open}
      onCancel={props.onClose}
      title={t('reveal.title', { name: props.residentName })}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <RevealSteps residentId={props.residentId} onClose={props.onClose} />
    </Modal>
  );
}

function RevealSteps({ residentId, onClose }: { residentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [revealed, setRevealed] = useState<RevealedResident | null>(null);
  const reveal = useAction(async (why: string) =>
    setRevealed(await revealResident(residentId, why)),
  );
  const { busy, error } = reveal;
  const trimmed = reason.trim();
  const tooShort = trimmed.length < REASON_MIN;

  const confirm = () => {
    setTouched(true);
    if (!tooShort) void reveal.run(trimmed);
  };

  if (revealed) {
    return (
      <div className="reveal-result">
        <dl className="reveal-values">
          <dt>{t('resident.idNumber')}</dt>
          <dd className="reveal-number" data-testid="reveal-value">
            {revealed.idNumber}
          </dd>
          <dt>{t('resident.phone')}</dt>
          <dd className="reveal-number" data-testid="reveal-phone">
            {revealed.phone ?? t('resident.noPhone')}
          </dd>
        </dl>
        <Alert
          type="warning"
          showIcon
          icon={<SafetyCertificateOutlined />}
          title={t('reveal.audited')}
        />
        <div className="modal-actions">
          <Button type="primary" onClick={onClose} autoFocus data-testid="reveal-close">
            {t('reveal.close')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        confirm();
      }}
      noValidate
    >
      <p>{t('reveal.explain')}</p>
      <Form.Item
        layout="vertical"
        label={t('reveal.reason')}
        htmlFor="reveal-reason"
        validateStatus={touched && tooShort ? 'error' : undefined}
        help={touched && tooShort ? t('reveal.reasonTooShort', { min: REASON_MIN }) : undefined}
      >
        <Input
          id="reveal-reason"
          data-testid="reveal-reason"
          value={reason}
          maxLength={REASON_MAX}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('reveal.reasonPlaceholder')}
          autoFocus
          autoComplete="off"
        />
      </Form.Item>
      <div className="quick-reasons" role="group" aria-label={t('reveal.quickReasons')}>
        <span className="muted">{t('reveal.quickReasons')}</span>
        {QUICK_REASONS.map((key) => (
          <Button
            key={key}
            size="small"
            type={reason === t(`reveal.reasons.${key}`) ? 'primary' : 'default'}
            ghost={reason === t(`reveal.reasons.${key}`)}
            onClick={() => setReason(t(`reveal.reasons.${key}`))}
          >
            {t(`reveal.reasons.${key}`)}
          </Button>
        ))}
      </div>
      {error !== null && <ErrorAlert error={error} />}
      <div className="modal-actions">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="reveal-confirm">
          {t('reveal.confirm')}
        </Button>
      </div>
    </form>
  );
}
