/** Route cases of the Excel imports of people (issue #15 points 3–4): administrators and town officers. */
import { buildIdNumber } from '../../../src/modules/residents/id-number.ts';
import { writeImportWorkbook } from '../../../src/modules/imports/import-sheet.ts';
import type { RouteCase } from './route-case.ts';

const FILE = (
  await writeImportWorkbook('residents', [
    [buildIdNumber('110115', '19660606', '606'), '矩阵测试', '', '伊庄村', ''],
  ])
).toString('base64');

const ROSTER = (
  await writeImportWorkbook('staff', [
    ['矩阵员工', '13900199999', '', 'town_officer', '110115110000'],
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
  {
    method: 'POST',
    path: '/api/v1/imports/staff/apply',
    // issue #15 point 4: the roster creates accounts — administrators (accounts.manage) only
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/imports/staff/apply', body: { file: ROSTER } }),
  },
];
