import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Previous / next paging of a keyset list (issue #16 p5) with its total: "共 N 条" when the server
 * counted it, "约 N 条" when it is the database's estimate.
 */
export function CursorPager({
  page,
  nextCursor,
  total,
  totalExact,
  onNext,
  onPrevious,
  testId = 'cursor-pager',
}: {
  page: number;
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('pager.label')} data-testid={testId}>
      <span className="pager-total" data-testid={`${testId}-total`} data-exact={totalExact}>
        {totalExact ? t('pager.total', { n: total }) : t('pager.totalEstimated', { n: total })}
      </span>
      {(page > 1 || nextCursor !== null) && (
        <>
          <Button
            icon={<LeftOutlined aria-hidden />}
            disabled={page <= 1}
            onClick={onPrevious}
            data-testid={`${testId}-previous`}
          >
            {t('pager.previous')}
          </Button>
          <span className="pager-page" aria-live="polite">
            {t('pager.page', { page })}
          </span>
          <Button
            icon={<RightOutlined aria-hidden />}
            iconPlacement="end"
            disabled={nextCursor === null}
            onClick={() => nextCursor !== null && onNext(nextCursor)}
            data-testid={`${testId}-next`}
          >
            {t('pager.next')}
          </Button>
        </>
      )}
    </nav>
  );
}
