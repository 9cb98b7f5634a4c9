/**
 * Issue #14 GS-10 a resident's home-visit pages (loaded on demand, outside the light entry's first
 * download): /r/visit — ask for a home visit (for oneself, or a relative asking on the account);
 * /r/visits — my visits: status, the day and window promised, and the structured records made on
 * them (what was measured or done), dates in China time.
 */
import { useMemo, useState } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { chinaDay, chinaToday, chinaWindow } from './format';
import { LoadFailed, Loading, PageLink } from './guardian-parts';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { useLoad } from './use-load';
import {
  cancelMyVisit,
  myVisits,
  requestVisit,
  type MyVisit,
  type MyVisitRequest,
} from './visits-api';

const REASONS = ['elderly', 'disabled', 'ill'] as const;

/** The next `n` China dates from tomorrow. */
function nextDays(n: number): string[] {
  const out: string[] = [];
  const d = new Date(`${chinaToday()}T00:00:00Z`);
  for (let i = 0; i < n; i++) {
    d.setUTCDate(d.getUTCDate() + 1);
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export function VisitRequestPage({ navigate }: { navigate: (to: string) => void }) {
  const { t, locale } = useLocale();
  const [who, setWho] = useState<'resident' | 'relative'>('resident');
  const [relation, setRelation] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('elderly');
  const [dates, setDates] = useState<string[]>([]);
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const days = useMemo(() => nextDays(7), []);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const sending = useAction(async () => {
    const body: MyVisitRequest = {
      requestedBy: who,
      reason,
      preferredDates: dates,
      ...(who === 'relative' && relation.trim() ? { requesterRelation: relation.trim() } : {}),
      ...(phone.trim() ? { contactPhone: phone.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    await requestVisit(body, keeper.keyFor(body));
    keeper.reset();
    navigate('/r/visits?asked=1');
  });
  const toggle = (d: string) =>
    setDates((xs) => (xs.includes(d) ? xs.filter((x) => x !== d) : [...xs, d]));
  return (
    <div className="r-page" data-testid="visit-request-page">
      <h1>{t('visits.askTitle')}</h1>
      <p className="r-subtitle">{t('visits.askSubtitle')}</p>
      <form
        className="r-form"
        data-testid="visit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void sending.run();
        }}
      >
        <fieldset className="r-options">
          <legend>{t('visits.who')}</legend>
          {(['resident', 'relative'] as const).map((w) => (
            <label key={w} className="r-option">
              <input
                type="radio"
                name="who"
                data-testid={`visit-who-${w}`}
                checked={who === w}
                onChange={() => setWho(w)}
              />
              {t(`visits.whoOptions.${w}`)}
            </label>
          ))}
        </fieldset>
        {who === 'relative' && (
          <label className="r-field">
            <span>{t('visits.relation')}</span>
            <input
              data-testid="visit-relation"
              maxLength={20}
              value={relation}
              onChange={(e) => setRelation(e.currentTarget.value)}
            />
          </label>
        )}
        <fieldset className="r-options">
          <legend>{t('visits.reason')}</legend>
          {REASONS.map((r) => (
            <label key={r} className="r-option">
              <input
                type="radio"
                name="reason"
                data-testid={`visit-reason-${r}`}
                checked={reason === r}
                onChange={() => setReason(r)}
              />
              {t(`visits.reasons.${r}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="r-options">
          <legend>{t('visits.dates')}</legend>
          {days.map((d) => (
            <label key={d} className="r-option">
              <input
                type="checkbox"
                data-testid={`visit-date-${d}`}
                checked={dates.includes(d)}
                onChange={() => toggle(d)}
              />
              {chinaDay(d, locale)}
            </label>
          ))}
        </fieldset>
        <label className="r-field">
          <span>{t('visits.phone')}</span>
          <input
            data-testid="visit-phone"
            inputMode="tel"
            autoComplete="tel"
            maxLength={11}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
          <span className="r-help">{t('visits.phoneHelp')}</span>
        </label>
        <label className="r-field">
          <span>{t('visits.note')}</span>
          <textarea
            data-testid="visit-note"
            maxLength={500}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        {sending.error !== null && (
          <p className="r-alert r-alert-error" role="alert" data-testid="visit-error">
            {problemText(t, sending.error)}
          </p>
        )}
        <div className="r-actions">
          <button
            type="submit"
            className="r-submit"
            data-testid="visit-submit"
            disabled={sending.busy}
          >
            {sending.busy ? t('visits.sending') : t('visits.send')}
          </button>
        </div>
      </form>
      <PageLink to="/r/visits" navigate={navigate}>
        {t('visits.mine')}
      </PageLink>
    </div>
  );
}

const FIELDS = ['glucose', 'glucoseTiming', 'medicationAdvice', 'notes'] as const;
const isTiming = (x: unknown): x is 'fasting' | 'post_meal' => x === 'fasting' || x === 'post_meal';

function RecordFacts({ record }: { record: MyVisit['records'][number] }) {
  const { t, locale } = useLocale();
  const v = record.values;
  return (
    <div className="r-visit-record" data-testid="visit-record">
      <h3>
        {t(`visits.templates.${record.template}`)} · {chinaWindow(record.createdAt, null, locale)}
      </h3>
      <dl className="r-facts">
        {v.systolic !== undefined && (
          <div>
            <dt>{t('visits.fields.bloodPressure')}</dt>
            <dd data-testid="visit-bp">
              {v.systolic}/{v.diastolic} mmHg
            </dd>
          </div>
        )}
        {FIELDS.filter((f) => v[f] !== undefined).map((f) => (
          <div key={f}>
            <dt>{t(`visits.fields.${f}`)}</dt>
            <dd>
              {f === 'glucoseTiming'
                ? isTiming(v[f])
                  ? t(`visits.timing.${v[f]}`)
                  : v[f]
                : f === 'glucose'
                  ? `${v[f]} mmol/L`
                  : v[f]}
            </dd>
          </div>
        ))}
      </dl>
      {record.flags.length > 0 && (
        <p className="r-alert r-alert-warn" data-testid="visit-flags">
          {record.flags.map((f) => t(`visits.flags.${f}`)).join('；')}
        </p>
      )}
    </div>
  );
}

/** Cancel before the visit starts: offered by the transition table, with a reason for the station. */
function CancelVisit({ v, onDone }: { v: MyVisit; onDone: () => void }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const cancelling = useAction(async () => {
    const body = { id: v.id, reason: reason.trim() };
    await cancelMyVisit(v.id, body.reason, keeper.keyFor(body));
    keeper.reset();
    setOpen(false);
    onDone();
  });
  if (!v.availableActions.includes('cancel')) return null;
  if (!open)
    return (
      <div className="r-actions">
        <button
          type="button"
          className="r-secondary"
          onClick={() => setOpen(true)}
          data-testid="visit-cancel-open"
        >
          {t('visits.cancel')}
        </button>
      </div>
    );
  return (
    <form
      className="r-form"
      onSubmit={(e) => {
        e.preventDefault();
        void cancelling.run();
      }}
    >
      <label className="r-field">
        <span>{t('visits.cancelReason')}</span>
        <input
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="visit-cancel-reason"
        />
      </label>
      {cancelling.error !== null && (
        <p className="r-alert r-alert-error" role="alert" data-testid="visit-cancel-error">
          {problemText(t, cancelling.error)}
        </p>
      )}
      <div className="r-actions">
        <button
          type="submit"
          className="r-submit r-danger"
          disabled={cancelling.busy || reason.trim().length < 2}
          data-testid="visit-cancel-submit"
        >
          {t('visits.cancelConfirm')}
        </button>
        <button type="button" className="r-secondary" onClick={() => setOpen(false)}>
          {t('visits.cancelKeep')}
        </button>
      </div>
    </form>
  );
}

function VisitCard({ v, onChanged }: { v: MyVisit; onChanged: () => void }) {
  const { t, locale } = useLocale();
  return (
    <li className="r-card r-record" data-testid="visit" data-status={v.status}>
      <h2>{v.stationName}</h2>
      <p className="r-status" data-testid="visit-status">
        {t(`visits.status.${v.status}`)}
      </p>
      <dl className="r-facts">
        <div>
          <dt>{t('visits.reason')}</dt>
          <dd>{t(`visits.reasons.${v.reason}`)}</dd>
        </div>
        {v.day && v.window && (
          <div>
            <dt>{t('visits.when')}</dt>
            <dd data-testid="visit-when">
              {chinaDay(v.day, locale)} {v.window.from}–{v.window.to}
            </dd>
          </div>
        )}
        {v.visitedAt && (
          <div>
            <dt>{t('visits.visitedAt')}</dt>
            <dd>{chinaWindow(v.visitedAt, null, locale)}</dd>
          </div>
        )}
        <div>
          <dt>{t('visits.askedAt')}</dt>
          <dd>{chinaWindow(v.createdAt, null, locale)}</dd>
        </div>
        {v.status === 'cancelled' && v.outcomeNote && (
          <div>
            <dt>{t('visits.cancelledWhy')}</dt>
            <dd data-testid="visit-cancelled-why">{v.outcomeNote}</dd>
          </div>
        )}
      </dl>
      {v.records.map((r) => (
        <RecordFacts key={r.id} record={r} />
      ))}
      <CancelVisit v={v} onDone={onChanged} />
    </li>
  );
}

export function VisitsPage({ navigate }: { navigate: (to: string) => void }) {
  const { t } = useLocale();
  const list = useLoad((signal) => myVisits(signal));
  const asked = window.location.search.includes('asked=1');
  return (
    <div className="r-page" data-testid="visits-page">
      <h1>{t('visits.mineTitle')}</h1>
      {asked && (
        <p className="r-alert r-alert-good" role="status" data-testid="visit-asked">
          {t('visits.asked')}
        </p>
      )}
      <Loading load={list} text={t('mine.loading')} />
      <LoadFailed load={list} />
      {list.data?.length === 0 && <p className="r-note">{t('visits.none')}</p>}
      <ul className="r-records" data-testid="visits" data-count={list.data?.length ?? -1}>
        {list.data?.map((v) => (
          <VisitCard key={v.id} v={v} onChanged={list.reload} />
        ))}
      </ul>
      <PageLink to="/r/visit" navigate={navigate}>
        {t('visits.askAnother')}
      </PageLink>
    </div>
  );
}
