/**
 * GS-13 a resident's own 好差评 pages (loaded on demand, outside the light entry's first download):
 * /r/to-rate — my finished services not yet rated, each with a button that opens the rating form;
 * /r/my-ratings — the ratings I gave and, for a 差评, where its rectification ticket stands and the
 * outcome the unit recorded (the reply I get).
 */
import { useState } from 'react';
import { chinaDay } from './format';
import { LoadFailed, Loading, PageLink } from './guardian-parts';
import { useLocale } from './i18n';
import { RatingForm } from './RatingForm';
import { myRatings, rateMine, type MyRatings } from './rating-api';
import { useLoad } from './use-load';

type Service = MyRatings['toRate'][number];
type Given = MyRatings['rated'][number];

function itemText(s: { itemName: { zh: string; en: string } | null }, locale: string) {
  return s.itemName ? (locale === 'en' ? s.itemName.en : s.itemName.zh) : '';
}

export function ToRatePage({ navigate }: { navigate: (to: string) => void }) {
  const { t, locale } = useLocale();
  const load = useLoad((signal) => myRatings(signal));
  const [open, setOpen] = useState<Service | null>(null);
  const [rated, setRated] = useState<string | null>(null);
  const list = load.data?.toRate ?? [];
  return (
    <div className="r-page" data-testid="to-rate-page">
      <h1>{t('myRatings.toRateTitle')}</h1>
      <Loading load={load} text={t('mine.loading')} />
      <LoadFailed load={load} />
      {rated && (
        <p className="r-alert r-alert-good" role="status" data-testid="to-rate-thanks">
          {t('rate.thanks')} {rated}
        </p>
      )}
      {load.data && list.length === 0 && <p className="r-note">{t('myRatings.noneToRate')}</p>}
      <ul className="r-records">
        {list.map((s) => (
          <li
            key={`${s.subjectType}:${s.subjectId}`}
            className="r-card r-record"
            data-testid="to-rate-item"
          >
            <h2>
              {t(`myRatings.kinds.${s.subjectType}`)} {s.number}
            </h2>
            <p className="r-note">
              {itemText(s, locale)} ·{' '}
              {t('myRatings.finished', { day: chinaDay(s.completedAt, locale) })}
            </p>
            {open?.subjectId === s.subjectId ? (
              <RatingForm
                followUp={false}
                onRate={async (body, key) => {
                  await rateMine(
                    { ...body, subjectType: s.subjectType, subjectId: s.subjectId },
                    key,
                  );
                  setOpen(null);
                  setRated(s.number);
                  load.reload();
                }}
              />
            ) : (
              <button
                type="button"
                className="r-button"
                data-testid="to-rate-open"
                onClick={() => setOpen(s)}
              >
                {t('myRatings.rateThis')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <PageLink to="/r/my-ratings" navigate={navigate} testId="to-my-ratings">
        {t('myRatings.mineTitle')}
      </PageLink>
    </div>
  );
}

function TicketText({ g }: { g: Given }) {
  const { t, locale } = useLocale();
  if (!g.ticket) return null;
  const k = g.ticket;
  return (
    <div className="r-ticket" data-testid="my-rating-ticket">
      <p className="r-status">{t(`myRatings.ticket.${ticketKey(k.state)}`)}</p>
      {k.calledBackAt && (
        <p className="r-note">
          {t('myRatings.calledBack', { day: chinaDay(k.calledBackAt, locale) })}
        </p>
      )}
      {k.outcome && (
        <p className="r-note" data-testid="my-rating-outcome">
          {t('myRatings.outcome', { text: k.outcome })}
        </p>
      )}
    </div>
  );
}

const TICKET_KEYS = [
  'opened',
  'called_back',
  'classified',
  'rectified',
  'explained',
  'resident_replied',
  'closed',
] as const;
function ticketKey(state: string): (typeof TICKET_KEYS)[number] {
  return (TICKET_KEYS as readonly string[]).includes(state)
    ? (state as (typeof TICKET_KEYS)[number])
    : 'opened';
}

export function MyRatingsPage({ navigate }: { navigate: (to: string) => void }) {
  const { t, locale } = useLocale();
  const load = useLoad((signal) => myRatings(signal));
  const list = load.data?.rated ?? [];
  return (
    <div className="r-page" data-testid="my-ratings-page">
      <h1>{t('myRatings.mineTitle')}</h1>
      <Loading load={load} text={t('mine.loading')} />
      <LoadFailed load={load} />
      {load.data && list.length === 0 && <p className="r-note">{t('myRatings.noneGiven')}</p>}
      <ul className="r-records">
        {list.map((g) => (
          <li key={g.id} className="r-card r-record" data-testid="my-rating">
            <h2>
              {t(`myRatings.kinds.${g.subjectType}`)} {g.number}
            </h2>
            <p className="r-note">{itemText(g, locale)}</p>
            <p className="r-status" data-testid="my-rating-level">
              {t(`rate.levels.l${levelKey(g.level)}`)}
              {g.kind === 'follow_up' ? ` · ${t('myRatings.followUp')}` : ''}
            </p>
            <p className="r-note">{chinaDay(g.ratedAt, locale)}</p>
            {g.comment && <p className="r-note">“{g.comment}”</p>}
            <TicketText g={g} />
          </li>
        ))}
      </ul>
      <PageLink to="/r/to-rate" navigate={navigate}>
        {t('myRatings.toRateTitle')}
      </PageLink>
    </div>
  );
}

function levelKey(level: number): 1 | 2 | 3 | 4 | 5 {
  return level <= 1 ? 1 : level >= 5 ? 5 : (level as 2 | 3 | 4);
}
