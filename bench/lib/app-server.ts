/**
 * The real app in its own process, as `doorstep` would run it but on 127.0.0.1:0 and silent.
 * Configured by the environment: DATABASE_URL, DOORSTEP_DATA_KEY (DOORSTEP_ENV=test, LOG_LEVEL=silent).
 */
import { loadConfig } from '../../src/config.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { createPiiCipher, parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { serveUntilStopped } from './child.ts';

const config = loadConfig(process.env);
if (!config.dataKey) throw new Error('DOORSTEP_DATA_KEY is required');
const db = openDatabase(config.database);
installAuditKeys(
  deriveAuditKeys({ dataKey: parseMasterKey(config.dataKey), auditKey: config.auditKey }),
);
const app = await buildApp({
  config,
  db,
  pii: createPiiCipher(parseMasterKey(config.dataKey)),
  now: () => new Date(),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');

serveUntilStopped(address.port, async () => {
  await app.close();
  await db.close();
});
