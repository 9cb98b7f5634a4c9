/** the resource list (资源清单) and the project list (项目清单) as Excel, by their own queries. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime } from '../../shared/list-export/xlsx-stream.ts';
import { ALL_ROLES } from '../../shared/roles.ts';
import { listProjects } from './projects.service.ts';
import { listResources } from './resources.service.ts';
import { ListQuery, ProjectQuery } from './volunteers.schema.ts';

const ResourceFilters = ListQuery.omit({ limit: true, offset: true });
const ProjectFilters = ProjectQuery.omit({ limit: true, offset: true });
type ResourceRow = Awaited<ReturnType<typeof listResources>>[number];
type ProjectRow = Awaited<ReturnType<typeof listProjects>>[number];

export const RESOURCE_LIST_EXPORT: ListExport<typeof ResourceFilters, ResourceRow> = {
  list: '/vs/resources',
  tag: 'volunteers',
  roles: ALL_ROLES,
  filters: ResourceFilters,
  sheet: { zh: '资源清单', en: 'Resources' },
  file: 'resources',
  rows: ({ db, filters }) =>
    offsetPages((limit, offset) => listResources(db, { ...filters, limit, offset })),
  columns: [
    { zh: '名称', en: 'Name', width: 20, value: (r) => r.name },
    { zh: '类型', en: 'Kind', width: 10, value: (r) => r.kind },
    { zh: '类别', en: 'Category', width: 12, value: (r) => r.categoryCode },
    { zh: '地区', en: 'Region', width: 16, value: (r) => r.regionName },
    { zh: '提供方', en: 'Provider', width: 18, value: (r) => r.providerTeamName ?? r.providerName },
    { zh: '联系方式', en: 'Contact', width: 16, value: (r) => r.contact },
    { zh: '说明', en: 'Description', width: 30, value: (r) => r.description },
    { zh: '启用', en: 'Active', width: 6, value: (r) => r.active },
    { zh: '更新时间', en: 'Updated at', width: 18, value: (r) => chinaDateTime(r.updatedAt) },
  ],
};

export const PROJECT_LIST_EXPORT: ListExport<typeof ProjectFilters, ProjectRow> = {
  list: '/vs/projects',
  tag: 'volunteers',
  roles: ALL_ROLES,
  filters: ProjectFilters,
  sheet: { zh: '项目清单', en: 'Projects' },
  file: 'projects',
  rows: ({ db, filters }) =>
    offsetPages((limit, offset) => listProjects(db, { ...filters, limit, offset })),
  columns: [
    { zh: '名称', en: 'Name', width: 20, value: (r) => r.name },
    { zh: '类别', en: 'Category', width: 12, value: (r) => r.categoryCode },
    { zh: '地区', en: 'Region', width: 16, value: (r) => r.regionName },
    { zh: '队伍', en: 'Team', width: 18, value: (r) => r.teamName },
    { zh: '时间安排', en: 'Schedule', width: 20, value: (r) => r.schedule },
    { zh: '上架点单', en: 'On the menu', width: 8, value: (r) => r.onMenu },
    { zh: '说明', en: 'Description', width: 30, value: (r) => r.description },
    { zh: '启用', en: 'Active', width: 6, value: (r) => r.active },
    { zh: '更新时间', en: 'Updated at', width: 18, value: (r) => chinaDateTime(r.updatedAt) },
  ],
};
