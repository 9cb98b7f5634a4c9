import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageVolunteers, updateVolunteer, type Volunteer } from '../../api/volunteers';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useIsWide } from '../../lib/use-media-query';
import { useMe } from '../../session/session-context';
import { availabilityText } from './AvailabilityPicker';
import { RegistrationForm } from './RegistrationForm';
import { VolunteerAccountDialog } from './VolunteerAccountDialog';
import { widestRegionOf } from '../../lib/capabilities';
import './volunteers.css';

const PAGE = 50;

/**
 * One search's volunteers (masked), a page at a time by cursor (issue #16 p5) with the total; a
 * record's status and linked account change from its row. Keyed by its filters by the page.
 */
function VolunteerRegistryRows({ q, skill }: { q: string; skill: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const wide = useIsWide();
  const pages = useCursorPages();
  const [accountOf, setAccountOf] = useState<Volunteer | null>(null);
  const list = useAsync(
    (signal) =>
      pageVolunteers(
        { q: q || undefined, skill: skill || undefined, limit: PAGE, after: pages.after },
        signal,
      ),
    `${q}|${skill}|${pages.after ?? ''}`,
  );
  const rows = list.data?.items ?? [];

  const toggle = (v: Volunteer) =>
    updateVolunteer(v.id, { status: v.status === 'active' ? 'suspended' : 'active' })
      .then(() => list.reload())
      .catch((e: unknown) => void message.error(errorText(t, e)));

  const accountButton = (v: Volunteer) => (
    <Button size="small" onClick={() => setAccountOf(v)} data-testid={`vs-account-${v.id}`}>
      {v.accountId ? t('accounts.links.hasAccount') : t('accounts.links.noAccountShort')}
    </Button>
  );

  const columns: ColumnsType<Volunteer> = [
    { title: t('volunteers.field.number'), dataIndex: 'volunteerNumber', width: 150 },
    { title: t('volunteers.field.fullName'), dataIndex: 'fullName', width: 100 },
    { title: t('volunteers.field.id'), dataIndex: 'idMasked', width: 190 },
    { title: t('volunteers.field.age'), dataIndex: 'age', width: 60 },
    { title: t('volunteers.field.phone'), dataIndex: 'phoneMasked', width: 130 },
    { title: t('volunteers.field.home'), dataIndex: 'homeRegionName', width: 130 },
    {
      title: t('volunteers.field.skills'),
      dataIndex: 'skills',
      render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>),
    },
    {
      title: t('volunteers.field.availability'),
      key: 'availability',
      width: 170,
      render: (_: unknown, v) => availabilityText(t, v.availability, '—'),
    },
    {
      title: t('accounts.links.accountColumn'),
      key: 'account',
      width: 120,
      render: (_: unknown, v) => accountButton(v),
    },
    {
      title: t('volunteers.field.status'),
      key: 'status',
      width: 160,
      render: (_: unknown, v) => (
        <Space>
          <Tag color={v.status === 'active' ? 'green' : 'default'}>
            {t(`volunteers.status.${v.status}`)}
          </Tag>
          {v.guardianConsent && <Tag color="purple">{t('volunteers.registry.minor')}</Tag>}
          <Button size="small" onClick={() => void toggle(v)}>
            {v.status === 'active'
              ? t('volunteers.registry.suspend')
              : t('volunteers.registry.reactivate')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {wide ? (
        <Table<Volunteer>
          rowKey="id"
          data-testid="vs-registry"
          loading={list.status === 'loading'}
          dataSource={rows}
          columns={columns}
          pagination={false}
          size="middle"
        />
      ) : (
        <div className="vs-cards" data-testid="vs-registry">
          {rows.map((v) => (
            <Card key={v.id} size="small" title={`${v.fullName} · ${v.volunteerNumber}`}>
              <p>{v.idMasked}</p>
              <p>
                {v.homeRegionName} · {t('volunteers.field.age')} {v.age} · {v.phoneMasked ?? '—'}
              </p>
              <p>
                {v.skills.map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
              </p>
              <p>{accountButton(v)}</p>
            </Card>
          ))}
        </div>
      )}
      {list.data && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="vs-registry-pager"
        />
      )}
      {accountOf && (
        <VolunteerAccountDialog
          volunteer={accountOf}
          onClose={() => setAccountOf(null)}
          onChanged={list.reload}
        />
      )}
    </>
  );
}

/**
 * Centre staff: the volunteer registry of their scope (masked), search, registering someone, and
 * the account linked to a record (issue #15); pages go by cursor with the total (issue #16 p5).
 */
export default function VolunteerRegistryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [q, setQ] = useState('');
  const [skill, setSkill] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const [adding, setAdding] = useState(false);
  const root = widestRegionOf(me, 'volunteers.staff') ?? '110115000000';

  return (
    <div className="vs-page">
      <PageHeading
        title={t('volunteers.registry.title')}
        subtitle={t('volunteers.registry.subtitle')}
        extra={
          <Button
            type="primary"
            size="large"
            onClick={() => setAdding(true)}
            data-testid="vs-register-other"
          >
            {t('volunteers.registry.register')}
          </Button>
        }
      />
      <Space wrap className="vs-filters">
        <Input.Search
          allowClear
          size="large"
          placeholder={t('volunteers.registry.search')}
          aria-label={t('volunteers.registry.search')}
          data-testid="vs-registry-search"
          onSearch={(v) => {
            setQ(v.trim());
          }}
        />
        <Input.Search
          allowClear
          size="large"
          placeholder={t('volunteers.registry.skill')}
          aria-label={t('volunteers.registry.skill')}
          onSearch={(v) => {
            setSkill(v.trim());
          }}
        />
        <ExportButton listPath="/volunteers" filters={{ q, skill }} />
      </Space>
      <VolunteerRegistryRows key={`${q}|${skill}|${refreshKey}`} q={q} skill={skill} />
      <Modal
        open={adding}
        title={t('volunteers.registry.register')}
        footer={null}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        width={640}
      >
        <RegistrationForm
          mode="staff"
          rootCode={root}
          onCancel={() => setAdding(false)}
          onRegistered={(v) => {
            void message.success(
              t('volunteers.registry.registered', { number: v.volunteerNumber }),
            );
            setAdding(false);
            setRefreshKey((k) => k + 1);
          }}
        />
      </Modal>
    </div>
  );
}
