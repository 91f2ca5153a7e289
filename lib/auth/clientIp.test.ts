// The client IP for the per-IP limit, with and without trusted reverse proxies.
import { describe, expect, it } from 'vitest';
import { clientIp } from './clientIp.ts';

describe('clientIp', () => {
  it.each([
    [{}, 0, null],
    [{ 'x-forwarded-for': '203.0.113.9' }, 0, '203.0.113.9'],
    // Behind one proxy the proxy appended the address it saw; what the client claimed is to the left.
    [{ 'x-forwarded-for': '1.1.1.1, 203.0.113.9' }, 1, '1.1.1.1'],
    [{ 'x-forwarded-for': 'spoofed, 1.1.1.1, 203.0.113.9' }, 1, '1.1.1.1'],
    [{ 'x-forwarded-for': '203.0.113.9' }, 2, '203.0.113.9'],
    [{ 'x-forwarded-for': ' , ' }, 0, null],
  ])('%j with %i trusted hops → %j', (headers, hops, expected) => {
    expect(clientIp(headers as Record<string, string>, hops)).toBe(expected);
  });

  it('reads a Headers object too', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '198.51.100.7' }), 0)).toBe('198.51.100.7');
  });
});
