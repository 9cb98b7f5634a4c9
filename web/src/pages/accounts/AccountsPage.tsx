import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  disableAccount,
  enableAccount,
  pageAccounts,
  resetAccountPassword,
  revokeGrant,
  type AccountGrant,
  type AccountQuery,
  type ManagedAccount,
} from '../../api/accounts';
import type { Role } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { CursorPager } from '../../components/CursorPager';
import { ROLES } from '../../lib/role-names';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { CreateAccountDialog, GrantDialog, OneTimePasswordDialog } from './AccountDialogs';
import { AccountLinksDialog } from './AccountLinksDialog';
import { RegionScopePicker } from './ScopePicker';
import './accounts.css';

const PAGE_SIZE = 20;

type Filter = Pick<AccountQuery, 'q' | 'role' | 'status' | 'regionCode'>;

/**
 * Issue #15 point 4 (X-2): the administrator's accounts — find by name, role, status or region
 * (inside their scope); create; disable or enable; reset a password (shown once); grant and revoke
 * roles with a scope picker; link the account to a resident record and a volunteer record. The
 * buttons follow each account's `availableActions` and `linkActions`. Pages go by cursor with the
 * total (issue #16 p5): the list is keyed by its filters, so a new filter starts at page one.
 */
export default function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>({});
  const [created, setCreated] = useState(0);
  const [creating, setCreating] = useState(false);
  return (
    <div className="page accounts-page" data-testid="accounts-page">
      <PageHeading
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="account-create"
          >
            {t('accounts.create.open')}
          </Button>
        }
      />
      <AccountFilters onApply={setFilter} />
      <AccountsBoard key={`${JSON.stringify(filter)}|${created}`} filter={filter} />
      <CreateAccountDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void message.success(t('accounts.create.done'));
          setCreated((n) => n + 1);
        }}
      />
    </div>
  );
}

/** One filter's accounts, a page at a time, with what may be done to each. */
function AccountsBoard({ filter }: { filter: Filter }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageAccounts({ ...filter, limit: PAGE_SIZE, after: pages.after }, signal),
    `${JSON.stringify(filter)}|${pages.after ?? ''}`,
  );
  const rows = list.data?.items ?? [];
  const [granting, setGranting] = useState<ManagedAccount | null>(null);
  const [password, setPassword] = useState<{ displayName: string; password: string } | null>(null);
  // By id, so the dialog shows the account as the list reloads it after each change.
  const [linkingId, setLinkingId] = useState<string | null>(null);
  const linking = rows.find((a) => a.id === linkingId) ?? null;

  const act = useKeyedAction(async (run: () => Promise<unknown>, done: string) => {
    await run();
    void message.success(done);
    list.reload();
  });
  const reset = useKeyedAction(async (a: ManagedAccount) => {
    const answer = await resetAccountPassword(a.id);
    setPassword({ displayName: a.displayName, password: answer.password });
    list.reload();
  });
  const can = (a: ManagedAccount, action: ManagedAccount['availableActions'][number]) =>
    a.availableActions.includes(action);

  const grantTag = (a: ManagedAccount, g: AccountGrant) => {
    const text = `${t(`roles.${g.role as Role}`)} · ${g.stationName ?? g.regionName ?? g.regionCode}`;
    const revocable = can(a, 'revoke') && a.grants.length > 1;
    return (
      <Tag
        key={g.id}
        className="account-grant"
        data-testid={`grant-${a.username}-${g.role}`}
        closable={revocable}
        closeIcon={revocable ? undefined : false}
        onClose={(e) => {
          e.preventDefault();
          void act.run(
            `revoke-${g.id}`,
            () => revokeGrant(a.id, g.id),
            t('accounts.revoked', { role: t(`roles.${g.role as Role}`) }),
          );
        }}
      >
        {text}
      </Tag>
    );
  };

  return (
    <>
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {act.error !== null && <ErrorAlert error={act.error} />}
      {reset.error !== null && <ErrorAlert error={reset.error} />}
      <Table<ManagedAccount>
        rowKey="id"
        size="middle"
        data-testid="accounts-table"
        loading={list.status === 'loading'}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 930 }}
        columns={[
          {
            title: t('accounts.displayName'),
            key: 'name',
            render: (_: unknown, a) => (
              <div data-testid={`account-${a.username}`}>
                <div className="account-name">{a.displayName}</div>
                <div className="account-username">
                  {a.username}
                  {a.phoneMasked && <span> · {a.phoneMasked}</span>}
                </div>
              </div>
            ),
          },
          {
            title: t('accounts.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: ManagedAccount['status'], a) => (
              <Tag
                color={s === 'active' ? 'green' : 'default'}
                data-testid={`status-${a.username}`}
                data-status={s}
              >
                {t(`accounts.statuses.${s}`)}
              </Tag>
            ),
          },
          {
            title: t('accounts.grants'),
            key: 'grants',
            render: (_: unknown, a) => (
              <Space size={[4, 4]} wrap>
                {a.grants.map((g) => grantTag(a, g))}
                {can(a, 'grant') && (
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => setGranting(a)}
                    data-testid={`grant-open-${a.username}`}
                  >
                    {t('accounts.grant.open')}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('accounts.links.column'),
            key: 'links',
            width: 170,
            render: (_: unknown, a) => (
              <Space direction="vertical" size={4} data-testid={`links-${a.username}`}>
                {a.resident && (
                  <Tag color="blue">
                    {t('accounts.links.resident')}：{a.resident.fullName}
                  </Tag>
                )}
                {a.volunteer && (
                  <Tag color="green" data-testid={`linked-volunteer-${a.username}`}>
                    {t('accounts.links.volunteer')}：{a.volunteer.fullName}
                  </Tag>
                )}
                {a.linkActions.length > 0 && (
                  <Button
                    size="small"
                    onClick={() => setLinkingId(a.id)}
                    data-testid={`links-open-${a.username}`}
                  >
                    {t('accounts.links.open')}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('accounts.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, a) => (
              <Space wrap>
                {can(a, 'disable') && (
                  <Popconfirm
                    title={t('accounts.disableConfirm', { name: a.displayName })}
                    okText={t('accounts.disable')}
                    cancelText={t('accounts.cancel')}
                    okButtonProps={{ 'data-testid': 'disable-confirm' }}
                    onConfirm={() =>
                      void act.run(
                        `status-${a.id}`,
                        () => disableAccount(a.id),
                        t('accounts.disabled', { name: a.displayName }),
                      )
                    }
                  >
                    <Button
                      danger
                      loading={act.isBusy(`status-${a.id}`)}
                      data-testid={`disable-${a.username}`}
                    >
                      {t('accounts.disable')}
                    </Button>
                  </Popconfirm>
                )}
                {can(a, 'enable') && (
                  <Button
                    loading={act.isBusy(`status-${a.id}`)}
                    onClick={() =>
                      void act.run(
                        `status-${a.id}`,
                        () => enableAccount(a.id),
                        t('accounts.enabled', { name: a.displayName }),
                      )
                    }
                    data-testid={`enable-${a.username}`}
                  >
                    {t('accounts.enable')}
                  </Button>
                )}
                {can(a, 'reset_password') && (
                  <Popconfirm
                    title={t('accounts.reset.confirm', { name: a.displayName })}
                    okText={t('accounts.reset.open')}
                    cancelText={t('accounts.cancel')}
                    okButtonProps={{ 'data-testid': 'reset-confirm' }}
                    onConfirm={() => void reset.run(a.id, a)}
                  >
                    <Button loading={reset.isBusy(a.id)} data-testid={`reset-${a.username}`}>
                      {t('accounts.reset.open')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {list.data && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="accounts-pager"
        />
      )}
      <GrantDialog
        account={granting}
        onClose={() => setGranting(null)}
        onGranted={() => {
          setGranting(null);
          void message.success(t('accounts.grant.done'));
          list.reload();
        }}
      />
      <OneTimePasswordDialog shown={password} onClose={() => setPassword(null)} />
      <AccountLinksDialog
        account={linking}
        onClose={() => setLinkingId(null)}
        onChanged={list.reload}
      />
    </>
  );
}

interface FilterValues {
  q?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  regionCode?: string;
}

function AccountFilters({ onApply }: { onApply: (filter: Filter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const submit = (v: FilterValues) =>
    onApply({
      q: v.q?.trim() || undefined,
      role: v.role || undefined,
      status: v.status || undefined,
      regionCode: v.regionCode || undefined,
    });
  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      className="accounts-filters"
      aria-label={t('accounts.filters')}
      onFinish={submit}
      data-testid="accounts-filters"
    >
      <Form.Item name="q" label={t('accounts.search')}>
        <Input data-testid="accounts-filter-q" placeholder={t('accounts.searchHint')} />
      </Form.Item>
      <Form.Item name="role" label={t('accounts.role')}>
        <Select
          allowClear
          aria-label={t('accounts.role')}
          placeholder={t('accounts.allRoles')}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          style={{ minWidth: 150 }}
          data-testid="accounts-filter-role"
        />
      </Form.Item>
      <Form.Item name="status" label={t('accounts.status')}>
        <Select
          allowClear
          aria-label={t('accounts.status')}
          placeholder={t('accounts.allStatuses')}
          options={(['active', 'disabled'] as const).map((s) => ({
            value: s,
            label: t(`accounts.statuses.${s}`),
          }))}
          style={{ minWidth: 120 }}
          data-testid="accounts-filter-status"
        />
      </Form.Item>
      <Form.Item name="regionCode" label={t('accounts.scope.region')}>
        <RegionScopePicker testId="accounts-filter-region" label={t('accounts.scope.region')} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="accounts-filter-apply">
          {t('accounts.apply')}
        </Button>{' '}
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('accounts.clear')}
        </Button>
      </Form.Item>
    </Form>
  );
}
