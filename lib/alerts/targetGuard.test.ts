import { describe, expect, it } from 'vitest';
import { checkHost, isPrivateAddress, parseTargetUrl } from './targetGuard.ts';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['203.0.114.5', false],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:8.8.8.8', false],
    ['2606:4700:4700::1111', false],
    ['not-an-ip', true],
  ])('%s → %s', (ip, want) => {
    expect(isPrivateAddress(ip)).toBe(want);
  });
});

describe('parseTargetUrl', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/send?access_token=x', null],
    ['http://127.0.0.1:8080/hook', null],
    ['ftp://example.com/', 'must be an http or https URL'],
    ['file:///etc/passwd', 'must be an http or https URL'],
    ['javascript:alert(1)', 'must be an http or https URL'],
    ['https://user:pw@example.com/', 'must not contain a user name or password'],
    ['not a url', 'is not a valid URL'],
  ])('%s', (url, error) => {
    if (error) expect(() => parseTargetUrl(url)).toThrow(error);
    else expect(parseTargetUrl(url).href).toBeTruthy();
  });
});

describe('checkHost', () => {
  it('refuses loopback names and literals only when asked to', async () => {
    await expect(checkHost('127.0.0.1', true)).rejects.toThrow(/private address/);
    await expect(checkHost('localhost', true)).rejects.toThrow(/private address/);
    await expect(checkHost('[::1]', true)).rejects.toThrow(/private address/);
    await expect(checkHost('127.0.0.1', false)).resolves.toBeUndefined();
    await expect(checkHost('8.8.8.8', true)).resolves.toBeUndefined();
  });
});
