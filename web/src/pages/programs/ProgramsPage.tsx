import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { pageManagedPrograms, type Program } from '../../api/programs';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { classCounts, feeText, seasonText } from './program-format';
import './programs.css';

const PAGE_SIZE = 20;

/** CP-1: the programs I organise (my region), each with its classes' fill, paged by cursor (#16 p5). */
export default function ProgramsPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageManagedPrograms({ limit: PAGE_SIZE, after: pages.after }, signal),
    pages.after ?? '',
  );
  return (
    <div className="page">
      <PageHeading
        title={t('programs.title')}
        subtitle={t('programs.subtitle')}
        extra={
          <Space wrap>
            <Link to="/programs/new">
              <Button type="primary" size="large" icon={<PlusOutlined aria-hidden />}>
                {t('programs.create.button')}
              </Button>
            </Link>
            <Link to="/programs/neighbourhoods" data-testid="programs-neighbourhoods-link">
              <Button size="large" icon={<EnvironmentOutlined aria-hidden />}>
                {t('programs.neighbourhoods.button')}
              </Button>
            </Link>
            <ExportButton listPath="/programs" />
          </Space>
        }
      />
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <PageSpinner />}
      {list.data?.items.length === 0 && <Empty description={t('programs.empty')} />}
      <div className="program-list">
        {list.data?.items.map((p) => (
          <ProgramCard key={p.id} program={p} />
        ))}
      </div>
      {list.data && list.data.total > 0 && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="program-pager"
        />
      )}
    </div>
  );
}

function ProgramCard({ program: p }: { program: Program }) {
  const { t } = useTranslation();
  const enrolled = p.classes.reduce((n, c) => n + classCounts(c).enrolled, 0);
  const capacity = p.classes.reduce((n, c) => n + c.capacity, 0);
  const waiting = p.classes.reduce((n, c) => n + c.waitlistLength, 0);
  return (
    <Card className="program-card" data-testid={`program-${p.id}`}>
      <h2>
        <Link to={`/programs/${p.id}`}>{p.title}</Link>
      </h2>
      <div>
        <Tag>{t(`programs.kind.${p.kind}`)}</Tag>
        {p.status !== 'published' && <Tag color="red">{t(`programs.status.${p.status}`)}</Tag>}
      </div>
      <div className="program-facts">
        <span>{p.venueName}</span>
        <span>{t('programs.season', { season: seasonText(p) })}</span>
        <span>{feeText(t, p.feeFen)}</span>
        <span>
          {t('programs.summary', { classes: p.classes.length, enrolled, capacity, waiting })}
        </span>
      </div>
      <Progress
        percent={capacity ? Math.round((enrolled / capacity) * 100) : 0}
        aria-label={t('programs.fillLabel')}
      />
    </Card>
  );
}
