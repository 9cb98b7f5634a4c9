/** The JSON of home visits as stored, parsed on the way out (#12 point 5). */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { StoredRecordData } from './visit-record.templates.ts';

export const parsePreferredDates = (value: string): string[] =>
  parseJsonColumn(z.array(z.string()), value, 'home_visits.preferred_dates');

/** A record's values and flags: decrypted, then parsed (never cast). */
export const readRecordData = (pii: PiiCipher, cipher: string): StoredRecordData =>
  parseJsonColumn(StoredRecordData, pii.decrypt(cipher), 'home_visit_records.data_cipher');
