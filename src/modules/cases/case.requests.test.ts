import { describe, expect, it } from 'vitest';
import {
  applySupplement,
  classifyRequest,
  everPresented,
  missingNow,
  noticeRequests,
  type CaseRequest,
  type ReplayAction,
  type RequestVerdict,
} from './case.requests.ts';

const ITEM = ['id_card', 'photo', 'agent_id_card', 'authorisation'];
const T0 = '2026-03-02T01:30:00.000Z';
const T1 = '2026-03-02T02:30:00.000Z';
const T2 = '2026-03-03T02:30:00.000Z';

const req = (
  materialKey: string,
  over: Partial<CaseRequest> = {},
): CaseRequest & { id: string } => ({
  id: `${materialKey}-${over.requestedAt ?? T0}`,
  materialKey,
  kind: 'notice',
  blocking: true,
  reason: null,
  requestedBy: 'clerk',
  requestedAt: T0,
  satisfiedAt: null,
  satisfiedBy: null,
  ...over,
});

describe('a later request is classified from the material history, not the caller (GS-5)', () => {
  // [what, material, presented so far, listed by the notice, reason, verdict]
  const cases: [string, string, string[], string[], string | null, RequestVerdict][] = [
    [
      'listed by the notice, never brought: missing, not a second request',
      'agent_id_card',
      ['id_card', 'photo'],
      ['agent_id_card', 'authorisation'],
      '请补代办人身份证',
      { ok: true, kind: 'missing', secondRequest: false },
    ],
    [
      'listed by the notice but supplied since: a second request',
      'photo',
      ['id_card', 'photo'],
      ['photo', 'agent_id_card', 'authorisation'],
      '照片背景不是白色',
      { ok: true, kind: 'defective', secondRequest: true },
    ],
    [
      'presented at intake: a second request',
      'id_card',
      ['id_card'],
      ['photo'],
      '身份证已过期',
      { ok: true, kind: 'defective', secondRequest: true },
    ],
    [
      'presented, with no real reason: refused',
      'photo',
      ['id_card', 'photo'],
      ['photo'],
      '重交',
      { ok: false, code: 'SUPPLEMENT_REASON_REQUIRED' },
    ],
    [
      'presented, no reason at all: refused',
      'photo',
      ['photo'],
      [],
      null,
      { ok: false, code: 'SUPPLEMENT_REASON_REQUIRED' },
    ],
    [
      'outside the item version: refused',
      'marriage_cert',
      ['id_card'],
      ['photo'],
      '需要婚姻证明',
      { ok: false, code: 'SUPPLEMENT_NOT_IN_NOTICE' },
    ],
    [
      'in the item but neither listed nor presented: refused',
      'authorisation',
      ['id_card'],
      ['photo'],
      '需要委托书',
      { ok: false, code: 'SUPPLEMENT_NOT_IN_NOTICE' },
    ],
  ];
  for (const [what, materialKey, presented, listed, reason, verdict] of cases) {
    it(what, () => {
      expect(
        classifyRequest({
          itemMaterials: ITEM,
          noticeMissing: listed,
          everPresented: presented,
          materialKey,
          reason,
        }),
      ).toEqual(verdict);
    });
  }
});

describe('GS-5 a supplement satisfies only what it brings', () => {
  // [what, open requests, supplied, satisfied keys, still missing keys]
  const cases: [string, CaseRequest[], string[], string[], string[]][] = [
    [
      'an optional material asked for later: supplying nothing satisfies nothing',
      [req('agent_id_card', { kind: 'missing', blocking: true, requestedAt: T1 })],
      [],
      [],
      ['agent_id_card'],
    ],
    [
      'an optional material asked for later: bringing it satisfies it',
      [req('agent_id_card', { kind: 'missing', blocking: true, requestedAt: T1 })],
      ['agent_id_card'],
      ['agent_id_card'],
      [],
    ],
    [
      'a defective optional material must be brought again',
      [req('authorisation', { kind: 'defective', reason: '签字不全', requestedAt: T1 })],
      ['id_card'],
      [],
      ['authorisation'],
    ],
    [
      'the notice: required ones block, optional ones do not, each satisfied when brought',
      [req('photo'), req('agent_id_card', { blocking: false })],
      ['photo'],
      ['photo'],
      [],
    ],
    [
      'the notice: a required one not brought still blocks',
      [req('photo'), req('agent_id_card', { blocking: false })],
      ['agent_id_card'],
      ['agent_id_card'],
      ['photo'],
    ],
    [
      'requests already satisfied are neither satisfied again nor missing',
      [req('photo', { satisfiedAt: T1, satisfiedBy: 'clerk' })],
      ['photo'],
      [],
      [],
    ],
  ];
  for (const [what, open, supplied, satisfied, still] of cases) {
    it(what, () => {
      const r = applySupplement(open, supplied);
      expect(r.satisfied.map((x) => x.materialKey)).toEqual(satisfied);
      expect(r.stillMissing.map((x) => x.materialKey)).toEqual(still);
    });
  }
});

describe('GS-5 what is missing now', () => {
  it('is the open requests, one line per material, the newest request describing it', () => {
    const rows = [
      req('photo', { satisfiedAt: T1, satisfiedBy: 'clerk' }),
      req('agent_id_card', { blocking: false }),
      req('id_card', { kind: 'defective', reason: '身份证已过期', requestedAt: T2 }),
      req('agent_id_card', { kind: 'missing', reason: '需要代办人身份证', requestedAt: T2 }),
    ];
    expect(missingNow(rows)).toEqual([
      {
        key: 'agent_id_card',
        kind: 'missing',
        blocking: true,
        reason: '需要代办人身份证',
        requestedAt: T2,
      },
      {
        key: 'id_card',
        kind: 'defective',
        blocking: true,
        reason: '身份证已过期',
        requestedAt: T2,
      },
    ]);
  });

  it('the notice opens one request per listed material, blocking as the notice says', () => {
    const rows = noticeRequests(
      {
        missing: [
          { key: 'photo', blocking: true },
          { key: 'authorisation', blocking: false },
        ],
      },
      { by: 'clerk', at: T0 },
    );
    expect(rows.map((r) => [r.materialKey, r.kind, r.blocking, r.satisfiedAt])).toEqual([
      ['photo', 'notice', true, null],
      ['authorisation', 'notice', false, null],
    ]);
  });
});

describe('GS-5 the materials a case has presented', () => {
  const log: ReplayAction[] = [
    { action: 'file', actorId: 'clerk', reason: null, payload: { presented: ['id_card'] }, at: T0 },
    {
      action: 'supplement',
      actorId: 'clerk',
      reason: null,
      payload: { presented: ['photo'] },
      at: T1,
    },
    { action: 'route', actorId: 'clerk', reason: null, payload: {}, at: T1 },
    {
      action: 'request_supplement',
      actorId: 'town',
      reason: '再交一次',
      payload: { materialKey: 'photo', kind: 'missing' },
      at: T2,
    },
  ];

  it('knows every material ever presented', () => {
    expect(everPresented(log).sort()).toEqual(['id_card', 'photo']);
  });
});
