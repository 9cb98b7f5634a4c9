import { useEffect, useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import {
  hoursText,
  isCertificateNumber,
  normaliseCertificateNumber,
} from '../pages/records/records-format';
import { useCertificateCheck } from '../pages/records/use-certificate-check';
import { chinaDay, waitMinutes } from './format';
import { Field } from './Field';
import { useLocale, type Translate } from './i18n';

function describe(t: Translate, error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 429)
      return t('verify.rateLimited', { minutes: waitMinutes(error.retryAfterSeconds) });
    if (error.status === 404) return t('verify.notFound');
    if (error.title) return error.title;
    return t(error.code === 'NETWORK_ERROR' ? 'errors.network' : 'errors.http');
  }
  return t('errors.unknown');
}

/** The number in /verify/<number>, as printed certificates' QR codes encode it. */
function numberInPath(path: string): string {
  const rest = path.replace(/^\/verify\/?/, '');
  try {
    return normaliseCertificateNumber(decodeURIComponent(rest));
  } catch {
    return normaliseCertificateNumber(rest);
  }
}

/**
 * 证明核验 (VS-8) without the staff shell. The certificate's QR code opens /verify/<number>,
 * which checks at once; anyone can also type a number. Only the holder's surname is shown.
 */
export function VerifyPage({ path, navigate }: { path: string; navigate: (to: string) => void }) {
  const { t, locale } = useLocale();
  const initial = numberInPath(path);
  const [number, setNumber] = useState(initial);
  const [touched, setTouched] = useState(false);
  const { found, error, busy, check } = useCertificateCheck(initial);

  // A scanned link, or a number submitted: the box shows the address's number.
  useEffect(() => {
    setNumber(initial);
  }, [initial]);

  const normalised = normaliseCertificateNumber(number);
  const numberError =
    touched && !isCertificateNumber(normalised) ? t('verify.numberInvalid') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!isCertificateNumber(normalised)) return;
    if (normalised === initial) check(normalised);
    else navigate(`/verify/${encodeURIComponent(normalised)}`);
  };

  return (
    <div className="r-page">
      <h1>{t('verify.title')}</h1>
      <p className="r-subtitle">{t('verify.subtitle')}</p>
      <form className="r-card r-form" onSubmit={submit} noValidate>
        <Field
          label={t('verify.number')}
          help={t('verify.numberHelp')}
          error={numberError}
          testId="verify-number"
          value={number}
          onChange={(v) => setNumber(v.toUpperCase())}
          mono
        />
        {error !== null && (
          <p className="r-alert r-alert-error" role="alert" data-testid="verify-error">
            {describe(t, error)}
          </p>
        )}
        <button
          type="submit"
          className="r-submit"
          data-testid="verify-submit"
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? t('verify.busy') : t('verify.check')}
        </button>
      </form>
      {found && (
        <section
          className={`r-card r-result r-verify-${found.status}`}
          data-testid="verify-result"
          aria-live="polite"
        >
          <p
            className={`r-status ${found.status === 'valid' ? 'r-status-good' : 'r-status-act'}`}
            data-testid="verify-status"
          >
            <span className="r-mark" aria-hidden="true">
              {found.status === 'valid' ? '✓' : '✕'}
            </span>
            <span>{found.status === 'valid' ? t('verify.valid') : t('verify.revoked')}</span>
          </p>
          {found.status === 'revoked' && (
            <p className="r-alert r-alert-error">
              {found.revokedOn &&
                t('verify.revokedOn', { date: chinaDay(found.revokedOn, locale) })}
              {found.revokeReason && (
                <>
                  <br />
                  {t('verify.reason', { reason: found.revokeReason })}
                </>
              )}
            </p>
          )}
          <dl className="r-facts">
            <div>
              <dt>{t('verify.number')}</dt>
              <dd className="r-mono">{found.certificateNumber}</dd>
            </div>
            <div>
              <dt>{t('verify.holder')}</dt>
              <dd>{found.holderName}</dd>
            </div>
            <div>
              <dt>{t('verify.hours')}</dt>
              <dd>{t('verify.hoursValue', { hours: hoursText(found.totalHours) })}</dd>
            </div>
            {found.period && (
              <div>
                <dt>{t('verify.period')}</dt>
                <dd>
                  {chinaDay(found.period.from, locale)} – {chinaDay(found.period.to, locale)}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('verify.organisation')}</dt>
              <dd>{found.organisation}</dd>
            </div>
            <div>
              <dt>{t('verify.issuedOn')}</dt>
              <dd data-testid="verify-issued">{chinaDay(found.issuedOn, locale)}</dd>
            </div>
          </dl>
          <p className="r-help">{t('verify.privacy')}</p>
        </section>
      )}
    </div>
  );
}
