import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchStations } from '../../api/regions';
import {
  ABSENCE_KINDS,
  cancelAbsence,
  createPost,
  getCoverage,
  listCandidates,
  listPosts,
  pageAbsences,
  pagePosts,
  recordAbsence,
  type AbsenceKind,
  type Absence,
  type NewAbsence,
  type Post,
} from '../../api/posts';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { can } from '../../lib/capabilities';
import { formatChinaDateTime } from '../../lib/china-time';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useMe } from '../../session/session-context';
import { CoverageWeek } from './CoverageWeek';
import './posts.css';

interface AbsenceValues {
  kind: AbsenceKind;
  accountId?: string;
  from?: string;
  to?: string;
}
interface PostValues {
  name: string;
  aAccountId: string;
  bAccountId: string;
}

const PAGE_SIZE = 20;

/**
 * GS-11 AB posts: the station's posts, leave and absences (both paged by cursor, issue #16 p5),
 * the coverage calendar (week). The station picker reads every post in reach (a few per station).
 */
export default function PostsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const manage = can(me, 'posts.manage');
  const allPosts = useAsync((signal) => listPosts(undefined, signal), 'all');
  const stations = useAsync(
    (signal) => (manage ? fetchStations({ limit: 200, offset: 0 }, signal) : Promise.resolve([])),
    manage ? 'manage' : 'read',
  );
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const stationOptions = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of allPosts.data ?? []) map.set(p.stationId, p.stationName);
    for (const s of stations.data ?? []) map.set(s.id, s.name);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [allPosts.data, stations.data]);
  const stationId = picked ?? allPosts.data?.[0]?.stationId ?? stationOptions[0]?.value;
  // The posts and absences on the pages shown; a change (a new post, an absence) reloads both.
  const [refresh, setRefresh] = useState(0);
  const [shownPosts, setShownPosts] = useState<readonly Post[]>([]);
  const [from, setFrom] = useState<string | undefined>(undefined);
  const coverage = useAsync(
    (signal) => (stationId ? getCoverage(stationId, from, signal) : Promise.resolve(undefined)),
    `${stationId ?? ''}|${from}`,
  );
  const candidates = useAsync(
    (signal) => (manage && stationId ? listCandidates(stationId, signal) : Promise.resolve([])),
    `${manage}|${stationId ?? ''}`,
  );
  const holders = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of shownPosts) for (const h of [p.a, p.b]) map.set(h.id, h.displayName);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [shownPosts]);
  const reloadAll = () => {
    setRefresh((n) => n + 1);
    coverage.reload();
  };

  const [absenceForm] = Form.useForm<AbsenceValues>();
  const absenceKeys = useRef(createIdempotencyKeeper()).current;
  const record = useAction(async (v: AbsenceValues) => {
    const body: NewAbsence = { kind: v.kind };
    if (v.accountId) body.accountId = v.accountId;
    if (v.from) body.from = v.from;
    if (v.to) body.to = v.to;
    await recordAbsence(body, absenceKeys.keyFor(body));
    absenceKeys.reset();
    absenceForm.resetFields();
    void message.success(t('posts.absence.recorded'));
    reloadAll();
  });
  const cancelling = useKeyedAction(async (id: string) => {
    await cancelAbsence(id);
    reloadAll();
  });

  const [postForm] = Form.useForm<PostValues>();
  const postKeys = useRef(createIdempotencyKeeper()).current;
  const create = useAction(async (v: PostValues) => {
    if (!stationId) return;
    const body = {
      stationId,
      name: v.name.trim(),
      aAccountId: v.aAccountId,
      bAccountId: v.bAccountId,
    };
    await createPost(body, postKeys.keyFor(body));
    postKeys.reset();
    postForm.resetFields();
    reloadAll();
  });
  const candidateOptions = (candidates.data ?? []).map((c) => ({
    value: c.id,
    label: c.displayName,
  }));

  return (
    <div className="posts-page" data-testid="posts-page">
      <Typography.Title level={1}>{t('posts.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('posts.intro')}</Typography.Paragraph>
      <Space wrap>
        <span aria-hidden>{t('posts.station')}</span>
        <Select
          aria-label={t('posts.station')}
          style={{ minWidth: 220 }}
          value={stationId}
          options={stationOptions}
          onChange={(v: string) => setPicked(v)}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="posts-station"
        />
      </Space>
      <Card
        title={t('posts.list')}
        size="small"
        className="posts-card"
        extra={<ExportButton listPath="/posts" filters={{ stationId }} testId="export-posts" />}
      >
        {stationId && (
          <PostTable
            key={stationId}
            stationId={stationId}
            refresh={refresh}
            onShown={setShownPosts}
          />
        )}
      </Card>
      {manage && (
        <Card title={t('posts.create')} size="small" className="posts-card">
          {create.error !== null && <ErrorAlert error={create.error} />}
          <Form<PostValues>
            form={postForm}
            layout="vertical"
            onFinish={(v) => void create.run(v)}
            requiredMark={false}
          >
            <Form.Item
              name="name"
              label={t('posts.name')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={40} placeholder="综合受理岗" data-testid="post-name" />
            </Form.Item>
            <Form.Item name="aAccountId" label={t('posts.a')} rules={[{ required: true }]}>
              <Select options={candidateOptions} data-testid="post-a" />
            </Form.Item>
            <Form.Item name="bAccountId" label={t('posts.b')} rules={[{ required: true }]}>
              <Select options={candidateOptions} data-testid="post-b" />
            </Form.Item>
            <Button htmlType="submit" loading={create.busy} data-testid="post-create">
              {t('posts.create')}
            </Button>
          </Form>
        </Card>
      )}
      <Card
        title={t('posts.absence.title')}
        size="small"
        className="posts-card"
        extra={
          <ExportButton
            listPath="/posts/absences"
            filters={{ stationId }}
            testId="export-absences"
          />
        }
      >
        <Typography.Paragraph type="secondary">{t('posts.absence.help')}</Typography.Paragraph>
        {record.error !== null && <ErrorAlert error={record.error} />}
        <Form<AbsenceValues>
          form={absenceForm}
          layout="vertical"
          initialValues={{ kind: 'planned_leave' }}
          onFinish={(v) => void record.run(v)}
          requiredMark={false}
        >
          {manage && (
            <Form.Item
              name="accountId"
              label={t('posts.absence.who')}
              extra={t('posts.absence.whoHelp')}
            >
              <Select allowClear options={holders} data-testid="absence-who" />
            </Form.Item>
          )}
          <Form.Item name="kind" label={t('posts.absence.kind')}>
            <Select
              options={ABSENCE_KINDS.map((k) => ({ value: k, label: t(`posts.kind.${k}`) }))}
              data-testid="absence-kind"
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="from" label={t('posts.absence.from')}>
              <Input type="date" data-testid="absence-from" />
            </Form.Item>
            <Form.Item name="to" label={t('posts.absence.to')}>
              <Input type="date" data-testid="absence-to" />
            </Form.Item>
          </Space>
          <Button
            type="primary"
            htmlType="submit"
            loading={record.busy}
            data-testid="absence-submit"
          >
            {t('posts.absence.submit')}
          </Button>
        </Form>
        {cancelling.error !== null && <ErrorAlert error={cancelling.error} />}
        {stationId && (
          <AbsenceList
            key={stationId}
            stationId={stationId}
            refresh={refresh}
            cancel={(a) =>
              a.availableActions.includes('cancel') && (
                <Button
                  size="small"
                  loading={cancelling.isBusy(a.id)}
                  onClick={() => void cancelling.run(a.id, a.id)}
                >
                  {t('posts.absence.cancel')}
                </Button>
              )
            }
          />
        )}
      </Card>
      <Card title={t('posts.coverage.title')} size="small" className="posts-card">
        {coverage.status === 'error' && (
          <ErrorAlert error={coverage.error} onRetry={coverage.reload} />
        )}
        <CoverageWeek coverage={coverage.data} onMove={setFrom} />
      </Card>
    </div>
  );
}

/** One station's posts, a page at a time; `onShown` hears the posts of the page shown. */
function PostTable({
  stationId,
  refresh,
  onShown,
}: {
  stationId: string;
  refresh: number;
  onShown: (posts: readonly Post[]) => void;
}) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const posts = useAsync(
    (signal) => pagePosts({ stationId, limit: PAGE_SIZE, after: pages.after }, signal),
    `${pages.after ?? ''}|${refresh}`,
  );
  useEffect(() => onShown(posts.data?.items ?? []), [posts.data, onShown]);
  const holderTag = (p: Post) => (
    <Tag
      color={p.holderNow.slot === 'a' ? 'green' : p.holderNow.slot === 'b' ? 'blue' : 'red'}
      data-testid={`holder-${p.name}`}
      data-slot={p.holderNow.slot}
    >
      {t(`posts.slot.${p.holderNow.slot}`)}
    </Tag>
  );
  return (
    <>
      {posts.status === 'error' && <ErrorAlert error={posts.error} onRetry={posts.reload} />}
      <Table<Post>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        loading={posts.status === 'loading'}
        dataSource={posts.data?.items ?? []}
        columns={[
          { title: t('posts.name'), dataIndex: 'name' },
          { title: t('posts.a'), render: (_, p) => p.a.displayName },
          { title: t('posts.b'), render: (_, p) => p.b.displayName },
          { title: t('posts.now'), render: (_, p) => holderTag(p) },
        ]}
      />
      {posts.data && (
        <CursorPager
          page={pages.page}
          nextCursor={posts.data.nextCursor}
          total={posts.data.total}
          totalExact={posts.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="posts-pager"
        />
      )}
    </>
  );
}

/** One station's absences, a page at a time, each with its cancel button (when it may be). */
function AbsenceList({
  stationId,
  refresh,
  cancel,
}: {
  stationId: string;
  refresh: number;
  cancel: (absence: Absence) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const absences = useAsync(
    (signal) => pageAbsences({ stationId, limit: PAGE_SIZE, after: pages.after }, signal),
    `${pages.after ?? ''}|${refresh}`,
  );
  const items = absences.data?.items ?? [];
  return (
    <>
      {absences.status === 'error' && (
        <ErrorAlert error={absences.error} onRetry={absences.reload} />
      )}
      <ul className="posts-absences" data-testid="absences" data-count={items.length}>
        {items.map((a) => (
          <li key={a.id}>
            <strong>{a.account.displayName}</strong> · {t(`posts.kind.${a.kind}`)} ·{' '}
            {formatChinaDateTime(a.startsAt, i18n.language)} –{' '}
            {formatChinaDateTime(a.endsAt, i18n.language)} {cancel(a)}
          </li>
        ))}
      </ul>
      {absences.data && (
        <CursorPager
          page={pages.page}
          nextCursor={absences.data.nextCursor}
          total={absences.data.total}
          totalExact={absences.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="absences-pager"
        />
      )}
    </>
  );
}
