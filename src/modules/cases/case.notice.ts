/**
 * 一次性告知 (GS-5): at intake the presented materials are compared with the item version's list,
 * and one notice names everything missing. Afterwards nobody may ask for a material outside that
 * notice and the item version; asking again for a presented material needs a reason and counts in
 * the station's second-request rate (二次补正率) — see case.requests.ts. Pure.
 */

export interface NoticeMaterial {
  key: string;
  name: { zh: string; en: string };
  required: boolean;
  form: string;
  copies: number;
  notes?: string | undefined;
}

export interface NoticeItem {
  code: string;
  version: number;
  name: { zh: string; en: string };
  materials: readonly NoticeMaterial[];
  basis: string;
  procedure: string;
  promisedLimitDays: number;
  fee: { amountFen: number; waivers: readonly string[] };
}

export interface OneTimeNotice {
  itemCode: string;
  itemVersion: number;
  complete: boolean;
  /** Every material not presented: required ones block acceptance, optional ones are listed too. */
  missing: (NoticeMaterial & { blocking: boolean })[];
  basis: string;
  procedure: string;
  promisedLimitDays: number;
  fee: { amountFen: number; waivers: string[] };
}

export type PresentedProblem = { key: string; problem: 'UNKNOWN_MATERIAL' | 'DUPLICATE_MATERIAL' };

/** Keys presented that the item version does not list, or twice: refused at intake. */
export function checkPresented(item: NoticeItem, presented: readonly string[]): PresentedProblem[] {
  const known = new Set(item.materials.map((m) => m.key));
  const seen = new Set<string>();
  const problems: PresentedProblem[] = [];
  for (const key of presented) {
    if (!known.has(key)) problems.push({ key, problem: 'UNKNOWN_MATERIAL' });
    else if (seen.has(key)) problems.push({ key, problem: 'DUPLICATE_MATERIAL' });
    seen.add(key);
  }
  return problems;
}

export function buildNotice(item: NoticeItem, presented: readonly string[]): OneTimeNotice {
  const have = new Set(presented);
  const missing = item.materials
    .filter((m) => !have.has(m.key))
    .map((m) => ({ ...m, blocking: m.required }));
  return {
    itemCode: item.code,
    itemVersion: item.version,
    complete: missing.every((m) => !m.blocking),
    missing,
    basis: item.basis,
    procedure: item.procedure,
    promisedLimitDays: item.promisedLimitDays,
    fee: { amountFen: item.fee.amountFen, waivers: [...item.fee.waivers] },
  };
}

// Later requests and what they count as: case.requests.ts.

/** 二次补正率: cases with at least one second request ÷ cases accepted, per station. Target 0. */
export function secondRequestRate(casesAccepted: number, casesWithSecondRequest: number): number {
  return casesAccepted === 0 ? 0 : casesWithSecondRequest / casesAccepted;
}
