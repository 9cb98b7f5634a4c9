import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_DUPLICATE_CODES, MODULE_PROBLEM_TABLES } from './problem-tables.ts';
import { ACTIVITY_PROBLEMS } from '../modules/activities/activities.problems.ts';
import { RECORDS_PROBLEMS } from '../modules/records/records.problems.ts';
import { CASE_PROBLEMS } from '../modules/cases/cases.problems.ts';
import {
  AppError,
  CORE_PROBLEMS,
  isRegisteredProblem,
  type ProblemCode,
} from '../shared/problem.ts';

const modulesDir = path.join(import.meta.dirname, '..', 'modules');

describe('problem codes: each module owns its table, the composition root registers them all', () => {
  it('every <module>.problems.ts table is registered', async () => {
    const files = fs
      .readdirSync(modulesDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.problems.ts'));
    expect(files.length).toBe(MODULE_PROBLEM_TABLES.length);
    for (const f of files) {
      const mod = (await import(path.join(modulesDir, f))) as Record<string, object>;
      for (const table of Object.values(mod)) {
        expect(MODULE_PROBLEM_TABLES).toContain(table);
        for (const code of Object.keys(table)) expect(isRegisteredProblem(code)).toBe(true);
      }
    }
  });

  it('no code is defined by two tables, except the listed known duplicates', () => {
    const codes = [CORE_PROBLEMS, ...MODULE_PROBLEM_TABLES].flatMap((t) => Object.keys(t));
    const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
    expect([...new Set(twice)].sort()).toEqual([...KNOWN_DUPLICATE_CODES].sort());
  });

  it('a known duplicate keeps the words it had (the later table wins, as before)', () => {
    expect(new AppError('VS_TEAM_NOT_FOUND').message).toBe(RECORDS_PROBLEMS.VS_TEAM_NOT_FOUND.en);
    expect(new AppError('VS_PROJECT_NOT_FOUND').message).toBe(
      ACTIVITY_PROBLEMS.VS_PROJECT_NOT_FOUND.en,
    );
  });

  it('a module code carries its status and English title', () => {
    const err = new AppError('CASE_NOT_FOUND' satisfies ProblemCode);
    expect(err.status).toBe(404);
    expect(err.message).toBe(CASE_PROBLEMS.CASE_NOT_FOUND.en);
  });
});
