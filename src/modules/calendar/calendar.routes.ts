import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/roles.ts';
import {
  CalendarDateSchema,
  CalendarYearParams,
  DaysQuery,
  DaysView,
  DueDateQuery,
  DueDateView,
  NoticeBody,
  NoticeEnteredView,
  NoticeList,
  NoticeView,
  OverrideBody,
  OverrideList,
  OverrideListQuery,
  OverrideView,
} from './calendar.schema.ts';
import {
  listCalendarDays,
  listOverrides,
  previewDueDate,
  removeOverride,
  setOverride,
} from './calendar.service.ts';
import { enterNotice, getNotice, listNotices } from './calendar-notice.service.ts';
import type { CalendarDependents } from './calendar-dependents.ts';
import { actorOf } from '../../shared/route-actor.ts';

const STAFF = { access: { roles: STAFF_ROLES } } as const;
const ADMIN = { access: { roles: ['admin'] } } as const;
const DateParams = z.strictObject({ date: CalendarDateSchema });

/** GS-8: the working-day calendar (official data + admin overrides) and due-date previews. */
/** The routes need the due dates that follow the calendar (see calendar-dependents.ts). */
export interface CalendarRouteOptions {
  dependents: CalendarDependents;
}

export const calendarRoutes: FastifyPluginAsyncZod<CalendarRouteOptions> = async (app, opts) => {
  const db = app.kysely;

  app.get(
    '/calendar/overrides',
    {
      config: STAFF,
      schema: {
        tags: ['calendar'],
        summary: 'Working-day overrides (all, or one year’s), and the last year of official data',
        querystring: OverrideListQuery,
        response: { 200: OverrideList },
      },
    },
    async (request) => listOverrides(db, request.query),
  );

  app.put(
    '/calendar/overrides/:date',
    {
      config: ADMIN,
      schema: {
        tags: ['calendar'],
        summary: 'Make a date a working day or a holiday (overrides the official data)',
        params: DateParams,
        body: OverrideBody,
        response: { 200: OverrideView },
      },
    },
    async (request) =>
      setOverride(db, {
        date: request.params.date,
        ...request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.delete(
    '/calendar/overrides/:date',
    {
      config: ADMIN,
      schema: {
        tags: ['calendar'],
        summary: 'Remove a date’s override (404 when there is none)',
        params: DateParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeOverride(db, {
        date: request.params.date,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/due-date',
    {
      config: STAFF,
      schema: {
        tags: ['calendar'],
        summary:
          'Due date for a case accepted at 09:00 on `from` with `days` working days promised',
        querystring: DueDateQuery,
        response: { 200: DueDateView },
      },
    },
    async (request) => previewDueDate(db, request.query),
  );

  app.get(
    '/calendar/days',
    {
      config: STAFF,
      schema: {
        tags: ['calendar'],
        summary: 'Each date from..to (at most 366) with whether it is a working day and why',
        querystring: DaysQuery,
        response: { 200: DaysView },
      },
    },
    async (request) => listCalendarDays(db, request.query),
  );

  app.get(
    '/calendar/notices',
    {
      config: STAFF,
      schema: {
        tags: ['calendar'],
        summary: 'The State Council holiday notices entered for years after the official data',
        response: { 200: NoticeList },
      },
    },
    async () => listNotices(db),
  );

  app.get(
    '/calendar/years/:year/notice',
    {
      config: STAFF,
      schema: {
        tags: ['calendar'],
        summary: 'One year’s entered notice: its days off and make-up working days',
        params: CalendarYearParams,
        response: { 200: NoticeView },
      },
    },
    async (request) => getNotice(db, request.params),
  );

  app.put(
    '/calendar/years/:year/notice',
    {
      config: ADMIN,
      schema: {
        tags: ['calendar'],
        summary:
          'Enter (or replace) a year’s holiday notice in one action: its days off and make-up working days',
        description:
          'Give `days` as JSON rows or `csv` as uploaded (`date,kind[,name]` a line; kind holiday/休 or workday/班). The year’s previous notice is replaced atomically, the change is audited, and running cases reaching into the year get their due dates recomputed. Afterwards the year is no longer provisional. Years inside the official data answer 409 CALENDAR_YEAR_OFFICIAL.',
        params: CalendarYearParams,
        body: NoticeBody,
        response: { 200: NoticeEnteredView },
      },
    },
    async (request) =>
      enterNotice(db, {
        year: request.params.year,
        ...request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
        dependents: opts.dependents,
      }),
  );
};
