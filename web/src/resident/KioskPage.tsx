import { useCallback, useEffect, useMemo, useState } from 'react';
import { isApiError } from '../api/client';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { RatingForm } from './RatingForm';
import { deviceNow, pairDevice, rateAtDevice, skipAtDevice, type DeviceNow } from './rating-api';

const TOKEN_KEY = 'doorstep.ratingDevice';
/** How often the idle device asks whether its window just finished a case. */
const POLL_MS = 3000;
/** How long the thank-you stays before the device returns to idle. */
const THANKS_MS = 5000;

/**
 * GS-13: the window rating device (评价器), a tablet in kiosk mode at /r/kiosk. Paired once with
 * the 6-digit code a clerk reads off the staff page; then it polls for the case its window just
 * finished, shows the five big buttons, thanks the resident and returns to idle.
 */
export default function KioskPage() {
  const { t, locale } = useLocale();
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(TOKEN_KEY));
  const [now, setNow] = useState<DeviceNow | null>(null);
  const [thanks, setThanks] = useState(false);
  const [code, setCode] = useState('');
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const pair = useAction(async () => {
    const paired = await pairDevice(code, keeper.keyFor({ code }));
    keeper.reset();
    localStorage.setItem(TOKEN_KEY, paired.token);
    setToken(paired.token);
  });

  const poll = useCallback(
    async (signal?: AbortSignal) => {
      if (!token) return;
      try {
        setNow(await deviceNow(token, signal));
      } catch (e) {
        if (isApiError(e) && e.status === 401) {
          localStorage.removeItem(TOKEN_KEY);
          setToken(null);
        }
      }
    },
    [token],
  );
  useEffect(() => {
    if (!token || thanks) return;
    const ctrl = new AbortController();
    void poll(ctrl.signal);
    const timer = setInterval(() => void poll(ctrl.signal), POLL_MS);
    return () => {
      ctrl.abort();
      clearInterval(timer);
    };
  }, [token, thanks, poll]);
  useEffect(() => {
    if (!thanks) return;
    const timer = setTimeout(() => setThanks(false), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanks]);

  if (!token)
    return (
      <div className="r-page r-kiosk" data-testid="kiosk-pair">
        <h1>{t('kiosk.pairTitle')}</h1>
        <form
          className="r-card r-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d{6}$/.test(code)) void pair.run();
          }}
        >
          <label>
            {t('kiosk.pairCode')}
            <input
              inputMode="numeric"
              maxLength={6}
              data-testid="pair-code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            />
          </label>
          {pair.error !== null && (
            <p className="r-alert r-alert-error" role="alert">
              {problemText(t, pair.error)}
            </p>
          )}
          <button type="submit" className="r-submit" data-testid="pair-submit" disabled={pair.busy}>
            {t('kiosk.pair')}
          </button>
        </form>
      </div>
    );

  const waiting = now?.case ?? null;
  return (
    <div
      className="r-page r-kiosk"
      data-testid="kiosk"
      data-kiosk-state={thanks ? 'thanks' : waiting ? 'case' : now ? 'idle' : 'loading'}
    >
      <p className="r-note" data-testid="kiosk-where">
        {now ? [now.stationName, now.windowName, now.deviceName].filter(Boolean).join(' · ') : ''}
      </p>
      {thanks ? (
        <section className="r-card r-result" role="status" data-testid="kiosk-thanks">
          <p className="r-status r-status-good">{t('rate.thanks')}</p>
        </section>
      ) : waiting ? (
        <>
          <h1 data-testid="kiosk-case" data-case-number={waiting.number}>
            {t('kiosk.caseTitle', {
              number: waiting.number,
              item: waiting.itemName
                ? locale === 'en'
                  ? waiting.itemName.en
                  : waiting.itemName.zh
                : '',
            })}
          </h1>
          {waiting.staffName && (
            <p className="r-note">{t('kiosk.staff', { name: waiting.staffName })}</p>
          )}
          <RatingForm
            key={waiting.id}
            followUp={false}
            onRate={async (body, key) => {
              await rateAtDevice(token, { ...body, caseId: waiting.id }, key);
              setNow(null);
              setThanks(true);
            }}
          />
          <button
            type="button"
            className="r-secondary"
            data-testid="kiosk-skip"
            onClick={() => {
              void skipAtDevice(token).then(() => poll());
            }}
          >
            {t('kiosk.skip')}
          </button>
        </>
      ) : (
        <section className="r-card r-kiosk-idle" data-testid="kiosk-idle">
          <p className="r-status">{t('kiosk.idle')}</p>
          <p className="r-help">{t('kiosk.idleHelp')}</p>
        </section>
      )}
    </div>
  );
}
