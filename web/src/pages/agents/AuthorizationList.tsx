import { FileTextOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { revokeAuthorization, type Authorization } from '../../api/agents';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { formatDay, formatMoment } from '../cases/case-format';
import { ScanUpload } from './ScanUpload';
import './agents.css';

const STATUS_COLOUR = { active: 'green', expired: 'default', revoked: 'red' } as const;
const STATUS_KEY = {
  active: 'cases.authorizations.statusActive',
  expired: 'cases.authorizations.statusExpired',
  revoked: 'cases.authorizations.statusRevoked',
} as const;
const CONSENT_KEY = {
  signed_form: 'cases.authorizations.consentSigned',
  in_person: 'cases.authorizations.consentInPerson',
  phone: 'cases.authorizations.consentPhone',
} as const;

function RevokeDialog({
  authorization,
  onClose,
  onDone,
}: {
  authorization: Authorization;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const revoke = useAction(async (reason: string) => {
    await revokeAuthorization(authorization.id, reason.trim());
    void message.success(t('cases.authorizations.revoked'));
    onDone();
  });
  return (
    <Modal open title={t('cases.authorizations.revokeTitle')} onCancel={onClose} footer={null}>
      <p>
        {authorization.resident.fullName} → {authorization.agent.displayName}
      </p>
      <Form<{ reason: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={({ reason }) => void revoke.run(reason)}
      >
        <Form.Item
          name="reason"
          label={t('cases.authorizations.revokeReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('cases.authorizations.revokeReasonRequired'),
            },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={2} autoFocus data-testid="auth-revoke-reason" />
        </Form.Item>
        {revoke.error !== null && (
          <Alert type="error" showIcon role="alert" title={errorText(t, revoke.error)} />
        )}
        <div className="modal-actions">
          <Button onClick={onClose} disabled={revoke.busy}>
            {t('common.cancel')}
          </Button>
          <Button
            type="primary"
            danger
            htmlType="submit"
            loading={revoke.busy}
            data-testid="auth-revoke-confirm"
          >
            {t('cases.authorizations.revokeConfirm')}
          </Button>
        </div>
      </Form>
    </Modal>
  );
}

/** One authorization in words: who, what, until when, how consent was given, and its form. */
function AuthorizationCard({
  a,
  canWrite,
  showResident,
  onChanged,
}: {
  a: Authorization;
  canWrite: boolean;
  showResident: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [revoking, setRevoking] = useState(false);
  return (
    <li className={`auth-card auth-${a.status}`} data-testid="auth-card">
      <div className="auth-card-head">
        <strong className="auth-who">
          {showResident ? (
            <>
              <Link to={`/residents/${a.resident.id}`}>{a.resident.fullName}</Link>
              <span className="masked"> {a.resident.idMasked}</span> →{' '}
            </>
          ) : null}
          {a.agent.displayName}
        </strong>
        <Tag color={STATUS_COLOUR[a.status]} data-testid="auth-status">
          {t(STATUS_KEY[a.status])}
        </Tag>
      </div>
      <div className="auth-items">
        {a.items === 'all' ? t('cases.authorizations.allItems') : a.items.join('、')}
      </div>
      <div className="auth-meta">
        <span>{t('cases.authorizations.until', { date: formatDay(a.expiresOn, lang) })}</span>
        <span>
          {t('cases.authorizations.consentLabel', { method: t(CONSENT_KEY[a.consent.method]) })}
          {a.consent.callRecordRef && ` · ${a.consent.callRecordRef}`}
        </span>
        <span className="muted">
          {t('cases.authorizations.recordedBy', {
            name: a.recordedBy.displayName,
            date: formatMoment(a.createdAt, lang),
          })}
        </span>
        {a.revokedAt && (
          <span className="muted">
            {t('cases.authorizations.revokedAt', {
              date: formatMoment(a.revokedAt, lang),
              reason: a.revokeReason ?? '',
            })}
          </span>
        )}
      </div>
      <div className="auth-actions">
        {a.consent.scanUrl && (
          <a href={a.consent.scanUrl} target="_blank" rel="noreferrer" data-testid="auth-scan-link">
            <FileTextOutlined aria-hidden /> {t('cases.authorizations.scanView')}
          </a>
        )}
        {canWrite && a.status !== 'revoked' && a.consent.method === 'signed_form' && (
          <ScanUpload authorizationId={a.id} onUploaded={onChanged} compact />
        )}
        {canWrite && a.status !== 'revoked' && (
          <Button
            danger
            icon={<StopOutlined aria-hidden />}
            onClick={() => setRevoking(true)}
            data-testid="auth-revoke"
          >
            {t('cases.authorizations.revoke')}
          </Button>
        )}
      </div>
      {revoking && (
        <RevokeDialog
          authorization={a}
          onClose={() => setRevoking(false)}
          onDone={() => {
            setRevoking(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}

export function AuthorizationList({
  items,
  canWrite,
  showResident,
  onChanged,
}: {
  items: Authorization[];
  canWrite: boolean;
  showResident: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('cases.authorizations.none')} />;
  return (
    <ul className="auth-list" data-testid="auth-list">
      {items.map((a) => (
        <AuthorizationCard
          key={a.id}
          a={a}
          canWrite={canWrite}
          showResident={showResident}
          onChanged={onChanged}
        />
      ))}
    </ul>
  );
}
