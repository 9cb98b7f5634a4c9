import { Alert, App, Card, Skeleton } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  fetchCalendarDays,
  fetchOverrides,
  type CalendarOverride,
  type NoticeEntered,
} from '../../api/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../lib/use-async';
import { useIsWide } from '../../lib/use-media-query';
import { useMe } from '../../session/session-context';
import { catalogAccessOf } from '../../lib/page-capabilities';
import { CalendarLegend } from './CalendarLegend';
import { formatIsoDate } from './date-format';
import { DueDateCard } from './DueDateCard';
import { monthsOf, todayIso, yearRange } from './month-grid';
import { MonthGrid } from './MonthGrid';
import { MonthPager } from './MonthPager';
import { NoticeCard } from './NoticeCard';
import { OverrideForm } from './OverrideForm';
import { OverrideList } from './OverrideList';
import { YearNav } from './YearNav';
import '../catalog/catalog.css';
import './calendar.css';

function yearParam(params: URLSearchParams, fallback: number): number {
  const year = Number(params.get('year'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fallback;
}

/** GS-8 the working-day calendar: a year month by month, local overrides, due-date preview. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const access = useMemo(() => catalogAccessOf(me), [me]);
  const today = todayIso();
  const thisYear = Number(today.slice(0, 4));
  const [params, setParams] = useSearchParams();
  const year = yearParam(params, thisYear);
  const [generation, setGeneration] = useState(0);
  const [picked, setPicked] = useState<string | undefined>();
  const wide = useIsWide();
  const [month, setMonth] = useState<number | undefined>();
  // A phone shows one month: this month in this year, else January, until another is chosen.
  const shownMonth = month ?? (year === thisYear ? Number(today.slice(5, 7)) : 1);
  const formRef = useRef<HTMLDivElement>(null);

  const key = `${year}:${generation}`;
  const days = useAsync((signal) => {
    const { from, to } = yearRange(year);
    return fetchCalendarDays(from, to, signal);
  }, key);
  const overrides = useAsync((signal) => fetchOverrides(year, signal), key);
  const { message } = App.useApp();
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const onSaved = (saved: CalendarOverride) => {
    refresh();
    void message.success(
      t('catalog.calendar.saved', {
        date: formatIsoDate(saved.date, i18n.language),
        kind:
          saved.kind === 'workday'
            ? t('catalog.calendar.kindWorkday')
            : t('catalog.calendar.kindHoliday'),
      }),
    );
  };
  const onNoticeEntered = (entered: NoticeEntered) => {
    refresh();
    void message.success(
      t('catalog.calendar.notice.saved', {
        year: entered.year,
        n: entered.recomputedDueDates.length,
      }),
    );
  };
  const onRemoved = (date: string) => {
    refresh();
    void message.success(
      t('catalog.calendar.removed', { date: formatIsoDate(date, i18n.language) }),
    );
  };

  const setYear = (next: number) => {
    setPicked(undefined);
    setMonth(undefined);
    setParams(next === thisYear ? {} : { year: String(next) }, { replace: true });
  };
  const pick = (date: string) => {
    setPicked(date);
    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };

  const shownDays = days.data?.from.startsWith(String(year)) ? days.data : undefined;
  const months = useMemo(() => monthsOf(shownDays?.days ?? []), [shownDays]);
  const warning = shownDays?.warnings.find((w) => w.year === year);
  const list = overrides.data?.overrides ?? [];

  return (
    <div className="page calendar-page">
      <PageHeading title={t('catalog.calendar.title')} subtitle={t('catalog.calendar.subtitle')} />
      {warning && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-no-official-data"
          title={t('catalog.calendar.noOfficialData', { year })}
          description={
            access.editCalendar
              ? t('catalog.calendar.noOfficialDataAdmin', { year })
              : t('catalog.calendar.noOfficialDataStaff')
          }
        />
      )}
      <section className="calendar-year" aria-labelledby="calendar-year-heading">
        <div className="calendar-year-head" id="calendar-year-heading">
          <YearNav year={year} thisYear={thisYear} onYear={setYear} />
          <CalendarLegend />
        </div>
        {access.editCalendar && (
          <p className="muted calendar-hint">{t('catalog.calendar.clickToEdit')}</p>
        )}
        {days.status === 'error' && <ErrorAlert error={days.error} onRetry={days.reload} />}
        {!shownDays && days.status === 'loading' && <Skeleton active paragraph={{ rows: 10 }} />}
        {shownDays && !wide && <MonthPager month={shownMonth} onMonth={setMonth} />}
        {shownDays && (
          <div
            className={`months${days.status === 'loading' ? ' is-stale' : ''}`}
            data-testid="calendar-months"
          >
            {(wide ? months : months.filter((m) => m.month === shownMonth)).map((view) => (
              <MonthGrid
                key={view.month}
                year={year}
                view={view}
                today={today}
                selected={picked}
                onPick={access.editCalendar ? pick : undefined}
              />
            ))}
          </div>
        )}
      </section>
      <div className="calendar-tools">
        {shownDays && (
          <NoticeCard
            year={year}
            lastOfficialYear={shownDays.lastOfficialYear}
            canEdit={access.editCalendar}
            generation={generation}
            onEntered={onNoticeEntered}
          />
        )}
        <Card
          className="overrides-card"
          title={<h2 className="card-title">{t('catalog.calendar.overridesTitle')}</h2>}
        >
          <p className="io-help">{t('catalog.calendar.overridesHelp')}</p>
          {access.editCalendar && (
            <div ref={formRef} className="scroll-anchor">
              <OverrideForm
                key={year}
                year={year}
                pickedDate={picked}
                existing={list}
                onSaved={onSaved}
              />
            </div>
          )}
          {overrides.status === 'error' && (
            <ErrorAlert error={overrides.error} onRetry={overrides.reload} />
          )}
          {overrides.data && (
            <OverrideList
              year={year}
              overrides={list}
              canEdit={access.editCalendar}
              onRemoved={onRemoved}
            />
          )}
        </Card>
        <DueDateCard />
      </div>
    </div>
  );
}
