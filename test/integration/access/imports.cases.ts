/** Route cases of the Excel imports of people (issue #15 point 3): administrators and town officers. */
import { buildIdNumber } from '../../../src/modules/residents/id-number.ts';
import { writeImportWorkbook } from '../../../src/modules/imports/import-sheet.ts';
import type { RouteCase } from './route-case.ts';

const FILE = (
  await writeImportWorkbook('residents', [
    [buildIdNumber('110115', '19660606', '606'), '矩阵测试', '', '伊庄村', ''],
  ])
).toString('base64');

export const IMPORTS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/imports/{kind}/template',
    allowed: ['admin', 'town_officer'],
    request: () => ({ url: '/api/v1/imports/residents/template' }),
  },
  {
    method: 'POST',
    path: '/api/v1/imports/{kind}/dry-run',
    allowed: ['admin', 'town_officer'],
    request: () => ({ url: '/api/v1/imports/residents/dry-run', body: { file: FILE } }),
  },
  {
    method: 'POST',
    path: '/api/v1/imports/{kind}/apply',
    allowed: ['admin', 'town_officer'],
    // the first allowed caller creates the resident, the next finds them unchanged: both 200
    request: () => ({ url: '/api/v1/imports/residents/apply', body: { file: FILE } }),
  },
];
