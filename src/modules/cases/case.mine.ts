/**
 * Issue #11 "my records": a resident's own cases, read with their own login (phone + SMS code).
 * Scope is the caller's own resident record only — the account's `resident_id` — never a region:
 * a resident sees the cases where they are the applicant, and nothing about anyone else.
 * Same words as public tracking (state, due date, what is still missing), no staff fields.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { loadRequests } from './case-requests.repo.ts';
import { dueDateProvisionality, lightOf, missingNowView } from './case.view.ts';
import { itemNameOf } from './case.tracking.ts';
import { pinnedItems } from './pinned-items.ts';

/** How many of a resident's cases one answer carries, newest first. */
export const MY_CASES_LIMIT = 100;

export async function listMyCases(
  db: Kysely<Database>,
  input: { actor: Actor; now: Date; yellowWithinWorkingDays?: number | undefined },
) {
  const residentId = input.actor.residentId;
  // An account not linked to a resident record (e.g. a volunteer registered by phone only) has
  // no cases of its own; the page says how to get it linked.
  if (!residentId) return { linked: false, cases: [] };
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('stations as s', 's.id', 'c.accepting_station_id')
    .selectAll('c')
    .select(['s.name as station_name'])
    .where('c.applicant_id', '=', residentId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.number', 'desc')
    .limit(MY_CASES_LIMIT)
    .execute();
  const cal = await loadWorkCalendar(db);
  const requests = await loadRequests(
    db,
    rows.map((r) => r.id),
  );
  const items = await pinnedItems(db, rows);
  return {
    linked: true,
    cases: rows.map((row) => {
      const state = row.state;
      const open = missingNowView(
        items(row),
        requests.filter((q) => q.caseId === row.id),
      );
      return {
        number: row.number,
        item: itemNameOf(items(row)),
        state,
        result: row.result,
        station: row.station_name,
        acceptedAt: row.accepted_at,
        createdAt: row.created_at,
        dueDate: row.due_date,
        ...dueDateProvisionality(row, cal),
        light: lightOf(row, input.now, cal, {
          yellowWithinWorkingDays: input.yellowWithinWorkingDays,
        }),
        /** The open material requests: what the resident still has to bring (GS-5). */
        openRequests: open.map((m) => ({
          name: m.name,
          kind: m.kind,
          blocking: m.blocking,
          reason: m.reason,
          requestedAt: m.requestedAt,
        })),
      };
    }),
  };
}
