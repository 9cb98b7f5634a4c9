/**
 * The pickup-person form's own checks (CP-3) and the body it sends; the server checks again.
 * "Today only" is the server's `todayOnly`; a not-authorised person has no validity window.
 */
import type { Translate } from './i18n';
import type { NewPickupPerson } from './programs-day-api';

const PHONE = /^1\d{10}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export type Kind = NewPickupPerson['kind'];
export type Validity = 'always' | 'today' | 'window';

export interface PersonDraft {
  kind: Kind;
  name: string;
  relation: string;
  phone: string;
  validity: Validity;
  validFrom: string;
  validUntil: string;
}
export type Errors = Partial<
  Record<'name' | 'relation' | 'phone' | 'validFrom' | 'validUntil', string>
>;

/** Errors by field, and the body when there are none. */
export function personBody(
  d: PersonDraft,
  t: Translate,
): { errors: Errors; body?: NewPickupPerson } {
  const errors: Errors = {};
  if (!d.name.trim()) errors.name = t('children.required');
  if (!d.relation.trim()) errors.relation = t('children.required');
  const phone = d.phone.replace(/\s+/g, '');
  if (phone && !PHONE.test(phone)) errors.phone = t('persons.phoneInvalid');
  if (d.kind === 'authorised' && d.validity === 'window') {
    if (!DAY.test(d.validFrom)) errors.validFrom = t('persons.dayNeeded');
    if (d.validUntil && (!DAY.test(d.validUntil) || d.validUntil < d.validFrom))
      errors.validUntil = t('persons.untilAfterFrom');
  }
  if (Object.keys(errors).length > 0) return { errors };
  const body: NewPickupPerson = {
    kind: d.kind,
    name: d.name.trim(),
    relation: d.relation.trim(),
    todayOnly: d.kind === 'authorised' && d.validity === 'today',
    ...(phone ? { phone } : {}),
    ...(d.kind === 'authorised' && d.validity === 'window'
      ? { validFrom: d.validFrom, ...(d.validUntil ? { validUntil: d.validUntil } : {}) }
      : {}),
  };
  return { errors, body };
}
