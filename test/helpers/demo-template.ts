/**
 * Vitest global setup of the integration tier: the demo (20 residents, the test clock's start, the
 * test data key) is migrated and seeded ONCE per run into a template database; each test file's
 * `createTestApp()` then starts from a copy — the SQLite file copied, or `CREATE DATABASE …
 * TEMPLATE …` on PostgreSQL — instead of seeding through the services again (issue #12 point 8).
 * Variants (other resident counts, a partial migration) still seed their own database.
 */
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { DEMO_TEMPLATE_RESIDENTS, type DemoTemplate } from './demo-template-ref.ts';
import { START, TEST_KEY } from './test-constants.ts';
import { createTestDb, TEST_DIALECT } from './test-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate: DemoTemplate | null;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const testDb = await createTestDb(TEST_DIALECT);
  installAuditKeys(deriveAuditKeys({ dataKey: TEST_KEY }));
  await seedDemo({
    db: testDb.db.kysely,
    pii: createPiiCipher(TEST_KEY),
    now: START,
    residents: DEMO_TEMPLATE_RESIDENTS,
  });
  await testDb.db.close(); // SQLite: checkpoints the WAL into the file; PostgreSQL: no session left
  const template: DemoTemplate =
    testDb.config.dialect === 'postgres'
      ? { dialect: 'postgres', database: new URL(testDb.config.url).pathname.slice(1) }
      : { dialect: 'sqlite', file: testDb.config.file };
  if (template.dialect === 'sqlite' && !fs.existsSync(template.file))
    throw new Error(`demo template missing: ${template.file}`);
  project.provide('demoTemplate', template);
  console.log(
    `demo template (${template.dialect}) seeded once in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  return async () => {
    await testDb.drop();
  };
}
