import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeading } from '../../components/PageHeading';
import { useMe } from '../../session/session-context';
import { catalogAccessOf } from '../../lib/page-capabilities';
import { ExportCard } from './ExportCard';
import { ImportCard } from './ImportCard';
import { homeTownOf, TownSelect } from './TownSelect';
import './catalog.css';

/** GS-1 catalog import and export: Excel and JSON (export: admins and supervisors). */
export default function CatalogTransferPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const access = useMemo(() => catalogAccessOf(me), [me]);
  // Issue #15 point 9: a town's 实施清单 (the shared items and its own), or the shared list.
  const [town, setTown] = useState<string | undefined>(() => homeTownOf(me));
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
      <div className="catalog-filters io-town">
        <TownSelect me={me} value={town} onChange={setTown} testId="catalog-io-town" />
      </div>
      <div className="io-grid">
        <ExportCard town={town} />
        {access.edit ? (
          <ImportCard town={town} />
        ) : (
          <Alert type="info" showIcon title={t('catalog.io.exportOnly')} />
        )}
      </div>
    </div>
  );
}
