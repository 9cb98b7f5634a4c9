import { App, Button, Card, Empty, Input, Modal, Select, Space, Switch, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  listTeams,
  pageProjects,
  pageResources,
  updateProject,
  updateResource,
  type ListFilter,
  type Project,
  type Resource,
} from '../../api/volunteers';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useMe } from '../../session/session-context';
import { CategoryTag } from './CategoryTag';
import { ListItemForm } from './ListItemForm';
import { RegionTreeSelect } from './RegionTreeSelect';
import { useCategories } from './use-categories';
import { homeDistrictOf, widestRegionOf } from '../../lib/capabilities';
import { volunteerCapabilitiesOf } from '../../lib/page-capabilities';
import './volunteers.css';

type ListKind = 'resources' | 'projects';

const PAGE = 50;

function ItemCard({
  item,
  canEdit,
  onEdit,
  onToggle,
}: {
  item: Resource | Project;
  canEdit: boolean;
  onEdit: () => void;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const categories = useCategories();
  const cat = categories.byCode.get(item.categoryCode);
  const isResource = 'kind' in item;
  return (
    <Card
      size="small"
      className={`vs-item ${item.active ? '' : 'vs-item-inactive'}`}
      data-testid={isResource ? 'vs-resource' : 'vs-project'}
      title={
        <span className="vs-item-title">
          {item.name}
          {!item.active && <Tag>{t('volunteers.list.inactive')}</Tag>}
        </span>
      }
      extra={
        canEdit && (
          <Space>
            <Button size="small" onClick={onEdit}>
              {t('volunteers.action.edit')}
            </Button>
            <Button size="small" onClick={onToggle} data-testid="vs-item-toggle">
              {item.active ? t('volunteers.action.deactivate') : t('volunteers.action.activate')}
            </Button>
          </Space>
        )
      }
    >
      <Space wrap size={[4, 4]}>
        <CategoryTag name={categories.nameOf(item.categoryCode)} colour={cat?.colour} />
        {isResource && <Tag>{t(`volunteers.list.kind.${item.kind}`)}</Tag>}
        {!isResource && item.onMenu && <Tag color="green">{t('volunteers.list.onMenu')}</Tag>}
        <Tag>{item.regionName}</Tag>
      </Space>
      <p className="vs-item-desc">{item.description}</p>
      <p className="vs-item-meta">
        {isResource
          ? [item.providerName, item.contact].filter(Boolean).join(' · ')
          : [item.teamName, item.schedule].filter(Boolean).join(' · ')}
      </p>
    </Card>
  );
}

/**
 * One filter's resources or projects, a page at a time by cursor (issue #16 p5) with the total;
 * keyed by the list and its filters by the page. `version` reloads the page shown (after a save);
 * a switched item reloads it too.
 */
function ItemPages({
  list,
  filter,
  version,
  canEdit,
  onEdit,
}: {
  list: ListKind;
  filter: ListFilter;
  version: number;
  canEdit: (item: Resource | Project) => boolean;
  onEdit: (item: Resource | Project) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pages = useCursorPages();
  const state = useAsync<{
    items: (Resource | Project)[];
    nextCursor: string | null;
    total: number;
    totalExact: boolean;
  }>(
    (s) =>
      list === 'resources'
        ? pageResources({ ...filter, limit: PAGE, after: pages.after }, s)
        : pageProjects({ ...filter, limit: PAGE, after: pages.after }, s),
    `${list}|${JSON.stringify(filter)}|${pages.after ?? ''}|${version}`,
  );
  const toggle = (item: Resource | Project) =>
    (list === 'resources'
      ? updateResource(item.id, { active: !item.active })
      : updateProject(item.id, { active: !item.active })
    )
      .then(() => state.reload())
      .catch((e: unknown) => void message.error(errorText(t, e)));

  if (state.status === 'error') return <ErrorAlert error={state.error} onRetry={state.reload} />;
  const items = state.data?.items ?? [];
  return (
    <>
      {items.length === 0 && state.status === 'success' ? (
        <Empty description={t('volunteers.list.none')} />
      ) : (
        <div className="vs-cards">
          {items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              canEdit={canEdit(item)}
              onEdit={() => onEdit(item)}
              onToggle={() => void toggle(item)}
            />
          ))}
        </div>
      )}
      {state.data && (
        <CursorPager
          page={pages.page}
          nextCursor={state.data.nextCursor}
          total={state.data.total}
          totalExact={state.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId={`vs-${list}-pager`}
        />
      )}
    </>
  );
}

/** The three lists (三项清单, VS-2): resources, projects and — on the review board — needs. */
export default function ListsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const caps = useMemo(() => volunteerCapabilitiesOf(me), [me]);
  const categories = useCategories();
  const district = homeDistrictOf(me) ?? '110115000000';
  const [tab, setTab] = useState<ListKind | 'needs'>('resources');
  const [regionCode, setRegionCode] = useState<string | undefined>(district);
  const [category, setCategory] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<{
    list: ListKind;
    item: Resource | Project | null;
  } | null>(null);
  const filter: ListFilter = {
    regionCode,
    category,
    q: q || undefined,
    includeInactive: inactive ? 'true' : undefined,
  };
  const key = JSON.stringify(filter);
  const [version, setVersion] = useState(0);
  const teams = useAsync(
    (s) => (caps.editLists ? listTeams({ active: 'true' }, s) : Promise.resolve([])),
    `teams-${caps.editLists}`,
  );
  const myTeams = (teams.data ?? []).filter((x) => caps.staff || x.ledByMe);
  const editorRoot = widestRegionOf(me, 'volunteers.lists.edit') ?? district;

  const canEditItem = (item: Resource | Project) => {
    if (caps.staff) return true;
    const teamId = 'kind' in item ? item.providerTeamId : item.teamId;
    return !!teamId && myTeams.some((x) => x.id === teamId);
  };

  const render = (list: ListKind) => (
    <div>
      <Space wrap className="vs-add">
        {caps.editLists && (
          <Button
            type="primary"
            size="large"
            onClick={() => setEditing({ list, item: null })}
            data-testid={`vs-add-${list}`}
          >
            {list === 'resources'
              ? t('volunteers.list.addResource')
              : t('volunteers.list.addProject')}
          </Button>
        )}
        <ExportButton
          listPath={list === 'resources' ? '/vs/resources' : '/vs/projects'}
          filters={{ ...filter }}
          testId={`export-${list}`}
        />
      </Space>
      <ItemPages
        key={`${list}|${key}`}
        list={list}
        filter={filter}
        version={version}
        canEdit={canEditItem}
        onEdit={(item) => setEditing({ list, item })}
      />
    </div>
  );

  return (
    <div className="vs-page">
      <PageHeading title={t('volunteers.list.title')} subtitle={t('volunteers.list.subtitle')} />
      <div className="vs-filters">
        <RegionTreeSelect
          rootCode={district}
          value={regionCode}
          onChange={setRegionCode}
          allowClear
          testId="vs-filter-region"
        />
        <Select
          allowClear
          className="vs-filter-category"
          placeholder={t('volunteers.field.category')}
          aria-label={t('volunteers.field.category')}
          options={categories.options}
          value={category}
          onChange={setCategory}
          data-testid="vs-filter-category"
        />
        <Input.Search
          allowClear
          className="vs-filter-text"
          placeholder={t('volunteers.list.search')}
          aria-label={t('volunteers.list.search')}
          onSearch={(v) => setQ(v.trim())}
          data-testid="vs-filter-text"
        />
        <label className="vs-switch">
          <Switch checked={inactive} onChange={setInactive} data-testid="vs-filter-inactive" />
          <span>{t('volunteers.list.includeInactive')}</span>
        </label>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as ListKind | 'needs')}
        items={[
          {
            key: 'resources',
            label: t('volunteers.list.resources'),
            children: render('resources'),
          },
          { key: 'projects', label: t('volunteers.list.projects'), children: render('projects') },
          {
            key: 'needs',
            label: t('volunteers.list.needs'),
            children: (
              <div data-testid="vs-needs-placeholder">
                <p className="vs-hint">{t('volunteers.list.needsPlaceholder')}</p>
                {caps.staff && <Link to="/vs/board">{t('volunteers.list.openBoard')}</Link>}
              </div>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={
          editing &&
          (editing.item
            ? t('volunteers.action.edit')
            : editing.list === 'resources'
              ? t('volunteers.list.addResource')
              : t('volunteers.list.addProject'))
        }
        footer={null}
        destroyOnHidden
        onCancel={() => setEditing(null)}
        width={640}
      >
        {editing && (
          <ListItemForm
            list={editing.list}
            item={editing.item}
            rootCode={editorRoot}
            teams={myTeams}
            teamRequired={!caps.staff}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              void message.success(t('volunteers.list.saved'));
              setEditing(null);
              setVersion((v) => v + 1);
            }}
          />
        )}
      </Modal>
    </div>
  );
}
