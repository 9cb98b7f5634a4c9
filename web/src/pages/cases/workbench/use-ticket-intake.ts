import { fetchStationDay, type Ticket } from '../../../api/appointments';
import { fetchResident } from '../../../api/residents';
import type { Resident } from '../../../api/types';
import { useAsync } from '../../../lib/use-async';

/** GS-10 issue #14: intake opened from the queue for the ticket being served. */
export interface TicketIntake {
  ticket: Ticket;
  stationId: string;
  /** A booked ticket (lane A) came by appointment, a walk-in (lane B) to the window. */
  channel: 'appointment' | 'window';
  resident: Resident;
}

/** Thrown when the ticket named in the address is no longer one to file for. */
export class TicketGone extends Error {}

async function loadTicketIntake(
  ticketId: string,
  stationId: string,
  signal: AbortSignal,
): Promise<TicketIntake> {
  const day = await fetchStationDay(stationId, signal);
  // Filing is offered by the server (availableActions), never re-derived here.
  const ticket = day.tickets.find(
    (x) => x.id === ticketId && x.availableActions.includes('file_case'),
  );
  if (!ticket?.residentId) throw new TicketGone();
  const resident = await fetchResident(ticket.residentId);
  return {
    ticket,
    stationId: day.stationId,
    channel: ticket.lane === 'A' ? 'appointment' : 'window',
    resident,
  };
}

/**
 * `/cases/new?ticket=…&station=…`: the ticket, its resident and its channel, or null without a
 * ticket in the address. The one intake (materials, one-time notice) then files for it.
 */
export function useTicketIntake(ticketId: string | null, stationId: string | null) {
  return useAsync(
    (signal) =>
      ticketId && stationId ? loadTicketIntake(ticketId, stationId, signal) : Promise.resolve(null),
    `ticket-${ticketId ?? ''}-${stationId ?? ''}`,
  );
}
