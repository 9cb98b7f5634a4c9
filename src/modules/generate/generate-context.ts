/** What every step of `doorstep generate` works with. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import type { ScalePlan } from './generate.plan.ts';

export interface GenerateContext {
  db: Kysely<Database>;
  pii: PiiCipher;
  plan: ScalePlan;
  seed: number;
  years: number;
  now: Date;
  /** Rows per transaction (each written as multi-row INSERTs of a few hundred rows). */
  batch: number;
  /** A step's progress: rows done of its total. */
  progress(step: string, done: number, total: number): void;
}
