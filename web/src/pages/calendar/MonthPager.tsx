import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

/** On a phone: one month at a time, with previous / next month. */
export function MonthPager({
  month,
  onMonth,
}: {
  month: number;
  onMonth: (month: number) => void;
}) {
  const { t } = useTranslation();
  const name = (m: number) => t(`catalog.calendar.months.${MONTHS[m - 1] ?? '1'}`);
  return (
    <div className="month-pager">
      <Button
        icon={<LeftOutlined aria-hidden />}
        // January has no month before it: the button keeps a name without its text.
        aria-label={month > 1 ? undefined : t('catalog.calendar.prevMonth')}
        disabled={month <= 1}
        onClick={() => onMonth(month - 1)}
        data-testid="calendar-prev-month"
      >
        {month > 1 ? name(month - 1) : ''}
      </Button>
      <Button
        icon={<RightOutlined aria-hidden />}
        iconPlacement="end"
        aria-label={month < 12 ? undefined : t('catalog.calendar.nextMonth')}
        disabled={month >= 12}
        onClick={() => onMonth(month + 1)}
        data-testid="calendar-next-month"
      >
        {month < 12 ? name(month + 1) : ''}
      </Button>
    </div>
  );
}
