/**
 * Hand-written equivalents of the app's zod body schemas (NewResident and the lookup body), so
 * the floor refuses what the app refuses without a validation library.
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
