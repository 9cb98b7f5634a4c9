import { describe, expect, it } from 'vitest';
import { accountLinkActions, NO_LINK_REACH } from './account-links.rules.ts';

const TOWN = '110115110';
const VILLAGE = '110115110207';
const OTHER_VILLAGE = '110115103201';

describe('issue #15 p4 account links: what the caller may change', () => {
  it('nothing linked: link each kind the caller has a reach for', () => {
    expect(
      accountLinkActions({
        reach: { resident: [TOWN], volunteer: [TOWN] },
        residentHome: null,
        volunteerHome: null,
      }),
    ).toEqual(['link_resident', 'link_volunteer']);
    expect(
      accountLinkActions({
        reach: { resident: [], volunteer: [TOWN] },
        residentHome: null,
        volunteerHome: null,
      }),
    ).toEqual(['link_volunteer']);
  });

  it('linked: unlink only a record inside the reach, never link a second', () => {
    expect(
      accountLinkActions({
        reach: { resident: [TOWN], volunteer: [TOWN] },
        residentHome: VILLAGE,
        volunteerHome: OTHER_VILLAGE,
      }),
    ).toEqual(['unlink_resident']);
    expect(
      accountLinkActions({
        reach: { resident: [''], volunteer: [''] },
        residentHome: VILLAGE,
        volunteerHome: OTHER_VILLAGE,
      }),
    ).toEqual(['unlink_resident', 'unlink_volunteer']);
  });

  it('no reach at all: nothing', () => {
    for (const home of [null, VILLAGE])
      expect(
        accountLinkActions({ reach: NO_LINK_REACH, residentHome: home, volunteerHome: home }),
      ).toEqual([]);
  });
});
