/**
 * Issue #16 point 5: every hour record carries the region it was served in, first in its keys
 * (migration 0060). One row builder takes the region from the activity; these tests fail when a
 * writer in src/ inserts hour records another way, or when the builder stops taking the region
 * from the activity.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hourRecordRow, type HourRecordFields } from './hour-record.row.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILDER = path.join(SRC, 'modules', 'records', 'hour-record.row.ts');

/** insertInto('vs_service_records'), bulkInsert(x, 'vs_service_records', …), raw INSERT INTO. */
const WRITES_HOUR_RECORDS =
  /insertInto\(\s*['"`]vs_service_records['"`]|bulkInsert\([^,]+,\s*['"`]vs_service_records['"`]|insert\s+into\s+"?vs_service_records\b/gi;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const FIELDS: HourRecordFields = {
  id: 'r1',
  volunteer_id: 'v1',
  team_id: 't1',
  service_date: '2026-03-02',
  checked_in_at: '2026-03-02T01:00:00.000Z',
  checked_out_at: null,
  check_in_method: 'code',
  check_out_method: null,
  travel_minutes: 0,
  half_hours: 0,
  content: '助老服务',
  place: '村委会',
  status: 'checked_in',
  evaluation: null,
  reject_reason: null,
  confirmed_by: null,
  confirmed_at: null,
  created_at: '2026-03-02T01:00:00.000Z',
  updated_at: '2026-03-02T01:00:00.000Z',
};

describe('#16 p5 hour records: one builder, the region from the activity', () => {
  it('the pattern finds the three ways of writing rows, and not reads', () => {
    const hits = (text: string) => [...text.matchAll(WRITES_HOUR_RECORDS)].length;
    expect(hits(".insertInto('vs_service_records')\n.values(x)")).toBe(1);
    expect(hits("await bulkInsert(trx, 'vs_service_records', records)")).toBe(1);
    expect(hits('sql`INSERT INTO vs_service_records (id) VALUES (1)`')).toBe(1);
    expect(hits(".selectFrom('vs_service_records')")).toBe(0);
    expect(hits(".updateTable('vs_service_records')")).toBe(0);
    expect(hits("bulkInsert(trx, 'vs_signups', signups)")).toBe(0);
  });

  it('no file in src/ writes hour records except the builder (migrations aside: frozen history)', () => {
    const writers = sources(SRC)
      .filter((f) => !f.includes(`${path.sep}migrations${path.sep}`) && f !== BUILDER)
      .filter((f) => new RegExp(WRITES_HOUR_RECORDS.source, 'i').test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(writers).toEqual([]);
  });

  it('the builder is used by every known writer', () => {
    const writers = [
      'modules/activities/attendance.steps.ts',
      'modules/programs/confirm-program-hours.ts',
      'modules/records/imported-hours.ts',
      'modules/records/records.generate.ts',
      'modules/records/records.demo.ts',
    ];
    for (const w of writers) {
      const text = fs.readFileSync(path.join(SRC, w), 'utf8');
      expect(text, w).toMatch(/hourRecordRow\(/);
      expect(text, w).toMatch(/insertHourRecords\(/);
    }
  });

  it('takes the activity and its region; a region of the writer’s own is not accepted', () => {
    const row = hourRecordRow({ id: 'a1', region_code: '110115110207' }, FIELDS);
    expect(row.activity_id).toBe('a1');
    expect(row.region_code).toBe('110115110207');
    // @ts-expect-error the region comes from the activity, not from the writer's fields
    hourRecordRow({ id: 'a1', region_code: '110115110207' }, { ...FIELDS, region_code: 'x' });
    // @ts-expect-error an activity without its region cannot make a record
    expect(() => hourRecordRow({ id: 'a1' }, FIELDS)).toThrow(/12-digit region/);
  });

  it('refuses an activity without a 12-digit region code (a town code, an empty one)', () => {
    expect(() => hourRecordRow({ id: 'a1', region_code: '110115110' }, FIELDS)).toThrow(
      /12-digit region/,
    );
    expect(() => hourRecordRow({ id: 'a1', region_code: '' }, FIELDS)).toThrow(/12-digit region/);
  });
});
