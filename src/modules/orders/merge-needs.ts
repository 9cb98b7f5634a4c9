/** VS-4 合并: several submitted needs of one category and town become one order. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize } from '../../shared/actor.ts';
import { createOrderFromNeeds } from './create-order-from-needs.ts';
import type { Meta } from './order-access.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import type { MergeNeeds } from './orders.schema.ts';
import { assertReviewable } from './review-need.ts';

/**
 * Merges needs into one order. Rule: at least two needs, all submitted, of one category, all in one
 * town and in the caller's reach. The order's region is the needs' common region (their village
 * when they share one, else the town); its window spans the earliest start to the latest end.
 */
export async function mergeNeeds(
  db: Kysely<Database>,
  input: Meta & { body: z.infer<typeof MergeNeeds> },
): Promise<string> {
  const ids = [...new Set(input.body.needIds)];
  if (ids.length < 2) throw new AppError('VS_MERGE_INVALID', { detail: 'at least two needs' });
  const needs = await db.selectFrom('vs_needs').selectAll().where('id', 'in', ids).execute();
  if (needs.length !== ids.length) throw new AppError('VS_NEED_NOT_FOUND');
  const grants = needs.map((n) => authorize(input.actor, CENTRE_ROLES, n.region_code));
  for (const n of needs) assertReviewable('merge', n);
  const first = needs[0]!;
  if (needs.some((n) => n.category_code !== first.category_code))
    throw new AppError('VS_MERGE_INVALID', { detail: 'one category' });
  const town = first.region_code.slice(0, 9);
  if (needs.some((n) => n.region_code.slice(0, 9) !== town))
    throw new AppError('VS_MERGE_INVALID', { detail: 'one town' });
  const sameRegion = needs.every((n) => n.region_code === first.region_code);
  const samePlace = needs.every((n) => n.place === first.place);
  const froms = needs
    .map((n) => n.wanted_from)
    .filter((x): x is string => !!x)
    .sort();
  const tos = needs
    .map((n) => n.wanted_to)
    .filter((x): x is string => !!x)
    .sort();
  const ordered = [...needs].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return db.transaction().execute((trx) =>
    createOrderFromNeeds(trx, {
      ...input,
      needs: ordered,
      grant: grants[0],
      merged: true,
      order: {
        title: input.body.title,
        description:
          input.body.description ??
          ordered.map((n) => `${n.need_number}：${n.description}`).join('\n'),
        place: input.body.place ?? (samePlace ? first.place : '多处（见各需求） / several places'),
        regionCode: sameRegion ? first.region_code : `${town}000`,
        categoryCode: first.category_code,
        wantedFrom: froms[0] ?? null,
        wantedTo: tos[tos.length - 1] ?? null,
      },
    }),
  );
}
