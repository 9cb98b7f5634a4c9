import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of the service catalog and its import/export. */
export const CATALOG_PROBLEMS = {
  CATALOG_ITEM_NOT_FOUND: { status: 404, zh: '没有该服务事项', en: 'No such service item' },
  CATALOG_NOT_SERVED_HERE: {
    status: 404,
    zh: '您所在的镇街尚未开通此办事目录',
    en: 'This service catalog is not used in your town',
  },
  CATALOG_VERSION_NOT_FOUND: {
    status: 404,
    zh: '该服务事项没有这个版本',
    en: 'The service item has no such version',
  },
  CATALOG_ITEM_EXISTS: {
    status: 409,
    zh: '该事项编码已存在，请修改事项（生成新版本）',
    en: 'That item code exists; update the item to make a new version',
  },
  CATALOG_ITEM_CHANGED: {
    status: 409,
    zh: '该事项刚被他人修改，请刷新后重试',
    en: 'Someone else just changed this item; reload and try again',
  },
  CATALOG_ITEM_OTHER_TOWN: {
    status: 403,
    zh: '该事项是其他镇街的自有事项，只能在服务该镇街的服务站办理',
    en: 'This is another town’s own item; it is filed only at a station serving that town',
  },
  CATALOG_TOWN_OUT_OF_SCOPE: {
    status: 403,
    zh: '只有管辖范围覆盖该镇街的管理员或镇级中心人员可以修改该镇街的自有事项',
    en: 'Only an administrator or town centre officer whose scope covers the town may change its own items',
  },
  CATALOG_TOWN_UNKNOWN: {
    status: 422,
    zh: '没有该镇街，请选择一个镇（街道）',
    en: 'No such town; choose a town (subdistrict)',
  },
  CATALOG_IMPORT_REFUSED: {
    status: 422,
    zh: '导入未执行：以下行有误，请全部改正后重新导入',
    en: 'Nothing was imported: correct every row listed and import again',
  },
  CATALOG_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件，请上传 .xlsx 格式的事项清单',
    en: 'The file cannot be read; upload the catalog as .xlsx',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    catalog: typeof CATALOG_PROBLEMS;
  }
}

registerProblems(CATALOG_PROBLEMS);
