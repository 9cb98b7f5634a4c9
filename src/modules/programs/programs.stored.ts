/**
 * The JSON columns of programs as stored, parsed on the way out of the repository (#12 point 5):
 * a stored value of the wrong shape is an internal error naming the column, never passed on.
 */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';
import { PRIORITY_GROUPS, type PriorityClaim } from './enrolment.rules.ts';

const CatchmentCodes = z.array(z.string());
const PriorityClaims = z.array(z.object({ group: z.enum(PRIORITY_GROUPS), evidence: z.string() }));
const Reasons = z.array(z.unknown());

export const parseCatchmentCodes = (value: string): string[] =>
  parseJsonColumn(CatchmentCodes, value, 'program_classes.catchment_codes');

export const parseCatchmentNeighbourhoods = (value: string): string[] =>
  parseJsonColumn(CatchmentCodes, value, 'program_classes.catchment_neighbourhoods');

export const parsePriorityClaims = (value: string): PriorityClaim[] =>
  parseJsonColumn(PriorityClaims, value, 'enrolments.priority_groups');

export const parseEnrolmentReasons = (value: string): unknown[] =>
  parseJsonColumn(Reasons, value, 'enrolments.reasons');
