import { Alert, Button, Form, Input, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { saveOverride, type CalendarOverride, type OverrideKind } from '../../api/calendar';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { todayIso } from './month-grid';

/** Today in the year shown, else its 1 January. */
function firstDate(year: number): string {
  const today = todayIso();
  return today.startsWith(`${year}-`) ? today : `${year}-01-01`;
}

interface OverrideValues {
  date: string;
  kind: OverrideKind;
  note: string;
}

/** Add or replace one date's override (admins). A picked day in the month view fills the date. */
export function OverrideForm({
  year,
  pickedDate,
  existing,
  onSaved,
}: {
  year: number;
  pickedDate: string | undefined;
  existing: readonly CalendarOverride[];
  onSaved: (saved: CalendarOverride) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OverrideValues>();
  const save = useAction(async (values: OverrideValues) => {
    const saved = await saveOverride(values.date, { kind: values.kind, note: values.note.trim() });
    form.setFieldsValue({ note: '' });
    onSaved(saved);
  });
  const detail = isApiError(save.error) ? save.error.errors.map((p) => p.message).join('; ') : '';
  const date = Form.useWatch('date', form);
  const replaced = existing.find((o) => o.date === date);

  useEffect(() => {
    if (pickedDate) form.setFieldValue('date', pickedDate);
  }, [pickedDate, form]);

  return (
    <Form<OverrideValues>
      form={form}
      layout="vertical"
      className="override-form"
      initialValues={{ date: firstDate(year), kind: 'holiday', note: '' }}
      onFinish={(values) => void save.run(values)}
      requiredMark={false}
    >
      <div className="form-grid">
        <Form.Item
          name="date"
          label={t('catalog.calendar.overrideDate')}
          rules={[{ required: true, message: t('catalog.calendar.dateRequired') }]}
        >
          <Input type="date" min="2000-01-01" max="2100-12-31" data-testid="override-date" />
        </Form.Item>
        <Form.Item name="kind" label={t('catalog.calendar.overrideKind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              {
                value: 'holiday',
                label: (
                  <span data-testid="override-kind-holiday">
                    {t('catalog.calendar.kindHoliday')}
                  </span>
                ),
              },
              {
                value: 'workday',
                label: (
                  <span data-testid="override-kind-workday">
                    {t('catalog.calendar.kindWorkday')}
                  </span>
                ),
              },
            ]}
          />
        </Form.Item>
      </div>
      <Form.Item
        name="note"
        label={t('catalog.calendar.overrideNote')}
        extra={t('catalog.calendar.overrideNoteHelp')}
        rules={[
          { required: true, whitespace: true, message: t('catalog.calendar.noteRequired') },
          { max: 200, message: t('catalog.calendar.noteTooLong') },
        ]}
      >
        <Input
          placeholder={t('catalog.calendar.overrideNotePlaceholder')}
          data-testid="override-note"
          maxLength={200}
        />
      </Form.Item>
      {replaced && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={t('catalog.calendar.replaces', {
            kind:
              replaced.kind === 'workday'
                ? t('catalog.calendar.kindWorkday')
                : t('catalog.calendar.kindHoliday'),
          })}
        />
      )}
      {save.error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          title={errorText(t, save.error)}
          description={detail || undefined}
        />
      )}
      <div className="form-actions">
        <Button type="primary" htmlType="submit" loading={save.busy} data-testid="override-save">
          {t('catalog.calendar.addOverride')}
        </Button>
      </div>
    </Form>
  );
}
