/** GS-11: who reads, manages and records absences for AB posts (route declarations and services). */
import type { Role } from '../../shared/roles.ts';

/** Staff who see a station's posts and coverage calendar in their reach (not party-bound agents). */
export const POST_READERS = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
] as const satisfies readonly Role[];
/** Who creates and edits posts, and records anyone's absence in reach. */
export const POST_MANAGERS = [
  'admin',
  'supervisor',
  'town_officer',
] as const satisfies readonly Role[];
/** Who records absences: a clerk her own, a manager anyone's in reach. */
export const ABSENCE_RECORDERS = [...POST_MANAGERS, 'clerk'] as const satisfies readonly Role[];
/** Roles a post holder must hold at the post's station. */
export const HOLDER_ROLES = ['clerk', 'town_officer', 'agent'] as const satisfies readonly Role[];
