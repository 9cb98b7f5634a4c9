import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** GS-8: marks a due date that counts through a year whose holiday notice is not entered yet. */
export function ProvisionalDueTag({ years }: { years: readonly number[] }) {
  const { t } = useTranslation();
  if (years.length === 0) return null;
  const hint = t('cases.detail.dueProvisionalHint', { years: years.join('、') });
  return (
    <Tooltip title={hint}>
      <Tag color="warning" data-testid="due-provisional" aria-label={hint}>
        {t('cases.detail.dueProvisional')}
      </Tag>
    </Tooltip>
  );
}
