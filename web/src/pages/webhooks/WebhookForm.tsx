import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createWebhookSubscriber,
  listWebhookEvents,
  type NewWebhookSubscriber,
} from '../../api/webhooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { RegionScopePicker } from '../accounts/ScopePicker';
import { eventLabel } from '../messages/message-labels';
import './webhooks.css';

interface Values {
  name: string;
  regionCode: string;
  url: string;
  events: NewWebhookSubscriber['events'];
}

/** Registers a receiver: name, town, URL and the events it wants (the list comes from the server). */
export function WebhookForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const events = useAsync((signal) => listWebhookEvents(signal), 'events');
  const keeper = useRef(createIdempotencyKeeper()).current;
  const create = useAction(async (v: Values) => {
    const body = {
      name: v.name.trim(),
      regionCode: v.regionCode,
      url: v.url.trim(),
      events: v.events,
    };
    const answer = await createWebhookSubscriber(body, keeper.keyFor(body));
    keeper.reset();
    form.resetFields();
    onCreated(answer.name, answer.secret);
  });
  return (
    <Form<Values>
      form={form}
      layout="inline"
      className="accounts-filters"
      aria-label={t('messages.webhooks.add')}
      onFinish={(v) => void create.run(v)}
      data-testid="webhook-form"
    >
      <Form.Item
        name="name"
        label={t('messages.webhooks.name')}
        rules={[{ required: true, max: 100 }]}
      >
        <Input placeholder={t('messages.webhooks.namePlaceholder')} data-testid="webhook-name" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('messages.webhooks.town')} rules={[{ required: true }]}>
        <RegionScopePicker
          testId="webhook-town"
          label={t('messages.webhooks.town')}
          levels={['town']}
          onChange={(code) => form.setFieldsValue({ regionCode: code })}
        />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('messages.webhooks.url')}
        rules={[{ required: true, max: 500, pattern: /^https?:\/\/\S+$/ }]}
      >
        <Input
          placeholder={t('messages.webhooks.urlPlaceholder')}
          inputMode="url"
          data-testid="webhook-url"
        />
      </Form.Item>
      <Form.Item name="events" label={t('messages.webhooks.events')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          aria-label={t('messages.webhooks.events')}
          className="scope-picker webhook-events"
          loading={events.status === 'loading'}
          options={(events.data?.events ?? []).map((e) => ({ value: e, label: eventLabel(t, e) }))}
          data-testid="webhook-events"
        />
      </Form.Item>
      <Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined aria-hidden />}
          loading={create.busy}
          data-testid="webhook-create"
        >
          {t('messages.webhooks.add')}
        </Button>
      </Form.Item>
      {create.error !== null && <ErrorAlert error={create.error} />}
      {events.status === 'error' && <ErrorAlert error={events.error} onRetry={events.reload} />}
    </Form>
  );
}
