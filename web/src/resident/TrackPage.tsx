import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TrackView } from '../api/case-types';
import { trackCase } from '../api/cases';
import { isApiError } from '../api/client';
import {
  isCaseNumber,
  isTrackingCode,
  normaliseCaseNumber,
  normaliseTrackingCode,
} from '../pages/cases/case-format';
import { waitMinutes } from './format';
import { useLocale, type Translate } from './i18n';
import { Field } from './Field';
import { TrackResult, type LightTrackView } from './TrackResult';

function describe(t: Translate, error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 429)
      return t('track.rateLimited', { minutes: waitMinutes(error.retryAfterSeconds) });
    if (error.title) return error.title;
    return t(error.code === 'NETWORK_ERROR' ? 'errors.network' : 'errors.http');
  }
  return t('errors.unknown');
}

/**
 * 办件查询 (GS-9) without the staff shell: the receipt's QR code opens
 * /track?number=…&code=…, which fills in both and looks the case up at once; by hand, the
 * number and the 8-digit 查询码 printed on the receipt. Same API call as the staff page.
 */
export function TrackPage() {
  const { t } = useLocale();
  const [number, setNumber] = useState(() =>
    normaliseCaseNumber(new URLSearchParams(window.location.search).get('number') ?? ''),
  );
  const [code, setCode] = useState(() =>
    normaliseTrackingCode(new URLSearchParams(window.location.search).get('code') ?? ''),
  );
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [found, setFound] = useState<LightTrackView | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const numberError = touched && !isCaseNumber(number) ? t('track.numberInvalid') : null;
  const codeError = touched && !isTrackingCode(code) ? t('track.codeInvalid') : null;

  const lookUp = (n: string, c: string) => {
    setBusy(true);
    setError(null);
    trackCase(n, c)
      .then((view: TrackView) => {
        setFound(view);
        setTimeout(() => resultRef.current?.scrollIntoView({ block: 'start' }), 0);
      })
      .catch((e: unknown) => {
        setFound(null);
        setError(e);
      })
      .finally(() => setBusy(false));
  };

  // Scanned from the receipt: both are in the link, so look it up straight away.
  useEffect(() => {
    if (isCaseNumber(number) && isTrackingCode(code)) lookUp(number, code);
    // Once, for the link the page was opened with.
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (isCaseNumber(number) && isTrackingCode(code)) lookUp(number, code);
  };

  return (
    <div className="r-page">
      <h1>{t('track.title')}</h1>
      <p className="r-subtitle">{t('track.subtitle')}</p>
      <form className="r-card r-form" onSubmit={submit} noValidate>
        <Field
          label={t('track.number')}
          help={t('track.numberHelp')}
          error={numberError}
          testId="track-number"
          value={number}
          onChange={(v) => setNumber(normaliseCaseNumber(v))}
          inputMode="numeric"
          mono
          autoFocus={number === ''}
        />
        <Field
          label={t('track.code')}
          help={t('track.codeHelp')}
          error={codeError}
          testId="track-code"
          value={code}
          onChange={(v) => setCode(normaliseTrackingCode(v))}
          inputMode="numeric"
          // 8 digits, typed as printed on the receipt (“6131 5155”): room for the space.
          maxLength={9}
          short
          mono
          autoFocus={number !== '' && code === ''}
        />
        {error !== null && (
          <p className="r-alert r-alert-error" role="alert" data-testid="track-error">
            {describe(t, error)}
          </p>
        )}
        <button
          type="submit"
          className="r-submit"
          data-testid="track-submit"
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? t('track.busy') : t('track.submit')}
        </button>
      </form>
      <div ref={resultRef} className="r-anchor">
        {found && <TrackResult view={found} />}
      </div>
    </div>
  );
}
