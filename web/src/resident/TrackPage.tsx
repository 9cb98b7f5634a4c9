import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TrackView } from '../api/case-types';
import { trackCase } from '../api/cases';
import { isApiError } from '../api/client';
import { useAction } from '../lib/use-action';
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
  // The link the page was opened with (the receipt's QR code), read once.
  const [link] = useState(() => {
    const query = new URLSearchParams(window.location.search);
    return {
      number: normaliseCaseNumber(query.get('number') ?? ''),
      code: normaliseTrackingCode(query.get('code') ?? ''),
    };
  });
  const [number, setNumber] = useState(link.number);
  const [code, setCode] = useState(link.code);
  const [touched, setTouched] = useState(false);
  const [found, setFound] = useState<LightTrackView | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const numberError = touched && !isCaseNumber(number) ? t('track.numberInvalid') : null;
  const codeError = touched && !isTrackingCode(code) ? t('track.codeInvalid') : null;

  const search = useAction(async (n: string, c: string) => {
    try {
      const view: TrackView = await trackCase(n, c);
      setFound(view);
      setTimeout(() => resultRef.current?.scrollIntoView({ block: 'start' }), 0);
    } catch (e) {
      setFound(null);
      throw e;
    }
  });
  const { busy, error, run: lookUp } = search;

  // Scanned from the receipt: both are in the link, so look it up straight away (once: the
  // link does not change, and lookUp is the same function on every render).
  useEffect(() => {
    if (isCaseNumber(link.number) && isTrackingCode(link.code)) void lookUp(link.number, link.code);
  }, [link, lookUp]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (isCaseNumber(number) && isTrackingCode(code)) void lookUp(number, code);
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
