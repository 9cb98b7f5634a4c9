import { Segmented } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCode, type CheckInCode, type Direction } from '../../api/activities';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * The lead's screen: a big QR (a link to the volunteer's check-in page with the code filled in) and
 * the 6-digit code, fetched again as soon as it turns over (every 30 s by default).
 */
export function CodePanel({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<Direction>('in');
  const [code, setCode] = useState<CheckInCode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      getCode(activityId, direction, controller.signal)
        .then((c) => {
          setCode(c);
          setError(null);
          const wait = Math.max(500, Date.parse(c.validUntil) - Date.now() + 300);
          timer = setTimeout(load, Math.min(wait, 60_000));
        })
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          setError(e);
          timer = setTimeout(load, 5_000);
        });
    };
    load();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [activityId, direction]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const seconds = code ? Math.max(0, Math.ceil((Date.parse(code.validUntil) - now) / 1000)) : 0;
  return (
    <section aria-labelledby="code-heading">
      <h2 id="code-heading" className="section-heading">
        {t('activities.code.heading')}
      </h2>
      <Segmented
        size="large"
        value={direction}
        onChange={(v) => setDirection(v as Direction)}
        options={[
          { value: 'in', label: t('activities.code.in') },
          { value: 'out', label: t('activities.code.out') },
        ]}
      />
      {error !== null && <ErrorAlert error={error} />}
      {code && (
        <div className="code-panel" data-testid="code-panel">
          <img src={code.qrDataUrl} alt={t('activities.code.qrAlt')} />
          <div className="code-side">
            <div className="muted">
              {direction === 'in' ? t('activities.code.scanIn') : t('activities.code.scanOut')}
            </div>
            <div className="code-digits" data-testid="code-digits" aria-live="polite">
              {code.code}
            </div>
            <div className="muted">{t('activities.code.refreshIn', { seconds })}</div>
          </div>
        </div>
      )}
    </section>
  );
}
