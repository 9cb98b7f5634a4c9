import { App, Button, Card, Drawer, Empty, List, Modal, Space, Switch, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  decideJoin,
  fetchMyVolunteer,
  pageJoinRequests,
  pageMembers,
  pageTeams,
  requestJoin,
  type Member,
  type Team,
} from '../../api/volunteers';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ExportButton } from '../../components/ExportButton';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useIsWide } from '../../lib/use-media-query';
import { useMe } from '../../session/session-context';
import { CategoryTag, ColourDot } from './CategoryTag';
import { TeamForm } from './TeamForm';
import { teamForest } from './team-forest';
import { useCategories } from './use-categories';
import { MEMBER_COLOR } from './VolunteerMePage';
import { homeDistrictOf, widestRegionOf } from '../../lib/capabilities';
import { volunteerCapabilitiesOf } from '../../lib/page-capabilities';
import './volunteers.css';

const PAGE = 50;

interface NodeProps {
  team: Team;
  childrenOf: Map<string, Team[]>;
  depth: number;
  actions: (team: Team) => React.ReactNode;
}

function TeamNode({ team, childrenOf, depth, actions }: NodeProps) {
  const { t } = useTranslation();
  const categories = useCategories();
  const kids = childrenOf.get(team.id) ?? [];
  const category = team.categoryCode ? categories.byCode.get(team.categoryCode) : undefined;
  return (
    <li className={`vs-team vs-team-${team.kind}`} data-testid={`vs-team-${team.kind}`}>
      <div
        className="vs-team-row"
        style={team.colour ? { borderLeftColor: team.colour } : undefined}
      >
        <div className="vs-team-main">
          <div className="vs-team-title">
            <ColourDot colour={team.colour} label={team.name} />
            <strong>{team.name}</strong>
            <Tag>{t(`volunteers.teams.kind.${team.kind}`)}</Tag>
            {category && (
              <CategoryTag name={categories.nameOf(category.code)} colour={category.colour} />
            )}
            {!team.active && <Tag color="default">{t('volunteers.list.inactive')}</Tag>}
            {team.ledByMe && <Tag color="gold">{t('volunteers.teams.ledByMe')}</Tag>}
          </div>
          <div className="vs-team-meta">
            {team.regionName} · {t('volunteers.teams.members', { count: team.memberCount })}
            {team.leaderName && ` · ${t('volunteers.teams.leaderIs', { name: team.leaderName })}`}
            {` · ${team.personInCharge} ${team.contactPhone}`}
          </div>
          {team.description && depth < 2 && <div className="vs-team-desc">{team.description}</div>}
        </div>
        <div className="vs-team-actions">{actions(team)}</div>
      </div>
      {kids.length > 0 && (
        <ul className="vs-team-children">
          {kids.map((k) => (
            <TeamNode
              key={k.id}
              team={k}
              childrenOf={childrenOf}
              depth={depth + 1}
              actions={actions}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The pending join requests I may decide, a page at a time by cursor (issue #16 p5). */
function JoinRequests({ onDecided }: { onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const wide = useIsWide();
  const pages = useCursorPages();
  const requests = useAsync(
    (signal) => pageJoinRequests({ limit: PAGE, after: pages.after }, signal),
    `join-${pages.after ?? ''}`,
  );
  const decide = (m: Member, decision: 'approve' | 'reject') =>
    decideJoin(m.id, decision)
      .then(() => {
        void message.success(
          decision === 'approve'
            ? t('volunteers.join.approved', { name: m.fullName })
            : t('volunteers.join.rejected', { name: m.fullName }),
        );
        requests.reload();
        onDecided();
      })
      .catch((e: unknown) => void message.error(errorText(t, e)));
  if (requests.status === 'error')
    return <ErrorAlert error={requests.error} onRetry={requests.reload} />;
  return (
    <Card
      title={<h2>{t('volunteers.join.pendingTitle')}</h2>}
      className="vs-card"
      data-testid="vs-join-requests"
    >
      <List
        // On a phone the buttons go under who is asking, so the name keeps the card's width.
        itemLayout={wide ? 'horizontal' : 'vertical'}
        loading={requests.status === 'loading'}
        dataSource={requests.data?.items ?? []}
        locale={{ emptyText: t('volunteers.join.none') }}
        renderItem={(m) => (
          <List.Item
            data-testid="vs-join-request"
            actions={[
              m.availableActions.includes('approve') && (
                <Button
                  key="a"
                  type="primary"
                  onClick={() => void decide(m, 'approve')}
                  data-testid="vs-join-approve"
                >
                  {t('volunteers.join.approve')}
                </Button>
              ),
              m.availableActions.includes('reject') && (
                <Button
                  key="r"
                  danger
                  onClick={() => void decide(m, 'reject')}
                  data-testid="vs-join-reject"
                >
                  {t('volunteers.join.reject')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={`${m.fullName}（${m.volunteerNumber}）→ ${m.teamName}`}
              description={[m.skills.join('、'), m.note].filter(Boolean).join(' · ') || undefined}
            />
          </List.Item>
        )}
      />
      {requests.data && (
        <CursorPager
          page={pages.page}
          nextCursor={requests.data.nextCursor}
          total={requests.data.total}
          totalExact={requests.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="vs-join-requests-pager"
        />
      )}
    </Card>
  );
}

/** A team's approved members, a page at a time by cursor (issue #16 p5); keyed by the team. */
function MemberList({ team }: { team: Team }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const members = useAsync(
    (signal) => pageMembers(team.id, { limit: PAGE, after: pages.after }, signal),
    `members-${team.id}-${pages.after ?? ''}`,
  );
  if (members.status === 'error')
    return <ErrorAlert error={members.error} onRetry={members.reload} />;
  return (
    <>
      <List
        loading={members.status === 'loading'}
        dataSource={members.data?.items ?? []}
        locale={{ emptyText: t('volunteers.teams.noMembers') }}
        data-testid="vs-member-list"
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={`${m.fullName}（${m.volunteerNumber}）`}
              description={`${m.phoneMasked ?? '—'} · ${m.skills.join('、')}`}
            />
          </List.Item>
        )}
      />
      {members.data && (
        <CursorPager
          page={pages.page}
          nextCursor={members.data.nextCursor}
          total={members.data.total}
          totalExact={members.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="vs-members-pager"
        />
      )}
    </>
  );
}

/**
 * One region's teams, a page at a time by cursor (issue #16 p5), as a tree: a team whose parent
 * is on another page starts a branch of its own. Keyed by the region by the page; `version`
 * reloads the page shown (a decided request changes a count, a new team may join it).
 */
function TeamTree({
  regionCode,
  version,
  actions,
}: {
  regionCode: string | undefined;
  version: number;
  actions: (team: Team) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const teams = useAsync(
    (signal) =>
      pageTeams({ ...(regionCode ? { regionCode } : {}), limit: PAGE, after: pages.after }, signal),
    `teams-${regionCode ?? 'all'}-${pages.after ?? ''}-${version}`,
  );
  const { roots, childrenOf } = useMemo(() => teamForest(teams.data?.items ?? []), [teams.data]);
  return (
    <>
      {teams.status === 'error' && <ErrorAlert error={teams.error} onRetry={teams.reload} />}
      {teams.status === 'success' && roots.length === 0 && (
        <Empty description={t('volunteers.teams.none')} />
      )}
      <ul className="vs-team-tree" data-testid="vs-team-tree">
        {roots.map((r) => (
          <TeamNode key={r.id} team={r} childrenOf={childrenOf} depth={0} actions={actions} />
        ))}
      </ul>
      {teams.data && (
        <CursorPager
          page={pages.page}
          nextCursor={teams.data.nextCursor}
          total={teams.data.total}
          totalExact={teams.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="vs-teams-pager"
        />
      )}
    </>
  );
}

/** Corps → teams → sub-teams with their colours; join requests; leaders decide requests. */
export default function TeamsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const caps = useMemo(() => volunteerCapabilitiesOf(me), [me]);
  const [everywhere, setEverywhere] = useState(false);
  const [creating, setCreating] = useState(false);
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const [version, setVersion] = useState(0);
  const reloadTeams = () => setVersion((v) => v + 1);
  const district = homeDistrictOf(me);
  const regionCode = everywhere ? undefined : district;
  const mine = useAsync((signal) => fetchMyVolunteer(signal), 'vs-me-teams');

  const membershipOf = (teamId: string) => mine.data?.memberships.find((m) => m.teamId === teamId);
  const join = (team: Team) =>
    requestJoin(team.id)
      .then(() => {
        void message.success(t('volunteers.join.sent', { team: team.name }));
        mine.reload();
      })
      .catch((e: unknown) => void message.error(errorText(t, e)));

  const actions = (team: Team) => {
    const membership = membershipOf(team.id);
    const status = membership?.status;
    return (
      <Space wrap>
        {status && <Tag color={MEMBER_COLOR[status]}>{t(`volunteers.memberStatus.${status}`)}</Tag>}
        {caps.volunteer &&
          team.active &&
          team.kind !== 'corps' &&
          (!membership || membership.availableActions.includes('request')) && (
            <Button onClick={() => void join(team)} data-testid="vs-join">
              {t('volunteers.join.ask')}
            </Button>
          )}
        {(team.ledByMe || caps.staff) && team.kind !== 'corps' && (
          <Button onClick={() => setMembersOf(team)} data-testid="vs-members">
            {t('volunteers.teams.memberList')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <div className="vs-page">
      <PageHeading
        title={t('volunteers.teams.title')}
        subtitle={t('volunteers.teams.subtitle')}
        extra={
          caps.staff && (
            <Space wrap>
              <ExportButton listPath="/vs/teams" filters={{ regionCode }} />
              <Button
                type="primary"
                size="large"
                onClick={() => setCreating(true)}
                data-testid="vs-team-new"
              >
                {t('volunteers.teams.new')}
              </Button>
            </Space>
          )
        }
      />
      {(caps.leader || caps.staff) && <JoinRequests onDecided={reloadTeams} />}
      <label className="vs-switch">
        <Switch checked={everywhere} onChange={setEverywhere} data-testid="vs-teams-everywhere" />
        <span>{t('volunteers.teams.everywhere')}</span>
      </label>
      {caps.volunteer && mine.data && !mine.data.volunteer && (
        <p className="vs-hint">{t('volunteers.join.registerFirst')}</p>
      )}
      <TeamTree
        key={regionCode ?? 'all'}
        regionCode={regionCode}
        version={version}
        actions={actions}
      />
      <Drawer
        open={membersOf !== null}
        onClose={() => setMembersOf(null)}
        title={membersOf?.name}
        size="large"
      >
        {membersOf && <MemberList key={membersOf.id} team={membersOf} />}
      </Drawer>
      <Modal
        open={creating}
        title={t('volunteers.teams.new')}
        footer={null}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        width={640}
      >
        <TeamForm
          rootCode={widestRegionOf(me, 'volunteers.staff') ?? district ?? '110115000000'}
          onCancel={() => setCreating(false)}
          onSaved={(team) => {
            void message.success(t('volunteers.teams.created', { name: team.name }));
            setCreating(false);
            reloadTeams();
          }}
        />
      </Modal>
    </div>
  );
}
