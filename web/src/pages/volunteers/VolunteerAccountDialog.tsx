/**
 * Issue #15 point 4 in the volunteer registry: the account linked to a volunteer record — a
 * volunteer registered by staff earns hours only once an account is linked (or they claim the
 * record with their verified phone). Link / unlink as the record's `availableActions` say.
 */
import { Modal, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchVolunteerAccount, linkVolunteer, unlinkVolunteer } from '../../api/account-links';
import type { Volunteer } from '../../api/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../lib/use-async';
import { LinkedAccountPanel } from '../accounts/LinkedAccountPanel';

export function VolunteerAccountDialog({
  volunteer,
  onClose,
  onChanged,
}: {
  volunteer: Volunteer;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const view = useAsync((signal) => fetchVolunteerAccount(volunteer.id, signal), volunteer.id);
  const can = (a: 'link' | 'unlink') => view.data?.availableActions.includes(a) ?? false;
  return (
    <Modal
      open
      title={t('accounts.links.volunteerTitle', {
        name: volunteer.fullName,
        number: volunteer.volunteerNumber,
      })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('accounts.links.close')}</Button>}
      destroyOnHidden
    >
      {view.status === 'error' && !view.data ? (
        <ErrorAlert error={view.error} onRetry={view.reload} />
      ) : (
        <LinkedAccountPanel
          kind="volunteer"
          bordered={false}
          account={view.data?.account}
          canLink={can('link')}
          canUnlink={can('unlink')}
          onLink={(accountId) => linkVolunteer(volunteer.id, accountId)}
          onUnlink={() => unlinkVolunteer(volunteer.id)}
          onChanged={() => {
            view.reload();
            onChanged();
          }}
        />
      )}
    </Modal>
  );
}
