import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeading } from '../../components/PageHeading';
import { useMe } from '../../session/session-context';
import { catalogAccessOf } from '../../lib/page-capabilities';
import { ExportCard } from './ExportCard';
import { ImportCard } from './ImportCard';
import './catalog.css';

/** GS-1 catalog import and export: Excel and JSON (export: admins and supervisors). */
export default function CatalogTransferPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const access = useMemo(() => catalogAccessOf(me), [me]);
  return (
    <div className="page catalog-io-page">
      <PageHeading
        title={t('catalog.io.title')}
        subtitle={t('catalog.io.subtitle')}
        extra={
          <Button
            icon={<ArrowLeftOutlined aria-hidden />}
            onClick={() => void navigate('/catalog')}
          >
            {t('catalog.item.back')}
          </Button>
        }
      />
      <div className="io-grid">
        <ExportCard />
        {access.edit ? (
          <ImportCard />
        ) : (
          <Alert type="info" showIcon title={t('catalog.io.exportOnly')} />
        )}
      </div>
    </div>
  );
}
