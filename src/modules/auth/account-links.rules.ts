/**
 * Issue #15 point 4: which links of an account to a resident record and a volunteer record the
 * caller may change now — pure, so the /accounts page enables exactly what the server accepts.
 * The reach of each kind is the caller's grants that give its capability (`residents.login` links
 * residents, `volunteers.staff` links volunteers); linking needs some such grant (the record picked
 * must then lie inside it, which the link itself checks), unlinking a grant over the linked
 * record's home region. One record of each kind per account.
 */
export type AccountLinkAction =
  'link_resident' | 'unlink_resident' | 'link_volunteer' | 'unlink_volunteer';

export const ACCOUNT_LINK_ACTIONS = [
  'link_resident',
  'unlink_resident',
  'link_volunteer',
  'unlink_volunteer',
] as const satisfies readonly AccountLinkAction[];

/** The caller's reach prefixes for each kind of link (empty: may not link that kind). */
export interface LinkReach {
  resident: readonly string[];
  volunteer: readonly string[];
}

export const NO_LINK_REACH: LinkReach = { resident: [], volunteer: [] };

export function accountLinkActions(input: {
  reach: LinkReach;
  /** The linked resident record's home region, null when none is linked. */
  residentHome: string | null;
  /** The linked volunteer record's home region, null when none is linked. */
  volunteerHome: string | null;
}): AccountLinkAction[] {
  const { reach } = input;
  const covers = (prefixes: readonly string[], code: string) =>
    prefixes.some((p) => code.startsWith(p));
  const actions: AccountLinkAction[] = [];
  if (input.residentHome === null) {
    if (reach.resident.length > 0) actions.push('link_resident');
  } else if (covers(reach.resident, input.residentHome)) actions.push('unlink_resident');
  if (input.volunteerHome === null) {
    if (reach.volunteer.length > 0) actions.push('link_volunteer');
  } else if (covers(reach.volunteer, input.volunteerHome)) actions.push('unlink_volunteer');
  return actions;
}
