/**
 * Open311 services of a town (issue #15 point 7): every active catalog item (GS-1) as a `realtime`
 * service whose requests become 首问 inquiries (`inquiry.<item code>`), and every volunteer service
 * category on the town's 点单 menu (VS-3) as one whose requests become needs (`need.<category>`),
 * with attributes for what a need asks beyond Open311's standard fields.
 *
 * Issue #15 point 9: the catalog is per town — a town's services are the shared items plus the
 * town's own ("+N"); another town's own item is neither listed nor accepted (it answers
 * OPEN311_SERVICE_NOT_FOUND, as an unknown code does, so one town's list is not told another's).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { CATALOG_CATEGORY_LABELS } from '../catalog/catalog.schema.ts';
import { listItems, getItem } from '../catalog/catalog.service.ts';
import { townPrefixOf } from '../catalog/catalog-town.rules.ts';
import { getMenu } from '../orders/menu.ts';
import type { WireValue } from './open311-format.ts';

const INQUIRY_PREFIX = 'inquiry.';
const NEED_PREFIX = 'need.';
const NEED_GROUP = '志愿服务点单 Volunteer services';
const CATALOG_PAGE = 500;

export type ResolvedService =
  | { kind: 'inquiry'; code: string; itemCode: string; name: string }
  | { kind: 'need'; code: string; categoryCode: string; name: string };

export async function listServices(db: Kysely<Database>, town: string): Promise<WireValue[]> {
  const [catalog, menu] = await Promise.all([
    listItems(db, { towns: { prefixes: [townPrefixOf(town)] }, limit: CATALOG_PAGE, offset: 0 }),
    getMenu(db, { regionCode: town }),
  ]);
  const items: WireValue[] = catalog.items.map((i) => ({
    service_code: `${INQUIRY_PREFIX}${i.code}`,
    service_name: i.name.zh,
    description: `咨询：${i.name.zh}（工作人员答复，必要时转为办件） Inquiry: ${i.name.en}`,
    metadata: false,
    type: 'realtime',
    keywords: [i.code, ...i.aliases].join(','),
    group: `${CATALOG_CATEGORY_LABELS[i.category].zh} ${CATALOG_CATEGORY_LABELS[i.category].en}`,
  }));
  const needs: WireValue[] = menu.categories.map((c) => ({
    service_code: `${NEED_PREFIX}${c.code}`,
    service_name: c.nameZh,
    description: `志愿服务点单：${c.nameZh}（${c.nameEn}）— 经审单后派给志愿队伍`,
    metadata: true,
    type: 'realtime',
    keywords: ['点单', 'volunteer', c.nameEn].join(','),
    group: NEED_GROUP,
  }));
  return [...items, ...needs];
}

/** An item the town offers: a shared one, or the town's own (the catalog list's own filter). */
const offeredIn = (town: string, itemTown: string | null) =>
  itemTown === null || itemTown.startsWith(townPrefixOf(town));

/** The service a code names in the town; OPEN311_SERVICE_NOT_FOUND otherwise. */
export async function resolveService(
  db: Kysely<Database>,
  town: string,
  code: string,
): Promise<ResolvedService> {
  if (code.startsWith(INQUIRY_PREFIX)) {
    const itemCode = code.slice(INQUIRY_PREFIX.length);
    const item = await getItem(db, itemCode).catch(() => null);
    if (item?.active && offeredIn(town, item.town))
      return { kind: 'inquiry', code, itemCode, name: item.name.zh };
  } else if (code.startsWith(NEED_PREFIX)) {
    const categoryCode = code.slice(NEED_PREFIX.length);
    const menu = await getMenu(db, { regionCode: town });
    const c = menu.categories.find((x) => x.code === categoryCode);
    if (c) return { kind: 'need', code, categoryCode, name: c.nameZh };
  }
  throw new AppError('OPEN311_SERVICE_NOT_FOUND');
}

/** services/{code}: a need's attributes (place, the wanted window, a project from the menu). */
export async function serviceDefinition(
  db: Kysely<Database>,
  town: string,
  code: string,
): Promise<WireValue> {
  const service = await resolveService(db, town, code);
  if (service.kind === 'inquiry') return { service_code: code, attributes: [] };
  const menu = await getMenu(db, { regionCode: town });
  const projects = menu.projects.filter((p) => p.categoryCode === service.categoryCode);
  const attributes: WireValue[] = [
    {
      variable: true,
      code: 'place',
      datatype: 'string',
      required: false,
      datatype_description: '最多 200 字 / up to 200 characters',
      order: 1,
      description:
        '服务地点（不填则用 address_string） Where the service is wanted (default: address_string)',
    },
    {
      variable: true,
      code: 'wanted_from',
      datatype: 'datetime',
      required: false,
      datatype_description: 'ISO 8601, e.g. 2026-03-10T09:00:00+08:00',
      order: 2,
      description: '希望开始时间 Wanted from',
    },
    {
      variable: true,
      code: 'wanted_to',
      datatype: 'datetime',
      required: false,
      datatype_description: 'ISO 8601, after wanted_from',
      order: 3,
      description: '希望结束时间 Wanted until',
    },
  ];
  if (projects.length > 0)
    attributes.push({
      variable: true,
      code: 'project',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 4,
      description: '点单菜单上的服务项目 A project on the town’s menu',
      values: projects.map((p) => ({ key: p.id, name: p.name })),
    });
  return { service_code: code, attributes };
}
