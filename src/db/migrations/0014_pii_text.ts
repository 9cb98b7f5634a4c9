import type { DialectMigration } from './types.ts';
import { columnTypes } from './types.ts';

/**
 * X-3 personal data:
 * - `instance_meta`: facts about this deployment, e.g. the data key's fingerprint
 *   (HMAC(key, 'doorstep-key-check')), so a node started with another key refuses to start.
 * - `case_deliveries`: how a case's result went out (GS-7). A postal address and the recipient's
 *   phone are personal data: stored only encrypted (pii-crypto), the phone also masked for display.
 */
export const piiText: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('instance_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('case_deliveries')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text')
      .addColumn('address_cipher', 'text')
      .addColumn('phone_cipher', 'text')
      .addColumn('phone_masked', 'text')
      .addColumn('delivered_by', 'text')
      .addColumn('delivered_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
};
