import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAuthorizations } from '../../api/agents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { AuthorizationForm } from './AuthorizationForm';
import { AuthorizationList } from './AuthorizationList';
import { authorizationCapabilitiesOf } from '../../lib/page-capabilities';

/** On a resident's page: their authorizations of agents, and (for station staff) a new one. */
export function ResidentAuthorizations({
  resident,
}: {
  resident: { id: string; fullName: string };
}) {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => authorizationCapabilitiesOf(me), [me]);
  const [adding, setAdding] = useState(false);
  const list = useAsync(
    (signal) => listAuthorizations({ residentId: resident.id, limit: 100, offset: 0 }, signal),
    resident.id,
  );
  if (!caps.read) return null;
  return (
    <Card
      className="resident-authorizations"
      data-testid="resident-authorizations"
      title={<h2>{t('cases.authorizations.forResident', { name: resident.fullName })}</h2>}
      extra={
        caps.write && (
          <Button
            type="primary"
            size="large"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="auth-add"
          >
            {t('cases.authorizations.add')}
          </Button>
        )
      }
    >
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!list.data && list.status === 'loading' && <PageSpinner />}
      {list.data && (
        <AuthorizationList
          items={list.data}
          canWrite={caps.write}
          showResident={false}
          onChanged={list.reload}
        />
      )}
      {adding && (
        <AuthorizationForm
          resident={resident}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
