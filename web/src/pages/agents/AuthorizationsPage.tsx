import { IdcardOutlined } from '@ant-design/icons';
import { Alert, Card } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listAuthorizations } from '../../api/agents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { capabilitiesOf } from '../../lib/page-capabilities';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { AuthorizationList } from './AuthorizationList';
import { authorizationCapabilitiesOf } from '../../lib/page-capabilities';

const PAGE_SIZE = 20;

/**
 * 代办授权: every authorization in my reach, newest first; an agent sees only their own. New ones
 * are recorded on the resident's page, where the clerk has just found the resident.
 */
export default function AuthorizationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => authorizationCapabilitiesOf(me), [me]);
  const canFindResidents = useMemo(() => capabilitiesOf(me).readResidents, [me]);
  const agentOnly = me.grants.every((g) => g.role === 'agent');
  const [page, setPage] = useState(1);
  const list = useAsync(
    (signal) =>
      listAuthorizations({ limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }, signal),
    String(page),
  );
  return (
    <div className="page authorizations-page">
      <PageHeading
        title={agentOnly ? t('cases.authorizations.mine') : t('cases.authorizations.title')}
        subtitle={t('cases.authorizations.subtitle')}
        extra={<ExportButton listPath="/authorizations" />}
      />
      {caps.write && canFindResidents && (
        <Alert
          type="info"
          showIcon
          title={t('cases.authorizations.findResident')}
          action={
            <Link to="/residents" data-testid="auth-find-resident">
              <IdcardOutlined aria-hidden /> {t('cases.authorizations.openResidents')}
            </Link>
          }
        />
      )}
      <Card>
        {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
        {!list.data && list.status === 'loading' && <PageSpinner />}
        {list.data && (
          <div className={list.status === 'loading' ? 'is-stale' : undefined}>
            <AuthorizationList
              items={list.data.slice(0, PAGE_SIZE)}
              canWrite={caps.write}
              showResident
              onChanged={list.reload}
            />
            <Pager page={page} hasNext={list.data.length > PAGE_SIZE} onPage={setPage} />
          </div>
        )}
      </Card>
    </div>
  );
}
