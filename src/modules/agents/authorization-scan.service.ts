/**
 * The scan of a resident's signed authorization form (GS-6): uploaded by whoever may record the
 * authorization, read by staff in reach (an agent: only their own). Encrypted at rest like case
 * scans; opening one is audited.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { checkScan, SCAN_EXTENSIONS, type ScanType } from '../../shared/scan-magic.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, reachPrefixes, type Actor } from '../../shared/actor.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { isAgentOnly } from './authorization.rules.ts';
import { viewOf, writerGrant } from './authorization.service.ts';

async function findAuthorization(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('AUTHORIZATION_NOT_FOUND');
  return row;
}

/**
 * Stores the scan and makes it the authorization's consent attachment. The same bytes twice are
 * stored once (`created: false`, nothing written).
 */
export async function uploadAuthorizationScan(
  db: Kysely<Database>,
  input: {
    id: string;
    contentType: ScanType;
    body: Buffer;
    pii: PiiCipher;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { actor, now } = input;
  const row = await findAuthorization(db, input.id);
  const grant = writerGrant(actor, row.region_code, row.agent_account_id);
  if (row.revoked_at) throw new AppError('AUTHORIZATION_REVOKED');
  if (row.consent_method !== 'signed_form') throw new AppError('AUTHORIZATION_NOT_SIGNED_FORM');
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
    const inserted = await trx
      .insertInto('authorization_scans')
      .values({
        id,
        authorization_id: row.id,
        content_type: input.contentType,
        size_bytes: input.body.length,
        sha256,
        data: input.pii.encryptBytes(input.body), // a signed form carries personal data
        uploaded_by: actor.accountId,
        uploaded_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['authorization_id', 'sha256']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    const r = await trx
      .updateTable('authorizations')
      .set({ consent_attachment_id: id })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('AUTHORIZATION_REVOKED');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'authorization.form_uploaded',
      entityType: 'authorization',
      entityId: row.id,
      regionCode: row.region_code,
      before: { consentAttachmentId: row.consent_attachment_id },
      after: {
        consentAttachmentId: id,
        contentType: input.contentType,
        sizeBytes: input.body.length,
        sha256,
      },
      requestId: input.requestId,
      now,
    });
    return true;
  });
  return { created, authorization: await viewOf(db, row.id, now) };
}

/** The current scan of the signed form, for staff in reach or the agent it names. */
export async function readAuthorizationScan(
  db: Kysely<Database>,
  input: { id: string; pii: PiiCipher; actor: Actor; requestId: string; now: Date },
) {
  const { actor } = input;
  const row = await findAuthorization(db, input.id);
  if (isAgentOnly(actor.grants)) {
    if (row.agent_account_id !== actor.accountId) throw new AppError('OUT_OF_SCOPE');
  } else {
    const prefixes = reachPrefixes(actor, STAFF_ROLES);
    if (prefixes.length === 0) throw new AppError('FORBIDDEN');
    if (!prefixes.some((p) => row.region_code.startsWith(p))) throw new AppError('OUT_OF_SCOPE');
  }
  const scan = row.consent_attachment_id
    ? await db
        .selectFrom('authorization_scans')
        .select(['id', 'content_type', 'data'])
        .where('id', '=', row.consent_attachment_id)
        .where('authorization_id', '=', row.id)
        .executeTakeFirst()
    : undefined;
  if (!scan) throw new AppError('AUTHORIZATION_SCAN_NOT_FOUND');
  // Opening the form shows personal data in full, like a reveal: it is audited.
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      actor: auditActor(actor),
      action: 'authorization.form_viewed',
      entityType: 'authorization',
      entityId: row.id,
      regionCode: row.region_code,
      requestId: input.requestId,
      now: input.now,
    }),
  );
  const data = Buffer.isBuffer(scan.data) ? scan.data : Buffer.from(scan.data);
  return {
    contentType: scan.content_type,
    filename: `authorization-${row.id.slice(0, 8)}.${SCAN_EXTENSIONS[scan.content_type]}`,
    body: input.pii.decryptBytes(data),
  };
}
