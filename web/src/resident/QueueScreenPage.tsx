/**
 * GS-10 the queue screen for a TV at the station (/r/screen?t=<token>, no login): big numbers,
 * China time, the tickets being called with their desk and the next ones — numbers only, never a
 * name. It reads the public screen answer every few seconds.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Answer } from '../api/contract';
import { chinaClock } from './format';
import { useLocale } from './i18n';

type Screen = Answer<'/api/v1/queue/screen/{token}'>;
const EVERY_MS = 5000;

export default function QueueScreenPage() {
  const { t, locale } = useLocale();
  const token = new URLSearchParams(window.location.search).get('t') ?? '';
  const [screen, setScreen] = useState<Screen | null>(null);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const ctrl = new AbortController();
    const read = () => {
      api<Screen>(`/queue/screen/${encodeURIComponent(token)}`, { signal: ctrl.signal })
        .then((s) => {
          setScreen(s);
          setFailed(false);
          setNow(new Date().toISOString());
        })
        .catch(() => {
          if (!ctrl.signal.aborted) setFailed(true);
        });
    };
    read();
    const timer = setInterval(read, EVERY_MS);
    return () => {
      ctrl.abort();
      clearInterval(timer);
    };
  }, [token]);
  if (failed && !screen)
    return (
      <div className="r-page">
        <h1>{t('app.screen')}</h1>
        <p className="r-alert r-alert-error" role="alert" data-testid="screen-bad">
          {t('screen.bad')}
        </p>
      </div>
    );
  if (!screen)
    return (
      <p className="r-note" role="status">
        {t('mine.loading')}
      </p>
    );
  return (
    <div
      className="r-screen"
      data-testid="queue-screen"
      data-calling={screen.calling.map((c) => c.label).join(',')}
    >
      <h1>
        {screen.stationName} <span className="r-screen-clock">{chinaClock(now)}</span>
      </h1>
      <h2>{t('screen.calling')}</h2>
      {screen.calling.length === 0 && <p className="r-note">{t('screen.none')}</p>}
      <ul className="r-screen-calling">
        {screen.calling.map((c) => (
          <li key={c.label} data-testid="screen-calling" data-window={c.windowNumber ?? ''}>
            <strong>{c.label}</strong>
            {c.windowNumber !== null ? (
              <span>
                {' '}
                {locale === 'en'
                  ? c.text.en.slice(c.label.length)
                  : c.text.zh.slice(c.label.length)}
              </span>
            ) : (
              c.desk && <span> → {c.desk}</span>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('screen.next')}</h2>
      <p className="r-screen-next" data-testid="screen-next">
        {screen.next.join('  ')}
      </p>
      <p className="r-help">{t('screen.waiting', { n: screen.waiting })}</p>
    </div>
  );
}
