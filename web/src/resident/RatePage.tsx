import { useEffect, useState } from 'react';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { RatingForm } from './RatingForm';
import { rateByLink, viewLink, type LinkView } from './rating-api';

/** GS-13: the SMS / QR rating link's landing page (/r/rate?t=…): no login, one rating. */
export default function RatePage() {
  const { t, locale } = useLocale();
  const token = new URLSearchParams(window.location.search).get('t') ?? '';
  const [view, setView] = useState<LinkView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    viewLink(token, ctrl.signal)
      .then(setView)
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(e);
      });
    return () => ctrl.abort();
  }, [token]);

  if (done)
    return (
      <div className="r-page">
        <section className="r-card r-result" role="status" data-testid="rating-done">
          <p className="r-status r-status-good">{t('rate.thanks')}</p>
          <p className="r-next">{t('rate.thanksText')}</p>
        </section>
      </div>
    );
  return (
    <div className="r-page" data-testid="rate-page">
      <h1>{t('rate.title')}</h1>
      {error !== null && (
        <p className="r-alert r-alert-error" role="alert" data-testid="rate-error">
          {problemText(t, error)}
        </p>
      )}
      {view && (
        <>
          <p className="r-note" data-testid="rate-subject">
            {t('rate.subject', {
              number: view.number,
              item: view.itemName ? (locale === 'en' ? view.itemName.en : view.itemName.zh) : '',
            })}
          </p>
          {view.next === null ? (
            <p className="r-note">{t('rate.already')}</p>
          ) : (
            <RatingForm
              followUp={view.next === 'follow_up'}
              onRate={async (body, key) => {
                await rateByLink(token, body, key);
                setDone(true);
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
