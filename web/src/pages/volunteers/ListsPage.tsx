import { App, Button, Card, Empty, Input, Modal, Select, Space, Switch, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  listProjects,
  listResources,
  listTeams,
  updateProject,
  updateResource,
  type ListFilter,
  type Project,
  type Resource,
} from '../../api/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { CategoryTag } from './CategoryTag';
import { ListItemForm } from './ListItemForm';
import { RegionTreeSelect } from './RegionTreeSelect';
import { useCategories } from './use-categories';
import { homeDistrictOf, widestRegionOf } from '../../lib/capabilities';
import { volunteerCapabilitiesOf } from '../../lib/page-capabilities';
import './volunteers.css';

type ListKind = 'resources' | 'projects';

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
  const resources = useAsync((s) => listResources(filter, s), `r${key}`);
  const projects = useAsync((s) => listProjects(filter, s), `p${key}`);
  const teams = useAsync(
    (s) => (caps.editLists ? listTeams({ active: 'true' }, s) : Promise.resolve([])),
    `teams-${caps.editLists}`,
  );
  const myTeams = (teams.data ?? []).filter((x) => caps.staff || x.ledByMe);
  const editorRoot = widestRegionOf(me, 'volunteers.lists.edit') ?? district;

  const toggle = (list: ListKind, item: Resource | Project) =>
    (list === 'resources'
      ? updateResource(item.id, { active: !item.active })
      : updateProject(item.id, { active: !item.active })
    )
      .then(() => (list === 'resources' ? resources.reload() : projects.reload()))
      .catch((e: unknown) => void message.error(errorText(t, e)));

  const canEditItem = (item: Resource | Project) => {
    if (caps.staff) return true;
    const teamId = 'kind' in item ? item.providerTeamId : item.teamId;
    return !!teamId && myTeams.some((x) => x.id === teamId);
  };

  const render = (list: ListKind) => {
    const state = list === 'resources' ? resources : projects;
    if (state.status === 'error') return <ErrorAlert error={state.error} onRetry={state.reload} />;
    const items: (Resource | Project)[] = state.data ?? [];
    return (
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
        {items.length === 0 && state.status === 'success' ? (
          <Empty description={t('volunteers.list.none')} />
        ) : (
          <div className="vs-cards">
            {items.map((item) => (
              <ItemCard
                key={item.id}
                item={item}
                canEdit={canEditItem(item)}
                onEdit={() => setEditing({ list, item })}
                onToggle={() => void toggle(list, item)}
              />
            ))}
          </div>
        )}
      </div>
    );
  };

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
              if (editing.list === 'resources') resources.reload();
              else projects.reload();
            }}
          />
        )}
      </Modal>
    </div>
  );
}
