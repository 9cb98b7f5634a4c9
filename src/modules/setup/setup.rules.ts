/**
 * Issue #15 point 1: the first-run setup of an empty deployment, as steps. Pure: the counts come
 * from the database (setup-status.ts), the order and the meaning of "done" from here. The region
 * tree comes first because every account's scope is a region; the first administrator closes the
 * token-guarded part of the setup, and the rest is done signed in as that administrator.
 */

export const SETUP_STEPS = [
  'regions',
  'admin',
  'catalog',
  'stations',
  'staff',
  'residents',
] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number];

export interface SetupCounts {
  /** Regions of town level or below (a deployment serves towns). */
  towns: number;
  regions: number;
  /** Active accounts holding the admin role. */
  admins: number;
  catalogItems: number;
  stations: number;
  /** Active accounts with a staff role other than admin. */
  staff: number;
  residents: number;
}

export interface SetupStep {
  key: SetupStepKey;
  done: boolean;
  /** What the step counts (regions, items, stations, accounts, residents). */
  count: number;
  /** Optional steps can be left for later without blocking the ones after them. */
  optional: boolean;
}

export interface SetupState {
  /** True while no administrator exists: the token-guarded steps are open. */
  open: boolean;
  steps: SetupStep[];
  /** The first step not done (optional ones included), or null when all are. */
  next: SetupStepKey | null;
}

const COUNT_OF: Record<SetupStepKey, (c: SetupCounts) => number> = {
  regions: (c) => c.towns,
  admin: (c) => c.admins,
  catalog: (c) => c.catalogItems,
  stations: (c) => c.stations,
  staff: (c) => c.staff,
  residents: (c) => c.residents,
};

/** Residents may be registered at the window over time: importing them is optional. */
const OPTIONAL: ReadonlySet<SetupStepKey> = new Set(['residents']);

export function setupState(counts: SetupCounts): SetupState {
  const steps = SETUP_STEPS.map((key) => {
    const count = COUNT_OF[key](counts);
    return { key, done: count > 0, count, optional: OPTIONAL.has(key) };
  });
  return {
    open: counts.admins === 0,
    steps,
    next: steps.find((s) => !s.done)?.key ?? null,
  };
}

/**
 * Which setup actions the caller may take now: while no administrator exists, whoever holds the
 * setup token may load regions and create the first administrator (regions first: the
 * administrator's scope must exist); afterwards only administrators, through the ordinary pages.
 */
export function setupActionAllowed(
  action: 'regions' | 'admin',
  state: Pick<SetupState, 'open'>,
  counts: Pick<SetupCounts, 'towns'>,
  caller: { hasToken: boolean; isAdmin: boolean },
): 'ok' | 'token_required' | 'closed' | 'regions_first' {
  if (action === 'admin') {
    if (!state.open) return 'closed';
    if (!caller.hasToken) return 'token_required';
    if (counts.towns === 0) return 'regions_first';
    return 'ok';
  }
  if (state.open) return caller.hasToken || caller.isAdmin ? 'ok' : 'token_required';
  return caller.isAdmin ? 'ok' : 'closed';
}
