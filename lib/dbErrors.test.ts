import { describe, expect, it } from 'vitest';
import { isRetryableTransaction, isTransientDbError, sqlState } from './dbErrors.ts';

const pgError = (code: string, message = 'any text') => Object.assign(new Error(message), { code });

describe('database errors by SQLSTATE', () => {
  it.each([
    ['40P01', true, true],
    ['40001', true, true],
    ['08006', false, true],
    ['08001', false, true],
    ['57P01', false, true],
    ['53300', false, true],
    ['23505', false, false],
    ['42P01', false, false],
  ])('%s: retry the transaction %s, transient %s', (code, retry, transient) => {
    expect(isRetryableTransaction(pgError(code))).toBe(retry);
    expect(isTransientDbError(pgError(code))).toBe(transient);
  });

  it('ignores message text and non-SQLSTATE codes', () => {
    expect(isRetryableTransaction(new Error('deadlock detected'))).toBe(false);
    expect(sqlState(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeNull();
    expect(sqlState(Object.assign(new Error('x'), { code: 'P2002' }))).toBeNull();
    expect(sqlState(null)).toBeNull();
  });
});
