import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '../../api/posts';

export function shiftDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const COLOR = { a: 'green', b: 'blue', nobody: 'red' } as const;

/** GS-11 the coverage calendar, a week: per post and day, each opening hour and who holds it. */
export function CoverageWeek({
  coverage,
  onMove,
}: {
  coverage: Coverage | undefined;
  onMove: (from: string) => void;
}) {
  const { t } = useTranslation();
  const from = coverage?.from;
  const gaps = coverage?.gaps ?? [];
  return (
    <div className="posts-coverage" data-testid="coverage" data-gaps={gaps.length}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button
          disabled={!from}
          onClick={() => from && onMove(shiftDays(from, -7))}
          data-testid="coverage-prev"
        >
          {t('posts.coverage.prev')}
        </Button>
        <Typography.Text strong>{from ? `${from} – ${coverage?.to ?? ''}` : ''}</Typography.Text>
        <Button
          disabled={!from}
          onClick={() => from && onMove(shiftDays(from, 7))}
          data-testid="coverage-next"
        >
          {t('posts.coverage.next')}
        </Button>
        <Tag color="green">{t('posts.slot.a')}</Tag>
        <Tag color="blue">{t('posts.slot.b')}</Tag>
        <Tag color="red">{t('posts.slot.nobody')}</Tag>
      </Space>
      {gaps.length > 0 && (
        <ul className="posts-gaps" aria-label={t('posts.coverage.gaps')}>
          {gaps.map((g) => {
            const post = coverage?.posts.find((p) => p.id === g.postId);
            return (
              <li key={`${g.postId}-${g.date}-${g.from}`} data-testid="coverage-gap">
                <Typography.Text type="danger">
                  {t('posts.coverage.gap', {
                    post: post?.name ?? '',
                    date: g.date,
                    from: g.from,
                    to: g.to,
                  })}
                </Typography.Text>{' '}
                {g.warned && <Tag>{t('posts.coverage.warned')}</Tag>}
              </li>
            );
          })}
        </ul>
      )}
      <div className="posts-week" role="table" tabIndex={0} aria-label={t('posts.coverage.title')}>
        {(coverage?.days ?? []).map((day) => (
          <div key={day.date} className="posts-day" role="row" data-day={day.date}>
            <div className="posts-day-head" role="rowheader">
              <strong>{day.date.slice(5)}</strong>{' '}
              {!day.working && <Tag>{t('posts.coverage.dayOff')}</Tag>}
            </div>
            {day.posts.map((p) => {
              const post = coverage?.posts.find((x) => x.id === p.postId);
              return (
                <div key={p.postId} className="posts-day-post" role="cell">
                  <div className="posts-day-post-name">{post?.name}</div>
                  {p.slots.length === 0 && (
                    <Typography.Text type="secondary">{t('posts.coverage.closed')}</Typography.Text>
                  )}
                  <div className="posts-slots">
                    {p.slots.map((s) => (
                      <Tag
                        key={s.from}
                        color={s.gap ? COLOR.nobody : COLOR[s.holder]}
                        data-slot={`${day.date} ${s.from}`}
                        data-holder={s.gap ? 'nobody' : s.holder}
                      >
                        {s.from} {t(`posts.slot.${s.gap ? 'nobody' : s.holder}`)}
                      </Tag>
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
