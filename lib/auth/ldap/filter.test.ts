// RFC 4515 escaping of typed usernames, including the injection attempts the issue names.
import { describe, expect, it } from 'vitest';
import { escapeFilterValue, normalizeDn, userFilter } from './filter.ts';

describe('escapeFilterValue', () => {
  it.each([
    ['alice', 'alice'],
    ['*', '\\2a'],
    ['*)(cn=*', '\\2a\\29\\28cn=\\2a'],
    ['admin)(|(uid=*', 'admin\\29\\28|\\28uid=\\2a'],
    ['back\\slash', 'back\\5cslash'],
    ['nul\u0000byte', 'nul\\00byte'],
    ['josé', 'jos\\c3\\a9'],
  ])('%j → %j', (input, expected) => {
    expect(escapeFilterValue(input)).toBe(expected);
  });
});

describe('userFilter', () => {
  it('replaces every %(user)s with the escaped name', () => {
    expect(userFilter('(|(uid=%(user)s)(mail=%(user)s))', 'a*')).toBe('(|(uid=a\\2a)(mail=a\\2a))');
  });
  it('keeps the filter balanced whatever is typed', () => {
    const f = userFilter('(&(objectClass=inetOrgPerson)(cn=%(user)s))', 'admin)(|(uid=*');
    const opens = [...f].filter((c) => c === '(').length;
    const closes = [...f].filter((c) => c === ')').length;
    expect(opens).toBe(closes);
    expect(f).toBe('(&(objectClass=inetOrgPerson)(cn=admin\\29\\28|\\28uid=\\2a))');
  });
});

describe('normalizeDn', () => {
  it('ignores case and spaces after commas', () => {
    expect(normalizeDn('CN=Devs, ou=Groups,  dc=example,dc=org')).toBe('cn=devs,ou=groups,dc=example,dc=org');
  });
});
