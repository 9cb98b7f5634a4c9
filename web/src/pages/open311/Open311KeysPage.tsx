import { KeyOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAccounts } from '../../api/accounts';
import {
  issueOpen311Key,
  listOpen311Keys,
  revokeOpen311Key,
  type Open311Key,
} from '../../api/open311';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { formatChinaDateTime } from '../../lib/china-time';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { RegionScopePicker } from '../accounts/ScopePicker';
import '../accounts/accounts.css';

interface KeyValues {
  name: string;
  jurisdictionId: string;
  actingAccountId: string;
}

/** Staff who may act for a key: a clerk or town officer at a station of the town. */
const ACTING_ROLES = ['clerk', 'town_officer'];

/**
 * Issue #15 point 7 (X-9): the towns' Open311 API keys — list (hints only), issue one for an
 * integrator (the key is shown once), revoke (final). docs/open311.md tells integrators the rest.
 */
export default function Open311KeysPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const keys = useAsync((signal) => listOpen311Keys(signal), 'keys');
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const revoke = useKeyedAction(async (k: Open311Key) => {
    await revokeOpen311Key(k.id);
    void message.success(t('open311Keys.revoked', { name: k.name }));
    keys.reload();
  });

  return (
    <div className="page open311-keys-page" data-testid="open311-keys-page">
      <PageHeading title={t('open311Keys.title')} subtitle={t('open311Keys.subtitle')} />
      <IssueKeyForm
        onIssued={(name, key) => {
          setIssued({ name, key });
          keys.reload();
        }}
      />
      {keys.status === 'error' && <ErrorAlert error={keys.error} onRetry={keys.reload} />}
      {revoke.error !== null && <ErrorAlert error={revoke.error} />}
      <Table<Open311Key>
        rowKey="id"
        size="middle"
        data-testid="open311-keys-table"
        loading={keys.status === 'loading'}
        dataSource={keys.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t('open311Keys.name'),
            key: 'name',
            render: (_: unknown, k) => (
              <div data-testid={`key-${k.name}`}>
                <div>{k.name}</div>
                <code className="mono">{k.keyHint}…</code>
              </div>
            ),
          },
          {
            title: t('open311Keys.town'),
            key: 'town',
            render: (_: unknown, k) => k.jurisdictionName ?? k.jurisdictionId,
          },
          {
            title: t('open311Keys.acting'),
            key: 'acting',
            render: (_: unknown, k) => k.actingAccount.displayName,
          },
          {
            title: t('open311Keys.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) =>
              v ? formatChinaDateTime(v, i18n.language) : t('open311Keys.never'),
          },
          {
            title: t('open311Keys.status'),
            key: 'status',
            render: (_: unknown, k) =>
              k.revokedAt ? (
                <Tag data-testid={`key-status-${k.name}`} data-status="revoked">
                  {t('open311Keys.revokedAt', {
                    at: formatChinaDateTime(k.revokedAt, i18n.language),
                  })}
                </Tag>
              ) : (
                <Popconfirm
                  title={t('open311Keys.revokeConfirm', { name: k.name })}
                  okText={t('open311Keys.revoke')}
                  cancelText={t('accounts.cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'key-revoke-confirm' }}
                  onConfirm={() => void revoke.run(k.id, k)}
                >
                  <Button
                    danger
                    loading={revoke.isBusy(k.id)}
                    data-testid={`key-revoke-${k.name}`}
                    data-status="active"
                  >
                    {t('open311Keys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={issued !== null}
        title={t('open311Keys.issuedTitle', { name: issued?.name ?? '' })}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        okText={t('accounts.reset.done')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('open311Keys.once')} />
        <Typography.Paragraph className="one-time-password" copyable data-testid="open311-key">
          {issued?.key}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}

function IssueKeyForm({ onIssued }: { onIssued: (name: string, key: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<KeyValues>();
  const town = Form.useWatch('jurisdictionId', form);
  const staff = useAsync(
    async (signal) =>
      town
        ? (
            await listAccounts(
              { regionCode: town, status: 'active', limit: 200, offset: 0 },
              signal,
            )
          ).filter((a) => a.grants.some((g) => g.stationId && ACTING_ROLES.includes(g.role)))
        : [],
    town ?? '',
  );
  const keeper = useRef(createIdempotencyKeeper()).current;
  const issue = useAction(async (v: KeyValues) => {
    const body = {
      name: v.name.trim(),
      jurisdictionId: v.jurisdictionId,
      actingAccountId: v.actingAccountId,
    };
    const answer = await issueOpen311Key(body, keeper.keyFor(body));
    keeper.reset();
    form.resetFields();
    onIssued(answer.name, answer.key);
  });
  return (
    <Form<KeyValues>
      form={form}
      layout="inline"
      className="accounts-filters"
      aria-label={t('open311Keys.issue')}
      onFinish={(v) => void issue.run(v)}
      data-testid="open311-key-form"
    >
      <Form.Item name="name" label={t('open311Keys.name')} rules={[{ required: true, max: 100 }]}>
        <Input placeholder={t('open311Keys.namePlaceholder')} data-testid="key-name" />
      </Form.Item>
      <Form.Item name="jurisdictionId" label={t('open311Keys.town')} rules={[{ required: true }]}>
        <RegionScopePicker
          testId="key-town"
          label={t('open311Keys.town')}
          levels={['town']}
          onChange={(code) =>
            form.setFieldsValue({ jurisdictionId: code, actingAccountId: undefined })
          }
        />
      </Form.Item>
      <Form.Item
        name="actingAccountId"
        label={t('open311Keys.acting')}
        rules={[{ required: true }]}
        tooltip={t('open311Keys.actingHelp')}
      >
        <Select
          aria-label={t('open311Keys.acting')}
          disabled={!town}
          loading={staff.status === 'loading'}
          options={(staff.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
          className="scope-picker"
          data-testid="key-acting"
        />
      </Form.Item>
      <Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<KeyOutlined aria-hidden />}
          loading={issue.busy}
          data-testid="key-issue"
        >
          {t('open311Keys.issue')}
        </Button>
      </Form.Item>
      {issue.error !== null && <ErrorAlert error={issue.error} />}
    </Form>
  );
}
