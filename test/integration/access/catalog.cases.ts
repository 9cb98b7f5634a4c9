/**
 * Route cases of the service catalog (GS-1): reading is public, writing the shared list is for
 * administrators (a town officer passes the route but the service refuses the shared list: 403);
 * a town's 实施清单 is exported by its town officer too (issue #15 point 9).
 */
import crypto from 'node:crypto';
import { DEMO_CATALOG } from '../../../src/modules/catalog/demo-catalog.ts';
import type { RouteCase } from './route-case.ts';

const fresh = () => `TEST-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
const itemWithCode = (code: string) => ({
  ...structuredClone(DEMO_CATALOG[0]!),
  code,
  isDemo: false,
});
let edits = 0;

export const CATALOG_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/catalog/items',
    allowed: 'public',
    request: () => ({ url: '/api/v1/catalog/items?q=sbk' }),
  },
  {
    method: 'GET',
    path: '/api/v1/catalog/items/{code}',
    allowed: 'public',
    request: () => ({ url: '/api/v1/catalog/items/DX-SB-001' }),
  },
  {
    method: 'GET',
    path: '/api/v1/catalog/items/{code}/versions/{version}',
    allowed: 'public',
    request: () => ({ url: '/api/v1/catalog/items/DX-SB-001/versions/1' }),
  },
  {
    method: 'POST',
    path: '/api/v1/catalog/items',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/catalog/items', body: itemWithCode(fresh()) }),
  },
  {
    method: 'PUT',
    path: '/api/v1/catalog/items/{code}',
    allowed: ['admin'],
    request: () => {
      const item = structuredClone(DEMO_CATALOG.find((i) => i.code === 'DX-SD-005')!);
      item.conditions = [...item.conditions, `访问控制测试 ${++edits}`];
      return { url: '/api/v1/catalog/items/DX-SD-005', body: item };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/catalog/export',
    allowed: ['admin', 'supervisor', 'town_officer'],
    request: () => ({ url: '/api/v1/catalog/export?format=json' }),
  },
  {
    method: 'POST',
    path: '/api/v1/catalog/import',
    allowed: ['admin'],
    request: () => ({
      url: '/api/v1/catalog/import?format=json',
      body: { items: [itemWithCode(fresh())] },
    }),
  },
];
