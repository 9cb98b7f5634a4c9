import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { Field } from './Field';
import {
  fileOnline,
  onlineItem,
  onlineItems,
  onlineStations,
  uploadPhoto,
  type OnlineFiled,
  type OnlineFiling,
  type OnlineItem,
  type OnlineItems,
  type OnlineStations,
} from './file-api';
import { useLocale } from './i18n';
import { problemText } from './problem-text';

interface Done {
  filed: OnlineFiled;
  /** Photos the server refused or that did not arrive: the resident brings those to the station. */
  failedPhotos: number;
}

/** Reads again whenever `key` changes; a newer read cancels the older one. */
function useRead<T>(key: string | null, read: (key: string, signal: AbortSignal) => Promise<T>) {
  const [data, setData] = useState<{ key: string; value: T } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    setError(null);
    read(key, ctrl.signal)
      .then((value) => setData({ key, value }))
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(e);
      });
    return () => ctrl.abort();
    // `read` is one of the module's functions: it never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { data: data && data.key === key ? data.value : null, error };
}

/**
 * 不打烊 (GS-10): a logged-in resident picks an item offered online, sees what it needs, chooses a
 * station of its 通办 scope, photographs each material with the phone's camera and files. The
 * answer is the one-time notice, the case number and the 查询码; the case shows in my records.
 */
export default function FilePage({ navigate }: { navigate: (to: string) => void }) {
  const { t, locale } = useLocale();
  const name = (n: { zh: string; en: string }) => (locale === 'en' ? n.en : n.zh);
  const [q, setQ] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [stationId, setStationId] = useState('');
  const [photos, setPhotos] = useState<Record<string, File>>({});
  const [done, setDone] = useState<Done | null>(null);
  const items = useRead<OnlineItems>(q.trim(), (key, signal) => onlineItems(key, signal));
  const item = useRead<OnlineItem>(code, (key, signal) => onlineItem(key, signal));
  const stations = useRead<OnlineStations>(code, (key, signal) => onlineStations(key, signal));
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const send = useAction(async (body: OnlineFiling, files: [string, File][]) => {
    const filed = await fileOnline(body, keeper.keyFor(body));
    keeper.reset();
    let failedPhotos = 0;
    for (const [key, file] of files) {
      await uploadPhoto(filed.id, key, file).catch(() => {
        failedPhotos += 1;
      });
    }
    setDone({ filed, failedPhotos });
    window.scrollTo(0, 0);
  });
  const chosenStation = stationId || stations.data?.stations[0]?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!item.data || !chosenStation) return;
    const files = Object.entries(photos);
    void send.run(
      { itemCode: item.data.code, stationId: chosenStation, presented: files.map(([k]) => k) },
      files,
    );
  };

  if (done) {
    const missing = done.filed.notice.missing.filter((m) => m.blocking);
    return (
      <div className="r-page">
        <section className="r-card r-result" data-testid="file-done" role="status">
          <p className="r-status r-status-good">
            <span className="r-mark" aria-hidden="true">
              ✓
            </span>
            <span>{t('file.done')}</span>
          </p>
          <p className="r-line">
            {t('file.number')}{' '}
            <strong className="r-mono" data-testid="file-number">
              {done.filed.number}
            </strong>
          </p>
          <p className="r-line">
            {t('file.trackingCode')}{' '}
            <strong className="r-mono" data-testid="file-tracking">
              {done.filed.trackingCode}
            </strong>
          </p>
          <p className="r-line">{done.filed.station.name}</p>
          {missing.length > 0 && (
            <div className="r-alert r-alert-warn" data-testid="file-missing">
              <p>{t('file.missingTitle')}</p>
              <ul>
                {missing.map((m) => (
                  <li key={m.key}>{name(m.name)}</li>
                ))}
              </ul>
            </div>
          )}
          {done.failedPhotos > 0 && (
            <p className="r-alert r-alert-error" role="alert">
              {t('file.photosFailed', { n: done.failedPhotos })}
            </p>
          )}
          <a
            className="r-submit r-button-link"
            href="/r/mine"
            data-testid="file-to-mine"
            onClick={(e) => {
              e.preventDefault();
              navigate('/r/mine');
            }}
          >
            {t('file.toMine')}
          </a>
        </section>
      </div>
    );
  }

  if (!code)
    return (
      <div className="r-page">
        <h1>{t('file.title')}</h1>
        <form className="r-form" role="search" onSubmit={(e) => e.preventDefault()}>
          <Field
            label={t('file.search')}
            error={null}
            testId="file-search"
            value={q}
            onChange={setQ}
          />
        </form>
        {items.error !== null && (
          <p className="r-alert r-alert-error" role="alert">
            {problemText(t, items.error)}
          </p>
        )}
        {items.data && items.data.items.length === 0 && (
          <p className="r-note">{t('file.noItems')}</p>
        )}
        <ul className="r-choices" data-testid="file-items" data-loaded={items.data ? 'yes' : 'no'}>
          {(items.data?.items ?? []).map((i) => (
            <li key={i.code}>
              <button
                type="button"
                className="r-choice"
                data-testid="file-item"
                data-code={i.code}
                onClick={() => {
                  setCode(i.code);
                  setPhotos({});
                  setStationId('');
                }}
              >
                <strong>{name(i.name)}</strong>
                <span className="r-help">{t('file.promised', { days: i.promisedLimitDays })}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    );

  const it = item.data;
  const error = item.error ?? stations.error ?? send.error;
  return (
    <div className="r-page">
      <h1>{it ? name(it.name) : t('file.title')}</h1>
      <button type="button" className="r-link" onClick={() => setCode(null)}>
        {t('file.back')}
      </button>
      {error !== null && error !== undefined && (
        <p className="r-alert r-alert-error" role="alert" data-testid="file-error">
          {problemText(t, error)}
        </p>
      )}
      {it && stations.data && (
        <form className="r-form r-card" onSubmit={submit} data-testid="file-form">
          <p className="r-help">{t('file.promised', { days: it.promisedLimitDays })}</p>
          <h2>{t('file.materials')}</h2>
          <ul className="r-records">
            {it.materials.map((m) => (
              <li key={m.key} className="r-record">
                <label>
                  <strong>{name(m.name)}</strong>{' '}
                  {m.required && <span className="r-help">{t('file.required')}</span>}
                  <input
                    type="file"
                    accept="image/*"
                    capture="environment"
                    data-testid={`file-photo-${m.key}`}
                    onChange={(e) => {
                      const file = e.currentTarget.files?.[0];
                      setPhotos((p) => {
                        const next = { ...p };
                        if (file) next[m.key] = file;
                        else delete next[m.key];
                        return next;
                      });
                    }}
                  />
                </label>
              </li>
            ))}
          </ul>
          <label className="r-label" htmlFor="file-station">
            {t('file.station')}
          </label>
          <select
            id="file-station"
            data-testid="file-station"
            value={chosenStation}
            onChange={(e) => setStationId(e.currentTarget.value)}
          >
            {stations.data.stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="submit" className="r-submit" data-testid="file-submit" disabled={send.busy}>
            {send.busy ? t('file.sending') : t('file.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
