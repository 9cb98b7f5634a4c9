import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportCatalog } from '../../api/catalog';
import type { CatalogFileFormat } from '../../api/catalog-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useKeyedAction } from '../../lib/use-action';

/** Hands a downloaded file to the browser under the server's filename. */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Download the current catalog as Excel or JSON (administrators and supervisors). */
export function ExportCard({ town }: { town?: string | undefined }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const exporting = useKeyedAction(async (format: CatalogFileFormat) => {
    setDone(null);
    const { blob, filename } = await exportCatalog(format, town);
    saveFile(blob, filename);
    setDone(filename);
  });
  const { busy, error } = exporting;
  // One download at a time: both buttons wait while either runs.
  const download = (format: CatalogFileFormat) => {
    if (!busy) void exporting.run(format, format);
  };

  return (
    <Card className="io-card" title={<h2 className="card-title">{t('catalog.io.exportTitle')}</h2>}>
      <p className="io-help">{t('catalog.io.exportHelp')}</p>
      <p className="io-help" data-testid="catalog-export-which">
        {town ? t('catalog.town.exportTown') : t('catalog.town.exportShared')}
      </p>
      <div className="io-buttons">
        <Button
          type="primary"
          icon={<FileExcelOutlined aria-hidden />}
          loading={exporting.isBusy('xlsx')}
          disabled={busy}
          onClick={() => download('xlsx')}
          data-testid="catalog-export-xlsx"
        >
          {t('catalog.io.exportXlsx')}
        </Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={exporting.isBusy('json')}
          disabled={busy}
          onClick={() => download('json')}
          data-testid="catalog-export-json"
        >
          {t('catalog.io.exportJson')}
        </Button>
      </div>
      {done && (
        <Alert
          role="status"
          type="success"
          showIcon
          data-testid="catalog-exported"
          title={t('catalog.io.exported', { filename: done })}
        />
      )}
      {error !== null && <ErrorAlert error={error} />}
    </Card>
  );
}
