/**
 * Issue #15 point 4 on the /accounts page: the resident record and the volunteer record linked to
 * an account — 关联居民 / 关联志愿者 with a search picker, 解除关联 — offered exactly as the
 * account's `linkActions` say. The links are changed through the records' own routes (audited
 * there); the page reloads the account afterwards.
 */
import { App, Button, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  linkResident,
  linkVolunteer,
  unlinkResident,
  unlinkVolunteer,
} from '../../api/account-links';
import type { ManagedAccount } from '../../api/accounts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useKeyedAction } from '../../lib/use-action';
import { ResidentPicker, VolunteerPicker } from './LinkPickers';

export function AccountLinksDialog({
  account,
  onClose,
  onChanged,
}: {
  account: ManagedAccount | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [residentId, setResidentId] = useState<string | undefined>();
  const [volunteerId, setVolunteerId] = useState<string | undefined>();
  const act = useKeyedAction(async (job: () => Promise<unknown>, done: string) => {
    await job();
    void message.success(done);
    setResidentId(undefined);
    setVolunteerId(undefined);
    onChanged();
  });
  if (!account) return null;
  const can = (a: ManagedAccount['linkActions'][number]) => account.linkActions.includes(a);
  const name = account.displayName;

  const unlinkButton = (key: string, job: () => Promise<unknown>, done: string) => (
    <Popconfirm
      title={t('accounts.links.unlinkConfirm', { name })}
      okText={t('accounts.links.unlink')}
      cancelText={t('accounts.cancel')}
      okButtonProps={{ 'data-testid': `${key}-confirm` }}
      onConfirm={() => void act.run(key, job, done)}
    >
      <Button danger loading={act.isBusy(key)} data-testid={key}>
        {t('accounts.links.unlink')}
      </Button>
    </Popconfirm>
  );

  return (
    <Modal
      open
      title={t('accounts.links.title', { name })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('accounts.links.close')}</Button>}
      destroyOnHidden
      data-testid="account-links"
    >
      <Typography.Paragraph type="secondary">{t('accounts.links.intro')}</Typography.Paragraph>
      <section className="account-link-section" aria-labelledby="account-links-resident-h">
        <Typography.Title level={5} id="account-links-resident-h">
          {t('accounts.links.resident')}
        </Typography.Title>
        <p data-testid="account-links-resident">
          {account.resident ? account.resident.fullName : t('accounts.links.notLinked')}
        </p>
        {can('unlink_resident') &&
          account.resident &&
          unlinkButton(
            'unlink-resident',
            () => unlinkResident(account.resident!.id),
            t('accounts.links.unlinked'),
          )}
        {can('link_resident') && (
          <div className="account-link-pick">
            <ResidentPicker
              value={residentId}
              onChange={setResidentId}
              testId="link-resident-picker"
              label={t('accounts.links.pickResident')}
            />
            <Button
              type="primary"
              disabled={!residentId}
              loading={act.isBusy('link-resident')}
              data-testid="link-resident"
              onClick={() =>
                void act.run(
                  'link-resident',
                  () => linkResident(residentId!, account.id),
                  t('accounts.links.linked'),
                )
              }
            >
              {t('accounts.links.linkResident')}
            </Button>
          </div>
        )}
      </section>
      <section className="account-link-section" aria-labelledby="account-links-volunteer-h">
        <Typography.Title level={5} id="account-links-volunteer-h">
          {t('accounts.links.volunteer')}
        </Typography.Title>
        <p data-testid="account-links-volunteer">
          {account.volunteer
            ? `${account.volunteer.fullName} · ${account.volunteer.volunteerNumber}`
            : t('accounts.links.notLinked')}
        </p>
        {can('unlink_volunteer') &&
          account.volunteer &&
          unlinkButton(
            'unlink-volunteer',
            () => unlinkVolunteer(account.volunteer!.id),
            t('accounts.links.unlinked'),
          )}
        {can('link_volunteer') && (
          <div className="account-link-pick">
            <VolunteerPicker
              value={volunteerId}
              onChange={setVolunteerId}
              testId="link-volunteer-picker"
              label={t('accounts.links.pickVolunteer')}
            />
            <Button
              type="primary"
              disabled={!volunteerId}
              loading={act.isBusy('link-volunteer')}
              data-testid="link-volunteer"
              onClick={() =>
                void act.run(
                  'link-volunteer',
                  () => linkVolunteer(volunteerId!, account.id),
                  t('accounts.links.linked'),
                )
              }
            >
              {t('accounts.links.linkVolunteer')}
            </Button>
          </div>
        )}
      </section>
      {act.error !== null && <ErrorAlert error={act.error} />}
    </Modal>
  );
}
