import type { TrackView } from '../api/case-types';
import type { OpeningHours } from '../api/types';
import { formatOpeningHours } from '../lib/opening-hours';
import { localName } from '../pages/cases/case-format';
import { chinaDay, yearsText } from './format';
import { useLocale, type Translate } from './i18n';
import { MARK, TONE_OF_CASE } from './tone';

/** A station where missing papers can be handed in (sent with the tracking answer when known). */
export interface TrackStation {
  name: string;
  address?: string | null;
  phone?: string | null;
  openingHours?: OpeningHours[] | null;
  hours?: string | null;
}

/** The tracking answer; `townStations` is optional so an older server's answer still renders. */
export type LightTrackView = Omit<TrackView, 'townStations'> & {
  townStations?: TrackStation[] | null;
};

function hoursLines(station: TrackStation, t: Translate): string[] {
  if (station.openingHours && station.openingHours.length > 0)
    return formatOpeningHours(station.openingHours, {
      dayNames: [
        t('days.mon'),
        t('days.tue'),
        t('days.wed'),
        t('days.thu'),
        t('days.fri'),
        t('days.sat'),
        t('days.sun'),
      ],
      rangeSeparator: t('days.rangeSeparator'),
      listSeparator: t('days.listSeparator'),
      everyDay: t('days.everyDay'),
    });
  return [station.hours || t('track.stationHoursUnknown')];
}

/** The status in plain words, what comes next, where, by when, and what is still missing. */
export function TrackResult({ view }: { view: LightTrackView }) {
  const { t, locale } = useLocale();
  const tone =
    view.state === 'decided' && view.result === 'not_approved' ? 'act' : TONE_OF_CASE[view.state];
  const words =
    view.state === 'decided' && view.result
      ? t(`track.words.decided_${view.result}`)
      : t(`track.words.${view.state}`);
  const stations = view.townStations ?? [];

  return (
    <section className="r-card r-result" data-testid="track-result" aria-live="polite">
      <p className={`r-status r-status-${tone}`} data-testid="track-state" data-state={view.state}>
        <span className="r-mark" aria-hidden="true">
          {MARK[tone]}
        </span>
        <span>{words}</span>
      </p>
      <p className="r-next">{t(`track.next.${view.state}`)}</p>
      <dl className="r-facts">
        <div>
          <dt>{t('track.number')}</dt>
          <dd className="r-mono">{view.number}</dd>
        </div>
        <div>
          <dt>{t('track.item')}</dt>
          <dd>{localName(view.item, locale)}</dd>
        </div>
        <div>
          <dt>{t('track.station')}</dt>
          <dd>{view.station}</dd>
        </div>
        <div>
          <dt>{t('track.dueDate')}</dt>
          <dd data-testid="track-due">
            {view.dueDate ? chinaDay(view.dueDate, locale) : t('track.noDue')}
          </dd>
        </div>
      </dl>
      {view.dueDateProvisional && (
        <p className="r-alert r-alert-warn" data-testid="track-due-provisional">
          {t('track.dueProvisional', { years: yearsText(view.provisionalYears, locale) })}
        </p>
      )}
      {view.missing.length > 0 && (
        <div className="r-missing" data-testid="track-missing">
          <h2>{t('track.missingTitle')}</h2>
          <p>{t('track.missingHelp')}</p>
          <ol>
            {view.missing.map((m) => (
              <li key={m.zh}>{localName(m, locale)}</li>
            ))}
          </ol>
        </div>
      )}
      {stations.length > 0 && (
        <div className="r-stations" data-testid="track-stations">
          <h2>
            {view.missing.length > 0 ? t('track.stationsTitle') : t('track.stationsTitleAny')}
          </h2>
          <ul>
            {stations.map((s) => (
              <li key={s.name} data-testid="track-station">
                <strong>{s.name}</strong>
                <dl>
                  {s.address && (
                    <div>
                      <dt>{t('track.stationAddress')}</dt>
                      <dd>{s.address}</dd>
                    </div>
                  )}
                  {s.phone && (
                    <div>
                      <dt>{t('track.stationPhone')}</dt>
                      <dd>
                        <a href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}>{s.phone}</a>
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('track.stationHours')}</dt>
                    <dd>
                      {hoursLines(s, t).map((line) => (
                        <span key={line} className="r-line">
                          {line}
                        </span>
                      ))}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
