import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { fetchResident } from '../../api/residents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { capabilitiesOf } from '../../lib/page-capabilities';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { ResidentAuthorizations } from '../agents/ResidentAuthorizations';
import { ResidentCard } from './ResidentCard';
import { ResidentAccountCard } from './ResidentAccountCard';
import { MessageList } from '../messages/MessageList';

export default function ResidentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const me = useMe();
  const caps = useMemo(() => capabilitiesOf(me), [me]);
  const resident = useAsync(() => fetchResident(id), id);

  return (
    <div className="page resident-detail-page">
      <PageHeading
        title={resident.data?.fullName ?? t('residents.detailTitle')}
        extra={
          <Button
            icon={<ArrowLeftOutlined aria-hidden />}
            onClick={() => void navigate('/residents')}
          >
            {t('residents.backToList')}
          </Button>
        }
      />
      {resident.status === 'error' && (
        <ErrorAlert error={resident.error} onRetry={resident.reload} />
      )}
      {resident.status === 'loading' && <Skeleton active />}
      {resident.data && (
        <ResidentCard
          resident={resident.data}
          canReveal={caps.registerResidents}
          showDetailLink={false}
        />
      )}
      {resident.data && caps.readResidents && <ResidentAccountCard residentId={resident.data.id} />}
      {resident.data && caps.readResidents && (
        <MessageList owner="resident" id={resident.data.id} />
      )}
      {resident.data && (
        <ResidentAuthorizations
          resident={{ id: resident.data.id, fullName: resident.data.fullName }}
        />
      )}
    </div>
  );
}
