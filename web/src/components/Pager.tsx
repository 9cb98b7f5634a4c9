import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Previous / next paging for lists whose total the API does not tell: the caller asks for one
 * row more than a page to know whether a next page exists.
 */
export function Pager({
  page,
  hasNext,
  onPage,
  testId,
}: {
  page: number;
  hasNext: boolean;
  onPage: (page: number) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')} data-testid={testId}>
      <Button
        icon={<LeftOutlined aria-hidden />}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('pager.previous')}
      </Button>
      <span className="pager-page" aria-live="polite">
        {t('pager.page', { page })}
      </span>
      <Button
        icon={<RightOutlined aria-hidden />}
        iconPlacement="end"
        disabled={!hasNext}
        onClick={() => onPage(page + 1)}
      >
        {t('pager.next')}
      </Button>
    </nav>
  );
}
