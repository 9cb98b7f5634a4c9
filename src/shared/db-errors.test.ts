import { describe, expect, it } from 'vitest';
import { databaseFault, isUniqueViolation } from './db-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('X-9 databaseFault', () => {
  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED')],
    ['57P01', withCode('57P01', 'terminating connection due to administrator command')],
    ['08006', withCode('08006')],
    ['57014', withCode('57014', 'canceling statement due to statement timeout')],
    ['SQLITE_BUSY', withCode('SQLITE_BUSY', 'database is locked')],
    ['SQLITE_BUSY_SNAPSHOT', withCode('SQLITE_BUSY_SNAPSHOT')],
    ['Query read timeout', new Error('Query read timeout')],
    [
      'timeout exceeded when trying to connect',
      new Error('timeout exceeded when trying to connect'),
    ],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['timeout expired', new Error('timeout expired')],
    // Issue #16, failover: a demoted leader, a pooler whose server went away, a starting standby.
    ['25006', withCode('25006', 'cannot execute INSERT in a read-only transaction')],
    ['08P01', withCode('08P01', 'server conn crashed?')],
    ['57P03', withCode('57P03', 'the database system is starting up')],
    ['57P04', withCode('57P04')],
    [
      '57P02',
      withCode('57P02', 'terminating connection because of crash of another server process'),
    ],
  ])('%s is a database fault', (reason, error) => {
    expect(databaseFault(error)?.reason).toBe(reason);
  });

  it('finds the cause inside wrappers and AggregateErrors', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED')], 'connect failed');
    expect(databaseFault(aggregate)?.reason).toBe('ECONNREFUSED');
    const wrapped = new Error('Connection terminated due to connection timeout', {
      cause: new Error('Connection terminated unexpectedly'),
    });
    expect(databaseFault(wrapped)).not.toBeNull();
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key')],
    ['a syntax error', withCode('42601')],
    ['a SQLite constraint', withCode('SQLITE_CONSTRAINT_UNIQUE')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s is not', (_name, error) => {
    expect(databaseFault(error)).toBeNull();
  });
});

describe('isUniqueViolation (both dialects)', () => {
  it.each(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'])('%s is one', (c) =>
    expect(isUniqueViolation(withCode(c))).toBe(true),
  );
  it.each(['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_BUSY'])('%s is not', (c) =>
    expect(isUniqueViolation(withCode(c))).toBe(false),
  );
  it('null and plain errors are not', () => {
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
  });
});
