import { describe, expect, it } from 'vitest';
import { applySuggestion, rank, staticValues, wordAt } from './searchSuggest.ts';

describe('search suggestions', () => {
  it.each([
    ['lev', 3, { start: 0, end: 3, negated: false, typed: 'lev' }],
    ['is:unresolved level:er', 22, { start: 14, end: 22, negated: false, key: 'level', typed: 'er' }],
    ['!user.email:cust', 16, { start: 0, end: 16, negated: true, key: 'user.email', typed: 'cust' }],
    ['a ', 2, { start: 2, end: 2, negated: false, typed: '' }],
  ])('word at the caret of %j', (text, caret, want) => expect(wordAt(text, caret)).toEqual(want));

  it('completes a key with its colon, keeping what follows', () => {
    expect(applySuggestion('lev is:new', wordAt('lev is:new', 3), 'level')).toEqual({
      text: 'level: is:new',
      caret: 6,
    });
  });

  it('completes a value with a space, quoting one with spaces', () => {
    expect(applySuggestion('is:new level:er', wordAt('is:new level:er', 15), 'error')).toEqual({
      text: 'is:new level:error ',
      caret: 19,
    });
    expect(applySuggestion('!browser:Chr', wordAt('!browser:Chr', 12), 'Chrome Mobile')).toEqual({
      text: '!browser:"Chrome Mobile" ',
      caret: 25,
    });
  });

  it('ranks prefix matches first and leaves out what is typed exactly', () => {
    expect(rank(['shop@1.5.0', 'api@1.5.0', '1.5.0-beta'], '1.5')).toEqual(['1.5.0-beta', 'shop@1.5.0', 'api@1.5.0']);
    expect(rank(['error'], 'error')).toEqual([]);
  });

  it('knows levels and is: values without the server', () => {
    expect(staticValues('level')).toEqual(['fatal', 'error', 'warning', 'info', 'debug']);
    expect(staticValues('is')).toContain('for_review');
    expect(staticValues('release')).toBeUndefined();
  });
});
