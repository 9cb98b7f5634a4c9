import { SendOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createHandoff,
  listColleagues,
  type MatterType,
  type Person,
} from '../../api/first-response';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';

/** Staff in the user's reach who can take the matter (GET /api/v1/colleagues). */
async function knownColleagues(signal: AbortSignal): Promise<Person[]> {
  const people = await listColleagues(signal);
  return people.map((p) => ({
    id: p.id,
    displayName: p.stationName ? `${p.displayName} · ${p.stationName}` : p.displayName,
  }));
}

interface Values {
  toAccountId: string;
  reason: string;
  dueDays: number;
}

/** A "hand off" button and its dialog for a case or an inquiry. */
export function HandoffButton({
  entityType,
  entityId,
  onDone,
}: {
  entityType: MatterType;
  entityId: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const keeper = useRef(createIdempotencyKeeper()).current;
  const colleagues = useAsync(
    (signal) => (open ? knownColleagues(signal) : Promise.resolve([])),
    open ? 'open' : 'closed',
  );
  const options = useMemo(
    () => (colleagues.data ?? []).map((p) => ({ value: p.id, label: p.displayName })),
    [colleagues.data],
  );

  const send = useAction(async (values: Values) => {
    const body = { entityType, entityId, ...values, reason: values.reason.trim() };
    await createHandoff(body, keeper.keyFor(body));
    keeper.reset();
    void message.success(t('firstresponse.handoff.sent'));
    setOpen(false);
    form.resetFields();
    onDone?.();
  });

  return (
    <>
      <Button
        icon={<SendOutlined aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid="handoff-button"
      >
        {t('firstresponse.handoff.button')}
      </Button>
      <Modal
        open={open}
        title={t('firstresponse.handoff.title')}
        okText={t('firstresponse.handoff.submit')}
        confirmLoading={send.busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'handoff-submit' }}
        destroyOnHidden
      >
        {send.error !== null && <ErrorAlert error={send.error} />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ dueDays: 1 }}
          onFinish={(values) => void send.run(values)}
          requiredMark={false}
        >
          <Form.Item
            name="toAccountId"
            label={t('firstresponse.handoff.receiver')}
            extra={
              options.length === 0 && colleagues.status === 'success'
                ? t('firstresponse.handoff.noColleagues')
                : t('firstresponse.handoff.receiverHelp')
            }
            rules={[{ required: true, message: t('firstresponse.handoff.receiver') }]}
          >
            <Select
              data-testid="handoff-receiver"
              showSearch={{ optionFilterProp: 'label' }}
              options={options}
              loading={colleagues.status === 'loading'}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('firstresponse.handoff.reason')}
            extra={t('firstresponse.handoff.reasonHelp')}
            rules={[
              { required: true, whitespace: true, message: t('firstresponse.handoff.reason') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="handoff-reason" />
          </Form.Item>
          <Form.Item name="dueDays" label={t('firstresponse.handoff.dueDays')}>
            <InputNumber min={1} max={20} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
