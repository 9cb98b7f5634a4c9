/**
 * Issue #15 point 4 on the resident's page: the account linked to the record, or none; staff who
 * may (the record's `availableActions`) link an existing account, unlink it, or create the
 * resident's own phone login (GS-10).
 */
import { useState } from 'react';
import { fetchResidentAccount, linkResident, unlinkResident } from '../../api/account-links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../lib/use-async';
import { LinkedAccountPanel } from '../accounts/LinkedAccountPanel';
import { ResidentLoginCard } from './ResidentLoginCard';

export function ResidentAccountCard({ residentId }: { residentId: string }) {
  const view = useAsync((signal) => fetchResidentAccount(residentId, signal), residentId);
  // The new login's confirmation stays on screen after the card reloads the linked account.
  const [created, setCreated] = useState(false);
  const can = (a: 'create_login' | 'link' | 'unlink') =>
    view.data?.availableActions.includes(a) ?? false;
  if (view.status === 'error' && !view.data)
    return <ErrorAlert error={view.error} onRetry={view.reload} />;
  return (
    <>
      <LinkedAccountPanel
        kind="resident"
        account={view.data?.account}
        canLink={can('link')}
        canUnlink={can('unlink')}
        onLink={(accountId) => linkResident(residentId, accountId)}
        onUnlink={() => unlinkResident(residentId)}
        onChanged={view.reload}
      />
      {(can('create_login') || created) && (
        <ResidentLoginCard
          residentId={residentId}
          onCreated={() => {
            setCreated(true);
            view.reload();
          }}
        />
      )}
    </>
  );
}
