// The login page's callback URL never leaves the site, and every sign-in error code has a message.
import { describe, expect, it } from 'vitest';
import { safeCallbackPath, signInErrorMessage } from './callbackUrl.ts';

describe('safeCallbackPath', () => {
  it.each([
    [undefined, '/'],
    ['/organizations/acme/issues/?q=1', '/organizations/acme/issues/?q=1'],
    ['http://127.0.0.1:9000/settings/tokens', '/settings/tokens'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/auth/login', '/'],
  ])('%j → %j', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe('signInErrorMessage', () => {
  it('explains wrong password, rate limit and an unreachable directory differently', () => {
    const msgs = ['CredentialsSignin', 'RateLimited', 'DirectoryUnavailable'].map(signInErrorMessage);
    expect(new Set(msgs).size).toBe(3);
    expect(msgs[1]).toMatch(/too many/i);
    expect(msgs[2]).toMatch(/unreachable/i);
  });
  it('shows nothing without an error', () => {
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});
