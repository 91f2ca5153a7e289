import { describe, expect, it } from 'vitest';
import { normalizeEvent } from './normalize';
import { readFixture } from '@/tests/fixtures/sdkEnvelopes';
import { eventTags } from './tags';
import { parseBrowser, parseOs } from './userAgent';

const receivedAt = new Date('2026-11-24T00:34:40Z');
const tagsOf = (raw: Record<string, unknown>) =>
  eventTags(normalizeEvent(raw, { receivedAt, clientIp: '203.0.113.7' }));

describe('eventTags on captured SDK payloads', () => {
  it('@sentry/node exception (02)', () => {
    expect(eventTags(normalizeEvent(readFixture('02').payload, { receivedAt }))).toEqual([
      ['feature', 'checkout'],
      ['level', 'error'],
      ['environment', 'staging'],
      ['release', 'fixture@1.0.0'],
      ['server_name', 'vm'],
      ['user', 'id:42'],
      ['os', 'Debian 12.11'],
      ['os.name', 'Debian'],
      ['runtime', 'node v20.20.2'],
      ['handled', 'yes'],
      ['mechanism', 'generic'],
    ]);
  });

  it('sentry-cli (05): runtime found by context type (contexts.rust)', () => {
    expect(eventTags(normalizeEvent(readFixture('05').payload, { receivedAt, clientIp: '203.0.113.7' }))).toEqual([
      ['job', 'backup'],
      ['level', 'error'],
      ['environment', 'production'],
      ['release', 'cli@1'],
      ['server_name', 'vm'],
      ['user', 'id:ops'],
      ['os', 'Linux 6.18.44-fc-v782'],
      ['os.name', 'Linux'],
      ['runtime', 'rustc 1.96.1'],
    ]);
  });
});

describe('eventTags derivation', () => {
  const chromeOnWindows =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

  it('derives browser, os, url, user, transaction, dist and handled from a browser event', () => {
    const tags = tagsOf({
      platform: 'javascript',
      release: 'web@2',
      dist: '14',
      transaction: '/cart',
      request: { url: 'https://shop.example.com/cart?coupon=X#top', headers: [['User-Agent', chromeOnWindows]] },
      user: { email: 'ann@example.com', ip_address: '{{auto}}' },
      exception: {
        values: [
          { type: 'A', mechanism: { type: 'onerror', handled: true } },
          { type: 'B', mechanism: { type: 'onunhandledrejection', handled: false } },
        ],
      },
    });
    expect(tags).toEqual([
      ['level', 'error'],
      ['environment', 'production'],
      ['release', 'web@2'],
      ['dist', '14'],
      ['transaction', '/cart'],
      ['url', 'https://shop.example.com/cart'],
      ['user', 'email:ann@example.com'],
      ['browser', 'Chrome 120'],
      ['browser.name', 'Chrome'],
      ['os', 'Windows 10'],
      ['os.name', 'Windows'],
      ['handled', 'no'],
      ['mechanism', 'onunhandledrejection'],
    ]);
  });

  it('prefers contexts over the User-Agent, and reads device model', () => {
    const tags = tagsOf({
      contexts: {
        browser: { name: 'Firefox', version: '121.0.1' },
        os: { name: 'Android', version: '14' },
        device: { model: 'Pixel 8', family: 'Pixel' },
      },
      request: { headers: { 'user-agent': chromeOnWindows } },
    });
    expect(tags).toEqual(
      expect.arrayContaining([
        ['browser', 'Firefox 121'],
        ['os', 'Android 14'],
        ['device', 'Pixel 8'],
      ]),
    );
    expect(tags.find(([k]) => k === 'browser.name')).toEqual(['browser.name', 'Firefox']);
  });

  it("lets the event's own tag win over a derived one", () => {
    const tags = tagsOf({ tags: { level: 'custom', environment: 'mine' }, environment: 'prod' });
    expect(tags.filter(([k]) => k === 'level')).toEqual([['level', 'custom']]);
    expect(tags.filter(([k]) => k === 'environment')).toEqual([['environment', 'mine']]);
  });

  it('keeps derived values within 200 characters', () => {
    const tags = tagsOf({ transaction: 't'.repeat(300) });
    expect(tags.find(([k]) => k === 'transaction')![1]).toHaveLength(200);
  });
});

describe('User-Agent parsing', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 ' +
        'Safari/537.36 Edg/120.0.2210.61',
      'Edge',
      '120',
      'Windows',
      '10',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 ' +
        'Safari/605.1.15',
      'Safari',
      '17.1',
      'Mac OS X',
      '10.15.7',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
        'Version/17.1 Mobile/15E148 Safari/604.1',
      'Mobile Safari',
      '17.1',
      'iOS',
      '17.1.2',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 ' +
        'Mobile Safari/537.36',
      'Chrome Mobile',
      '120',
      'Android',
      '14',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Firefox', '121', 'Linux', undefined],
    ['Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko', 'IE', '11', 'Windows', '7'],
  ])('%s', (ua, browser, browserVersion, os, osVersion) => {
    expect(parseBrowser(ua)).toEqual({ name: browser, version: browserVersion });
    expect(parseOs(ua)).toEqual(osVersion === undefined ? { name: os } : { name: os, version: osVersion });
  });

  it('gives nothing for non-browser clients', () => {
    expect(parseBrowser('sentry-cli/3.8.0')).toBeUndefined();
    expect(parseOs('sentry-cli/3.8.0')).toBeUndefined();
  });
});
