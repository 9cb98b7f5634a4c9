/**
 * Issue #14 point 3 (GS-10): a resident's photos of their materials for a case they filed online,
 * taken with the phone's camera. Only the applicant's own online case, while it is still open;
 * stored like a station's scan (magic bytes checked, encrypted at rest, audited).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import type { ScanType } from '../../shared/scan-magic.ts';
import { TERMINAL_STATES } from '../cases/case.workflow.ts';
import { findCase } from '../cases/case.repo.ts';
import { ONLINE_FILER_ROLES } from '../cases/case-online-intake.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { storeScan } from './attachment.service.ts';
import type { AttachmentView } from './attachment.schema.ts';

export async function uploadOwnPhoto(
  db: Kysely<Database>,
  input: {
    caseId: string;
    materialKey: string;
    contentType: ScanType;
    body: Buffer;
    pii: PiiCipher;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<{ created: boolean; attachment: AttachmentView }> {
  const grant = authorize(input.actor, ONLINE_FILER_ROLES);
  const kase = await findCase(db, input.caseId);
  // Someone else's case answers as if it did not exist: nothing tells which ids are real.
  if (!kase || !input.actor.residentId || kase.applicant_id !== input.actor.residentId)
    throw new AppError('CASE_NOT_FOUND');
  if (kase.channel !== 'online') throw new AppError('CASE_NOT_PARTY');
  if (TERMINAL_STATES.includes(kase.state)) throw new AppError('CASE_INVALID_TRANSITION');
  const item = await getItem(db, kase.item_code, kase.item_version);
  if (!item.materials.some((m) => m.key === input.materialKey)) {
    throw new AppError('UNKNOWN_MATERIAL', {
      errors: [{ path: 'querystring.materialKey', message: input.materialKey }],
    });
  }
  return storeScan(db, {
    ...input,
    kase,
    audit: { ...auditActor(input.actor, grant), stationId: kase.accepting_station_id },
  });
}
