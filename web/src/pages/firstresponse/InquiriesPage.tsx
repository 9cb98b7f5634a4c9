import { App, Button, Card, Form, Input, List, Modal, Radio, Segmented, Space, Tag } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItemSummary } from '../../api/case-types';
import {
  closeInquiry,
  createInquiry,
  pageInquiries,
  type Inquiry,
  type InquiryChannel,
  type NewInquiry,
} from '../../api/first-response';
import type { Resident } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ExportButton } from '../../components/ExportButton';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { OutboxPanel } from '../../offline/OutboxPanel';
import { submitOrQueue } from '../../offline/outbox-runtime';
import { useOutboxSent } from '../../offline/use-outbox';
import { useMe } from '../../session/session-context';
import { ItemPicker } from '../cases/workbench/ItemPicker';
import { ResidentLookup, type LookupResult } from '../residents/ResidentLookup';
import { HandoffButton } from './HandoffButton';

interface Values {
  channel: InquiryChannel;
  callerDescription?: string;
  question: string;
  answer: string;
}

function InquiryForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [lookup, setLookup] = useState<LookupResult | null>(null);
  const [item, setItem] = useState<CatalogItemSummary | null>(null);
  const keeper = useRef(createIdempotencyKeeper()).current;
  const me = useMe();
  const resident: Resident | null = lookup?.kind === 'found' ? lookup.resident : null;

  const save = useAction(async (body: NewInquiry) => {
    const key = keeper.keyFor(body);
    const outcome = await submitOrQueue({
      owner: me.id,
      item: {
        kind: 'inquiry',
        path: '/inquiries',
        body,
        idempotencyKey: key,
        label: body.question,
      },
      send: () => createInquiry(body, key),
    });
    keeper.reset();
    if (outcome.status === 'sent') void message.success(t('firstresponse.inquiries.saved'));
    else void message.warning(t('offline.queued'));
    form.resetFields();
    setLookup(null);
    setItem(null);
    onSaved();
  });

  const submit = (values: Values) => {
    const caller = values.callerDescription?.trim();
    if (!resident && !caller) {
      form.setFields([
        { name: 'callerDescription', errors: [t('firstresponse.inquiries.needWho')] },
      ]);
      return;
    }
    const body: NewInquiry = {
      channel: values.channel,
      question: values.question.trim(),
      answer: values.answer.trim(),
      ...(resident ? { residentId: resident.id } : {}),
      ...(caller ? { callerDescription: caller } : {}),
      ...(item ? { itemCode: item.code } : {}),
    };
    void save.run(body);
  };

  return (
    <Card title={<h2>{t('firstresponse.inquiries.form')}</h2>}>
      <ResidentLookup onResult={setLookup} />
      {lookup && (
        <p data-testid="inquiry-resident">
          {lookup.kind === 'found'
            ? t('firstresponse.inquiries.residentFound', {
                name: lookup.resident.fullName,
                id: lookup.resident.idMasked,
              })
            : t('firstresponse.inquiries.residentNotFound')}{' '}
          <Button type="link" size="small" onClick={() => setLookup(null)}>
            {t('firstresponse.inquiries.clearResident')}
          </Button>
        </p>
      )}
      {save.error !== null && <ErrorAlert error={save.error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'walk_in' }}
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item name="channel" label={t('firstresponse.inquiries.channel')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'walk_in', label: t('firstresponse.channel.walk_in') },
              { value: 'phone', label: t('firstresponse.channel.phone') },
            ]}
          />
        </Form.Item>
        {!resident && (
          <Form.Item
            name="callerDescription"
            label={t('firstresponse.inquiries.caller')}
            extra={t('firstresponse.inquiries.callerHelp')}
          >
            <Input maxLength={200} data-testid="inquiry-caller" />
          </Form.Item>
        )}
        <Form.Item
          name="question"
          label={t('firstresponse.inquiries.question')}
          rules={[
            { required: true, whitespace: true, message: t('firstresponse.inquiries.question') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid="inquiry-question" />
        </Form.Item>
        <Form.Item label={t('firstresponse.inquiries.item')} htmlFor="inquiry-item">
          <ItemPicker id="inquiry-item" value={item} onChange={setItem} />
        </Form.Item>
        <Form.Item
          name="answer"
          label={t('firstresponse.inquiries.answer')}
          rules={[
            { required: true, whitespace: true, message: t('firstresponse.inquiries.answer') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="inquiry-answer" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.busy} data-testid="inquiry-submit">
          {t('firstresponse.inquiries.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function InquiryRow({ inquiry, onChanged }: { inquiry: Inquiry; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const who = inquiry.resident
    ? `${inquiry.resident.fullName} ${inquiry.resident.idMasked}`
    : (inquiry.callerDescription ?? '');

  const close = () => {
    let note = '';
    void modal.confirm({
      title: t('firstresponse.inquiries.close'),
      content: (
        <Input.TextArea
          data-testid="inquiry-close-note"
          aria-label={t('firstresponse.inquiries.closeNote')}
          placeholder={t('firstresponse.inquiries.closeNote')}
          maxLength={1000}
          onChange={(e) => {
            note = e.target.value;
          }}
        />
      ),
      onOk: () =>
        closeInquiry(inquiry.id, note.trim() || undefined).then(
          () => {
            void message.success(t('firstresponse.inquiries.closedOk'));
            onChanged();
          },
          (e: unknown) => {
            Modal.error({ title: e instanceof Error ? e.message : String(e) });
          },
        ),
    });
  };

  return (
    <List.Item
      data-testid="inquiry-row"
      data-status={inquiry.status}
      actions={
        inquiry.status === 'open'
          ? [
              <HandoffButton
                key="handoff"
                entityType="inquiry"
                entityId={inquiry.id}
                onDone={onChanged}
              />,
              <Button key="close" onClick={close} data-testid="inquiry-close">
                {t('firstresponse.inquiries.close')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag>{t(`firstresponse.channel.${inquiry.channel}`)}</Tag>
            <span>{inquiry.question}</span>
            <Tag color={inquiry.status === 'open' ? 'blue' : 'default'}>
              {t(`firstresponse.inquiries.${inquiry.status === 'open' ? 'open' : 'closed'}`)}
            </Tag>
          </Space>
        }
        description={
          <>
            <div>{inquiry.answer}</div>
            <div className="muted">
              {who} · {inquiry.itemCode ? `${inquiry.itemCode} · ` : ''}
              {inquiry.station.name} · {t('firstresponse.inquiries.firstResponder')}:{' '}
              {inquiry.firstResponder.displayName} ·{' '}
              {new Date(inquiry.createdAt).toLocaleString(i18n.language)}
            </div>
          </>
        }
      />
    </List.Item>
  );
}

const PAGE_SIZE = 20;

/** One selection (mine / ours) paged by cursor; `refresh` reloads the page shown. */
function InquiryList({ mine, refresh }: { mine: boolean; refresh: number }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageInquiries({ mine, limit: PAGE_SIZE, after: pages.after }, signal),
    `${mine}|${pages.after ?? ''}|${refresh}`,
  );
  return (
    <>
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <List
        data-testid="inquiry-list"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('firstresponse.inquiries.empty') }}
        rowKey="id"
        renderItem={(inquiry) => <InquiryRow inquiry={inquiry} onChanged={list.reload} />}
      />
      {list.data && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="inquiry-pager"
        />
      )}
    </>
  );
}

/**
 * 咨询登记: log a walk-in or phone inquiry, and the list of mine / ours, paged by cursor
 * (issue #16 p5); the list is keyed by its filter, so a new filter starts at page one.
 */
export default function InquiriesPage() {
  const { t } = useTranslation();
  const [mine, setMine] = useState(true);
  const [refresh, setRefresh] = useState(0);
  const reload = useCallback(() => setRefresh((n) => n + 1), []);
  useOutboxSent('inquiry', reload);

  return (
    <div className="page">
      <PageHeading
        title={t('firstresponse.inquiries.title')}
        subtitle={t('firstresponse.inquiries.subtitle')}
        extra={<ExportButton listPath="/inquiries" filters={{ mine: String(mine) }} />}
      />
      <OutboxPanel />
      <InquiryForm onSaved={reload} />
      <Card
        title={<h2>{t('firstresponse.inquiries.list')}</h2>}
        extra={
          <Segmented<string>
            value={mine ? 'mine' : 'all'}
            onChange={(v) => setMine(v === 'mine')}
            options={[
              { value: 'mine', label: t('firstresponse.inquiries.list') },
              { value: 'all', label: t('firstresponse.inquiries.listAll') },
            ]}
          />
        }
      >
        <InquiryList key={String(mine)} mine={mine} refresh={refresh} />
      </Card>
    </div>
  );
}
