import { Alert, App, Button, Empty, Form, Input, Select, Tag } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchStations } from '../../api/regions';
import {
  createTrainingSession,
  pageTrainingSessions,
  recordAttendance,
  type NewTrainingSession,
} from '../../api/training';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageSpinner } from '../../components/FullPageSpinner';
import { chinaDay } from '../../lib/china-time';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper, randomUuid } from '../../lib/idempotency';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useTownPeople } from './use-town-people';

type FormValues = Omit<NewTrainingSession, 'attendeeIds'> & { attendeeIds?: string[] };

const PAGE_SIZE = 20;

/** Sessions of the town, newest first, paged by cursor (#16 p5); a town officer records one and marks attendance. */
export function SessionsPanel({
  manage,
  townCode,
}: {
  manage: boolean;
  townCode?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const keeper = useRef(createIdempotencyKeeper());
  const pages = useCursorPages();
  const sessions = useAsync(
    (signal) => pageTrainingSessions({ limit: PAGE_SIZE, after: pages.after }, signal),
    pages.after ?? '',
  );
  const { people, items } = useTownPeople();
  const stations = useAsync(
    (signal) =>
      manage && townCode
        ? fetchStations({ regionCode: townCode, limit: 100, offset: 0 }, signal)
        : Promise.resolve([]),
    `${manage}|${townCode ?? ''}`,
  );
  const kind = Form.useWatch('kind', form);
  const places = (stations.data ?? []).filter((s) =>
    kind === 'point_to_point' ? s.kind === 'village_station' : s.kind === 'town_centre',
  );
  const save = useAction(async (values: FormValues) => {
    const body = {
      ...values,
      topicItems: values.topicItems ?? [],
      attendeeIds: values.attendeeIds ?? [],
    };
    await createTrainingSession(body, keeper.current.keyFor(body));
    keeper.current.reset();
    form.resetFields();
    void message.success(t('training.session.saved'));
    sessions.reload();
  });
  const mark = useKeyedAction(async (id: string, accountId: string, present: boolean) => {
    await recordAttendance(id, accountId, present, randomUuid());
    sessions.reload();
  });
  const name = (n: { zh: string; en: string }) => (i18n.language === 'en' ? n.en : n.zh);
  const uniquePeople = people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i);

  return (
    <div>
      <div className="tr-export">
        <ExportButton listPath="/training/sessions" testId="export-sessions" />
      </div>
      {manage && (
        <Form
          form={form}
          layout="vertical"
          className="tr-form"
          data-testid="session-form"
          initialValues={{ kind: 'town_centre', heldOn: chinaDay(new Date()), topicItems: [] }}
          onFinish={(v) => void save.run(v)}
        >
          <h2>{t('training.session.new')}</h2>
          <Form.Item name="kind" label={t('training.session.kind')} rules={[{ required: true }]}>
            <Select
              options={(['town_centre', 'point_to_point'] as const).map((k) => ({
                value: k,
                label: t(`training.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="stationId"
            label={t('training.session.station')}
            rules={[{ required: true }]}
          >
            <Select
              data-testid="session-station"
              options={places.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item
            name="heldOn"
            label={t('training.session.heldOn')}
            rules={[{ required: true }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="trainerName"
            label={t('training.session.trainer')}
            rules={[{ required: true }]}
          >
            <Input data-testid="session-trainer" maxLength={60} />
          </Form.Item>
          <Form.Item name="topicItems" label={t('training.session.topics')}>
            <Select
              mode="multiple"
              data-testid="session-items"
              optionFilterProp="label"
              options={items.map((i) => ({ value: i.code, label: `${name(i.name)} ${i.code}` }))}
            />
          </Form.Item>
          <Form.Item
            name="topicText"
            label={t('training.session.topicText')}
            rules={[{ required: true }]}
          >
            <Input.TextArea data-testid="session-text" maxLength={500} rows={2} />
          </Form.Item>
          <Form.Item name="attendeeIds" label={t('training.session.attendees')}>
            <Select
              mode="multiple"
              data-testid="session-attendees"
              optionFilterProp="label"
              options={uniquePeople.map((p) => ({
                value: p.id,
                label: p.stationName ? `${p.displayName}（${p.stationName}）` : p.displayName,
              }))}
            />
          </Form.Item>
          {save.error !== null && (
            <Alert type="error" showIcon role="alert" title={errorText(t, save.error)} />
          )}
          <Button type="primary" htmlType="submit" loading={save.busy} data-testid="session-save">
            {t('training.session.save')}
          </Button>
        </Form>
      )}
      {sessions.status === 'error' && (
        <ErrorAlert error={sessions.error} onRetry={sessions.reload} />
      )}
      {!sessions.data && sessions.status === 'loading' && <PageSpinner />}
      {mark.error !== null && (
        <Alert type="error" showIcon role="alert" title={errorText(t, mark.error)} />
      )}
      {sessions.data?.items.length === 0 && <Empty description={t('training.session.empty')} />}
      {sessions.data?.items.map((s) => (
        <section key={s.id} className="tr-card" data-testid="session-card" data-session={s.id}>
          <div className="tr-row">
            <strong>{s.heldOn}</strong>
            <Tag>{t(`training.kind.${s.kind}`)}</Tag>
            <span>{s.station.name}</span>
            <span className="tr-muted">{s.trainerName}</span>
          </div>
          <div className="tr-row">
            {s.topicItems.map((i) => (
              <Tag key={i.code} color="blue">
                {name(i.name)}
              </Tag>
            ))}
            <span>{s.topicText}</span>
          </div>
          <div className="tr-people">
            {s.attendance.map((a) => {
              const key = `${s.id}:${a.id}`;
              return (
                <span key={a.id} className="tr-row" data-testid="attendee" data-status={a.status}>
                  <Tag color={a.status === 'present' ? 'green' : 'default'}>
                    {a.displayName} · {t(`training.session.${a.status}`)}
                  </Tag>
                  {manage && s.attendanceOpen && (
                    <Button
                      size="small"
                      loading={mark.isBusy(key)}
                      onClick={() => void mark.run(key, s.id, a.id, a.status !== 'present')}
                    >
                      {a.status === 'present'
                        ? t('training.session.markAbsent')
                        : t('training.session.markPresent')}
                    </Button>
                  )}
                </span>
              );
            })}
            {!s.attendanceOpen && <span className="tr-muted">{t('training.session.notHeld')}</span>}
          </div>
        </section>
      ))}
      {sessions.data && sessions.data.total > 0 && (
        <CursorPager
          page={pages.page}
          nextCursor={sessions.data.nextCursor}
          total={sessions.data.total}
          totalExact={sessions.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="session-pager"
        />
      )}
    </div>
  );
}
