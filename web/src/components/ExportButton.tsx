import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../api/client';

type Filters = Record<string, string | number | boolean | null | undefined>;

/** Paging is the list page's, not the export's: the file has every row the filters match. */
const PAGING = new Set(['limit', 'offset', 'beforeSeq']);

/** The list's Excel export (X-8) with the page's current filters, in the reader's language. */
export function exportUrl(listPath: string, filters: Filters, language: string, at?: string) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '' || PAGING.has(key)) continue;
    params.set(key, String(value));
  }
  params.set('lang', language.startsWith('en') ? 'en' : 'zh-CN');
  return `${API_BASE}${at ?? `${listPath}/export.xlsx`}?${params.toString()}`;
}

/**
 * "导出 Excel / Export to Excel" on a list page: a plain download link (the session cookie goes
 * with it), so the server streams the file straight to disk.
 */
export function ExportButton({
  listPath,
  filters = {},
  at,
  testId = 'export-excel',
}: {
  /** The list's API path without /api/v1, e.g. `/cases`. */
  listPath: string;
  filters?: Filters;
  /** Where the export answers when not at `<list>/export.xlsx`. */
  at?: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Button
      size="large"
      icon={<DownloadOutlined aria-hidden />}
      href={exportUrl(listPath, filters, i18n.language, at)}
      download
      title={t('common.exportExcelHelp')}
      data-testid={testId}
    >
      {t('common.exportExcel')}
    </Button>
  );
}
