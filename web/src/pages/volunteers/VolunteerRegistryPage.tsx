import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listVolunteers, updateVolunteer, type Volunteer } from '../../api/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useIsWide } from '../../lib/use-media-query';
import { useMe } from '../../session/session-context';
import { availabilityText } from './AvailabilityPicker';
import { RegistrationForm } from './RegistrationForm';
import { VolunteerAccountDialog } from './VolunteerAccountDialog';
import { widestRegionOf } from '../../lib/capabilities';
import './volunteers.css';

const PAGE = 50;

/**
 * Centre staff: the volunteer registry of their scope (masked), search, registering someone, and
 * the account linked to a record (issue #15).
 */
export default function VolunteerRegistryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const wide = useIsWide();
  const [q, setQ] = useState('');
  const [skill, setSkill] = useState('');
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const [accountOf, setAccountOf] = useState<Volunteer | null>(null);
  const root = widestRegionOf(me, 'volunteers.staff') ?? '110115000000';
  const list = useAsync(
    (signal) =>
      listVolunteers({ q: q || undefined, skill: skill || undefined, limit: PAGE, offset }, signal),
    `${q}|${skill}|${offset}`,
  );

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
            setOffset(0);
            setQ(v.trim());
          }}
        />
        <Input.Search
          allowClear
          size="large"
          placeholder={t('volunteers.registry.skill')}
          aria-label={t('volunteers.registry.skill')}
          onSearch={(v) => {
            setOffset(0);
            setSkill(v.trim());
          }}
        />
        <ExportButton listPath="/volunteers" filters={{ q, skill }} />
      </Space>
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {wide ? (
        <Table<Volunteer>
          rowKey="id"
          data-testid="vs-registry"
          loading={list.status === 'loading'}
          dataSource={list.data ?? []}
          columns={columns}
          pagination={false}
          size="middle"
        />
      ) : (
        <div className="vs-cards" data-testid="vs-registry">
          {(list.data ?? []).map((v) => (
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
      <Space className="vs-pager">
        <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('volunteers.action.previous')}
        </Button>
        <Button disabled={(list.data?.length ?? 0) < PAGE} onClick={() => setOffset(offset + PAGE)}>
          {t('volunteers.action.next')}
        </Button>
      </Space>
      {accountOf && (
        <VolunteerAccountDialog
          volunteer={accountOf}
          onClose={() => setAccountOf(null)}
          onChanged={list.reload}
        />
      )}
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
            list.reload();
          }}
        />
      </Modal>
    </div>
  );
}
