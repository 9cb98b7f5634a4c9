import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment } from '../../api/auth';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { useMe, useSession } from '../../session/session-context';

type Step =
  | { kind: 'idle' }
  | { kind: 'enrolling'; secret: string; qrSvg: string }
  | { kind: 'recovery'; codes: string[] };

/**
 * 双重验证: turn on an authenticator app — scan the QR code (or type the key), confirm with
 * a code, keep the recovery codes shown once — or turn it off with a code. When the system
 * requires it of administrators, this is the only page open to them until it is on.
 */
export function SecondFactorCard() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const required = me.secondFactor?.required ?? false;
  const [enabled, setEnabled] = useState(me.secondFactor?.enabled ?? false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction((work: () => Promise<void>) => {
    setNotice(null);
    return work();
  });
  const run = (work: () => Promise<void>) => void action.run(work);
  const busy = action.busy;
  const error = action.error === null ? null : errorText(t, action.error);

  const start = () =>
    run(async () => {
      const { secret, qrSvg } = await startTotpEnrolment();
      setStep({ kind: 'enrolling', secret, qrSvg });
    });

  const confirm = ({ code }: { code: string }) =>
    run(async () => {
      const { recoveryCodes } = await confirmTotpEnrolment(code.trim());
      setEnabled(true);
      setStep({ kind: 'recovery', codes: recoveryCodes });
    });

  const remove = ({ code }: { code: string }) =>
    run(async () => {
      await removeTotp(code.trim());
      setEnabled(false);
      setNotice(t('twoFactor.removed'));
      await refresh();
    });

  const finish = () =>
    run(async () => {
      setStep({ kind: 'idle' });
      await refresh();
    });

  return (
    <div className="second-factor" data-testid="second-factor">
      {required && !enabled && (
        <Alert type="warning" showIcon title={t('twoFactor.required')} className="settings-alert" />
      )}
      <p data-testid="second-factor-state" data-enabled={enabled ? 'true' : 'false'}>
        {enabled ? t('twoFactor.on') : t('twoFactor.off')}
      </p>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {notice && <Alert type="success" showIcon title={notice} />}

      {step.kind === 'idle' && !enabled && (
        <Button type="primary" onClick={start} loading={busy} data-testid="second-factor-start">
          {t('twoFactor.start')}
        </Button>
      )}

      {step.kind === 'enrolling' && (
        <Form<{ code: string }> layout="vertical" onFinish={confirm} requiredMark={false}>
          <p>{t('twoFactor.scan')}</p>
          <img
            className="second-factor-qr"
            alt={t('twoFactor.scan')}
            src={`data:image/svg+xml;base64,${btoa(step.qrSvg)}`}
            width={200}
            height={200}
          />
          <p>
            {t('twoFactor.secret')}:{' '}
            <code className="mono" data-testid="second-factor-secret">
              {step.secret}
            </code>
          </p>
          <Form.Item
            name="code"
            label={t('twoFactor.enterCode')}
            rules={[
              { pattern: /^\s*\d{6}\s*$/, required: true, message: t('twoFactor.codeInvalid') },
            ]}
          >
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              data-testid="second-factor-code"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            data-testid="second-factor-confirm"
          >
            {t('twoFactor.confirm')}
          </Button>
        </Form>
      )}

      {step.kind === 'recovery' && (
        <div data-testid="second-factor-recovery">
          <h3>{t('twoFactor.recoveryTitle')}</h3>
          <p>{t('twoFactor.recoveryHelp')}</p>
          <ol className="recovery-codes mono">
            {step.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <Button type="primary" onClick={finish} loading={busy}>
            {t('twoFactor.done')}
          </Button>
        </div>
      )}

      {step.kind === 'idle' && enabled && !required && (
        <Form<{ code: string }> layout="vertical" onFinish={remove} requiredMark={false}>
          <Form.Item
            name="code"
            label={t('twoFactor.removeCode')}
            rules={[{ required: true, whitespace: true, message: t('twoFactor.codeInvalid') }]}
          >
            <Input autoComplete="one-time-code" maxLength={12} />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy}>
            {t('twoFactor.remove')}
          </Button>
        </Form>
      )}
    </div>
  );
}
