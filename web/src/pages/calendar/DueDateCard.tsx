import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useAction } from '../../lib/use-action';
import { useTranslation } from 'react-i18next';
import { previewDueDate, type DueDatePreview } from '../../api/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatIsoDate } from './date-format';
import { todayIso } from './month-grid';

interface DueValues {
  from: string;
  days: number;
}

/** Acceptance date + N working days → the due date, on the calendar as it stands now. */
export function DueDateCard() {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<DueDatePreview | null>(null);
  const preview = useAction(async (values: DueValues) =>
    setResult(await previewDueDate(values.from, values.days)),
  );
  const calculate = (values: DueValues) => void preview.run(values);

  const long = (iso: string) => formatIsoDate(iso, i18n.language, 'longWithWeekday');
  return (
    <Card
      className="due-card"
      title={<h2 className="card-title">{t('catalog.calendar.dueTitle')}</h2>}
    >
      <p className="io-help">{t('catalog.calendar.dueHelp')}</p>
      <Form<DueValues>
        layout="vertical"
        initialValues={{ from: todayIso(), days: 5 }}
        onFinish={calculate}
        onValuesChange={() => setResult(null)}
        className="due-form"
        requiredMark={false}
      >
        <div className="form-grid">
          <Form.Item
            name="from"
            label={t('catalog.calendar.dueFrom')}
            rules={[{ required: true, message: t('catalog.calendar.dueFromRequired') }]}
          >
            <Input type="date" min="2000-01-01" max="2100-12-31" data-testid="due-from" />
          </Form.Item>
          <Form.Item
            name="days"
            label={t('catalog.calendar.dueDays')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 0,
                max: 1000,
                message: t('catalog.calendar.dueDaysRange'),
              },
            ]}
          >
            <InputNumber
              min={0}
              max={1000}
              precision={0}
              className="number-input"
              data-testid="due-days"
            />
          </Form.Item>
        </div>
        <Button
          type="primary"
          htmlType="submit"
          icon={<CalculatorOutlined aria-hidden />}
          loading={preview.busy}
          data-testid="due-calculate"
        >
          {t('catalog.calendar.dueCalculate')}
        </Button>
      </Form>
      {preview.error !== null && <ErrorAlert error={preview.error} />}
      {result && (
        <div className="due-result" role="status" data-testid="due-result">
          <p className="due-date">
            {result.days === 0
              ? t('catalog.calendar.dueOnSpot', { date: long(result.dueDate) })
              : t('catalog.calendar.dueResult', { date: long(result.dueDate) })}
          </p>
          <p className="muted">
            {t('catalog.calendar.dueExplain', { from: long(result.from), n: result.days })}
          </p>
          {result.warnings.map((w) => (
            <Alert
              key={w.year}
              type="warning"
              showIcon
              title={i18n.language === 'en' ? w.en : w.zh}
            />
          ))}
        </div>
      )}
    </Card>
  );
}
