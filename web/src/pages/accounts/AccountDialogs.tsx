import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createAccount, grantRole, type NewGrant } from '../../api/accounts';
import type { Role } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { ROLES } from '../../lib/role-names';
import { useAction } from '../../lib/use-action';
import { RegionScopePicker, StationPicker } from './ScopePicker';

interface GrantValues {
  role: Role;
  regionCode: string;
  stationId?: string | undefined;
}
interface CreateValues extends GrantValues {
  username: string;
  displayName: string;
  password: string;
}

const toGrant = (v: GrantValues): NewGrant =>
  v.stationId
    ? { role: v.role, stationId: v.stationId }
    : { role: v.role, regionCode: v.regionCode };

/** Role, region inside the administrator's scope, and (optionally) one station of it. */
function GrantFields({ prefix }: { prefix: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<GrantValues>();
  const regionCode = Form.useWatch('regionCode', form);
  return (
    <>
      <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
        <Select
          aria-label={t('accounts.role')}
          data-testid={`${prefix}-role`}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('accounts.scope.region')}
        rules={[{ required: true }]}
        extra={t('accounts.scope.help')}
      >
        <RegionScopePicker
          testId={`${prefix}-region`}
          label={t('accounts.scope.region')}
          onChange={(code) => form.setFieldsValue({ regionCode: code, stationId: undefined })}
        />
      </Form.Item>
      <Form.Item name="stationId" label={t('accounts.scope.station')}>
        <StationPicker
          regionCode={regionCode}
          testId={`${prefix}-station`}
          label={t('accounts.scope.station')}
        />
      </Form.Item>
    </>
  );
}

export function CreateAccountDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const keys = useRef(createIdempotencyKeeper()).current;
  const save = useAction(async (v: CreateValues) => {
    const body = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      grants: [toGrant(v)],
    };
    await createAccount(body, keys.keyFor(body));
    keys.reset();
    form.resetFields();
    onCreated();
  });
  return (
    <Modal
      open={open}
      title={t('accounts.create.title')}
      okText={t('accounts.create.submit')}
      cancelText={t('accounts.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.busy}
      okButtonProps={{ 'data-testid': 'account-create-submit' }}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save.run(v)}
        data-testid="account-create-form"
      >
        <Form.Item
          name="username"
          label={t('accounts.username')}
          rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,50}$/ }]}
          extra={t('accounts.create.usernameHelp')}
        >
          <Input data-testid="account-create-username" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('accounts.displayName')}
          rules={[{ required: true, max: 50 }]}
        >
          <Input data-testid="account-create-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('accounts.create.password')}
          rules={[{ required: true, min: 12 }]}
          extra={t('accounts.create.passwordHelp')}
        >
          <Input.Password data-testid="account-create-password" autoComplete="new-password" />
        </Form.Item>
        <GrantFields prefix="account-create" />
        {save.error !== null && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

export function GrantDialog({
  account,
  onClose,
  onGranted,
}: {
  account: { id: string; displayName: string } | null;
  onClose: () => void;
  onGranted: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GrantValues>();
  const keys = useRef(createIdempotencyKeeper()).current;
  const save = useAction(async (v: GrantValues) => {
    if (!account) return;
    const body = toGrant(v);
    await grantRole(account.id, body, keys.keyFor({ id: account.id, body }));
    keys.reset();
    form.resetFields();
    onGranted();
  });
  return (
    <Modal
      open={account !== null}
      title={t('accounts.grant.title', { name: account?.displayName ?? '' })}
      okText={t('accounts.grant.submit')}
      cancelText={t('accounts.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.busy}
      okButtonProps={{ 'data-testid': 'grant-submit' }}
      destroyOnHidden
    >
      <Form<GrantValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save.run(v)}
        data-testid="grant-form"
      >
        <GrantFields prefix="grant" />
        {save.error !== null && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

/** The one-time password, shown once: the administrator hands it over in person. */
export function OneTimePasswordDialog({
  shown,
  onClose,
}: {
  shown: { displayName: string; password: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={shown !== null}
      title={t('accounts.reset.doneTitle', { name: shown?.displayName ?? '' })}
      onOk={onClose}
      onCancel={onClose}
      okText={t('accounts.reset.done')}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <Alert type="warning" showIcon title={t('accounts.reset.once')} />
      <Typography.Paragraph className="one-time-password" copyable data-testid="one-time-password">
        {shown?.password}
      </Typography.Paragraph>
    </Modal>
  );
}
