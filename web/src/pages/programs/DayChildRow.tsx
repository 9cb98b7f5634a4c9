import { Button, Dropdown, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ABSENCE_KINDS, type AbsenceKind, type DayChild } from '../../api/programs-day';
import { formatChinaDateTime } from '../../lib/china-time';

export const ATTENDANCE_COLOR: Record<DayChild['status'], string> = {
  expected: 'default',
  present: 'green',
  released: 'blue',
  absent: 'orange',
  auto_closed: 'red',
};

/** One child at the door: status, times, and only the buttons the server's availableActions list. */
export function DayChildRow({
  child: c,
  busy,
  onSignIn,
  onAbsent,
  onRelease,
}: {
  child: DayChild;
  busy: boolean;
  onSignIn: () => void;
  onAbsent: (kind: AbsenceKind) => void;
  onRelease: () => void;
}) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => formatChinaDateTime(iso, i18n.language).split(' ').pop() ?? iso;
  return (
    <li className="enrolment-row day-child" data-testid={`day-child-${c.childName}`}>
      <div className="enrolment-who">
        <span className="enrolment-name">{c.childName}</span>
        <span>
          <Tag color={ATTENDANCE_COLOR[c.status]}>
            {c.status === 'absent' && c.absenceKind
              ? t(`programs.day.absence.${c.absenceKind}`)
              : t(`programs.day.status.${c.status}`)}
          </Tag>
          {c.late && <Tag color="volcano">{t('programs.day.late')}</Tag>}
          {c.flagged && <Tag color="red">{t('programs.day.flagged')}</Tag>}
        </span>
        {c.signedInAt && (
          <span className="program-facts">
            {t('programs.day.signedInAt', { at: at(c.signedInAt) })}
          </span>
        )}
        {c.releasedAt && (
          <span className="program-facts">
            {t('programs.day.releasedTo', {
              at: at(c.releasedAt),
              name: c.releasedTo?.name ?? '',
              relation: c.releasedTo?.relation ?? '',
            })}
          </span>
        )}
      </div>
      <div className="day-child-actions">
        {c.availableActions.includes('sign_in') && (
          <Button type="primary" size="large" loading={busy} onClick={onSignIn}>
            {t('programs.day.signIn')}
          </Button>
        )}
        {c.availableActions.includes('mark_absent') && (
          <Dropdown
            trigger={['click']}
            disabled={busy}
            menu={{
              items: ABSENCE_KINDS.map((k) => ({
                key: k,
                label: t(`programs.day.absence.${k}`),
              })),
              onClick: ({ key }) => onAbsent(key as AbsenceKind),
            }}
          >
            <Button size="large">{t('programs.day.markAbsent')}</Button>
          </Dropdown>
        )}
        {c.availableActions.includes('release') && (
          <Button type="primary" size="large" loading={busy} onClick={onRelease}>
            {t('programs.day.releaseButton')}
          </Button>
        )}
      </div>
    </li>
  );
}
