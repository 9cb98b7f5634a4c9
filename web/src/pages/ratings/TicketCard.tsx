import { Button, Card, DatePicker, Descriptions, Input, Radio, Space, Switch, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketStep, type Ticket, type TicketStep } from '../../api/ratings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';

type Action = Ticket['availableActions'][number];

/**
 * One rectification ticket: what the resident said (never who, for the rated staff member), the
 * due dates, the steps taken, and a form for the next step — only the steps the server offers.
 */
export function TicketCard({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [classification, setClassification] = useState<'fix_now' | 'fix_by_date' | 'explain'>(
    'fix_now',
  );
  const [fixDue, setFixDue] = useState<Dayjs | null>(null);
  const [complex, setComplex] = useState(false);
  const [satisfied, setSatisfied] = useState(true);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const step = useAction(async (action: Action) => {
    const body: TicketStep = { action, version: ticket.version };
    if (action === 'call_back' || action === 'classify') body.note = note;
    if (action === 'classify') {
      body.classification = classification;
      body.complex = complex;
      if (classification === 'fix_by_date' && fixDue) body.fixDueDate = fixDue.format('YYYY-MM-DD');
    }
    if (action === 'rectify' || action === 'explain') body.outcome = note;
    if (action === 'record_reply') {
      body.reply = note;
      body.satisfied = satisfied;
    }
    await ticketStep(ticket.id, body, keeper.keyFor(body));
    keeper.reset();
    setNote('');
    onChanged();
  });
  const r = ticket.rating;
  const next = ticket.availableActions[0];
  return (
    <Card
      size="small"
      data-testid="ticket"
      data-ticket-state={ticket.state}
      data-case-number={r.number}
      title={
        <Space wrap>
          <span>{r.number}</span>
          <Tag color={r.level <= 1 ? 'red' : 'orange'}>
            {t(`ratings.levels.l${r.level}` as 'ratings.levels.l1')}
          </Tag>
          <Tag>{t(`ratings.ticketStates.${ticket.state}` as 'ratings.ticketStates.opened')}</Tag>
          {ticket.overdue && <Tag color="red">{t('ratings.overdue')}</Tag>}
        </Space>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('ratings.reasons')}>
          {r.reasons
            .map((x) => t(`ratings.reasonNames.${x}` as 'ratings.reasonNames.other'))
            .join('、')}
        </Descriptions.Item>
        {r.comment && (
          <Descriptions.Item label={t('ratings.comment')}>{r.comment}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('ratings.handler')}>
          {r.stationName} · {r.staffName ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ratings.rater')}>
          <span data-testid="ticket-rater">
            {r.rater ? `${r.rater.name} ${r.rater.phoneMasked ?? ''}` : t('ratings.raterHidden')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('ratings.due')}>
          {t('ratings.dueText', { callback: ticket.callbackDue, due: ticket.dueDate })}
        </Descriptions.Item>
        {ticket.callbackNote && (
          <Descriptions.Item label={t('ratings.steps.call_back')}>
            {ticket.callbackNote}
          </Descriptions.Item>
        )}
        {ticket.classification && (
          <Descriptions.Item label={t('ratings.steps.classify')}>
            {t(`ratings.classes.${ticket.classification}` as 'ratings.classes.fix_now')}
            {ticket.fixDueDate ? ` · ${ticket.fixDueDate}` : ''} {ticket.verifyNote}
          </Descriptions.Item>
        )}
        {ticket.outcome && (
          <Descriptions.Item label={t('ratings.outcome')}>{ticket.outcome}</Descriptions.Item>
        )}
        {ticket.residentReply && (
          <Descriptions.Item label={t('ratings.reply')}>
            {ticket.residentReply} ·{' '}
            {ticket.residentSatisfied
              ? t('ratings.replySatisfied')
              : t('ratings.replyNotSatisfied')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {next && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {next === 'classify' && (
            <>
              <Radio.Group
                value={classification}
                onChange={(e) => setClassification(e.target.value as typeof classification)}
                data-testid="ticket-classification"
              >
                {(['fix_now', 'fix_by_date', 'explain'] as const).map((c) => (
                  <Radio key={c} value={c} data-testid={`class-${c}`}>
                    {t(`ratings.classes.${c}`)}
                  </Radio>
                ))}
              </Radio.Group>
              {classification === 'fix_by_date' && (
                <DatePicker value={fixDue} onChange={setFixDue} aria-label={t('ratings.fixDue')} />
              )}
              <Space>
                <Switch checked={complex} onChange={setComplex} aria-label={t('ratings.complex')} />
                {t('ratings.complex')}
              </Space>
            </>
          )}
          {next === 'record_reply' && (
            <Radio.Group
              value={satisfied}
              onChange={(e) => setSatisfied(e.target.value as boolean)}
            >
              <Radio value>{t('ratings.replySatisfied')}</Radio>
              <Radio value={false}>{t('ratings.replyNotSatisfied')}</Radio>
            </Radio.Group>
          )}
          {next !== 'close' && (
            <Input.TextArea
              data-testid="ticket-note"
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t(`ratings.notes.${next}` as 'ratings.notes.call_back')}
            />
          )}
          {step.error !== null && <ErrorAlert error={step.error} />}
          <Space wrap>
            {ticket.availableActions.map((a) => (
              <Button
                key={a}
                type="primary"
                data-testid={`step-${a}`}
                loading={step.busy}
                onClick={() => void step.run(a)}
              >
                {t(`ratings.steps.${a}`)}
              </Button>
            ))}
          </Space>
        </Space>
      )}
    </Card>
  );
}
