import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/case-types';
import { noticePdfUrl, receiptPdfUrl } from '../../api/cases';

/**
 * The server's PDFs (receipt, one-time notice) in a new tab, and the browser's own print of the
 * page as a fallback (the @media print rules leave only the receipt on paper).
 */
export function CasePrintLinks({ view, browserPrint }: { view: CaseView; browserPrint: boolean }) {
  const { t } = useTranslation();
  // A receipt once the case is accepted; the notice while (or because) papers were missing.
  const accepted = view.acceptedAt !== null || view.notice.complete;
  return (
    <div className="case-print-links no-print">
      {accepted && (
        <Button
          data-testid="receipt-pdf"
          href={receiptPdfUrl(view.id)}
          target="_blank"
          rel="noopener"
          icon={<FilePdfOutlined aria-hidden />}
        >
          {t('cases.receipt.pdfReceipt')}
        </Button>
      )}
      {!view.notice.complete && (
        <Button
          data-testid="notice-pdf"
          href={noticePdfUrl(view.id)}
          target="_blank"
          rel="noopener"
          icon={<FilePdfOutlined aria-hidden />}
        >
          {t('cases.receipt.pdfNotice')}
        </Button>
      )}
      {browserPrint && (
        <Button
          data-testid="receipt-print"
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => window.print()}
        >
          {t('cases.receipt.browserPrint')}
        </Button>
      )}
    </div>
  );
}
