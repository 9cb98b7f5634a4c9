import { describe, expect, it } from 'vitest';
import type { Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import {
  agentMaySee,
  authorizationStatus,
  checkAuthorizations,
  coversItem,
  isAgentOnly,
  residentAccessVerdict,
  type AuthorizationFacts,
} from './authorization.rules.ts';

const TODAY = '2026-03-02';
const auth = (over: Partial<AuthorizationFacts> = {}): AuthorizationFacts => ({
  allItems: false,
  itemCodes: ['DX-SB-001'],
  expiresOn: '2026-06-30',
  revokedAt: null,
  ...over,
});

describe('authorization coverage (GS-6)', () => {
  it('status: active through the expiry day, expired after it, revoked wins', () => {
    expect(authorizationStatus(auth({ expiresOn: TODAY }), TODAY)).toBe('active');
    expect(authorizationStatus(auth({ expiresOn: '2026-03-01' }), TODAY)).toBe('expired');
    expect(authorizationStatus(auth({ revokedAt: '2026-03-01T00:00:00.000Z' }), TODAY)).toBe(
      'revoked',
    );
  });
  it('covers listed items, or every item', () => {
    expect(coversItem(auth(), 'DX-SB-001')).toBe(true);
    expect(coversItem(auth(), 'DX-SB-004')).toBe(false);
    expect(coversItem(auth({ allItems: true, itemCodes: [] }), 'DX-SB-004')).toBe(true);
  });
  it('allowed when one authorization is active and covers the item', () => {
    expect(checkAuthorizations([auth()], 'DX-SB-001', TODAY)).toEqual({ ok: true });
    const mixed = [auth({ expiresOn: '2026-01-01' }), auth({ allItems: true })];
    expect(checkAuthorizations(mixed, 'DX-SB-001', TODAY)).toEqual({ ok: true });
  });
  it('refusals name the most useful reason', () => {
    const no = (auths: AuthorizationFacts[], item = 'DX-SB-001') =>
      checkAuthorizations(auths, item, TODAY);
    expect(no([])).toEqual({ ok: false, code: 'AUTHORIZATION_MISSING' });
    expect(no([auth({ revokedAt: '2026-03-01T00:00:00.000Z' })])).toEqual({
      ok: false,
      code: 'AUTHORIZATION_MISSING',
    });
    expect(no([auth({ expiresOn: '2026-03-01' })])).toEqual({
      ok: false,
      code: 'AUTHORIZATION_EXPIRED',
    });
    expect(no([auth()], 'DX-SB-004')).toEqual({ ok: false, code: 'AUTHORIZATION_OUT_OF_SCOPE' });
    // An expired authorization for other items says nothing about this one.
    expect(no([auth({ expiresOn: '2026-03-01' })], 'DX-SB-004')).toEqual({
      ok: false,
      code: 'AUTHORIZATION_MISSING',
    });
  });
});

describe('an agent sees a resident only under a live authorization (GS-6, X-2)', () => {
  it('any live authorization, whatever its items, opens the resident', () => {
    expect(residentAccessVerdict([auth()], TODAY)).toEqual({ ok: true });
    expect(residentAccessVerdict([auth({ expiresOn: TODAY })], TODAY)).toEqual({ ok: true });
  });
  it('none, only revoked or only lapsed ones: refused with the reason', () => {
    expect(residentAccessVerdict([], TODAY)).toEqual({ ok: false, code: 'AUTHORIZATION_MISSING' });
    const revoked = auth({ revokedAt: '2026-03-01T00:00:00.000Z' });
    expect(residentAccessVerdict([revoked], TODAY)).toEqual({
      ok: false,
      code: 'AUTHORIZATION_MISSING',
    });
    expect(residentAccessVerdict([revoked, auth({ expiresOn: '2026-03-01' })], TODAY)).toEqual({
      ok: false,
      code: 'AUTHORIZATION_EXPIRED',
    });
  });
});

describe('GS-6 agents see only their own cases', () => {
  const grant = (role: Role): Grant => ({
    role,
    regionCode: '110115110222',
    regionLevel: 'village',
    regionName: '三顺庄村',
    stationId: 's1',
    stationName: '三顺庄村政务服务站',
    stationKind: 'village_station',
    reachPrefix: '110115110',
  });
  it('only agent grants among the case roles → agent-only', () => {
    expect(isAgentOnly([grant('agent')])).toBe(true);
    expect(isAgentOnly([grant('agent'), grant('volunteer')])).toBe(true);
    expect(isAgentOnly([grant('agent'), grant('clerk')])).toBe(false);
    expect(isAgentOnly([grant('clerk')])).toBe(false);
    expect(isAgentOnly([grant('volunteer')])).toBe(false);
  });
  it('an agent sees the cases they filed; everyone else is unaffected', () => {
    const agent = { accountId: 'ag', grants: [grant('agent')] };
    expect(agentMaySee(agent, { agent_account_id: 'ag' })).toBe(true);
    expect(agentMaySee(agent, { agent_account_id: 'other' })).toBe(false);
    expect(agentMaySee(agent, { agent_account_id: null })).toBe(false);
    expect(
      agentMaySee({ accountId: 'c', grants: [grant('clerk')] }, { agent_account_id: null }),
    ).toBe(true);
  });
});
