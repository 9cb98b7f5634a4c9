import { CheckCircleFilled, CloseCircleFilled, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/errors';
import { hoursText, isCertificateNumber, normaliseCertificateNumber } from './records-format';
import { useCertificateCheck } from './use-certificate-check';
import './records.css';

/**
 * 证明核验 (VS-8): no login, phone first. The certificate's QR code opens /verify/<number>, which
 * checks at once; anyone can also type a number. Only the holder's surname is shown.
 */
export default function VerifyPage() {
  const { t } = useTranslation();
  const params = useParams();
  const navigate = useNavigate();
  const initial = normaliseCertificateNumber(params.number ?? '');
  const [form] = Form.useForm<{ number: string }>();
  const checked = useCertificateCheck(initial);
  const { found, busy, check } = checked;
  const describe = (e: unknown): string => {
    if (isApiError(e) && e.status === 429)
      return t('records.verify.rateLimited', {
        minutes: Math.max(1, Math.ceil((e.retryAfterSeconds ?? 600) / 60)),
      });
    if (isApiError(e) && e.status === 404) return t('records.verify.notFound');
    return errorText(t, e);
  };
  const error = checked.error === null ? null : describe(checked.error);

  useEffect(() => {
    form.setFieldsValue({ number: initial });
  }, [form, initial]);

  return (
    <div className="verify-page">
      <h1 className="track-title">{t('records.verify.title')}</h1>
      <p className="track-subtitle">{t('records.verify.subtitle')}</p>
      <Form<{ number: string }>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ number: initial }}
        onFinish={(v) => {
          const n = normaliseCertificateNumber(v.number);
          if (n === initial) check(n);
          else void navigate(`/verify/${n}`);
        }}
        className="track-form"
      >
        <Form.Item
          name="number"
          label={t('records.verify.number')}
          extra={t('records.verify.numberHelp')}
          normalize={(v: string) => (v ?? '').toUpperCase()}
          rules={[
            {
              validator: (_r, v: string) =>
                isCertificateNumber(normaliseCertificateNumber(v ?? ''))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('records.verify.notFound'))),
            },
          ]}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            inputMode="text"
            data-testid="verify-number"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          icon={<SearchOutlined />}
          loading={busy}
          data-testid="verify-submit"
        >
          {t('records.verify.check')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {found && (
        <section
          className={`verify-result ${found.status}`}
          data-testid="verify-result"
          aria-live="polite"
        >
          <p className="verify-status" data-testid="verify-status">
            {found.status === 'valid' ? <CheckCircleFilled /> : <CloseCircleFilled />}
            {found.status === 'valid' ? t('records.verify.valid') : t('records.verify.revoked')}
          </p>
          {found.status === 'revoked' && (
            <p>
              {t('records.verify.revokedOn', { date: found.revokedOn })}
              {found.revokeReason && (
                <>
                  <br />
                  {t('records.verify.reason', { reason: found.revokeReason })}
                </>
              )}
            </p>
          )}
          <dl className="verify-fields">
            <dt>{t('records.verify.number')}</dt>
            <dd className="rec-number">{found.certificateNumber}</dd>
            <dt>{t('records.verify.holder')}</dt>
            <dd>{found.holderName}</dd>
            <dt>{t('records.verify.hours')}</dt>
            <dd>{t('records.hoursValue', { hours: hoursText(found.totalHours) })}</dd>
            {found.period && (
              <>
                <dt>{t('records.verify.period')}</dt>
                <dd>
                  {found.period.from} – {found.period.to}
                </dd>
              </>
            )}
            <dt>{t('records.verify.organisation')}</dt>
            <dd>{found.organisation}</dd>
            <dt>{t('records.verify.issuedOn')}</dt>
            <dd>{found.issuedOn}</dd>
          </dl>
          <p className="rec-muted rec-small" style={{ marginTop: 10 }}>
            {t('records.verify.privacy')}
          </p>
        </section>
      )}
    </div>
  );
}
