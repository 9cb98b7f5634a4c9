import { useMemo, useState, type FormEvent } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { Field } from './Field';
import { chinaClock, chinaDay, chinaToday } from './format';
import { LoadFailed, Loading } from './guardian-parts';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { browsePrograms, myEnrolments } from './programs-api';
import {
  ABSENCE_REPORTS,
  attendanceHistory,
  reportAbsence,
  type AbsenceReport,
  type AttendanceDay,
  type NewAbsence,
} from './programs-day-api';
import { MARK, type Tone } from './tone';
import { useLoad } from './use-load';

const TONE: Record<AttendanceDay['status'], Tone> = {
  expected: 'wait',
  present: 'wait',
  released: 'good',
  absent: 'wait',
  auto_closed: 'act',
};

/** The classes my child is enrolled in, by name (for the absence form). */
function useEnrolledClasses(childId: string) {
  const enrolments = useLoad(myEnrolments);
  const programs = useLoad(browsePrograms);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const p of programs.data ?? [])
      for (const c of p.classes) names.set(c.id, `${p.title} · ${c.name}`);
    return (enrolments.data ?? [])
      .filter((e) => e.childId === childId && e.status === 'enrolled')
      .map((e) => ({ id: e.classId, name: names.get(e.classId) ?? e.classId }));
  }, [enrolments.data, programs.data, childId]);
}

function DayRow({ d }: { d: AttendanceDay }) {
  const { t, locale } = useLocale();
  const tone = d.late || d.flagged ? 'act' : TONE[d.status];
  return (
    <li className="r-card r-record" data-testid="attendance-day" data-status={d.status}>
      <h3>
        {chinaDay(d.day, locale)} · {d.className}
      </h3>
      <p className={`r-status r-status-${tone}`}>
        <span className="r-mark" aria-hidden="true">
          {MARK[tone]}
        </span>
        <span>
          {t(`attendance.status.${d.status}`)}
          {d.absenceKind && ` · ${t(`attendance.kind.${d.absenceKind}`)}`}
          {d.late && ` · ${t('attendance.late')}`}
          {d.flagged && ` · ${t('attendance.flagged')}`}
        </span>
      </p>
      {(d.signedInAt || d.releasedAt) && (
        <dl className="r-facts">
          {d.signedInAt && (
            <div>
              <dt>{t('attendance.signedIn')}</dt>
              <dd>{chinaClock(d.signedInAt)}</dd>
            </div>
          )}
          {d.releasedAt && (
            <div>
              <dt>{t('attendance.released')}</dt>
              <dd data-testid="attendance-released">
                {chinaClock(d.releasedAt)}
                {d.releasedTo &&
                  ` · ${t('attendance.to', { name: d.releasedTo.name, relation: d.releasedTo.relation })}`}
              </dd>
            </div>
          )}
        </dl>
      )}
    </li>
  );
}

/** 出勤记录 (CP-3): my child's days, and reporting them sick or away ahead of a class day. */
export function AttendanceHistory({ childId }: { childId: string }) {
  const { t } = useLocale();
  const days = useLoad((signal) => attendanceHistory(childId, signal));
  const classes = useEnrolledClasses(childId);
  const [classId, setClassId] = useState('');
  const [day, setDay] = useState(() => chinaToday());
  const [kind, setKind] = useState<AbsenceReport>('sick');
  const [done, setDone] = useState<string | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const reporting = useAction(async (body: NewAbsence) => {
    setDone(null);
    await reportAbsence(childId, body, keeper.keyFor({ childId, ...body }));
    keeper.reset();
    setDone(body.day);
    days.reload();
  });
  const chosen = classId || classes[0]?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen && day) void reporting.run({ classId: chosen, day, kind });
  };
  const list = [...(days.data ?? [])].sort((a, b) => b.day.localeCompare(a.day));
  return (
    <section className="r-section" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('attendance.title')}</h2>
      <LoadFailed load={days} />
      <Loading load={days} text={t('pickup.loading')} />
      {days.data && list.length === 0 && <p className="r-note">{t('attendance.empty')}</p>}
      <ul className="r-records">
        {list.map((d) => (
          <DayRow key={d.id} d={d} />
        ))}
      </ul>
      {classes.length > 0 && (
        <form className="r-card r-form" onSubmit={submit} noValidate data-testid="absence-form">
          <h3>{t('attendance.report')}</h3>
          <p className="r-help">{t('attendance.reportHelp')}</p>
          {classes.length > 1 && (
            <fieldset className="r-options">
              <legend>{t('attendance.class')}</legend>
              {classes.map((c) => (
                <label key={c.id} className="r-option">
                  <input
                    type="radio"
                    name="absence-class"
                    checked={chosen === c.id}
                    onChange={() => setClassId(c.id)}
                  />
                  <span>{c.name}</span>
                </label>
              ))}
            </fieldset>
          )}
          <Field
            label={t('attendance.day')}
            error={null}
            testId="absence-day"
            type="date"
            value={day}
            min={chinaToday()}
            onChange={setDay}
          />
          <fieldset className="r-options">
            <legend>{t('attendance.why')}</legend>
            {ABSENCE_REPORTS.map((k) => (
              <label key={k} className="r-option">
                <input
                  type="radio"
                  name="absence-kind"
                  data-testid={`absence-kind-${k}`}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                <span>{t(`attendance.kind.${k}`)}</span>
              </label>
            ))}
          </fieldset>
          {done && (
            <p className="r-alert r-alert-good" role="status" data-testid="absence-done">
              {t('attendance.reported', { day: done })}
            </p>
          )}
          {reporting.error !== null && (
            <p className="r-alert r-alert-error" role="alert" data-testid="absence-error">
              {problemText(t, reporting.error)}
            </p>
          )}
          <button
            type="submit"
            className="r-submit"
            data-testid="absence-submit"
            disabled={reporting.busy}
            aria-busy={reporting.busy}
          >
            {t('attendance.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
