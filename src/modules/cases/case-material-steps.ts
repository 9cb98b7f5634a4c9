/**
 * The material side of two transitions (GS-5): what a supplement satisfies, and what a later
 * request is — both against the case's requests and material history, never the caller's claim.
 * The transition service writes the results in its one transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { CatalogItemView } from '../catalog/catalog.schema.ts';
import { loadRequests, materialLog } from './case-requests.repo.ts';
import { buildNotice, type OneTimeNotice } from './case.notice.ts';
import {
  applySupplement,
  classifyRequest,
  everPresented,
  type CaseRequest,
} from './case.requests.ts';

/**
 * CASE_MATERIALS_INCOMPLETE naming what is still missing, in words per language and as a
 * machine-readable member `missing` (key and name of each material).
 */
function materialsIncomplete(item: CatalogItemView, keys: readonly string[]): AppError {
  const missing = keys.map((key) => ({
    key,
    name: item.materials.find((m) => m.key === key)?.name ?? { zh: key, en: key },
  }));
  return new AppError('CASE_MATERIALS_INCOMPLETE', {
    detailText: {
      zh: `仍缺少：${missing.map((m) => m.name.zh).join('、')}`,
      en: `Still missing: ${missing.map((m) => m.name.en).join(', ')}`,
    },
    extensions: { missing },
  });
}

/**
 * A supplement bringing `supplied`: only what is brought satisfies a request (supplying nothing
 * satisfies nothing); every blocking request, and every required material, must then be in hand.
 */
export async function supplementStep(
  db: Kysely<Database>,
  input: {
    caseId: string;
    item: CatalogItemView;
    presented: readonly string[];
    supplied: string[];
  },
): Promise<{ presented: string[]; satisfied: string[] }> {
  const { item, supplied } = input;
  const presented = [...new Set([...input.presented, ...supplied])];
  if (presented.some((k) => !item.materials.some((m) => m.key === k)))
    throw new AppError('UNKNOWN_MATERIAL');
  const outcome = applySupplement(await loadRequests(db, [input.caseId]), supplied);
  const stillMissing = new Set([
    ...outcome.stillMissing.map((r) => r.materialKey),
    ...buildNotice(item, presented)
      .missing.filter((m) => m.blocking)
      .map((m) => m.key),
  ]);
  if (stillMissing.size > 0) throw materialsIncomplete(item, [...stillMissing]);
  return { presented, satisfied: outcome.satisfied.map((r) => r.id) };
}

/**
 * A later request for a material: its kind decided from the case's material history (a material
 * presented before is a second request, with a reason), whatever kind the caller names.
 */
export async function requestStep(
  db: Kysely<Database>,
  input: {
    caseId: string;
    item: CatalogItemView;
    notice: OneTimeNotice;
    presented: readonly string[];
    body: {
      materialKey?: string | undefined;
      kind?: string | undefined;
      reason?: string | undefined;
    };
    accountId: string;
    at: string;
  },
): Promise<{ presented: string[]; request: CaseRequest; payload: Record<string, unknown> }> {
  const { materialKey, kind: claimed, reason } = input.body;
  if (!materialKey) throw new AppError('SUPPLEMENT_NOT_IN_NOTICE');
  const verdict = classifyRequest({
    itemMaterials: input.item.materials.map((m) => m.key),
    noticeMissing: input.notice.missing.map((m) => m.key),
    everPresented: everPresented(await materialLog(db, input.caseId)),
    materialKey,
    reason,
  });
  if (!verdict.ok) throw new AppError(verdict.code);
  return {
    presented: input.presented.filter((k) => k !== materialKey),
    request: {
      materialKey,
      kind: verdict.kind,
      blocking: true,
      reason: reason ?? null,
      requestedBy: input.accountId,
      requestedAt: input.at,
      satisfiedAt: null,
      satisfiedBy: null,
    },
    payload: {
      materialKey,
      kind: verdict.kind,
      secondRequest: verdict.secondRequest,
      ...(claimed && claimed !== verdict.kind ? { claimedKind: claimed } : {}),
    },
  };
}
