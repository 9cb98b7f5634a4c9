import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { classEnrolments } from './class-enrolments.ts';
import { ORGANISER } from './programs.access.ts';
import { VolunteerCandidate, VolunteerLookupQuery } from './programs-day.schema.ts';
import { EnrolmentView } from './programs.schema.ts';
import { findVolunteers } from './volunteer-lookup.ts';
import './programs-day.problems.ts';

const Id = z.object({ id: z.string().uuid() });

/** CP-2/CP-4 for the organiser's pages: a class's whole enrolment list; the roster's lookup. */
export const programOrganiserRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programs/classes/:id/enrolments',
    {
      config: { access: { roles: ORGANISER } },
      schema: {
        tags: ['programs'],
        summary:
          'A class’s enrolment list for its organiser: enrolled, offered, waitlisted (in order), closed',
        params: Id,
        response: { 200: z.array(EnrolmentView) },
      },
    },
    async (request) =>
      classEnrolments(app.kysely, { classId: request.params.id, actor: actorOf(request) }),
  );

  app.get(
    '/programs/volunteers',
    {
      config: { access: { roles: ORGANISER } },
      schema: {
        tags: ['programs'],
        summary:
          'Volunteers of teams in my scope for the roster: by name, phone’s last 4 digits or team (masked)',
        querystring: VolunteerLookupQuery,
        response: { 200: z.array(VolunteerCandidate) },
      },
    },
    async (request) =>
      findVolunteers(app.kysely, {
        actor: actorOf(request),
        q: request.query.q,
        limit: request.query.limit,
      }),
  );
};
