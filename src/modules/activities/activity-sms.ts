/**
 * VS-6 / issue #15 point 5: the volunteers signed up for an activity (confirmed or on the
 * waitlist) hear by SMS (activity_update) that it was cancelled — in the transaction that
 * cancelled it, once per volunteer and version of the activity (the dedupe key), to the phone of
 * their volunteer record; none → no message (and no error). The phone is decrypted only to hand
 * it to the outbox, which encrypts it again; a demo volunteer's message is kept suppressed.
 */
import type { Transaction } from 'kysely';
import type { Database, VsActivityTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { fitVar } from '../notifications/templates.rules.ts';

export async function smsSignedUpVolunteers(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: {
    activity: Pick<VsActivityTable, 'id' | 'title' | 'region_code'>;
    /** The activity's version after the change. */
    version: number;
    volunteerIds: readonly string[];
    /** What happened, read after the title: 已取消（原因）… */
    change: string;
    now: Date;
  },
): Promise<number> {
  if (input.volunteerIds.length === 0) return 0;
  const volunteers = await trx
    .selectFrom('vs_volunteers')
    .select(['id', 'phone_cipher', 'is_demo'])
    .where('id', 'in', [...input.volunteerIds])
    .where('phone_cipher', 'is not', null)
    .orderBy('id')
    .execute();
  for (const v of volunteers)
    await enqueueSms(trx, pii, {
      to: pii.decrypt(v.phone_cipher!),
      template: 'activity_update',
      params: { title: fitVar(input.activity.title), change: fitVar(input.change) },
      now: input.now,
      demo: v.is_demo === 1,
      dedupeKey: `activity_update:${input.activity.id}:${input.version}:${v.id}`,
      subject: { type: 'vs_activity', id: input.activity.id },
      regionCode: input.activity.region_code,
    });
  return volunteers.length;
}
