/**
 * The residents this clerk looked up recently, so an intake can be filed for them during a network
 * cut. Two places, two rules:
 * - this tab's memory holds what the page already held (the resident as the lookup answered it,
 *   under the ID number the clerk typed or the card reader sent): the same card read offline finds
 *   them again;
 * - IndexedDB holds only the resident's id and masked name (and when they were looked up), so
 *   after an offline reload the clerk can pick them from a short list. No ID number, phone,
 *   birth date or full name is written to the disk.
 */
import type { Resident } from '../api/types';
import { kvFor, type Kv } from './kv';

/** What is kept on the disk for one resident. */
export interface KnownResident {
  id: string;
  maskedName: string;
  /** ISO-8601 UTC: the last lookup. */
  seenAt: string;
}

/** How many residents the list keeps per clerk (the oldest go first). */
export const KEEP_RECENT = 20;

/** 李长福 → 李**, 王五 → 王*: the first character, a star for each other (spaces kept). */
export function maskName(fullName: string): string {
  const chars = Array.from(fullName.trim());
  return chars.map((c, i) => (i === 0 || /\s/.test(c) ? c : '*')).join('');
}

export interface KnownResidents {
  /** After a successful lookup (or registration): memory gets the resident, the disk id + masked name. */
  remember(idNumber: string, resident: Resident): Promise<void>;
  /** The resident this tab looked up under this ID number, if any. */
  find(idNumber: string): Resident | undefined;
  /** The disk list, newest first. */
  recent(): Promise<KnownResident[]>;
}

export function createKnownResidents(options: {
  kv: Kv;
  owner: string;
  now?: () => Date;
}): KnownResidents {
  const { kv, owner } = options;
  const now = options.now ?? (() => new Date());
  const prefix = `${owner}|`;
  const byIdNumber = new Map<string, Resident>();
  const recent = async () =>
    (await kv.entries<KnownResident>(prefix))
      .map(([, v]) => v)
      .sort((a, b) => b.seenAt.localeCompare(a.seenAt) || a.id.localeCompare(b.id));
  return {
    async remember(idNumber, resident) {
      byIdNumber.set(idNumber, resident);
      const row: KnownResident = {
        id: resident.id,
        maskedName: maskName(resident.fullName),
        seenAt: now().toISOString(),
      };
      await kv.set(prefix + resident.id, row);
      for (const old of (await recent()).slice(KEEP_RECENT)) await kv.del(prefix + old.id);
    },
    find: (idNumber) => byIdNumber.get(idNumber),
    recent,
  };
}

const perOwner = new Map<string, KnownResidents>();

/** The signed-in clerk's list for this tab. */
export function knownResidentsFor(owner: string): KnownResidents {
  let known = perOwner.get(owner);
  if (!known) {
    known = createKnownResidents({ kv: kvFor('doorstep-known-residents'), owner });
    perOwner.set(owner, known);
  }
  return known;
}

/** An intake's applicant: as the lookup answered, or picked from the list during a cut. */
export type Applicant = Resident | KnownResident;

export const isLookedUp = (applicant: Applicant): applicant is Resident => 'idMasked' in applicant;
