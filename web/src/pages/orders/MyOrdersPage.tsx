import { Alert, App, Button, Card, Empty, Input, Rate, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { myNeeds, type MyNeed } from '../../api/orders';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { OutboxPanel } from '../../offline/OutboxPanel';
import { ratingItem } from '../../offline/outbox-items';
import { submitOrQueue } from '../../offline/outbox-runtime';
import { useOutbox, useOutboxSent } from '../../offline/use-outbox';
import { useCategories } from '../volunteers/use-categories';
import { NEED_COLOR, StateTag, Timeline, when, windowText } from './order-format';
import './orders.css';

function RateForm({ need, onDone }: { need: MyNeed; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [stars, setStars] = useState(5);
  const [comment, setComment] = useState('');
  // Issue #11 point 3: one key per rating; during a network cut it waits in the outbox.
  const keeper = useRef(createIdempotencyKeeper());
  const { owner, items } = useOutbox();
  const waiting = items.find((i) => i.subject === `rating:${need.id}` && i.state !== 'refused');
  const send = useAction(async () => {
    const item = ratingItem({
      needId: need.id,
      stars,
      comment,
      idempotencyKey: keeper.current.keyFor({ stars, comment }),
      label: `${need.projectName ?? need.categoryName ?? need.categoryCode} · ${need.needNumber}`,
    });
    try {
      const outcome = await submitOrQueue({ owner, item });
      keeper.current.reset();
      if (outcome.status === 'queued') return void message.warning(t('offline.rating.queued'));
      void message.success(t('orders.mine.thanks'));
      onDone();
    } catch (e) {
      keeper.current.reset();
      void message.error(errorText(t, e));
    }
  });
  if (waiting)
    return (
      <div className="orders-rate" data-testid="rate-waiting">
        <Tag color="processing">{t('offline.state.waiting')}</Tag>{' '}
        <span>{'★'.repeat((waiting.body as { stars: number }).stars)}</span>
      </div>
    );
  return (
    <div className="orders-rate">
      <strong>{t('orders.mine.rateTitle')}</strong>
      <div>
        <Rate
          allowClear={false}
          value={stars}
          onChange={setStars}
          aria-label={t('orders.mine.stars')}
        />
      </div>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        value={comment}
        placeholder={t('orders.mine.comment')}
        onChange={(e) => setComment(e.target.value)}
      />
      <Button
        type="primary"
        size="large"
        block
        data-testid="rate-submit"
        loading={send.busy}
        disabled={stars < 1}
        onClick={() => void send.run()}
        style={{ marginTop: 8 }}
      >
        {t('orders.mine.rateSubmit')}
      </Button>
    </div>
  );
}

/** "My orders" (VS-3/VS-7): each need with its status, the order's timeline and the rating form. */
export default function MyOrdersPage() {
  const { t } = useTranslation();
  const list = useAsync((signal) => myNeeds(signal), 'mine');
  useOutboxSent('rating', list.reload);
  // The category in the resident's language, never its code (issue #11).
  const categories = useCategories();
  return (
    <div className="page orders-page">
      <PageHeading
        title={t('orders.mine.title')}
        subtitle={t('orders.mine.subtitle')}
        extra={
          <Link to="/vs/order">
            <Button type="primary" size="large">
              {t('orders.mine.newOrder')}
            </Button>
          </Link>
        }
      />
      <OutboxPanel help="phone" />
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <PageSpinner />}
      {list.data?.length === 0 && <Empty description={t('orders.mine.empty')} />}
      <div className="orders-list">
        {(list.data ?? []).map((n) => (
          <Card key={n.id} className="orders-card" data-testid="my-need">
            <h2>
              {n.projectName ??
                (categories.byCode.has(n.categoryCode)
                  ? categories.nameOf(n.categoryCode)
                  : (n.categoryName ?? ''))}
            </h2>
            <div className="orders-actions">
              <Tag color={NEED_COLOR[n.status]}>{t(`orders.needStatus.${n.status}`)}</Tag>
              {n.order && <StateTag t={t} state={n.order.state} />}
              {n.rating && <Tag color="gold">{'★'.repeat(n.rating.stars)}</Tag>}
            </div>
            <div className="orders-facts">
              <span>{n.description}</span>
              <span>
                {t('orders.fields.place')}：{n.place}
              </span>
              {windowText(n.wantedFrom, n.wantedTo) && (
                <span>
                  {t('orders.fields.wanted')}：{windowText(n.wantedFrom, n.wantedTo)}
                </span>
              )}
              <span>
                {n.needNumber} · {when(n.createdAt)}
              </span>
            </div>
            {n.status === 'rejected' && (
              <Alert
                type="warning"
                showIcon
                message={t('orders.mine.rejected')}
                description={n.rejectReason}
              />
            )}
            {n.order && (
              <>
                <div className="orders-facts">
                  <span>
                    {t('orders.fields.order')}：{n.order.title}（{n.order.orderNumber}）
                  </span>
                  {n.order.teamName && (
                    <span>
                      {t('orders.fields.team')}：{n.order.teamName}
                    </span>
                  )}
                </div>
                <Timeline t={t} steps={n.order.timeline} />
              </>
            )}
            {n.availableActions.includes('rate') && <RateForm need={n} onDone={list.reload} />}
          </Card>
        ))}
      </div>
    </div>
  );
}
