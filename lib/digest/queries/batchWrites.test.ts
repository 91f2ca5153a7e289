import { describe, expect, it } from 'vitest';
import { pgJson } from './batchWrites.ts';

describe('pgJson', () => {
  it.each([
    [{ a: 'x\0y' }, { a: 'x\uFFFDy' }],
    [{ 'k\0': ['\0'] }, { 'k\uFFFD': ['\uFFFD'] }],
    // A literal backslash followed by "u0000" is text, not a NUL: it must survive unchanged.
    [{ a: '\\u0000' }, { a: '\\u0000' }],
    [{ a: '\\\0' }, { a: '\\\uFFFD' }],
    [{ a: 'plain' }, { a: 'plain' }],
  ])('%j', (input, expected) => {
    const out = pgJson(input);
    expect(out).not.toMatch(/(?<!\\)(\\\\)*\\u0000/);
    expect(JSON.parse(out)).toEqual(expected);
  });
});
