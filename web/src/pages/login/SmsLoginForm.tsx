import { MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestSmsCode, smsLogin } from '../../api/auth';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { useSession } from '../../session/session-context';
import './login.css';

interface Values {
  phone: string;
  code: string;
}

const MOBILE = /^(?:\+?86)?1[3-9][0-9]{9}$/;
const digitsOf = (v: string) => v.replace(/[\s-]/g, '');

/**
 * Issue #11: phone number + SMS code, like a WeChat H5 page — for residents, volunteers and
 * guardians. "获取验证码" counts down its 60 s cooldown; the server's errors are shown as they are.
 */
export function SmsLoginForm() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [form] = Form.useForm<Values>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  // Two actions, one error line: each clears the other's error when it starts.
  const askCode = useAction(async () => {
    signIn.clearError();
    try {
      await form.validateFields(['phone']);
    } catch {
      return; // the field shows why
    }
    const phone = digitsOf(form.getFieldValue('phone') as string);
    try {
      const r = await requestSmsCode(phone);
      setSentTo(phone);
      setCountdown(r.cooldownSeconds);
      setTimeout(() => form.focusField('code'), 0);
    } catch (e) {
      if (isApiError(e) && e.code === 'SMS_COOLDOWN' && e.retryAfterSeconds)
        setCountdown(e.retryAfterSeconds);
      throw e;
    }
  });
  const signIn = useAction(async (values: Values) => {
    askCode.clearError();
    try {
      await smsLogin(digitsOf(values.phone), values.code.trim());
      await refresh();
    } catch (e) {
      form.setFieldValue('code', '');
      form.focusField('code');
      throw e;
    }
  });
  const ask = () => void askCode.run();
  const submit = (values: Values) => void signIn.run(values);
  const asking = askCode.busy;
  const busy = signIn.busy;
  const error = signIn.error ?? askCode.error;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item
        name="phone"
        label={t('login.sms.phone')}
        rules={[
          { required: true, message: t('login.sms.phoneRequired') },
          {
            validator: (_, v: string | undefined) =>
              !v || MOBILE.test(digitsOf(v))
                ? Promise.resolve()
                : Promise.reject(new Error(t('login.sms.phoneInvalid'))),
          },
        ]}
      >
        <Input
          data-testid="sms-phone"
          prefix={<MobileOutlined aria-hidden />}
          inputMode="tel"
          type="tel"
          autoComplete="tel"
          maxLength={20}
          autoFocus
        />
      </Form.Item>
      <Form.Item
        label={t('login.sms.code')}
        extra={
          sentTo
            ? t('login.sms.sent', { phone: `${sentTo.slice(0, 3)}****${sentTo.slice(-4)}` })
            : undefined
        }
      >
        {/* The code box keeps ≥ 60% of the row; a long countdown wraps below it (issue #11). */}
        <div className="sms-code-row">
          <Form.Item
            name="code"
            noStyle
            rules={[
              { required: true, message: t('login.sms.codeRequired') },
              { pattern: /^\s*[0-9]{6}\s*$/, message: t('login.sms.codeInvalid') },
            ]}
          >
            <Input
              className="sms-code-input"
              data-testid="sms-code"
              aria-label={t('login.sms.code')}
              prefix={<SafetyOutlined aria-hidden />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
            />
          </Form.Item>
          <Button
            data-testid="sms-send"
            className="sms-send"
            onClick={() => void ask()}
            loading={asking}
            disabled={countdown > 0}
          >
            {countdown > 0
              ? t('login.sms.resendIn', { seconds: countdown })
              : sentTo
                ? t('login.sms.resend')
                : t('login.sms.send')}
          </Button>
        </div>
      </Form.Item>
      {error !== null && (
        <Alert
          className="login-alert"
          type="error"
          showIcon
          role="alert"
          data-testid="login-error"
          title={errorText(t, error)}
        />
      )}
      <Button
        data-testid="sms-submit"
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy}
      >
        {t('login.submit')}
      </Button>
    </Form>
  );
}
