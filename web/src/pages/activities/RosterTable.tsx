import { App, Button, Input, InputNumber, Modal, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  confirmHours,
  recordAttendance,
  rejectHours,
  setTravel,
  type Roster,
  type RosterEntry,
} from '../../api/activities';
import { errorText } from '../../lib/errors';
import { useKeyedAction } from '../../lib/use-action';
import { formatTime, RECORD_COLOR } from './activity-format';

/**
 * Confirmed volunteers with check-in/out by hand, travel minutes and hours to confirm; the waitlist.
 * Buttons follow each row's `availableActions` (sign-up and record workflows); the check-in window
 * is the activity's.
 */
export function RosterTable({ roster, onChange }: { roster: Roster; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [travel, setTravelDraft] = useState<Record<string, number>>({});
  const [rejecting, setRejecting] = useState<RosterEntry | null>(null);
  const [reason, setReason] = useState('');
  const open = roster.activity.status === 'open';
  // Check-in opens an hour before the start and closes at the end (as the server checks).
  const now = Date.now();
  const checkInOpen =
    open &&
    now >= Date.parse(roster.activity.startsAt) - 3600_000 &&
    now <= Date.parse(roster.activity.endsAt);

  const action = useKeyedAction(async (job: () => Promise<unknown>, done: string) => {
    try {
      await job();
      void message.success(done);
      onChange();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  const run = (key: string, job: () => Promise<unknown>, done: string) =>
    void action.run(key, job, done);

  const columns: ColumnsType<RosterEntry> = [
    {
      key: 'who',
      title: t('activities.roster.volunteer'),
      render: (_, e) => (
        <>
          <div>{e.fullName}</div>
          <div className="muted">
            {e.volunteerNumber}
            {e.phoneMasked ? ` · ${e.phoneMasked}` : ''}
          </div>
        </>
      ),
    },
    {
      key: 'record',
      title: t('activities.roster.attendance'),
      render: (_, e) =>
        e.record ? (
          <>
            <Tag color={RECORD_COLOR[e.record.status]}>
              {t(`activities.record.${e.record.status}`)}
            </Tag>
            <div className="muted">
              {formatTime(e.record.checkedInAt, i18n.language)} –{' '}
              {formatTime(e.record.checkedOutAt, i18n.language)}
            </div>
          </>
        ) : (
          <Tag>{t('activities.record.none')}</Tag>
        ),
    },
    {
      key: 'hours',
      title: t('activities.roster.hours'),
      render: (_, e) =>
        e.record?.checkedOutAt ? t('activities.hoursValue', { hours: e.record.hours }) : '—',
    },
    {
      key: 'travel',
      title: t('activities.roster.travel'),
      render: (_, e) =>
        e.record?.availableActions.includes('set_travel') ? (
          <InputNumber
            aria-label={t('activities.roster.travel')}
            min={0}
            max={600}
            precision={0}
            value={travel[e.record.id] ?? e.record.travelMinutes}
            onChange={(v) => setTravelDraft((d) => ({ ...d, [e.record!.id]: Number(v ?? 0) }))}
            onBlur={() => {
              const v = travel[e.record!.id];
              if (v !== undefined && v !== e.record!.travelMinutes)
                run(
                  `t${e.record!.id}`,
                  () => setTravel(e.record!.id, v),
                  t('activities.roster.saved'),
                );
            }}
            addonAfter={t('activities.minutes')}
          />
        ) : (
          (e.record?.travelMinutes ?? '—')
        ),
    },
    {
      key: 'actions',
      title: t('activities.roster.actions'),
      render: (_, e) => (
        <div className="roster-actions">
          {checkInOpen && !e.record && e.availableActions.includes('record_attendance') && (
            <Button
              loading={action.isBusy(`in${e.volunteerId}`)}
              onClick={() =>
                run(
                  `in${e.volunteerId}`,
                  () => recordAttendance(roster.activity.id, e.volunteerId, 'in'),
                  t('activities.roster.checkedIn'),
                )
              }
            >
              {t('activities.roster.checkIn')}
            </Button>
          )}
          {open && e.record?.availableActions.includes('check_out') && (
            <Button
              loading={action.isBusy(`out${e.volunteerId}`)}
              onClick={() =>
                run(
                  `out${e.volunteerId}`,
                  () => recordAttendance(roster.activity.id, e.volunteerId, 'out'),
                  t('activities.roster.checkedOut'),
                )
              }
            >
              {t('activities.roster.checkOut')}
            </Button>
          )}
          {e.record?.availableActions.includes('confirm') && (
            <Button
              type="primary"
              loading={action.isBusy(`c${e.record.id}`)}
              onClick={() =>
                run(
                  `c${e.record!.id}`,
                  () => confirmHours(e.record!.id, travel[e.record!.id]),
                  t('activities.roster.confirmed'),
                )
              }
            >
              {t('activities.roster.confirm')}
            </Button>
          )}
          {e.record?.availableActions.includes('reject') && (
            <Button danger onClick={() => setRejecting(e)}>
              {t('activities.roster.reject')}
            </Button>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <h2 className="section-heading">
        {t('activities.roster.confirmedHeading', { n: roster.confirmed.length })}
      </h2>
      <Table
        rowKey="signupId"
        columns={columns}
        dataSource={roster.confirmed}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('activities.roster.empty') }}
      />
      <h2 className="section-heading">
        {t('activities.roster.waitlistHeading', { n: roster.waitlist.length })}
      </h2>
      <ol data-testid="waitlist">
        {roster.waitlist.map((w) => (
          <li key={w.signupId}>
            {w.fullName} <span className="muted">{w.volunteerNumber}</span>
          </li>
        ))}
      </ol>
      <Modal
        open={rejecting !== null}
        title={t('activities.roster.rejectTitle')}
        okText={t('activities.roster.reject')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        onCancel={() => setRejecting(null)}
        afterClose={() => setReason('')}
        onOk={() => {
          const rec = rejecting?.record;
          if (!rec) return;
          setRejecting(null);
          run(
            `r${rec.id}`,
            () => rejectHours(rec.id, reason.trim()),
            t('activities.roster.rejected'),
          );
        }}
      >
        <label htmlFor="reject-reason">{t('activities.roster.rejectReason')}</label>
        <Input.TextArea
          id="reject-reason"
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
