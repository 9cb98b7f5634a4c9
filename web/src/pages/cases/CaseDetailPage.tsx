import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CaseAction, CaseView, CatalogMaterial } from '../../api/case-types';
import { fetchCase, fetchCatalogItem } from '../../api/cases';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { capabilitiesOf } from '../../lib/page-capabilities';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { CaseActionLog } from './CaseActionLog';
import { CaseFacts } from './CaseFacts';
import { CasePrintLinks } from './CasePrintLinks';
import { caseCapabilitiesOf } from '../../lib/page-capabilities';
import { CaseScans } from './CaseScans';
import { MessageList } from '../messages/MessageList';
import { CaseReceipt } from './CaseReceipt';
import { CaseStateTag } from './CaseTags';
import { ActionDialog } from './ActionDialog';
import { HandoffButton } from '../firstresponse/HandoffButton';
import { firstResponseCapabilitiesOf } from '../../lib/page-capabilities';
import { DeadlineLightBadge } from './DeadlineLightBadge';
import { MissingNowCard } from './MissingNowCard';
import { yearsText } from './ProvisionalDue';
import { NoticeDetails } from './NoticeDetails';
import './cases.css';

/** Exactly the actions the server allows now (availableActions), one button each. */
function CaseActionButtons({
  actions,
  onAction,
}: {
  actions: CaseAction[];
  onAction: (action: CaseAction) => void;
}) {
  const { t } = useTranslation();
  if (actions.length === 0) return <p className="muted">{t('cases.detail.noActions')}</p>;
  return (
    <div className="case-actions" data-testid="case-actions">
      {actions.map((a, i) => (
        <Button
          key={a}
          data-testid={`action-${a}`}
          type={i === 0 ? 'primary' : 'default'}
          size="large"
          onClick={() => onAction(a)}
        >
          {t(`cases.action.${a}`)}
        </Button>
      ))}
    </div>
  );
}

function CaseDetail({
  view,
  materials,
  changed,
  onAction,
}: {
  view: CaseView;
  materials: readonly CatalogMaterial[];
  changed: boolean;
  onAction: (action: CaseAction) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const canReadLog = useMemo(() => capabilitiesOf(me).readAudit, [me]);
  const canUpload = useMemo(() => caseCapabilitiesOf(me).fileCases, [me]);
  const canHandOff = useMemo(() => firstResponseCapabilitiesOf(me).handle, [me]);
  return (
    <>
      <div className="no-print case-detail">
        <PageHeading
          title={<span className="mono">{t('cases.detail.title', { number: view.number })}</span>}
          subtitle={
            <span className="case-heading-tags">
              <CaseStateTag state={view.state} />
              <DeadlineLightBadge light={view.light} />
            </span>
          }
        />
        {view.dueDateProvisional && (
          <Alert
            data-testid="case-due-provisional"
            type="warning"
            showIcon
            title={t('cases.detail.dueProvisionalHint', {
              years: yearsText(view.provisionalYears, i18n.language),
            })}
          />
        )}
        {changed && (
          <Alert
            data-testid="case-changed"
            type="warning"
            showIcon
            role="alert"
            title={t('cases.detail.changed')}
          />
        )}
        <Card title={<h2>{t('cases.detail.actions')}</h2>}>
          <CaseActionButtons actions={view.availableActions} onAction={onAction} />
          {canHandOff && (
            <div className="case-handoff">
              <HandoffButton entityType="case" entityId={view.id} />
            </div>
          )}
        </Card>
        <MissingNowCard view={view} />
        <Card title={<h2>{t('cases.detail.facts')}</h2>}>
          <CaseFacts view={view} materials={materials} />
        </Card>
        {view.notice.missing.length > 0 && (
          <Card title={<h2>{t('cases.notice.title')}</h2>} data-testid="case-notice">
            <NoticeDetails notice={view.notice} />
          </Card>
        )}
        <CasePrintLinks view={view} browserPrint />
        <Card title={<h2>{t('cases.scans.title')}</h2>}>
          <CaseScans caseId={view.id} materials={materials} canUpload={canUpload} />
        </Card>
        <MessageList owner="case" id={view.id} />
        {canReadLog && (
          <Card title={<h2>{t('cases.detail.log')}</h2>}>
            <CaseActionLog caseId={view.id} version={view.version} />
          </Card>
        )}
      </div>
      <div className="print-only">
        <CaseReceipt view={view} materials={materials} />
      </div>
    </>
  );
}

/** One case: its facts, its notice, the allowed actions, the printouts and (for auditors) its log. */
export default function CaseDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const loaded = useAsync((signal) => fetchCase(id, signal), id);
  const view = loaded.data;
  const item = useAsync(
    (signal) =>
      view ? fetchCatalogItem(view.item.code, view.item.version, signal) : Promise.resolve(null),
    view ? `${view.item.code}@${view.item.version}` : '',
  );
  const [action, setAction] = useState<CaseAction | null>(null);
  const [changed, setChanged] = useState(false);

  const back = (
    <Link to="/cases" className="back-link no-print">
      <ArrowLeftOutlined aria-hidden /> {t('cases.detail.back')}
    </Link>
  );
  if (!view) {
    return (
      <div className="page">
        {back}
        {loaded.status === 'error' ? (
          <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        ) : (
          <PageSpinner />
        )}
      </div>
    );
  }
  const materials = item.data?.materials ?? [];

  return (
    <div className={`page case-detail-page${loaded.status === 'loading' ? ' is-stale' : ''}`}>
      {back}
      <CaseDetail
        view={view}
        materials={materials}
        changed={changed}
        onAction={(a) => {
          setChanged(false);
          setAction(a);
        }}
      />
      {action && (
        <ActionDialog
          action={action}
          view={view}
          materials={materials}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            void message.success(t('cases.detail.done', { action: t(`cases.action.${action}`) }));
            loaded.reload();
          }}
          onChanged={() => {
            setAction(null);
            setChanged(true);
            loaded.reload();
          }}
        />
      )}
    </div>
  );
}
