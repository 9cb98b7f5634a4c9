/**
 * Issue #15 point 4 on a resident's page and in the volunteer registry: the account linked to the
 * record (or none), 关联账号 with an account picker and 解除关联 — as the record's
 * `availableActions` say. `extra` holds what else the record's page offers (a new phone login).
 */
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkKind, RecordAccount } from '../../api/account-links';
import { ErrorAlert } from '../../components/ErrorAlert';
import './accounts.css';
import { useKeyedAction } from '../../lib/use-action';
import { AccountPicker } from './LinkPickers';

type Linked = RecordAccount['account'];

export function LinkedAccountPanel({
  kind,
  account,
  canLink,
  canUnlink,
  onLink,
  onUnlink,
  onChanged,
  extra,
  bordered = true,
}: {
  kind: LinkKind;
  account: Linked | undefined;
  canLink: boolean;
  canUnlink: boolean;
  onLink: (accountId: string) => Promise<unknown>;
  onUnlink: () => Promise<unknown>;
  onChanged: () => void;
  extra?: ReactNode;
  bordered?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string | undefined>();
  const act = useKeyedAction(async (job: () => Promise<unknown>, done: string) => {
    await job();
    void message.success(done);
    setPicked(undefined);
    onChanged();
  });
  const body = (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`${kind}-account`}>
      {account === undefined ? null : account ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('accounts.displayName')}>
            <span data-testid={`${kind}-account-name`}>{account.displayName}</span>{' '}
            {account.status === 'disabled' && <Tag>{t('accounts.statuses.disabled')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('accounts.username')}>{account.username}</Descriptions.Item>
          {account.phoneMasked && (
            <Descriptions.Item label={t('accounts.links.phone')}>
              {account.phoneMasked}
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary" data-testid={`${kind}-account-none`}>
          {t('accounts.links.noAccount')}
        </Typography.Text>
      )}
      {canUnlink && account && (
        <Popconfirm
          title={t('accounts.links.unlinkConfirm', { name: account.displayName })}
          okText={t('accounts.links.unlink')}
          cancelText={t('accounts.cancel')}
          okButtonProps={{ 'data-testid': `${kind}-account-unlink-confirm` }}
          onConfirm={() => void act.run('unlink', onUnlink, t('accounts.links.unlinked'))}
        >
          <Button danger loading={act.isBusy('unlink')} data-testid={`${kind}-account-unlink`}>
            {t('accounts.links.unlink')}
          </Button>
        </Popconfirm>
      )}
      {canLink && !account && (
        <>
          <Typography.Text>{t(`accounts.links.linkIntro.${kind}`)}</Typography.Text>
          <div className="account-link-pick">
            <AccountPicker
              kind={kind}
              value={picked}
              onChange={setPicked}
              testId={`${kind}-account-picker`}
              label={t('accounts.links.pickAccount')}
            />
            <Button
              type="primary"
              disabled={!picked}
              loading={act.isBusy('link')}
              data-testid={`${kind}-account-link`}
              onClick={() =>
                void act.run('link', () => onLink(picked!), t('accounts.links.linked'))
              }
            >
              {t('accounts.links.linkAccount')}
            </Button>
          </div>
        </>
      )}
      {act.error !== null && <ErrorAlert error={act.error} />}
      {extra}
    </Space>
  );
  return bordered ? (
    <Card title={t('accounts.links.accountTitle')} style={{ marginTop: 16 }}>
      {body}
    </Card>
  ) : (
    body
  );
}
