import { App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { addRecordEntry, type Candidate } from '../../api/records';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';

interface Values {
  kind: 'training' | 'award';
  title: string;
  onDate: string;
  hours?: number;
  note?: string;
}

/** Training or an award into a volunteer's record (VS-8), by the team holding it. */
export function EntryDialog({
  candidate,
  onClose,
}: {
  candidate: Candidate | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  const submit = useAction(async (v: Values) => {
    if (!candidate) return;
    try {
      await addRecordEntry(candidate.volunteerId, {
        teamId: candidate.teamId,
        kind: v.kind,
        title: v.title.trim(),
        onDate: v.onDate,
        hours: v.kind === 'training' ? (v.hours ?? 0) : 0,
        note: v.note?.trim() ?? '',
      });
      void message.success(t('records.entry.saved'));
      form.resetFields();
      onClose();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });

  return (
    <Modal
      open={candidate !== null}
      title={t('records.entry.title', { name: candidate?.name ?? '' })}
      onCancel={onClose}
      okText={t('records.entry.save')}
      okButtonProps={{ size: 'large', loading: submit.busy }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ kind: 'training', hours: 0 }}
        onFinish={(v) => void submit.run(v)}
      >
        <Form.Item name="kind" label={t('records.entry.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'training', label: t('records.entry.training') },
              { value: 'award', label: t('records.entry.award') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('records.entry.name')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="onDate" label={t('records.entry.date')} rules={[{ required: true }]}>
          <Input type="date" style={{ maxWidth: 200 }} />
        </Form.Item>
        {kind !== 'award' && (
          <Form.Item name="hours" label={t('records.entry.hours')}>
            <InputNumber min={0} max={1000} step={0.5} precision={1} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('records.entry.note')} extra={t('records.entry.noteHelp')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
