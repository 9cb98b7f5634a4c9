/**
 * Hand-written equivalents of the app's zod body schemas (NewResident, the lookup body and
 * FileCaseBody), so the floor refuses what the app refuses without a validation library.
 */
import { AppError, type FieldError } from '../../src/server/problem.ts';

export interface NewResidentInput {
  idNumber: string;
  fullName: string;
  phone?: string;
  homeRegionCode: string;
  address: string;
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const REGION_CODE = /^\d{12}(\d{3})?$/;

function objectWith(body: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('VALIDATION_FAILED', { errors: [{ path: 'body', message: 'object' }] });
  }
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !keys.includes(k));
  if (extra.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body', message: `unrecognized keys: ${extra.join(', ')}` }],
    });
  }
  return record;
}

function text(
  record: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  errors: FieldError[],
): string {
  const value = record[key];
  const trimmed = typeof value === 'string' ? value.trim() : null;
  if (trimmed === null || trimmed.length < min || trimmed.length > max) {
    errors.push({ path: `body.${key}`, message: `string of ${min}–${max} characters` });
    return '';
  }
  return trimmed;
}

function done<T>(value: T, errors: FieldError[]): T {
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
  return value;
}

export function newResidentInput(body: unknown): NewResidentInput {
  const record = objectWith(body, ['idNumber', 'fullName', 'phone', 'homeRegionCode', 'address']);
  const errors: FieldError[] = [];
  const input: NewResidentInput = {
    idNumber: text(record, 'idNumber', 1, 30, errors),
    fullName: text(record, 'fullName', 1, 50, errors),
    homeRegionCode: '',
    address: text(record, 'address', 1, 200, errors),
  };
  const code = record.homeRegionCode;
  if (typeof code === 'string' && REGION_CODE.test(code)) input.homeRegionCode = code;
  else errors.push({ path: 'body.homeRegionCode', message: '12-digit statistical code' });
  if (record.phone !== undefined) {
    const phone = typeof record.phone === 'string' ? record.phone.trim() : '';
    if (PHONE.test(phone)) input.phone = phone;
    else errors.push({ path: 'body.phone', message: 'mainland mobile or landline' });
  }
  return done(input, errors);
}

export function lookupInput(body: unknown): { idNumber: string } {
  const record = objectWith(body, ['idNumber']);
  const errors: FieldError[] = [];
  return done({ idNumber: text(record, 'idNumber', 1, 30, errors) }, errors);
}

export interface FileCaseInput {
  residentId: string;
  itemCode: string;
  presented: string[];
  stationId?: string;
}

/** zod's `.uuid()` (RFC 9562: a version and variant nibble, or the nil and max UUIDs). */
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const MATERIAL_KEY = /^[a-z0-9_]{1,60}$/;

/** FileCaseBody of src/modules/cases/case.schema.ts. */
export function fileCaseInput(body: unknown): FileCaseInput {
  const record = objectWith(body, ['residentId', 'itemCode', 'presented', 'stationId']);
  const errors: FieldError[] = [];
  const uuid = (key: string): string => {
    const value = record[key];
    if (typeof value === 'string' && UUID.test(value)) return value;
    errors.push({ path: `body.${key}`, message: 'UUID' });
    return '';
  };
  const input: FileCaseInput = {
    residentId: uuid('residentId'),
    itemCode: text(record, 'itemCode', 1, 40, errors),
    presented: [],
  };
  const presented = record.presented;
  if (!Array.isArray(presented) || presented.length > 50) {
    errors.push({ path: 'body.presented', message: 'array of at most 50 material keys' });
  } else {
    presented.forEach((raw: unknown, i) => {
      const key = typeof raw === 'string' ? raw.trim() : '';
      if (MATERIAL_KEY.test(key)) input.presented.push(key);
      else errors.push({ path: `body.presented.${i}`, message: 'material key' });
    });
  }
  if (record.stationId !== undefined) input.stationId = uuid('stationId');
  return done(input, errors);
}
