/**
 * The market day's load over HTTP, station by station at once, and the database's checks after.
 *
 * `core` (app and floor): the walk-ins take B tickets at the reception while K clerks per station
 * call next in parallel. `day` (the app): the same plus today's booked residents checked in
 * (A tickets), and each clerk serves what they called — start, file the case (channel
 * appointment or window), link it to the ticket, finish — while the town's phone team books
 * callers into the next bookable day's first slots, all at once (more callers than places).
 * A clerk only calls when a ticket is known to be waiting that no other clerk of the station has
 * been sent for, so every 'call next' should win exactly one ticket.
 */
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { addDays, chinaDate } from '../../src/shared/china-time.ts';
import { SLOT_CAPACITY, type Args } from './args.ts';
import { Client, summary } from './http.ts';
import type { StationWorld, World } from './seed.ts';

interface Ticket {
  id: string;
  lane: 'A' | 'B';
  residentId: string | null;
}

export interface DayOutcome {
  figures: ReturnType<typeof summary>;
  issued: number;
  called: number;
  distinctCalled: number;
  emptyCalls: number;
  filed: number;
  booked: number;
  full: number;
  places: number;
  failures: string[];
}

interface Race {
  station: StationWorld;
  date: string;
  starts: string[];
}

/** The next bookable day's first free slots per station (read before the clock starts). */
export async function findRaces(base: string, world: World, args: Args): Promise<Race[]> {
  const client = new Client(base, 4);
  try {
    const races: Race[] = [];
    for (const station of world.stations) {
      const token = station.clerkTokens[0]!;
      for (let d = 0; d <= 14; d++) {
        const date = addDays(chinaDate(new Date()), d);
        const r = await client.request<{
          bookable: boolean;
          slots: { start: string; startsAt: string; free: number }[];
        }>('probe', 'GET', `/appointments/stations/${station.id}/slots?date=${date}`, token);
        if (r.status !== 200 || !r.json.bookable) continue;
        const free = r.json.slots.filter(
          (s) => s.free === SLOT_CAPACITY && Date.parse(s.startsAt) > Date.now() + 3600_000,
        );
        if (free.length < args.raceSlots) continue;
        races.push({ station, date, starts: free.slice(0, args.raceSlots).map((s) => s.start) });
        break;
      }
    }
    if (races.length !== world.stations.length) throw new Error('no bookable day found');
    return races;
  } finally {
    client.close();
  }
}

export async function runDay(
  base: string,
  world: World,
  args: Args,
  mode: 'core' | 'day',
  races: Race[],
): Promise<DayOutcome> {
  const client = new Client(base, 256);
  const out = {
    issued: 0,
    called: [] as string[],
    emptyCalls: 0,
    filed: 0,
    booked: 0,
    full: 0,
    failures: [] as string[],
  };
  const fail = (what: string, status: number, json: unknown) => {
    if (out.failures.length < 10)
      out.failures.push(`${what}: ${status} ${JSON.stringify(json).slice(0, 160)}`);
  };

  async function station(s: StationWorld) {
    let issued = 0;
    let sent = 0;
    let arrivalsDone = false;
    const waiters: (() => void)[] = [];
    const wake = (all: boolean) => {
      for (let w = waiters.shift(); w; w = all ? waiters.shift() : undefined) w();
    };
    const reception = s.clerkTokens[0]!;
    const arrivals: (() => Promise<boolean>)[] = [];
    const walkIn = (residentId: string) => async () => {
      const r = await client.request(
        'walk-in',
        'POST',
        `/queue/stations/${s.id}/tickets`,
        reception,
        {
          residentId,
        },
      );
      if (r.status !== 201) fail('walk-in', r.status, r.json);
      return r.status === 201;
    };
    const checkIn = (bookingId: string) => async () => {
      const r = await client.request(
        'check-in',
        'POST',
        `/appointments/bookings/${bookingId}/check-in`,
        reception,
        {},
      );
      if (r.status !== 200 && r.status !== 201) fail('check-in', r.status, r.json);
      return r.status === 200 || r.status === 201;
    };
    const walkIns = s.walkIns.map(walkIn);
    const checkIns = mode === 'day' ? s.bookingIds.map(checkIn) : [];
    // Interleaved as people arrive: a booked resident after every few walk-ins.
    const every = Math.max(1, Math.floor(walkIns.length / Math.max(1, checkIns.length)));
    walkIns.forEach((w, i) => {
      arrivals.push(w);
      if (i % every === every - 1 && checkIns.length) arrivals.push(checkIns.shift()!);
    });
    arrivals.push(...checkIns);

    const receptionDesk = async () => {
      for (const arrive of arrivals) {
        if (await arrive()) {
          issued++;
          out.issued++;
          wake(false);
        }
      }
      arrivalsDone = true;
      wake(true);
    };
    const serve = async (token: string, t: Ticket) => {
      const started = await client.request(
        'start',
        'POST',
        `/queue/tickets/${t.id}/start`,
        token,
        undefined,
      );
      if (started.status !== 200) return fail('start', started.status, started.json);
      const filed = await client.request<{ id: string }>('file', 'POST', '/cases', token, {
        residentId: t.residentId,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
        channel: t.lane === 'A' ? 'appointment' : 'window',
      });
      if (filed.status !== 201) return fail('file', filed.status, filed.json);
      out.filed++;
      const linked = await client.request('link', 'POST', `/queue/tickets/${t.id}/case`, token, {
        caseId: filed.json.id,
      });
      if (linked.status !== 200) return fail('link', linked.status, linked.json);
      const done = await client.request(
        'finish',
        'POST',
        `/queue/tickets/${t.id}/finish`,
        token,
        undefined,
      );
      if (done.status !== 200) fail('finish', done.status, done.json);
    };
    const clerk = async (token: string, desk: string) => {
      for (;;) {
        if (sent < issued) {
          sent++;
          const r = await client.request<{ ticket: Ticket | null }>(
            'call-next',
            'POST',
            `/queue/stations/${s.id}/call-next`,
            token,
            { desk },
          );
          if (r.status !== 200) fail('call-next', r.status, r.json);
          else if (!r.json.ticket) out.emptyCalls++;
          else {
            out.called.push(r.json.ticket.id);
            if (mode === 'day') await serve(token, r.json.ticket);
          }
        } else if (arrivalsDone) return;
        else await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    await Promise.all([
      receptionDesk(),
      ...s.clerkTokens.map((token, c) => clerk(token, `${c + 1}号窗口`)),
    ]);
  }

  async function phoneTeam(race: Race) {
    const s = race.station;
    await Promise.all(
      s.callers.map(async (residentId, i) => {
        const r = await client.request(
          'phone-booking',
          'POST',
          '/appointments/bookings',
          s.clerkTokens[i % s.clerkTokens.length]!,
          {
            stationId: s.id,
            date: race.date,
            start: race.starts[i % race.starts.length],
            residentId,
          },
        );
        if (r.status === 201) out.booked++;
        else if (r.status === 409) out.full++;
        else fail('phone-booking', r.status, r.json);
      }),
    );
  }

  const t0 = performance.now();
  await Promise.all([
    ...world.stations.map(station),
    ...(mode === 'day' ? races.map(phoneTeam) : []),
  ]);
  const seconds = (performance.now() - t0) / 1000;
  client.close();
  return {
    figures: summary(client.samples, seconds),
    issued: out.issued,
    called: out.called.length,
    distinctCalled: new Set(out.called).size,
    emptyCalls: out.emptyCalls,
    filed: out.filed,
    booked: out.booked,
    full: out.full,
    places: mode === 'day' ? races.length * args.raceSlots * SLOT_CAPACITY : 0,
    failures: out.failures,
  };
}

export interface DbCheck {
  tickets: number;
  waiting: number;
  calledTwice: number;
  calledEvents: number;
  withoutCase: number;
  appointmentCases: number;
  checkedIn: number;
  overbooked: number;
  countMismatch: number;
}

/** In the database: every ticket called once (one audit event each), no slot over its places. */
export async function dbCheck(url: string, world: World): Promise<DbCheck> {
  const config: DatabaseConfig = url.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, poolSize: 2 };
  const db = openDatabase(config);
  const k = db.kysely;
  const ids = world.stations.map((s) => s.id);
  try {
    const tickets = await k
      .selectFrom('queue_tickets')
      .select(['id', 'status', 'case_id'])
      .where('station_id', 'in', ids)
      .execute();
    const events = await k
      .selectFrom('audit_events')
      .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('action', '=', 'queue.ticket_called')
      .groupBy('entity_id')
      .execute();
    const slots = await k
      .selectFrom('appt_slots as s')
      .select([
        's.id',
        's.capacity',
        's.booked_count',
        (eb) =>
          eb
            .selectFrom('appt_bookings as b')
            .select((b) => b.fn.countAll<number>().as('n'))
            .whereRef('b.slot_id', '=', 's.id')
            .where('b.status', 'in', ['booked', 'checked_in'])
            .as('rows'),
      ])
      .where('s.station_id', 'in', ids)
      .execute();
    const appointmentCases = await k
      .selectFrom('queue_tickets as t')
      .innerJoin('cases as c', 'c.id', 't.case_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.station_id', 'in', ids)
      .where('t.lane', '=', 'A')
      .where('c.channel', '=', 'appointment')
      .executeTakeFirstOrThrow();
    const checkedIn = await k
      .selectFrom('appt_bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('station_id', 'in', ids)
      .where('status', '=', 'checked_in')
      .executeTakeFirstOrThrow();
    return {
      tickets: tickets.length,
      waiting: tickets.filter((t) => t.status === 'waiting').length,
      calledTwice: events.filter((e) => Number(e.n) > 1).length,
      calledEvents: events.reduce((a, e) => a + Number(e.n), 0),
      withoutCase: tickets.filter((t) => t.case_id === null).length,
      appointmentCases: Number(appointmentCases.n),
      checkedIn: Number(checkedIn.n),
      overbooked: slots.filter((s) => Number(s.booked_count) > Number(s.capacity)).length,
      countMismatch: slots.filter((s) => Number(s.rows) !== Number(s.booked_count)).length,
    };
  } finally {
    await db.close();
  }
}
