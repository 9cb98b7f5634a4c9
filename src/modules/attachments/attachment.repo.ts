/** SQL for attachments; no rules here. The file bytes are read only by `readAttachmentData`. */
import type { Kysely, Transaction } from 'kysely';
import type { AttachmentTable, Database } from '../../db/schema.ts';

type Conn = Kysely<Database> | Transaction<Database>;

/** Inserts unless the same bytes are already stored for this case and material; true if new. */
export async function insertAttachment(trx: Conn, row: AttachmentTable): Promise<boolean> {
  const r = await trx
    .insertInto('attachments')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'material_key', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

function metaQuery(db: Conn) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('accounts as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.case_id',
      'a.material_key',
      'a.content_type',
      'a.size_bytes',
      'a.sha256',
      'a.uploaded_by',
      'a.uploaded_at',
      'u.display_name as uploader_name',
    ]);
}

export type AttachmentMeta = Awaited<ReturnType<typeof listAttachmentRows>>[number];

export async function listAttachmentRows(db: Conn, caseId: string) {
  return metaQuery(db)
    .where('a.case_id', '=', caseId)
    .orderBy('a.uploaded_at')
    .orderBy('a.id')
    .execute();
}

export async function findSameFile(
  db: Conn,
  key: { caseId: string; materialKey: string; sha256: string },
) {
  return metaQuery(db)
    .where('a.case_id', '=', key.caseId)
    .where('a.material_key', '=', key.materialKey)
    .where('a.sha256', '=', key.sha256)
    .executeTakeFirstOrThrow();
}

/** One attachment's description with the case columns its scope rule needs. */
export async function findAttachmentWithCase(db: Conn, id: string) {
  return metaQuery(db)
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select([
      'c.number as case_number',
      'c.accepting_region_code',
      'c.home_region_code',
      'c.decided_by',
      'c.agent_account_id',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function readAttachmentData(db: Conn, id: string): Promise<Buffer> {
  const row = await db
    .selectFrom('attachments')
    .select('data')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data);
}
