import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { BOOKING_PARTIES, SELF_BOOKERS, STATION_STAFF } from './appointments.access.ts';
import {
  BookableStation,
  BookingView,
  CheckInBody,
  DaySlots,
  NewBooking,
  OptionalDateQuery,
  StationDayView,
  SlotsQuery,
  StaffedStationView,
  StationParams,
  TemplateBody,
  TemplateView,
  TicketView,
} from './appointments.schema.ts';
import { bookSlot } from './book-slot.ts';
import { cancelBooking, checkInBooking, myBookings } from './bookings.service.ts';
import { staffedStations } from './staffed-stations.ts';
import { stationDay } from './station-day.service.ts';
import { bookableStations, daySlots, getTemplate, saveTemplate } from './template.service.ts';

const Id = z.strictObject({ id: z.string().uuid() });
const tags = ['appointments'];

/** GS-10 slot setup, booking (online and by phone), cancellation, check-in, a station's day. */
export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({ requestId: request.id, now: app.deps.now() });

  app.get(
    '/appointments/stations/:id/template',
    {
      config: { access: { roles: STATION_STAFF } },
      schema: {
        tags,
        summary: 'A station’s slot template',
        params: StationParams,
        response: { 200: TemplateView },
      },
    },
    async (request) => getTemplate(db, { stationId: request.params.id, actor: actorOf(request) }),
  );

  app.put(
    '/appointments/stations/:id/template',
    {
      config: { access: { roles: STATION_STAFF } },
      schema: {
        tags,
        summary:
          'Set a station’s slot template: weekly hours, slots, capacity, exceptions, lead time, cut-off, no-shows',
        params: StationParams,
        body: TemplateBody,
        response: { 200: TemplateView },
      },
    },
    async (request) =>
      saveTemplate(db, {
        stationId: request.params.id,
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.get(
    '/appointments/stations',
    {
      config: { access: { roles: BOOKING_PARTIES } },
      schema: {
        tags,
        summary: 'Stations that take appointments, with the dates the caller may book',
        response: { 200: z.array(BookableStation) },
      },
    },
    async (request) => bookableStations(db, { actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/appointments/my-stations',
    {
      config: { access: { roles: STATION_STAFF } },
      schema: {
        tags,
        summary:
          'The stations whose appointments and queue I work: a clerk’s own; every station of a region grant',
        response: { 200: z.array(StaffedStationView) },
      },
    },
    async (request) => staffedStations(db, { actor: actorOf(request) }),
  );

  app.get(
    '/appointments/stations/:id/slots',
    {
      config: { access: { roles: BOOKING_PARTIES } },
      schema: {
        tags,
        summary:
          'The slots of a day at a station with their free places (with itemCode: the starts with room for the item’s duration)',
        params: StationParams,
        querystring: SlotsQuery,
        response: { 200: DaySlots },
      },
    },
    async (request) =>
      daySlots(db, {
        stationId: request.params.id,
        date: request.query.date,
        itemCode: request.query.itemCode,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.get(
    '/appointments/stations/:id/day',
    {
      config: { access: { roles: STATION_STAFF } },
      schema: {
        tags,
        summary: 'A station’s day: slots, bookings and queue tickets (default today, China time)',
        params: StationParams,
        querystring: OptionalDateQuery,
        response: { 200: StationDayView },
      },
    },
    async (request) =>
      stationDay(db, {
        stationId: request.params.id,
        date: request.query.date,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.post(
    '/appointments/bookings',
    {
      config: { access: { roles: BOOKING_PARTIES }, idempotent: true },
      schema: {
        tags,
        summary:
          'Book a slot: a resident for themselves (online), staff for a caller (residentId, by phone)',
        body: NewBooking,
        response: { 201: BookingView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await bookSlot(db, { body: request.body, actor: actorOf(request), ...meta(request) }),
        ),
  );

  app.get(
    '/appointments/bookings/mine',
    {
      config: { access: { roles: SELF_BOOKERS } },
      schema: { tags, summary: 'My bookings', response: { 200: z.array(BookingView) } },
    },
    async (request) => myBookings(db, { actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/appointments/bookings/:id/cancel',
    {
      config: { access: { roles: BOOKING_PARTIES }, idempotent: true },
      schema: {
        tags,
        summary:
          'Cancel a booking (its resident up to the cut-off; station staff until it is used)',
        params: Id,
        response: { 200: BookingView },
      },
    },
    async (request) =>
      cancelBooking(db, {
        bookingId: request.params.id,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/appointments/bookings/:id/check-in',
    {
      config: { access: { roles: STATION_STAFF }, idempotent: true },
      schema: {
        tags,
        summary:
          'The resident arrived: check the booking in and issue an appointment-lane ticket (A…)',
        params: Id,
        body: CheckInBody,
        response: { 201: TicketView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await checkInBooking(db, {
          bookingId: request.params.id,
          priority: request.body.priority ?? null,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );
};
