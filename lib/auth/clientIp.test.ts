// The client IP for the per-IP limit, with and without trusted reverse proxies.
import { describe, expect, it } from 'vitest';
import { clientIp, PEER_HEADER, socketClientIp, stampPeerAddress } from './clientIp.ts';

const KEY = 'k'.repeat(40);

describe('clientIp', () => {
  it.each([
    [{}, 1, null],
    // Behind one proxy the proxy appended the address it saw; what the client claimed is to the left.
    [{ 'x-forwarded-for': '1.1.1.1, 203.0.113.9' }, 1, '1.1.1.1'],
    [{ 'x-forwarded-for': 'spoofed, 1.1.1.1, 203.0.113.9' }, 1, '1.1.1.1'],
    [{ 'x-forwarded-for': '203.0.113.9' }, 2, '203.0.113.9'],
    [{ 'x-forwarded-for': ' , ' }, 1, null],
  ])('%j with %i trusted hops → %j', (headers, hops, expected) => {
    expect(clientIp(headers as Record<string, string>, hops, KEY)).toBe(expected);
  });

  it('without trusted proxies takes the stamped socket address, never X-Forwarded-For', () => {
    const headers: Record<string, string> = { 'x-forwarded-for': '203.0.113.9' };
    expect(clientIp(headers, 0, KEY)).toBeNull();
    stampPeerAddress(headers, '198.51.100.7', KEY);
    expect(clientIp(headers, 0, KEY)).toBe('198.51.100.7');
    expect(clientIp(new Headers(headers), 0, KEY)).toBe('198.51.100.7');
  });

  it('ignores a peer header the client forged', () => {
    const forged: Record<string, string> = {};
    stampPeerAddress(forged, '10.0.0.1', 'another-key-another-key-another-key');
    expect(clientIp(forged, 0, KEY)).toBeNull();
    expect(clientIp({ [PEER_HEADER]: '10.0.0.1 AAAAAAAAAAAAAAAAAAAAAA' }, 0, KEY)).toBeNull();
    expect(clientIp({ [PEER_HEADER]: '10.0.0.1' }, 0, KEY)).toBeNull();
  });

  it('stamping replaces what the client sent', () => {
    const headers: Record<string, string> = { [PEER_HEADER]: 'forged value' };
    stampPeerAddress(headers, undefined, KEY);
    expect(headers[PEER_HEADER]).toBeUndefined();
  });

  it('with the socket in hand: the socket without trusted proxies, else the trusted X-Forwarded-For entry', () => {
    const headers = { 'x-forwarded-for': 'spoofed, 1.1.1.1, 203.0.113.9', [PEER_HEADER]: '10.9.9.9 forged' };
    expect(socketClientIp(headers, '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(socketClientIp(headers, '198.51.100.7', 1)).toBe('1.1.1.1');
    expect(socketClientIp({}, '198.51.100.7', 1)).toBe('198.51.100.7');
    expect(socketClientIp({}, undefined, 0)).toBeNull();
  });
});
