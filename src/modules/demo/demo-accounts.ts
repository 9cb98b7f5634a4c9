/**
 * The demo accounts' shared secrets, in a file that imports nothing: browser journeys and tools
 * need the password and phones without loading every module that the demo seeding touches.
 */

/** Demo-only password for every demo account; printed in the README; never in production. */
export const DEMO_PASSWORD = 'Doorstep-demo-2026';
/** Issue #11: demo mobiles for SMS-code login (vstaff's is refused: staff keep passwords). */
export const DEMO_PHONES: Record<string, string> = {
  resident: '13800000001',
  volunteer: '13800000002',
  leader: '13800000003',
  guardian: '13800000004',
  vstaff: '13800000009',
};
