import { App, Button, DatePicker, Empty, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { clockStaff, confirmHours, getClassDay, type DayStaff } from '../../api/programs-day';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { pickedDay } from '../../lib/china-picker';
import { formatChinaDateTime } from '../../lib/china-time';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useClassDayParam } from './class-day-param';
import { RosterLookup } from './RosterLookup';
import './programs.css';

/**
 * CP-4 the day's volunteer roster: find registered volunteers (RosterLookup) and put them on the session, clock them in and
 * out as they arrive and leave, and confirm the hours once the day is over (they then enter each
 * volunteer's service record, VS-8). Buttons only from the server's availableActions.
 */
export default function RosterPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id = '', classId = '' } = useParams();
  const { day, setDay } = useClassDayParam();
  const view = useAsync((signal) => getClassDay(classId, day, signal), `${classId}/${day}`);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const data = view.data?.day === day ? view.data : undefined;
  const time = (iso: string) => formatChinaDateTime(iso, i18n.language);

  const clock = useKeyedAction(async (s: DayStaff, what: 'in' | 'out') => {
    await clockStaff(s.id, what, keeper.keyFor({ id: s.id, what }));
    keeper.reset();
    view.reload();
  });
  const confirm = useAction(async () => {
    await confirmHours(classId, day, keeper.keyFor({ confirm: day }));
    keeper.reset();
    void message.success(t('programs.roster.confirmed'));
    view.reload();
  });

  return (
    <div className="page class-roster" data-testid="class-roster">
      <PageHeading
        title={
          data
            ? t('programs.roster.title', { name: data.className })
            : t('programs.roster.titleBare')
        }
        subtitle={
          <Link to={`/programs/${id}/classes/${classId}/day?day=${day}`}>
            {t('programs.roster.backToDay')}
          </Link>
        }
      />
      <div className="class-day-picker">
        <label htmlFor="roster-date">{t('programs.day.date')}</label>
        <DatePicker
          id="roster-date"
          size="large"
          allowClear={false}
          value={dayjs(day)}
          onChange={(d) => d && setDay(pickedDay(d))}
        />
      </div>
      {view.status === 'error' && <ErrorAlert error={view.error} onRetry={view.reload} />}
      {view.status === 'loading' && !data && <PageSpinner />}
      {data?.availableActions.includes('add_staff') && (
        <RosterLookup
          classId={classId}
          day={day}
          rostered={new Set(data.staff.map((s) => s.volunteerId))}
          onAdded={view.reload}
        />
      )}
      {clock.error !== null && <ErrorAlert error={clock.error} />}
      {data && data.staff.length === 0 && <Empty description={t('programs.roster.empty')} />}
      <ul className="enrolment-list" aria-label={t('programs.roster.staff')}>
        {data?.staff.map((s) => (
          <li key={s.id} className="enrolment-row" data-testid={`staff-${s.name}`}>
            <div className="enrolment-who">
              <span className="enrolment-name">{s.name}</span>
              <span>
                <Tag>{s.team}</Tag>
                {s.flagged && (
                  <Tag color="orange" data-testid="staff-flagged">
                    {t('programs.roster.flagged')}
                  </Tag>
                )}
                {s.hours !== null && (
                  <Tag color="green">{t('programs.roster.hours', { hours: s.hours })}</Tag>
                )}
              </span>
              {s.checkedInAt && (
                <span className="program-facts">
                  {t('programs.roster.inAt', { at: time(s.checkedInAt) })}
                </span>
              )}
              {s.checkedOutAt && (
                <span className="program-facts">
                  {t('programs.roster.outAt', { at: time(s.checkedOutAt) })}
                </span>
              )}
            </div>
            <div className="day-child-actions">
              {s.availableActions.includes('check_in') && (
                <Button
                  type="primary"
                  size="large"
                  loading={clock.isBusy(s.id)}
                  onClick={() => void clock.run(s.id, s, 'in')}
                >
                  {t('programs.roster.checkIn')}
                </Button>
              )}
              {s.availableActions.includes('check_out') && (
                <Button
                  size="large"
                  loading={clock.isBusy(s.id)}
                  onClick={() => void clock.run(s.id, s, 'out')}
                >
                  {t('programs.roster.checkOut')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {data?.hoursConfirmedAt && (
        <p className="program-facts">
          {t('programs.roster.confirmedAt', { at: time(data.hoursConfirmedAt) })}
        </p>
      )}
      {confirm.error !== null && <ErrorAlert error={confirm.error} />}
      {data?.availableActions.includes('confirm_hours') && (
        <Button
          type="primary"
          size="large"
          loading={confirm.busy}
          onClick={() => void confirm.run()}
          data-testid="confirm-hours"
        >
          {t('programs.roster.confirmHours')}
        </Button>
      )}
    </div>
  );
}
