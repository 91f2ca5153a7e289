import { describe, expect, it } from 'vitest';
import { normalizeUser, userKey } from './user';

describe('userKey', () => {
  it.each([
    [{ id: '42', email: 'a@b.io', username: 'ann', ip_address: '1.2.3.4' }, 'id:42'],
    [{ email: 'a@b.io', username: 'ann', ip_address: '1.2.3.4' }, 'email:a@b.io'],
    [{ username: 'ann', ip_address: '1.2.3.4' }, 'username:ann'],
    [{ ip_address: '1.2.3.4' }, 'ip:1.2.3.4'],
    [{ segment: 'paid' }, null],
    [undefined, null],
  ])('%j → %s', (user, expected) => {
    expect(userKey({ user })).toBe(expected);
  });
});

describe('normalizeUser', () => {
  it.each([
    [
      { id: 42, email: ' a@b.io ', name: 'Ann', geo: { city: 'Oslo' } },
      undefined,
      { id: '42', email: 'a@b.io', name: 'Ann', geo: { city: 'Oslo' } },
    ],
    [{ id: 'u1', ip_address: '{{auto}}' }, '203.0.113.7', { id: 'u1', ip_address: '203.0.113.7' }],
    [{ id: 'u1', ip_address: '{{auto}}' }, undefined, { id: 'u1' }],
    [{ id: '', username: null, email: {} }, undefined, undefined],
    ['ann', undefined, undefined],
  ])('%j with client IP %s', (raw, clientIp, expected) => {
    expect(normalizeUser(raw, clientIp)).toEqual(expected);
  });
});
