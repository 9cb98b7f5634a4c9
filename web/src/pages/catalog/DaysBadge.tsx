import { ThunderboltOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 即办件 for 0 promised days, otherwise the promised and legal limits in working days. */
export function DaysBadge({ promised, legal }: { promised: number; legal: number }) {
  const { t } = useTranslation();
  if (promised === 0)
    return (
      <Tag color="green" className="on-spot-tag" icon={<ThunderboltOutlined aria-hidden />}>
        {t('catalog.list.onSpot')}
      </Tag>
    );
  return (
    <span className="days-badge">
      <span className="days-promised">{t('catalog.list.promisedDays', { n: promised })}</span>
      <span className="days-legal">{t('catalog.list.legalDays', { n: legal })}</span>
    </span>
  );
}
