import { Alert, Button, Card, Form, Input } from 'antd';
import { type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { enterNotice, fetchNotice, type NoticeEntered } from '../../api/calendar';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';

interface NoticeValues {
  note: string;
  csv: string;
}

/**
 * GS-8: a year's State Council holiday notice, entered in one action (admins) from a CSV table of
 * days off and make-up working days; everyone sees whether it is entered.
 */
export function NoticeCard({
  year,
  lastOfficialYear,
  canEdit,
  generation,
  onEntered,
}: {
  year: number;
  lastOfficialYear: number;
  canEdit: boolean;
  generation: number;
  onEntered: (entered: NoticeEntered) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NoticeValues>();
  const save = useAction(async (values: NoticeValues) => {
    const entered = await enterNotice(year, { note: values.note.trim(), csv: values.csv });
    form.resetFields();
    onEntered(entered);
  });
  const detail = isApiError(save.error)
    ? save.error.errors.map((p) => `${p.path}: ${p.message}`).join('; ')
    : '';
  const official = year <= lastOfficialYear;
  const current = useAsync(
    (signal) =>
      official
        ? Promise.resolve(null)
        : fetchNotice(year, signal).catch((e: unknown) => {
            if (isApiError(e) && e.status === 404) return null; // not entered yet
            throw e;
          }),
    `${year}:${generation}`,
  );

  const readFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) void file.text().then((text) => form.setFieldValue('csv', text));
  };

  const submit = (values: NoticeValues) => void save.run(values);

  const notice = current.data ?? null;
  const status = official
    ? t('catalog.calendar.notice.official', { year })
    : notice
      ? t('catalog.calendar.notice.entered', {
          year,
          note: notice.note,
          holidays: notice.days.filter((d) => d.kind === 'holiday').length,
          workdays: notice.days.filter((d) => d.kind === 'workday').length,
        })
      : t('catalog.calendar.notice.notEntered', { year });

  return (
    <Card
      className="notice-card"
      title={<h2 className="card-title">{t('catalog.calendar.notice.title')}</h2>}
    >
      <p data-testid="calendar-notice-status">{status}</p>
      {canEdit && !official && (
        <Form<NoticeValues>
          form={form}
          layout="vertical"
          initialValues={{ note: '', csv: '' }}
          onFinish={submit}
          requiredMark={false}
        >
          <p className="io-help">{t('catalog.calendar.notice.help', { year })}</p>
          <Form.Item
            name="note"
            label={t('catalog.calendar.notice.note')}
            rules={[
              { required: true, whitespace: true, message: t('catalog.calendar.noteRequired') },
              { max: 200, message: t('catalog.calendar.noteTooLong') },
            ]}
          >
            <Input
              placeholder={t('catalog.calendar.notice.notePlaceholder')}
              maxLength={200}
              data-testid="notice-note"
            />
          </Form.Item>
          <Form.Item name="csv" label={t('catalog.calendar.notice.csv')}>
            <Input.TextArea
              rows={6}
              className="mono"
              placeholder={`date,kind,name\n${year}-02-09,休,春节\n${year}-02-20,班,春节`}
              data-testid="notice-csv"
            />
          </Form.Item>
          <label className="notice-upload">
            {t('catalog.calendar.notice.upload')}{' '}
            <input type="file" accept=".csv,text/csv,text/plain" onChange={readFile} />
          </label>
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
            <Button type="primary" htmlType="submit" loading={save.busy} data-testid="notice-save">
              {t('catalog.calendar.notice.submit')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}
