import { App, Button, Input, Modal, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  acceptHandoff,
  declineHandoff,
  pageHandoffs,
  type Handoff,
  type HandoffBox,
} from '../../api/first-response';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ExportButton } from '../../components/ExportButton';
import { errorText } from '../../lib/errors';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useMe } from '../../session/session-context';
import { ProvisionalDueTag } from '../cases/ProvisionalDue';
import { firstResponseCapabilitiesOf } from '../../lib/page-capabilities';

const PAGE_SIZE = 20;
const STATUS_COLOR = { pending: 'gold', accepted: 'green', declined: 'default' } as const;

function DeclineDialog({
  handoff,
  onClose,
  onDone,
}: {
  handoff: Handoff | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const decline = useAction(async (id: string) => {
    await declineHandoff(id, reason.trim());
    onDone();
    onClose();
  });
  return (
    <Modal
      open={handoff !== null}
      title={t('firstresponse.handoffs.declineTitle')}
      okText={t('firstresponse.handoffs.decline')}
      okButtonProps={{ disabled: reason.trim() === '', danger: true }}
      confirmLoading={decline.busy}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => {
        setReason('');
        decline.clearError();
      }}
      onOk={() => {
        if (handoff) void decline.run(handoff.id);
      }}
    >
      {decline.error !== null && <ErrorAlert error={decline.error} />}
      <label htmlFor="decline-reason">{t('firstresponse.handoffs.declineReason')}</label>
      <Input.TextArea
        id="decline-reason"
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

function HandoffTable({ box }: { box: HandoffBox }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageHandoffs({ box, limit: PAGE_SIZE, after: pages.after }, signal),
    `${box}|${pages.after ?? ''}`,
  );
  const [declining, setDeclining] = useState<Handoff | null>(null);
  const accepting = useKeyedAction(async (id: string) => {
    try {
      await acceptHandoff(id);
      void message.success(t('firstresponse.handoffs.accepted'));
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  const { run: runAccept, isBusy: accepts } = accepting;

  const columns = useMemo<ColumnsType<Handoff>>(
    () => [
      {
        key: 'matter',
        title: t('firstresponse.handoffs.matter'),
        render: (_, h) =>
          h.entityType === 'case' ? (
            <Link to={`/cases/${h.entityId}`}>{t('firstresponse.handoffs.case')}</Link>
          ) : (
            <span>{t('firstresponse.handoffs.inquiry')}</span>
          ),
      },
      {
        key: 'fromTo',
        title: t('firstresponse.handoffs.fromTo'),
        // GS-11: addressed to a post, it follows the post's holder while pending: `to` is who
        // holds it now (A, or B while A is away).
        render: (_, h) =>
          h.toPost ? (
            <span data-testid="handoff-to-post-holder">
              {`${h.from.displayName} → ${h.toPost.name}`}
              <span className="muted">
                {h.status === 'pending'
                  ? ` · ${t('firstresponse.referral.holderNowShort', { name: h.to.displayName })}`
                  : ` · ${t('firstresponse.referral.receivedBy', { name: h.to.displayName })}`}
                {h.status === 'accepted' &&
                  ` · ${
                    h.toPost.holderNow
                      ? t('firstresponse.referral.holderNowShort', {
                          name: h.toPost.holderNow.displayName,
                        })
                      : t('firstresponse.referral.nobodyNow')
                  }`}
              </span>
            </span>
          ) : (
            `${h.from.displayName} → ${h.to.displayName}`
          ),
      },
      {
        key: 'reason',
        title: t('firstresponse.handoffs.reason'),
        render: (_, h) => (
          <>
            <div>{h.reason}</div>
            {h.declineReason && <div className="muted">{h.declineReason}</div>}
          </>
        ),
      },
      {
        key: 'due',
        title: t('firstresponse.handoffs.due'),
        render: (_, h) => (
          <Space wrap>
            <span>{new Date(h.dueDate).toLocaleDateString(i18n.language)}</span>
            {h.overdue && <Tag color="red">{t('firstresponse.handoffs.overdueTag')}</Tag>}
            <ProvisionalDueTag years={h.provisionalYears} />
          </Space>
        ),
      },
      {
        key: 'status',
        title: t('firstresponse.handoffs.status'),
        render: (_, h) => (
          <Tag color={STATUS_COLOR[h.status]}>{t(`firstresponse.handoffs.${h.status}`)}</Tag>
        ),
      },
      ...(box === 'incoming'
        ? [
            {
              key: 'actions',
              title: t('firstresponse.handoffs.actions'),
              render: (_: unknown, h: Handoff) =>
                h.status === 'pending' ? (
                  <Space wrap>
                    <Button
                      type="primary"
                      loading={accepts(h.id)}
                      onClick={() => void runAccept(h.id, h.id)}
                      data-testid="handoff-accept"
                    >
                      {t('firstresponse.handoffs.accept')}
                    </Button>
                    <Button danger onClick={() => setDeclining(h)}>
                      {t('firstresponse.handoffs.decline')}
                    </Button>
                  </Space>
                ) : (
                  t('firstresponse.handoffs.done')
                ),
            },
          ]
        : []),
    ],
    [t, i18n.language, box, accepts, runAccept],
  );

  return (
    <>
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <div className="list-export">
        <ExportButton listPath="/handoffs" filters={{ box }} testId={`handoffs-export-${box}`} />
      </div>
      <Table<Handoff>
        data-testid={`handoffs-${box}`}
        rowKey="id"
        size="middle"
        loading={list.status === 'loading'}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('firstresponse.handoffs.empty') }}
        pagination={false}
        scroll={{ x: true }}
      />
      {list.data && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId={`handoffs-${box}-pager`}
        />
      )}
      <DeclineDialog handoff={declining} onClose={() => setDeclining(null)} onDone={list.reload} />
    </>
  );
}

/** 转办: incoming, outgoing and (for overseers) overdue hand-offs, paged by cursor (issue #16 p5). */
export default function HandoffsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => firstResponseCapabilitiesOf(me), [me]);
  const boxes: HandoffBox[] = caps.overdue
    ? ['incoming', 'outgoing', 'overdue']
    : ['incoming', 'outgoing'];
  return (
    <div className="page">
      <PageHeading
        title={t('firstresponse.handoffs.title')}
        subtitle={t('firstresponse.handoffs.subtitle')}
      />
      <Tabs
        destroyOnHidden
        items={boxes.map((box) => ({
          key: box,
          label: t(`firstresponse.handoffs.${box}`),
          children: <HandoffTable key={box} box={box} />,
        }))}
      />
    </div>
  );
}
