/** VS-1 a join request (or membership) as the API sends it, with the caller's `availableActions`. */
import { availableJoinActions, type JoinParty } from './join-request.workflow.ts';
import type { Conn } from './vs.scope.ts';
import { parseVolunteerSkills } from './volunteer.stored.ts';

export function memberRows(db: Conn) {
  return db
    .selectFrom('vs_team_members as m')
    .innerJoin('vs_teams as t', 't.id', 'm.team_id')
    .innerJoin('vs_volunteers as v', 'v.id', 'm.volunteer_id')
    .select([
      'm.id',
      'm.team_id',
      't.name as team_name',
      'm.volunteer_id',
      'v.volunteer_number',
      'v.full_name',
      'v.phone_masked',
      'v.skills',
      'm.status',
      'm.note',
      'm.requested_at',
      'm.decided_at',
    ]);
}

export type MemberRow = Awaited<
  ReturnType<ReturnType<typeof memberRows>['executeTakeFirstOrThrow']>
>;

/** A join request (or membership) with what `party` may do to it now. */
export function memberView(m: MemberRow, party: JoinParty) {
  const skills = parseVolunteerSkills(m.skills);
  return {
    id: m.id,
    teamId: m.team_id,
    teamName: m.team_name,
    volunteerId: m.volunteer_id,
    volunteerNumber: m.volunteer_number,
    fullName: m.full_name,
    phoneMasked: m.phone_masked,
    skills,
    status: m.status,
    note: m.note,
    requestedAt: m.requested_at,
    decidedAt: m.decided_at,
    availableActions: availableJoinActions(m.status, party),
  };
}
