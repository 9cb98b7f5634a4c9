/**
 * What the receipt (受理回执) and the one-time notice (一次性告知书) print (GS-5, GS-9), assembled
 * from the case as the caller may see it and the item version it was filed under.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import type { NoticeMaterial } from '../cases/case.notice.ts';
import { formatTrackingCode } from '../cases/case.tracking-code.ts';
import { getCaseView } from '../cases/case.view.ts';
import type { CaseState } from '../cases/case.workflow.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { feeText, requirementText, trackingUrl } from './document-text.ts';

export interface MaterialLine {
  name: string;
  requirement: string;
  required: boolean;
  notes: string;
}

export interface CaseDocument {
  number: string;
  item: { code: string; version: number; name: string };
  /** Never the full ID number: only the masked one exists here. */
  applicant: { name: string; idMasked: string };
  station: { name: string; address: string; phone: string };
  decidingUnit: string;
  isTongban: boolean;
  state: CaseState;
  /** China dates, YYYY-MM-DD. */
  filedOn: string;
  acceptedOn: string | null;
  dueDate: string | null;
  /** GS-8: years the due date counts through whose holiday notice is not entered (provisional). */
  provisionalYears: number[];
  promisedLimitDays: number;
  legalLimitDays: number;
  /** What the case holds now (the receipt). */
  presented: MaterialLine[];
  /** What the applicant has to bring now: the case's open blocking requests (GS-5). */
  missingNow: MaterialLine[];
  /** The notice as issued at intake. */
  notice: {
    complete: boolean;
    presented: MaterialLine[];
    missing: MaterialLine[];
    basis: string;
    procedure: string;
    fee: string;
  };
  trackingUrl: string;
  /** The 查询码 as printed (`1234 5678`); tracking needs it with the number. */
  trackingCode: string;
  /** GS-13: the case's rating link for the receipt's "扫码评价" QR (null on other papers). */
  ratingUrl: string | null;
  issuedAt: Date;
}

function line(m: NoticeMaterial): MaterialLine {
  return {
    name: m.name.zh,
    requirement: requirementText(m.form, m.copies),
    required: m.required,
    notes: m.notes ?? '',
  };
}

export async function loadCaseDocument(
  db: Kysely<Database>,
  input: {
    id: string;
    actor: Actor;
    now: Date;
    publicUrl: string;
    /** The receipt's rating link (ratings' receiptRatingLink); omitted for the notice. */
    ratingLink?: (caseId: string) => Promise<string>;
  },
): Promise<CaseDocument> {
  const view = await getCaseView(db, input); // the same scope rule as reading the case
  const item = await getItem(db, view.item.code, view.item.version);
  const stationIds = [view.acceptingStation.id, view.decidingStationId].filter(
    (s): s is string => s !== null,
  );
  const stations = await db
    .selectFrom('stations')
    .select(['id', 'name', 'address', 'phone'])
    .where('id', 'in', stationIds)
    .execute();
  const accepting = stations.find((s) => s.id === view.acceptingStation.id)!;
  const deciding = stations.find((s) => s.id === view.decidingStationId);
  const byKey = new Map(item.materials.map((m) => [m.key, m]));
  const tracking = await db
    .selectFrom('cases')
    .select('tracking_code')
    .where('id', '=', view.id)
    .executeTakeFirstOrThrow();
  const code = tracking.tracking_code ?? '';
  const missingKeys = new Set(view.notice.missing.map((m) => m.key));

  return {
    number: view.number,
    item: { code: item.code, version: item.version, name: item.name.zh },
    applicant: { name: view.applicant.fullName, idMasked: view.applicant.idMasked },
    station: { name: accepting.name, address: accepting.address, phone: accepting.phone },
    decidingUnit:
      view.decidedBy === 'district_department'
        ? (item.route.department ?? deciding?.name ?? '区级部门')
        : view.decidedBy === 'town_centre'
          ? (deciding?.name ?? '镇政务服务中心')
          : accepting.name,
    isTongban: view.isTongban,
    state: view.state,
    filedOn: chinaDate(new Date(view.createdAt)),
    acceptedOn: view.acceptedAt ? chinaDate(new Date(view.acceptedAt)) : null,
    dueDate: view.dueDate,
    provisionalYears: view.provisionalYears,
    promisedLimitDays: item.promisedLimitDays,
    legalLimitDays: item.legalLimitDays,
    presented: view.presented.flatMap((k) => {
      const m = byKey.get(k);
      return m ? [line(m)] : [];
    }),
    missingNow: view.missingNow
      .filter((r) => r.blocking)
      .flatMap((r) => {
        const m = byKey.get(r.key);
        return m ? [line(m)] : [];
      }),
    notice: {
      complete: view.notice.complete,
      presented: item.materials.filter((m) => !missingKeys.has(m.key)).map(line),
      missing: view.notice.missing.map(line),
      basis: view.notice.basis,
      procedure: view.notice.procedure,
      fee: feeText(view.notice.fee),
    },
    trackingUrl: trackingUrl(input.publicUrl, view.number, code),
    trackingCode: formatTrackingCode(code),
    ratingUrl: input.ratingLink ? await input.ratingLink(view.id) : null,
    issuedAt: input.now,
  };
}
