import { App, Button, Card, Empty, Input, Modal, Select, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  acceptOrder,
  completeOrder,
  declineOrder,
  DECLINE_REASONS,
  grabOrder,
  teamInbox,
  type DeclineReason,
  type InboxItem,
} from '../../api/orders';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { StateTag, when, windowText } from './order-format';
import './orders.css';

type Box = InboxItem['box'];

/** The team inbox (VS-5): directed orders to accept or decline, open orders to grab, held ones. */
export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const inbox = useAsync((signal) => teamInbox(signal), 'inbox');
  const [box, setBox] = useState<Box>('directed');
  const [declining, setDeclining] = useState<InboxItem | null>(null);
  const [reason, setReason] = useState<DeclineReason>('no_capacity');
  const [note, setNote] = useState('');

  const action = useKeyedAction(async (work: () => Promise<unknown>) => {
    try {
      await work();
      void message.success(t('orders.board.done'));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      inbox.reload();
    }
  });
  const run = (key: string, work: () => Promise<unknown>) => void action.run(key, work);
  const count = (b: Box) => (inbox.data ?? []).filter((x) => x.box === b).length;
  const rows = (inbox.data ?? []).filter((x) => x.box === box);
  const teamOf = (o: InboxItem) => (o.myTeams.length === 1 ? o.myTeams[0]!.id : o.myTeams[0]?.id);

  return (
    <div className="page orders-page">
      <PageHeading title={t('orders.inbox.title')} subtitle={t('orders.inbox.subtitle')} />
      <Segmented
        size="large"
        block
        value={box}
        onChange={(v) => setBox(v)}
        options={(['directed', 'open', 'held', 'done'] as const).map((b) => ({
          value: b,
          label: `${t(`orders.inbox.box.${b}`)}${inbox.data ? ` ${count(b)}` : ''}`,
        }))}
      />
      {inbox.status === 'error' && <ErrorAlert error={inbox.error} onRetry={inbox.reload} />}
      {inbox.status === 'loading' && !inbox.data && <PageSpinner />}
      {inbox.data && rows.length === 0 && <Empty description={t('orders.inbox.empty')} />}
      <div className="orders-list">
        {rows.map((o) => (
          <Card key={o.id} className="orders-card" data-testid="inbox-item">
            <h2>{o.title}</h2>
            <div className="orders-actions">
              <StateTag t={t} state={o.state} />
              <Tag>{o.categoryName ?? o.categoryCode}</Tag>
              {o.escalationLevel > 0 && (
                <Tag color="red">{t('orders.board.escalated', { n: o.escalationLevel })}</Tag>
              )}
            </div>
            <div className="orders-facts">
              <span>
                {t('orders.fields.place')}：{o.regionName} · {o.place}
              </span>
              {windowText(o.wantedFrom, o.wantedTo) && (
                <span>
                  {t('orders.fields.wanted')}：{windowText(o.wantedFrom, o.wantedTo)}
                </span>
              )}
              {o.windowEndsAt && (
                <span>
                  {t('orders.inbox.answerBy')}：{when(o.windowEndsAt)}
                </span>
              )}
              <span style={{ whiteSpace: 'pre-wrap' }}>{o.description}</span>
              <span>
                {o.orderNumber} · {t('orders.inbox.people', { n: o.needCount })}
                {o.myTeams.length > 0 ? ` · ${o.myTeams.map((x) => x.name).join('、')}` : ''}
              </span>
            </div>
            {o.teamNeeds.map((n) =>
              n.contactVisible ? (
                <div key={n.id} className="orders-contact" data-testid="contact-visible">
                  {n.contactName} · <a href={`tel:${n.contactPhone ?? ''}`}>{n.contactPhone}</a> ·{' '}
                  {n.place}
                </div>
              ) : (
                <div key={n.id} className="orders-hidden" data-testid="contact-hidden">
                  {n.needNumber} · {t('orders.inbox.contactHidden')}
                </div>
              ),
            )}
            {/* The buttons are the actions the server would accept now (order.workflow.ts). */}
            <div className="orders-actions">
              {o.availableActions.includes('accept') && (
                <Button
                  type="primary"
                  size="large"
                  data-testid="inbox-accept"
                  loading={action.isBusy(`accept:${o.id}`)}
                  onClick={() => run(`accept:${o.id}`, () => acceptOrder(o.id, teamOf(o)))}
                >
                  {t('orders.inbox.accept')}
                </Button>
              )}
              {o.availableActions.includes('decline') && (
                <Button
                  size="large"
                  onClick={() => (setReason('no_capacity'), setNote(''), setDeclining(o))}
                >
                  {t('orders.inbox.decline')}
                </Button>
              )}
              {o.availableActions.includes('grab') && (
                <Button
                  type="primary"
                  size="large"
                  loading={action.isBusy(`grab:${o.id}`)}
                  onClick={() => run(`grab:${o.id}`, () => grabOrder(o.id, teamOf(o)))}
                  data-testid="grab"
                >
                  {t('orders.inbox.grab')}
                </Button>
              )}
              {o.availableActions.includes('start_service') && (
                <Link to={`/vs/activities?orderId=${o.id}`}>
                  <Button size="large" data-testid="inbox-new-activity">
                    {t('orders.inbox.newActivity')}
                  </Button>
                </Link>
              )}
              {o.availableActions.includes('complete') && (
                <Button
                  size="large"
                  data-testid="inbox-complete"
                  loading={action.isBusy(`complete:${o.id}`)}
                  onClick={() => run(`complete:${o.id}`, () => completeOrder(o.id))}
                >
                  {t('orders.inbox.complete')}
                </Button>
              )}
            </div>
          </Card>
        ))}
      </div>
      <Modal
        open={declining !== null}
        title={t('orders.inbox.decline')}
        okText={t('orders.confirm')}
        cancelText={t('orders.close')}
        okButtonProps={{ disabled: reason === 'other' && !note.trim() }}
        onCancel={() => setDeclining(null)}
        onOk={() => {
          const o = declining!;
          setDeclining(null);
          run(`decline:${o.id}`, () => declineOrder(o.id, reason, note.trim() || undefined));
        }}
      >
        <p>{t('orders.inbox.declineReason')}</p>
        <Select
          size="large"
          style={{ width: '100%', marginBottom: 12 }}
          value={reason}
          onChange={setReason}
          options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`orders.decline.${r}`) }))}
        />
        <Input.TextArea
          rows={2}
          maxLength={500}
          value={note}
          placeholder={t('orders.inbox.declineNote')}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </div>
  );
}
