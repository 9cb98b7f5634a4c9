/** the residents list as Excel (masked as the list shows it), by the list's own query. */
import { z } from 'zod';
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { RESIDENT_READERS } from '../../shared/roles.ts';
import { RegionCodeSchema } from '../../shared/region-code.ts';
import { listResidents } from './residents.service.ts';

/** The list's filters (its paging is added by the list route). */
export const ResidentFilters = z.strictObject({
  q: z.string().trim().max(50).optional(),
  regionCode: RegionCodeSchema.optional(),
});
type Row = Awaited<ReturnType<typeof listResidents>>[number];

const SEX = { male: ['男', 'Male'], female: ['女', 'Female'] } as const;

export function residentListExport(pii: PiiCipher): ListExport<typeof ResidentFilters, Row> {
  return {
    list: '/residents',
    tag: 'residents',
    roles: RESIDENT_READERS,
    filters: ResidentFilters,
    sheet: { zh: '居民', en: 'Residents' },
    file: 'residents',
    rows: ({ db, filters, actor, now }) =>
      offsetPages((limit, offset) =>
        listResidents({ db, pii }, { ...filters, actor, now, limit, offset }),
      ),
    columns: [
      { zh: '姓名', en: 'Name', width: 12, value: (r) => r.fullName },
      { zh: '性别', en: 'Sex', width: 6, value: (r, lang) => wordsOf(SEX, r.sex, lang) },
      { zh: '出生日期', en: 'Born', width: 12, value: (r) => r.birthDate },
      { zh: '身份证号', en: 'ID number', width: 22, value: (r) => r.idMasked },
      { zh: '手机号', en: 'Phone', width: 14, value: (r) => r.phoneMasked },
      { zh: '户籍地', en: 'Home region', width: 18, value: (r) => r.homeRegionName },
      { zh: '住址', en: 'Address', width: 30, value: (r) => r.address },
      { zh: '登记时间', en: 'Registered at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    ],
  };
}
