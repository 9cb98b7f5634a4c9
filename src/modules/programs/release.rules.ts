/**
 * CP-3 who may take a child home: the code (or the tag) of the day and a person the guardian
 * authorised for that day; anyone on the not-authorised list is refused whatever they hold. Pure.
 */
import type { PickupPersonKind } from '../../db/schema.ts';
import { codeMatches } from './pickup-code.rules.ts';

export interface PickupPerson {
  id: string;
  kind: PickupPersonKind;
  name: string;
  validFrom: string;
  validUntil: string | null;
  revoked: boolean;
}

export type ReleaseRefusal =
  'CP_PICKUP_CODE_WRONG' | 'CP_PICKUP_BLOCKED' | 'CP_PICKUP_NOT_AUTHORISED' | 'CP_PICKUP_EXPIRED';

/** Whether the person's window covers `day` (and they were not revoked). */
export function personValidOn(p: PickupPerson, day: string): boolean {
  return !p.revoked && p.validFrom <= day && (p.validUntil === null || day <= p.validUntil);
}

const sameName = (a: string, b: string) =>
  a.replace(/\s/g, '').toLowerCase() === b.replace(/\s/g, '').toLowerCase();

/**
 * The decision at the door. `personId` is the authorised person staff picked from the child's
 * list; `presentedName` is the name the person at the door gave (checked against the blocked list
 * whatever was picked).
 */
export function releaseDecision(input: {
  typedCode: string;
  code: string | null;
  persons: readonly PickupPerson[];
  personId: string;
  presentedName: string;
  day: string;
}): { ok: true; person: PickupPerson } | { ok: false; refusal: ReleaseRefusal } {
  const blocked = input.persons.some(
    (p) =>
      p.kind === 'blocked' && personValidOn(p, input.day) && sameName(p.name, input.presentedName),
  );
  if (blocked) return { ok: false, refusal: 'CP_PICKUP_BLOCKED' };
  const person = input.persons.find((p) => p.id === input.personId && p.kind === 'authorised');
  if (!person || person.revoked || !sameName(person.name, input.presentedName))
    return { ok: false, refusal: 'CP_PICKUP_NOT_AUTHORISED' };
  if (!personValidOn(person, input.day)) return { ok: false, refusal: 'CP_PICKUP_EXPIRED' };
  if (input.code === null || codeMatches(input.typedCode, input.code) === null)
    return { ok: false, refusal: 'CP_PICKUP_CODE_WRONG' };
  return { ok: true, person };
}
