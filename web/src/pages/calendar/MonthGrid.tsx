import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../api/calendar';
import { formatIsoDate } from './date-format';
import { dayKind, holidayRuns, type MonthView } from './month-grid';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

function DayCell({
  day,
  today,
  selected,
  onPick,
}: {
  day: CalendarDay;
  today: boolean;
  selected: boolean;
  onPick: ((date: string) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const kind = dayKind(day);
  const holiday = day.holiday ? (i18n.language === 'en' ? day.holiday.en : day.holiday.zh) : null;
  const date = formatIsoDate(day.date, i18n.language, 'longWithWeekday');
  const label = holiday
    ? t('catalog.calendar.dayLabelHoliday', {
        date,
        holiday,
        kind: t(`catalog.calendar.kind.${kind}`),
      })
    : t('catalog.calendar.dayLabel', { date, kind: t(`catalog.calendar.kind.${kind}`) });
  const className = `day day-${kind}${today ? ' day-today' : ''}${selected ? ' day-selected' : ''}`;
  const content = (
    <>
      <span className="visually-hidden">{label}</span>
      <span className="day-number" aria-hidden>
        {Number(day.date.slice(8))}
      </span>
      {kind === 'makeup' && (
        <span className="day-mark" aria-hidden>
          {t('catalog.calendar.markMakeup')}
        </span>
      )}
      {kind.startsWith('override') && (
        <span className="day-mark" aria-hidden>
          {t('catalog.calendar.markOverride')}
        </span>
      )}
    </>
  );
  const common = {
    className,
    title: label,
    'data-testid': `calendar-day-${day.date}`,
    'data-kind': kind,
  };
  return onPick ? (
    <button type="button" {...common} aria-pressed={selected} onClick={() => onPick(day.date)}>
      {content}
    </button>
  ) : (
    <span {...common}>{content}</span>
  );
}

/** One month, Monday first, with the month's holidays and make-up days listed under it. */
export function MonthGrid({
  year,
  view,
  today,
  selected,
  onPick,
}: {
  year: number;
  view: MonthView;
  today: string;
  selected: string | undefined;
  onPick: ((date: string) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const monthName = t(`catalog.calendar.months.${MONTHS[view.month - 1] ?? '1'}`);
  const runs = holidayRuns(view.days);
  const md = (iso: string) => formatIsoDate(iso, i18n.language, 'monthDay');
  const name = (n: { zh: string; en: string }) => (i18n.language === 'en' ? n.en : n.zh);
  return (
    <section
      className="month"
      aria-label={t('catalog.calendar.monthLabel', { year, month: monthName })}
    >
      <h3 className="month-title">{monthName}</h3>
      <div className="month-grid" data-testid={`calendar-month-${view.month}`}>
        {WEEKDAYS.map((d) => (
          <span
            key={d}
            className={`weekday-head${d === '6' || d === '7' ? ' weekend-head' : ''}`}
            aria-hidden
          >
            {t(`catalog.calendar.weekdays.${d}`)}
          </span>
        ))}
        {Array.from({ length: view.leadingBlanks }, (_, i) => (
          <span key={`blank-${i}`} className="day-blank" aria-hidden />
        ))}
        {view.days.map((day) => (
          <DayCell
            key={day.date}
            day={day}
            today={day.date === today}
            selected={day.date === selected}
            onPick={onPick}
          />
        ))}
      </div>
      {runs.length > 0 && (
        <ul className="month-holidays">
          {runs.map((run) => (
            <li key={`${run.kind}-${run.from}`} className={`holiday-run run-${run.kind}`}>
              {run.kind === 'makeup'
                ? t('catalog.calendar.makeupRun', { from: md(run.from) })
                : run.from === run.to
                  ? t('catalog.calendar.holidayDay', { name: name(run.name), from: md(run.from) })
                  : t('catalog.calendar.holidayRun', {
                      name: name(run.name),
                      from: md(run.from),
                      to: md(run.to),
                    })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
