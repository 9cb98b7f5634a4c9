/**
 * Scans of a case's materials (GS-5): the accepting side uploads them from the station's scanner;
 * anyone who may see the case reads them. Stored in the database so every app node serves them.
 */
import crypto from 'node:crypto';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { TERMINAL_STATES } from '../cases/case.workflow.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { agentMaySee } from '../agents/authorization.rules.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { acceptingGrant, canSeeCase } from '../cases/case-parties.ts';
import { findCase } from '../cases/case.repo.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { checkScan, SCAN_EXTENSIONS, type ScanType } from '../../shared/scan-magic.ts';
import {
  findAttachmentWithCase,
  findSameFile,
  insertAttachment,
  listAttachmentRows,
  readAttachmentData,
  type AttachmentMeta,
} from './attachment.repo.ts';
import type { AttachmentView } from './attachment.schema.ts';

/** The case view's rule: a side of the case or a supervisor in reach; agents only their own cases. */
function maySee(
  actor: Actor,
  kase: Parameters<typeof canSeeCase>[1] & { agent_account_id: string | null },
): boolean {
  return canSeeCase(actor.grants, kase) && agentMaySee(actor, kase);
}

function present(row: AttachmentMeta): AttachmentView {
  return {
    id: row.id,
    caseId: row.case_id,
    materialKey: row.material_key,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedBy: { id: row.uploaded_by, displayName: row.uploader_name },
    uploadedAt: row.uploaded_at,
    url: `/api/v1/attachments/${row.id}`,
  };
}

/**
 * Stores one scan. The same bytes for the same case and material are stored once: a retried
 * upload answers with the existing row (`created: false`) and writes nothing.
 */
export async function uploadAttachment(
  db: Kysely<Database>,
  input: {
    caseId: string;
    materialKey: string;
    contentType: ScanType;
    body: Buffer;
    pii: PiiCipher;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<{ created: boolean; attachment: AttachmentView }> {
  const kase = await findCase(db, input.caseId);
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  if (!maySee(input.actor, kase)) throw new AppError('OUT_OF_SCOPE');
  const grant = acceptingGrant(input.actor.grants, kase);
  if (!grant) throw new AppError('CASE_NOT_PARTY');
  if (TERMINAL_STATES.includes(kase.state)) throw new AppError('CASE_INVALID_TRANSITION');
  const item = await getItem(db, kase.item_code, kase.item_version);
  if (!item.materials.some((m) => m.key === input.materialKey)) {
    throw new AppError('UNKNOWN_MATERIAL', {
      errors: [{ path: 'querystring.materialKey', message: input.materialKey }],
    });
  }
  return storeScan(db, { ...input, kase, audit: auditActor(input.actor, grant) });
}

/**
 * Checks the bytes (magic numbers), encrypts and stores one scan, audited in the same transaction.
 * The caller has checked who may upload to the case and that the material is on its item's list.
 */
export async function storeScan(
  db: Kysely<Database>,
  input: {
    kase: { id: string; number: string; home_region_code: string };
    materialKey: string;
    contentType: ScanType;
    body: Buffer;
    pii: PiiCipher;
    actor: Actor;
    audit: ReturnType<typeof auditActor>;
    requestId: string;
    now: Date;
  },
): Promise<{ created: boolean; attachment: AttachmentView }> {
  const kase = input.kase;
  const check = checkScan(input.contentType, input.body);
  if (check === 'empty') throw new AppError('ATTACHMENT_EMPTY');
  if (check === 'mismatch') {
    throw new AppError('ATTACHMENT_TYPE_MISMATCH', {
      detail: `the file is not ${SCAN_EXTENSIONS[input.contentType].toUpperCase()}`,
    });
  }

  const sha256 = crypto.createHash('sha256').update(input.body).digest('hex');
  const id = crypto.randomUUID();
  const created = await db.transaction().execute(async (trx) => {
    const inserted = await insertAttachment(trx, {
      id,
      case_id: kase.id,
      material_key: input.materialKey,
      content_type: input.contentType,
      size_bytes: input.body.length,
      sha256,
      data: input.pii.encryptBytes(input.body), // scans of ID cards are personal data
      uploaded_by: input.actor.accountId,
      uploaded_at: input.now.toISOString(),
    });
    if (!inserted) return false;
    await recordAudit(trx, {
      actor: input.audit,
      action: 'attachment.uploaded',
      entityType: 'attachment',
      entityId: id,
      regionCode: kase.home_region_code,
      after: {
        caseId: kase.id,
        caseNumber: kase.number,
        materialKey: input.materialKey,
        contentType: input.contentType,
        sizeBytes: input.body.length,
        sha256,
      },
      requestId: input.requestId,
      now: input.now,
    });
    return true;
  });
  const row = await findSameFile(db, { caseId: kase.id, materialKey: input.materialKey, sha256 });
  return { created, attachment: present(row) };
}

export async function listAttachments(
  db: Kysely<Database>,
  input: { caseId: string; actor: Actor },
): Promise<AttachmentView[]> {
  const kase = await findCase(db, input.caseId);
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  if (!maySee(input.actor, kase)) throw new AppError('OUT_OF_SCOPE');
  return (await listAttachmentRows(db, kase.id)).map(present);
}

/** The file itself, for anyone who may see its case. */
export async function readAttachment(
  db: Kysely<Database>,
  input: { id: string; pii: PiiCipher; actor: Actor; requestId: string; now: Date },
): Promise<{ contentType: ScanType; filename: string; body: Buffer }> {
  const row = await findAttachmentWithCase(db, input.id);
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
  if (!maySee(input.actor, row)) throw new AppError('OUT_OF_SCOPE');
  // Opening a scan shows personal data in full, like a reveal: it is audited.
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      actor: auditActor(input.actor),
      action: 'attachment.viewed',
      entityType: 'attachment',
      entityId: row.id,
      regionCode: row.home_region_code,
      requestId: input.requestId,
      now: input.now,
    }),
  );
  return {
    contentType: row.content_type,
    filename: `${row.case_number}-${row.material_key}.${SCAN_EXTENSIONS[row.content_type]}`,
    body: input.pii.decryptBytes(await readAttachmentData(db, row.id)),
  };
}
