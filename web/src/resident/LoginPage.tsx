import { useEffect, useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { useAction } from '../lib/use-action';
import { Field } from './Field';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { requestSmsCode, smsLogin, type Me } from './resident-api';
import { waitMinutes } from './format';

const isMobile = (v: string) => /^1\d{10}$/.test(v);
const digits = (v: string) => v.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');

/**
 * 手机号 + 短信验证码 (issue #11): the same /auth/sms-code and /auth/sms-login the staff app's
 * phone tab uses, as a plain form. The session is a long sliding cookie on this phone.
 */
export function LoginPage({ onLoggedIn, asked }: { onLoggedIn: (me: Me) => void; asked: boolean }) {
  const { t } = useLocale();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState(false);
  const [cooldown, setCooldown] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const describe = (e: unknown) => {
    if (isApiError(e) && e.code === 'SMS_COOLDOWN' && e.retryAfterSeconds)
      return t('login.wait', { seconds: e.retryAfterSeconds });
    if (isApiError(e) && e.status === 429)
      return t('login.tooMany', { minutes: waitMinutes(e.retryAfterSeconds) });
    return problemText(t, e);
  };

  const phoneError = touched && !isMobile(digits(phone)) ? t('login.phoneInvalid') : null;
  const codeError = touched && sent && !/^\d{6}$/.test(code) ? t('login.codeInvalid') : null;

  // One error line for both steps: the last one's.
  const sendCode = useAction(async (to: string) => {
    setError(null);
    try {
      const r = await requestSmsCode(to);
      setSent(true);
      setCooldown(r.cooldownSeconds);
    } catch (e) {
      setError(describe(e));
      if (isApiError(e) && e.code === 'SMS_COOLDOWN') setCooldown(e.retryAfterSeconds ?? 60);
    }
  });
  const logIn = useAction(async (to: string, smsCode: string) => {
    setError(null);
    try {
      onLoggedIn(await smsLogin(to, smsCode));
    } catch (e) {
      setError(describe(e));
    }
  });
  const sending = sendCode.busy;
  const busy = logIn.busy;

  const send = () => {
    setTouched(true);
    if (!isMobile(digits(phone))) return;
    void sendCode.run(digits(phone));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!sent) return send();
    if (!isMobile(digits(phone)) || !/^\d{6}$/.test(code)) return;
    void logIn.run(digits(phone), code);
  };

  return (
    <div className="r-page">
      <h1>{t('login.title')}</h1>
      <p className="r-subtitle">{asked ? t('login.needed') : t('login.subtitle')}</p>
      <form className="r-card r-form" onSubmit={submit} noValidate>
        <Field
          label={t('login.phone')}
          help={t('login.phoneHelp')}
          error={phoneError}
          testId="login-phone"
          value={phone}
          onChange={(v) => setPhone(v.replace(/[^\d+\s-]/g, ''))}
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          mono
          autoFocus
        />
        <button
          type="button"
          className="r-secondary"
          data-testid="login-send"
          onClick={send}
          disabled={sending || cooldown > 0}
          aria-busy={sending}
        >
          {sending
            ? t('login.sending')
            : cooldown > 0
              ? t('login.resend', { seconds: cooldown })
              : t('login.send')}
        </button>
        {sent && (
          <p className="r-note" role="status">
            {t('login.sent')}
          </p>
        )}
        {sent && (
          <Field
            label={t('login.code')}
            help={t('login.codeHelp')}
            error={codeError}
            testId="login-code"
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            short
            mono
            autoFocus
          />
        )}
        {error !== null && (
          <p className="r-alert r-alert-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        {sent && (
          <button
            type="submit"
            className="r-submit"
            data-testid="login-submit"
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        )}
      </form>
    </div>
  );
}
