import type { Me } from './resident-api';

/** The place a resident's orders are for: their own village (the resident grant's region). */
export function homeRegionOf(me: Me): string {
  return me.grants.find((g) => g.role === 'resident')?.regionCode ?? me.grants[0]?.regionCode ?? '';
}

/** The name to greet and to prefill as contact: without the demo suffix （演示）. */
export function plainName(me: Me): string {
  return me.displayName.replace(/（.*）$/, '');
}
