import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** The provisional years in words: 2027、2028 in Chinese, 2027, 2028 in English. */
export function yearsText(years: readonly number[], lang: string): string {
  return years.join(lang.startsWith('zh') ? '、' : ', ');
}

/** GS-8: marks a due date that counts through a year whose holiday notice is not entered yet. */
export function ProvisionalDueTag({ years }: { years: readonly number[] }) {
  const { t, i18n } = useTranslation();
  if (years.length === 0) return null;
  const hint = t('cases.detail.dueProvisionalHint', { years: yearsText(years, i18n.language) });
  return (
    <Tooltip title={hint}>
      <Tag color="warning" data-testid="due-provisional" aria-label={hint}>
        {t('cases.detail.dueProvisional')}
      </Tag>
    </Tooltip>
  );
}
