/**
 * GS-10 a resident's booking pages (loaded on demand, outside the light entry's first download):
 * /r/book — a station, a day, a free slot, confirm; /r/bookings — my bookings, cancel before the
 * cut-off. What may be done comes from the server's `availableActions`.
 */
import { useMemo, useState } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { BookItemPicker } from './BookItemPicker';
import {
  book,
  bookableStations,
  cancelBooking,
  datesBetween,
  daySlots,
  myBookings,
  type Booking,
} from './appointments-api';
import { chinaDay, chinaWindow } from './format';
import { LoadFailed, Loading, PageLink } from './guardian-parts';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { useLoad } from './use-load';

export function BookPage({ navigate }: { navigate: (to: string) => void }) {
  const { t, locale } = useLocale();
  const stations = useLoad((signal) => bookableStations(signal));
  const [stationId, setStationId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [itemCode, setItemCode] = useState<string | null>(null);
  const station = stations.data?.find((s) => s.id === stationId) ?? stations.data?.[0] ?? null;
  const slots = useLoad((signal) =>
    station && date ? daySlots(station.id, date, itemCode, signal) : Promise.resolve(null),
  );
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const booking = useAction(async () => {
    if (!station || !date || !start) return;
    const body = { stationId: station.id, date, start, ...(itemCode ? { itemCode } : {}) };
    await book(body, keeper.keyFor(body));
    keeper.reset();
    navigate('/r/bookings?booked=1');
  });
  const pickDate = (d: string) => {
    setDate(d);
    setStart(null);
    setTimeout(slots.reload, 0);
  };
  const pickItem = (code: string | null) => {
    setItemCode(code);
    setStart(null);
    setTimeout(slots.reload, 0);
  };
  return (
    <div className="r-page" data-testid="book-page">
      <h1>{t('book.title')}</h1>
      <p className="r-subtitle">{t('book.subtitle')}</p>
      <Loading load={stations} text={t('mine.loading')} />
      <LoadFailed load={stations} />
      {stations.data?.length === 0 && <p className="r-note">{t('book.noStations')}</p>}
      {station && (
        <form
          className="r-form"
          data-testid="book-form"
          onSubmit={(e) => {
            e.preventDefault();
            void booking.run();
          }}
        >
          <label className="r-field">
            <span>{t('book.station')}</span>
            <select
              data-testid="book-station"
              value={station.id}
              onChange={(e) => {
                setStationId(e.currentTarget.value);
                setDate(null);
                setStart(null);
              }}
            >
              {stations.data!.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <BookItemPicker value={itemCode} onChange={pickItem} />
          <fieldset className="r-options">
            <legend>{t('book.day')}</legend>
            {datesBetween(station.from, station.to).map((d) => (
              <label key={d} className="r-option">
                <input
                  type="radio"
                  name="day"
                  data-testid={`book-day-${d}`}
                  checked={date === d}
                  onChange={() => pickDate(d)}
                />
                {chinaDay(d, locale)}
              </label>
            ))}
          </fieldset>
          {date && slots.data && (
            <fieldset className="r-options" data-testid="book-slots" data-date={slots.data.date}>
              <legend>{t('book.time')}</legend>
              {itemCode && (
                <p className="r-help" data-testid="book-minutes">
                  {t('book.minutes', { n: slots.data.minutes })}
                </p>
              )}
              {slots.data.slots.length === 0 && <p className="r-note">{t('book.closed')}</p>}
              {slots.data.slots.map((s) => (
                <label key={s.start} className="r-option">
                  <input
                    type="radio"
                    name="slot"
                    data-testid={`book-slot-${s.start}`}
                    disabled={s.free <= 0}
                    checked={start === s.start}
                    onChange={() => setStart(s.start)}
                  />
                  {s.start}–{s.end}{' '}
                  <span className="r-help">
                    {s.free > 0 ? t('book.free', { n: s.free }) : t('book.full')}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {booking.error !== null && (
            <p className="r-alert r-alert-error" role="alert" data-testid="book-error">
              {problemText(t, booking.error)}
            </p>
          )}
          <div className="r-actions">
            <button
              type="submit"
              className="r-submit"
              data-testid="book-submit"
              disabled={!start || booking.busy}
            >
              {booking.busy ? t('book.booking') : t('book.confirm')}
            </button>
          </div>
        </form>
      )}
      <PageLink to="/r/bookings" navigate={navigate}>
        {t('book.mine')}
      </PageLink>
    </div>
  );
}

function BookingCard(props: { b: Booking; onChanged: () => void }) {
  const { t, locale } = useLocale();
  const { b } = props;
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const cancelling = useAction(async () => {
    await cancelBooking(b.id, keeper.keyFor({ id: b.id }));
    props.onChanged();
  });
  return (
    <li className="r-card r-record" data-testid="booking" data-status={b.status}>
      <h3>{b.stationName}</h3>
      <p className="r-status" data-testid="booking-status">
        {t(`book.status.${b.status}`)}
        {b.ticketLabel && ` · ${b.ticketLabel}`}
      </p>
      <dl className="r-facts">
        <div>
          <dt>{t('book.when')}</dt>
          <dd data-testid="booking-when">
            {chinaDay(b.startsAt, locale)} {b.start}–{b.end}
          </dd>
        </div>
        {b.availableActions.includes('cancel') && (
          <div>
            <dt>{t('book.cancelUntil')}</dt>
            <dd>{chinaWindow(b.cancelUntil, null, locale)}</dd>
          </div>
        )}
      </dl>
      {cancelling.error !== null && (
        <p className="r-alert r-alert-error" role="alert">
          {problemText(t, cancelling.error)}
        </p>
      )}
      {b.availableActions.includes('cancel') && (
        <div className="r-actions">
          <button
            type="button"
            className="r-secondary"
            data-testid="booking-cancel"
            disabled={cancelling.busy}
            onClick={() => void cancelling.run()}
          >
            {t('book.cancel')}
          </button>
        </div>
      )}
    </li>
  );
}

export function BookingsPage({ navigate }: { navigate: (to: string) => void }) {
  const { t } = useLocale();
  const list = useLoad((signal) => myBookings(signal));
  const justBooked = window.location.search.includes('booked=1');
  return (
    <div className="r-page" data-testid="bookings-page">
      <h1>{t('book.mineTitle')}</h1>
      {justBooked && (
        <p className="r-alert r-alert-good" role="status" data-testid="booked-ok">
          {t('book.booked')}
        </p>
      )}
      <Loading load={list} text={t('mine.loading')} />
      <LoadFailed load={list} />
      {list.data?.length === 0 && <p className="r-note">{t('book.none')}</p>}
      <ul className="r-records" data-testid="bookings" data-count={list.data?.length ?? -1}>
        {list.data?.map((b) => (
          <BookingCard key={b.id} b={b} onChanged={list.reload} />
        ))}
      </ul>
      <PageLink to="/r/book" navigate={navigate}>
        {t('book.another')}
      </PageLink>
    </div>
  );
}
