import { describe, expect, it } from 'vitest';
import { checkHost, isPrivateAddress, parseTargetPolicy, parseTargetUrl } from './targetGuard.ts';

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
  const none = parseTargetPolicy(undefined);
  it('refuses loopback names and literals unless the allow-list names them', async () => {
    await expect(checkHost('127.0.0.1', none)).rejects.toThrow(/private address/);
    await expect(checkHost('localhost', none)).rejects.toThrow(/private address/);
    await expect(checkHost('[::1]', none)).rejects.toThrow(/private address/);
    await expect(checkHost('169.254.169.254', none)).rejects.toThrow(/private address/);
    await expect(checkHost('8.8.8.8', none)).resolves.toEqual(['8.8.8.8']);
    await expect(checkHost('127.0.0.1', parseTargetPolicy('127.0.0.0/8'))).resolves.toEqual(['127.0.0.1']);
    await expect(checkHost('10.1.2.3', parseTargetPolicy('10.1.0.0/16, ::1'))).resolves.toEqual(['10.1.2.3']);
    await expect(checkHost('10.2.0.1', parseTargetPolicy('10.1.0.0/16'))).rejects.toThrow(/ALERTS_ALLOWED/);
    await expect(checkHost('[::1]', parseTargetPolicy('::1'))).resolves.toEqual(['::1']);
    await expect(checkHost('localhost', parseTargetPolicy('LocalHost'))).resolves.not.toHaveLength(0);
  });
});

describe('parseTargetPolicy', () => {
  it.each(['10.0.0.0/33', 'http://x/', '10.0.0.0/8/1', 'a b/2', '::1/129'])('refuses %s', (raw) => {
    expect(() => parseTargetPolicy(raw)).toThrow();
  });
});
