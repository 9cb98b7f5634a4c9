/** The messages the dispatch use-cases send (issue #11: a kind and its parameters). */
import type { VsOrderTable } from '../../db/schema.ts';
import type { OrderMessage } from './orders.common.ts';

export const msgDirected = (o: VsOrderTable): OrderMessage => ({
  kind: 'vs_order_directed',
  params: { orderNumber: o.order_number, title: o.title },
});

export const msgTaken = (o: VsOrderTable, teamName: string): OrderMessage => ({
  kind: 'vs_order_taken',
  params: { orderNumber: o.order_number, title: o.title, team: teamName },
});
