import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Previous / this / next year; the year itself is the page's second heading. */
export function YearNav({
  year,
  thisYear,
  onYear,
}: {
  year: number;
  thisYear: number;
  onYear: (year: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="year-nav">
      <Button
        icon={<LeftOutlined aria-hidden />}
        onClick={() => onYear(year - 1)}
        disabled={year <= 2000}
        aria-label={t('catalog.calendar.prevYear')}
        data-testid="calendar-prev-year"
      />
      <h2 className="year-nav-title" aria-live="polite" data-testid="calendar-year">
        {t('catalog.calendar.year', { year })}
      </h2>
      <Button
        icon={<RightOutlined aria-hidden />}
        onClick={() => onYear(year + 1)}
        disabled={year >= 2100}
        aria-label={t('catalog.calendar.nextYear')}
        data-testid="calendar-next-year"
      />
      {year !== thisYear && (
        <Button type="link" onClick={() => onYear(thisYear)}>
          {t('catalog.calendar.thisYear')}
        </Button>
      )}
    </div>
  );
}
