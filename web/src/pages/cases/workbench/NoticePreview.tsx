import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OneTimeNotice } from '../../../api/case-types';
import { NoticeDetails } from '../NoticeDetails';

/** Step 4: what filing will produce, worked out here before anything is sent (GS-5). */
export function NoticePreview({ notice }: { notice: OneTimeNotice }) {
  const { t } = useTranslation();
  const blocking = notice.missing.filter((m) => m.blocking).length;
  return (
    <div className="notice-preview" data-testid="wb-notice-preview" data-complete={notice.complete}>
      {notice.complete ? (
        <Alert
          type="success"
          showIcon
          title={t('cases.notice.completeTitle')}
          description={
            notice.promisedLimitDays === 0
              ? t('cases.notice.completeInstant')
              : t('cases.notice.completeDays', { n: notice.promisedLimitDays })
          }
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('cases.notice.incompleteTitle', { n: blocking })}
          description={t('cases.notice.incompleteHelp')}
        />
      )}
      <h3 className="notice-preview-title">{t('cases.notice.previewTitle')}</h3>
      <p className="muted">{t('cases.notice.previewHelp')}</p>
      <NoticeDetails notice={notice} />
    </div>
  );
}
