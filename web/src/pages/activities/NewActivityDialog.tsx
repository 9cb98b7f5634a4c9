import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createActivity, type NewActivity } from '../../api/activities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { chinaInstantOf } from '../../lib/china-picker';
import { useAction } from '../../lib/use-action';

interface Values {
  source: 'order' | 'project';
  ref: string;
  teamId?: string;
  title: string;
  description?: string;
  place: string;
  time: [Dayjs, Dayjs];
  capacity: number;
  skills?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new activity for an accepted order (usually opened from the order with ?orderId=) or a project. */
export function NewActivityDialog({
  open,
  orderId,
  onClose,
  onCreated,
}: {
  open: boolean;
  orderId: string | null;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const source = Form.useWatch('source', form);

  const submit = (v: Values) => {
    const body: NewActivity = {
      ...(v.source === 'order' ? { orderId: v.ref.trim() } : { projectId: v.ref.trim() }),
      ...(v.source === 'project' && v.teamId ? { teamId: v.teamId.trim() } : {}),
      title: v.title.trim(),
      description: v.description?.trim() ?? '',
      place: v.place.trim(),
      // The picked times are clocks in China, whatever the device's zone (issue #11).
      startsAt: chinaInstantOf(v.time[0]),
      endsAt: chinaInstantOf(v.time[1]),
      capacity: v.capacity,
      skills: v.skills ?? [],
    };
    void create.run(body);
  };
  const create = useAction(async (body: NewActivity) => {
    const a = await createActivity(body, keeper.keyFor(body));
    keeper.reset();
    onCreated();
    onClose();
    void navigate(`/vs/activities/${a.id}`);
  });
  const { busy, error } = create;

  return (
    <Modal
      open={open}
      title={t('activities.create.title')}
      okText={t('activities.create.submit')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      {error !== null && <ErrorAlert error={error} />}
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        initialValues={{ source: 'order', ref: orderId ?? '', capacity: 10 }}
      >
        <Form.Item name="source" label={t('activities.create.source')}>
          <Radio.Group>
            <Radio.Button value="order">{t('activities.create.fromOrder')}</Radio.Button>
            <Radio.Button value="project">{t('activities.create.fromProject')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="ref"
          label={
            source === 'project' ? t('activities.create.projectId') : t('activities.create.orderId')
          }
          rules={[{ required: true, pattern: UUID, message: t('activities.create.idRule') }]}
        >
          <Input />
        </Form.Item>
        {source === 'project' && (
          <Form.Item
            name="teamId"
            label={t('activities.create.teamId')}
            rules={[{ pattern: UUID }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('activities.create.titleLabel')}
          rules={[{ required: true, max: 100 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="place"
          label={t('activities.create.place')}
          rules={[{ required: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="time" label={t('activities.create.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t('activities.create.capacity')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={10000} precision={0} />
        </Form.Item>
        <Form.Item name="skills" label={t('activities.create.skills')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} />
        </Form.Item>
        <Form.Item name="description" label={t('activities.create.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
