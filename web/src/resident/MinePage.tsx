import { useMemo, useState, type FormEvent } from 'react';
import type { MyNeed } from '../api/orders';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { chinaDay, chinaWindow } from './format';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { myCases, myOrders, rateOrder, type MyCase } from './resident-api';
import { TONE_OF_CASE, MARK } from './tone';
import { useLoad, type Load } from './use-load';

function CaseCard({ c }: { c: MyCase }) {
  const { t, locale } = useLocale();
  const tone = c.state === 'decided' && c.result === 'not_approved' ? 'act' : TONE_OF_CASE[c.state];
  const words =
    c.state === 'decided' && c.result
      ? t(`track.words.decided_${c.result}`)
      : t(`track.words.${c.state}`);
  const open = c.openRequests.filter((r) => r.blocking);
  return (
    <li className="r-card r-record" data-testid="mine-case" data-state={c.state}>
      <h3>{locale === 'en' ? c.item.en || c.item.zh : c.item.zh}</h3>
      <p className={`r-status r-status-${tone}`}>
        <span className="r-mark" aria-hidden="true">
          {MARK[tone]}
        </span>
        <span>{words}</span>
      </p>
      <dl className="r-facts">
        <div>
          <dt>{t('mine.number')}</dt>
          <dd className="r-mono">{c.number}</dd>
        </div>
        <div>
          <dt>{t('mine.station')}</dt>
          <dd>{c.station}</dd>
        </div>
        <div>
          <dt>{t('mine.due')}</dt>
          <dd>{c.dueDate ? chinaDay(c.dueDate, locale) : t('mine.noDue')}</dd>
        </div>
      </dl>
      {open.length > 0 && (
        <div className="r-missing">
          <h4>{t('mine.open')}</h4>
          <ol>
            {open.map((r) => (
              <li key={r.name.zh}>
                {locale === 'en' ? r.name.en : r.name.zh}
                {r.reason ? t('mine.openReason', { reason: r.reason }) : ''}
              </li>
            ))}
          </ol>
        </div>
      )}
    </li>
  );
}

function RateForm({ need, onDone }: { need: MyNeed; onDone: () => void }) {
  const { t } = useLocale();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const rate = useAction(async (body: { stars: number; comment: string }) => {
    await rateOrder(need.id, body.stars, body.comment, keeper.keyFor(body));
    onDone();
  });
  const { busy, error } = rate;
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (stars < 1) return;
    void rate.run({ stars, comment });
  };
  return (
    <form className="r-rate" onSubmit={send} data-testid="mine-rate">
      <fieldset>
        <legend>{t('mine.rateTitle')}</legend>
        <div className="r-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={n <= stars ? 'r-star r-star-on' : 'r-star'}>
              <input
                type="radio"
                name={`stars-${need.id}`}
                value={n}
                checked={stars === n}
                onChange={() => setStars(n)}
                aria-label={t('mine.star', { n })}
              />
              <span aria-hidden="true">{n <= stars ? '★' : '☆'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="r-field">
        <span className="r-label">{t('mine.comment')}</span>
        <textarea
          rows={2}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
      </label>
      {error !== null && (
        <p className="r-alert r-alert-error" role="alert">
          {problemText(t, error)}
        </p>
      )}
      <button
        type="submit"
        className="r-submit"
        data-testid="mine-rate-submit"
        disabled={busy || stars < 1}
      >
        {busy ? t('mine.rateBusy') : t('mine.rateSubmit')}
      </button>
    </form>
  );
}

function OrderCard({ n, reload }: { n: MyNeed; reload: () => void }) {
  const { t, locale } = useLocale();
  const [thanked, setThanked] = useState(false);
  const wanted = chinaWindow(n.wantedFrom, n.wantedTo, locale);
  const tone =
    n.status === 'rejected' || n.order?.state === 'cancelled'
      ? 'act'
      : n.order?.state === 'completed'
        ? 'good'
        : 'wait';
  const words = n.order ? t(`mine.state.${n.order.state}`) : t(`mine.needStatus.${n.status}`);
  return (
    <li className="r-card r-record" data-testid="mine-order" data-status={n.status}>
      <h3>{n.projectName ?? n.categoryName ?? n.categoryCode}</h3>
      <p className={`r-status r-status-${tone}`} data-testid="mine-order-state">
        <span className="r-mark" aria-hidden="true">
          {MARK[tone]}
        </span>
        <span>{words}</span>
      </p>
      <p className="r-next">{n.description}</p>
      <dl className="r-facts">
        <div>
          <dt>{t('mine.number')}</dt>
          <dd className="r-mono">{n.needNumber}</dd>
        </div>
        <div>
          <dt>{t('mine.place')}</dt>
          <dd>{n.place}</dd>
        </div>
        {wanted && (
          <div>
            <dt>{t('mine.wanted')}</dt>
            <dd data-testid="mine-order-wanted">{wanted}</dd>
          </div>
        )}
        {n.order?.teamName && (
          <div>
            <dt>{t('mine.team')}</dt>
            <dd>{n.order.teamName}</dd>
          </div>
        )}
      </dl>
      {n.status === 'rejected' && n.rejectReason && (
        <p className="r-alert r-alert-warn">{t('mine.rejected', { reason: n.rejectReason })}</p>
      )}
      {n.rating && (
        <p className="r-note" data-testid="mine-rated">
          {t('mine.rated', { stars: n.rating.stars })} {'★'.repeat(n.rating.stars)}
        </p>
      )}
      {thanked && (
        <p className="r-alert r-alert-good" role="status">
          {t('mine.thanks')}
        </p>
      )}
      {/* The server's answer to "may I rate it now?" (order.workflow.ts, VS-7). */}
      {n.availableActions.includes('rate') && (
        <RateForm
          need={n}
          onDone={() => {
            setThanked(true);
            reload();
          }}
        />
      )}
    </li>
  );
}

/** 我的记录: my cases (as an applicant) and my orders (点单), newest first, in China time. */
export function MinePage({ navigate }: { navigate: (to: string) => void }) {
  const { t } = useLocale();
  const cases = useLoad(myCases);
  const orders = useLoad(myOrders);
  const failed = (load: Load<unknown>) =>
    load.error !== null && (
      <div className="r-alert r-alert-error" role="alert">
        {problemText(t, load.error)}{' '}
        <button type="button" className="r-link" onClick={load.reload}>
          {t('mine.retry')}
        </button>
      </div>
    );
  const loading = (load: Load<unknown>) =>
    load.data === null &&
    load.error === null && (
      <p className="r-note" role="status">
        {t('mine.loading')}
      </p>
    );
  return (
    <div className="r-page">
      <h1>{t('mine.title')}</h1>
      <p className="r-subtitle">{t('mine.subtitle')}</p>
      <section aria-labelledby="mine-orders" className="r-section">
        <div className="r-section-head">
          <h2 id="mine-orders">{t('mine.orders')}</h2>
          <a
            href="/r/order"
            className="r-link"
            onClick={(e) => {
              e.preventDefault();
              navigate('/r/order');
            }}
          >
            {t('mine.newOrder')}
          </a>
        </div>
        {failed(orders)}
        {loading(orders)}
        {orders.data?.length === 0 && <p className="r-note">{t('mine.ordersEmpty')}</p>}
        <ul className="r-records">
          {(orders.data ?? []).map((n) => (
            <OrderCard key={n.id} n={n} reload={orders.reload} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="mine-cases" className="r-section">
        <h2 id="mine-cases">{t('mine.cases')}</h2>
        {failed(cases)}
        {loading(cases)}
        {cases.data && !cases.data.linked && <p className="r-note">{t('mine.notLinked')}</p>}
        {cases.data?.linked && cases.data.cases.length === 0 && (
          <p className="r-note">{t('mine.casesEmpty')}</p>
        )}
        <ul className="r-records">
          {(cases.data?.cases ?? []).map((c) => (
            <CaseCard key={c.number} c={c} />
          ))}
        </ul>
      </section>
    </div>
  );
}
