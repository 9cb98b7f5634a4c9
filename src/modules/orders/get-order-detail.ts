/**
 * VS-5 one order: centre staff in reach see the needs (masked) and who acted; a team leader sees
 * their team's view (the contact once their team holds it). Both get the actions they may take.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { presentNeeds } from './need-view.ts';
import { callerTeams, centreGrant, loadOrder, orderActionsFor } from './order-access.ts';
import { presentOrders, relevantTeams, teamNeeds, timeline } from './order-view.ts';

export async function getOrderDetail(
  db: Kysely<Database>,
  pii: PiiCipher,
  input: { id: string; actor: Actor },
) {
  const order = await loadOrder(db, input.id);
  const grant = centreGrant(input.actor, order);
  const mine = await callerTeams(db, input.actor);
  const relevant = relevantTeams(order, mine);
  // A team that was directed it before, declined it or lost it on reassignment still sees the
  // order itself (not the contact, not the needs' details beyond what every team sees).
  const past =
    !grant && relevant.length === 0 && mine.length > 0
      ? await db
          .selectFrom('vs_order_actions')
          .select('id')
          .where('order_id', '=', order.id)
          .where(
            'team_id',
            'in',
            mine.map((t) => t.id),
          )
          .executeTakeFirst()
      : undefined;
  if (!grant && relevant.length === 0 && !past) {
    throw new AppError(
      input.actor.grants.some((g) => g.role === 'volunteer_staff') ? 'OUT_OF_SCOPE' : 'FORBIDDEN',
    );
  }
  const [presented] = await presentOrders(db, [order], (o) =>
    orderActionsFor(input.actor, o, mine),
  );
  const needs = grant
    ? await db
        .selectFrom('vs_needs')
        .selectAll()
        .where('order_id', '=', order.id)
        .orderBy('created_at')
        .execute()
    : [];
  const actions = presented!.availableActions;
  const may = (a: (typeof actions)[number]) => actions.includes(a);
  return {
    ...presented!,
    needs: await presentNeeds(db, input.actor, needs),
    teamNeeds: relevant.length
      ? await teamNeeds(
          db,
          pii,
          order,
          relevant.map((t) => t.id),
        )
      : [],
    timeline: await timeline(db, order.id, !!grant),
    /** The same answer as `availableActions`, as flags (kept for existing clients). */
    can: {
      direct: may('direct'),
      open: may('open'),
      reassign: may('reassign'),
      cancel: may('cancel'),
      complete: may('complete'),
      accept: may('accept'),
      decline: may('decline'),
      grab: may('grab'),
    },
    myTeams: relevant.map((t) => ({ id: t.id, name: t.name })),
  };
}
