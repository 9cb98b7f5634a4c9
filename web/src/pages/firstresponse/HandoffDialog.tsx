import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createHandoff,
  listColleagues,
  type HandoffReceiver,
  type MatterType,
} from '../../api/first-response';
import { listPosts } from '../../api/posts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';

export interface HandoffTarget {
  to: 'person' | 'post';
  toAccountId?: string | undefined;
  toPostId?: string | undefined;
  reason?: string | undefined;
}

interface Values {
  to: 'person' | 'post';
  toAccountId?: string;
  toPostId?: string;
  reason: string;
  dueDays: number;
}

export interface Option {
  value: string;
  label: string;
}

/** GS-11: the posts a matter can be addressed to (empty for staff who cannot read posts). */
async function knownPosts(signal: AbortSignal): Promise<Option[]> {
  try {
    return (await listPosts(undefined, signal)).map((p) => ({
      value: p.id,
      label: `${p.name} · ${p.stationName}`,
    }));
  } catch {
    return [];
  }
}

/** Adds options the caller knows of (e.g. a refusal's competent posts) that the list lacks. */
function merged(listed: Option[] | undefined, extra: readonly Option[]): Option[] {
  const byId = new Map((listed ?? []).map((o) => [o.value, o]));
  for (const o of extra) byId.set(o.value, o);
  // The caller's options (the competent ones) first.
  const first = extra.map((o) => byId.get(o.value)!);
  return [...first, ...(listed ?? []).filter((o) => !extra.some((e) => e.value === o.value))];
}

/** How the dialog sends: hands an existing matter on, or delivers the receiver to one request. */
export type HandoffSend =
  | { matter: () => Promise<{ entityType: MatterType; entityId: string }> }
  /** Issue #14: the refusal flow records the matter and hands it on in one request (one transaction). */
  | { deliver: (receiver: HandoffReceiver, idempotencyKey: string) => Promise<unknown> };

/**
 * The 转办 dialog for a case or an inquiry (GS-4; posts GS-11). `send.matter` resolves the matter
 * when the clerk sends; `send.deliver` instead sends the receiver in one request that records the
 * matter too (the refusal flow). `initial` prefills the receiver; `people` / `posts` put the
 * caller's suggestions at the top of the lists.
 */
export function HandoffDialog({
  open,
  onClose,
  send: how,
  initial,
  people = [],
  posts: suggestedPosts = [],
  intro,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  send: HandoffSend;
  initial?: HandoffTarget | undefined;
  people?: readonly Option[];
  posts?: readonly Option[];
  intro?: ReactNode;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const keeper = useRef(createIdempotencyKeeper()).current;
  const colleagues = useAsync(
    async (signal) =>
      open
        ? (await listColleagues(signal)).map((p) => ({
            value: p.id,
            label: p.stationName ? `${p.displayName} · ${p.stationName}` : p.displayName,
          }))
        : [],
    open ? 'open' : 'closed',
  );
  const posts = useAsync(
    (signal) => (open ? knownPosts(signal) : Promise.resolve([])),
    open ? 'open' : 'closed',
  );
  const to = Form.useWatch('to', form) ?? initial?.to ?? 'person';
  const personOptions = useMemo(() => merged(colleagues.data, people), [colleagues.data, people]);
  const postOptions = useMemo(
    () => merged(posts.data, suggestedPosts),
    [posts.data, suggestedPosts],
  );

  const send = useAction(async (values: Values) => {
    const { to: mode, toAccountId, toPostId, ...rest } = values;
    const receiver = {
      ...rest,
      ...(mode === 'post' ? { toPostId } : { toAccountId }),
      reason: values.reason.trim(),
    };
    if ('deliver' in how) await how.deliver(receiver, keeper.keyFor(receiver));
    else {
      const body = { ...(await how.matter()), ...receiver };
      await createHandoff(body, keeper.keyFor(body));
    }
    keeper.reset();
    void message.success(t('firstresponse.handoff.sent'));
    onClose();
    form.resetFields();
    onDone?.();
  });

  return (
    <Modal
      open={open}
      title={t('firstresponse.handoff.title')}
      okText={t('firstresponse.handoff.submit')}
      confirmLoading={send.busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'handoff-submit' }}
      destroyOnHidden
    >
      {intro}
      {send.error !== null && <ErrorAlert error={send.error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ dueDays: 1, to: 'person', ...initial }}
        onFinish={(values) => void send.run(values)}
        requiredMark={false}
      >
        {postOptions.length > 0 && (
          <Form.Item name="to">
            <Radio.Group data-testid="handoff-to">
              <Radio value="person">{t('firstresponse.handoff.toPerson')}</Radio>
              <Radio value="post" data-testid="handoff-to-post">
                {t('firstresponse.handoff.toPost')}
              </Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {to === 'post' && (
          <Form.Item
            name="toPostId"
            label={t('firstresponse.handoff.post')}
            extra={t('firstresponse.handoff.postHelp')}
            rules={[{ required: true, message: t('firstresponse.handoff.post') }]}
          >
            <Select data-testid="handoff-post" options={postOptions} />
          </Form.Item>
        )}
        <Form.Item
          hidden={to === 'post'}
          name="toAccountId"
          label={t('firstresponse.handoff.receiver')}
          extra={
            personOptions.length === 0 && colleagues.status === 'success'
              ? t('firstresponse.handoff.noColleagues')
              : t('firstresponse.handoff.receiverHelp')
          }
          rules={[{ required: to !== 'post', message: t('firstresponse.handoff.receiver') }]}
        >
          <Select
            data-testid="handoff-receiver"
            showSearch={{ optionFilterProp: 'label' }}
            options={personOptions}
            loading={colleagues.status === 'loading'}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('firstresponse.handoff.reason')}
          extra={t('firstresponse.handoff.reasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('firstresponse.handoff.reason') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="handoff-reason" />
        </Form.Item>
        <Form.Item name="dueDays" label={t('firstresponse.handoff.dueDays')}>
          <InputNumber min={1} max={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
