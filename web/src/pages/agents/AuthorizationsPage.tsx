import { IdcardOutlined } from '@ant-design/icons';
import { Alert, Card } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { pageAuthorizations } from '../../api/agents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { CursorPager } from '../../components/CursorPager';
import { capabilitiesOf } from '../../lib/page-capabilities';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useMe } from '../../session/session-context';
import { AuthorizationList } from './AuthorizationList';
import { authorizationCapabilitiesOf } from '../../lib/page-capabilities';

const PAGE_SIZE = 20;

/**
 * 代办授权: every authorization in my reach, newest first; an agent sees only their own. New ones
 * are recorded on the resident's page, where the clerk has just found the resident. Pages go by
 * cursor with the total (issue #16 p5).
 */
export default function AuthorizationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => authorizationCapabilitiesOf(me), [me]);
  const canFindResidents = useMemo(() => capabilitiesOf(me).readResidents, [me]);
  const agentOnly = me.grants.every((g) => g.role === 'agent');
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageAuthorizations({ limit: PAGE_SIZE, after: pages.after }, signal),
    pages.after ?? '',
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
              items={list.data.items}
              canWrite={caps.write}
              showResident
              onChanged={list.reload}
            />
            <CursorPager
              page={pages.page}
              nextCursor={list.data.nextCursor}
              total={list.data.total}
              totalExact={list.data.totalExact}
              onNext={pages.next}
              onPrevious={pages.previous}
              testId="auth-pager"
            />
          </div>
        )}
      </Card>
    </div>
  );
}
