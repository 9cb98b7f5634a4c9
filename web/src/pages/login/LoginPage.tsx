import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { useMediaQuery } from '../../lib/use-media-query';
import { useSession } from '../../session/session-context';
import { SmsLoginForm } from './SmsLoginForm';

interface Credentials {
  username: string;
  password: string;
  otp?: string;
}

/** The server asks for the authenticator code with these codes. */
const NEEDS_CODE = new Set(['TOTP_REQUIRED', 'TOTP_INVALID']);

/** A big, clear login form. Enter submits; the server's localized error is shown as is. */
export default function LoginPage() {
  const { t } = useTranslation();
  const { login, expired } = useSession();
  const [form] = Form.useForm<Credentials>();
  const [askCode, setAskCode] = useState(false);
  // Issue #11: on a phone, residents' SMS login comes first; staff desks keep the password tab.
  const phone = useMediaQuery('(max-width: 600px)');
  const [tab, setTab] = useState<'sms' | 'password'>(phone ? 'sms' : 'password');

  const signIn = useAction(async (values: Credentials) => {
    const otp = askCode ? values.otp?.trim() : undefined;
    try {
      await login(values.username.trim(), values.password, otp);
    } catch (e) {
      if (isApiError(e) && NEEDS_CODE.has(e.code)) {
        // The password was right: keep it, ask for the code from the app.
        setAskCode(true);
        form.setFieldValue('otp', '');
        setTimeout(() => form.focusField('otp'), 0);
        if (e.code === 'TOTP_INVALID') throw e;
        return;
      }
      setAskCode(false);
      form.setFieldValue('password', '');
      form.focusField('password');
      throw e;
    }
  });
  const { busy, error } = signIn;
  const submit = (values: Credentials) => {
    void signIn.run(values);
  };

  return (
    <div className="login-page">
      <Card className="login-card">
        <h1 className="login-title">{t('login.title')}</h1>
        <p className="login-subtitle">{t('login.subtitle')}</p>
        {expired && (
          <Alert className="login-alert" type="info" showIcon title={t('login.sessionExpired')} />
        )}
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'sms' | 'password')}
          items={[
            { key: 'sms', label: t('login.tabSms'), children: null },
            { key: 'password', label: t('login.tabPassword'), children: null },
          ]}
        />
        {tab === 'sms' ? (
          <>
            <SmsLoginForm />
            <p className="login-help">{t('login.sms.help')}</p>
          </>
        ) : (
          <>
            <Form<Credentials>
              form={form}
              layout="vertical"
              size="large"
              requiredMark={false}
              onFinish={submit}
              autoComplete="on"
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  data-testid="login-username"
                  prefix={<UserOutlined aria-hidden />}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  autoFocus
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  data-testid="login-password"
                  prefix={<LockOutlined aria-hidden />}
                  autoComplete="current-password"
                />
              </Form.Item>
              {askCode && (
                <Form.Item
                  name="otp"
                  label={t('login.otp')}
                  extra={t('login.otpHelp')}
                  rules={[{ required: true, whitespace: true, message: t('login.otpRequired') }]}
                >
                  <Input
                    data-testid="login-otp"
                    prefix={<SafetyOutlined aria-hidden />}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={12}
                  />
                </Form.Item>
              )}
              {error !== null && (
                <Alert
                  className="login-alert"
                  type="error"
                  showIcon
                  role="alert"
                  data-testid="login-error"
                  title={errorText(t, error)}
                  description={
                    isApiError(error) && error.retryAfterSeconds
                      ? t('login.retryAfter', { minutes: Math.ceil(error.retryAfterSeconds / 60) })
                      : undefined
                  }
                />
              )}
              <Button
                data-testid="login-submit"
                type="primary"
                htmlType="submit"
                size="large"
                block
                loading={busy}
              >
                {t('login.submit')}
              </Button>
            </Form>
            <p className="login-help">{t('login.help')}</p>
          </>
        )}
      </Card>
    </div>
  );
}
