// Signatures checked against values computed with Python's hmac exactly as DingTalk's and Feishu's docs show.
import { describe, expect, it } from 'vitest';
import { dingtalkSign, dingtalkUrl } from './dingtalk.ts';
import { feishuBody, feishuSign } from './feishu.ts';
import { webhookRequest, webhookSignature } from './webhook.ts';
import { createHmac } from 'node:crypto';

describe('DingTalk signing', () => {
  // The documented Python sample: quote_plus(b64encode(hmac(secret, f"{ts}\\n{secret}"))).
  it('matches the documented algorithm', () => {
    const url = new URL(
      dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECthis-is-a-test-secret', 1700000000000),
    );
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.search).toContain('sign=IRZT287QybIa2F%2FxrEkTcyuBS3Hp0ycAceupV5IhA5s%3D');
    expect(dingtalkSign('SECthis-is-a-test-secret', 1700000000000)).toBe(
      decodeURIComponent('IRZT287QybIa2F%2FxrEkTcyuBS3Hp0ycAceupV5IhA5s%3D'),
    );
  });
  it('adds nothing without a secret', () => {
    expect(dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', undefined, 1)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
    );
  });
});

describe('Feishu signing', () => {
  it('keys the HMAC with timestamp+"\\n"+secret over an empty message (Python sample)', () => {
    expect(feishuSign('feishu-secret', 1700000000)).toBe('OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=');
    // Not DingTalk's variant (secret as key over the string).
    expect(feishuSign('feishu-secret', 1700000000)).not.toBe(
      createHmac('sha256', 'feishu-secret').update('1700000000\nfeishu-secret').digest('base64'),
    );
  });
  it('puts timestamp (seconds, as a string) and sign in the body', () => {
    const b = feishuBody(
      { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 'feishu-secret', keyword: undefined },
      { kind: 'test', org: 'o', channel: 'c', requestedBy: 'me', url: 'http://x/' },
      1700000000,
    );
    expect(b.timestamp).toBe('1700000000');
    expect(b.sign).toBe('OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=');
    expect(b.msg_type).toBe('interactive');
  });
});

describe('generic webhook signing', () => {
  it('is sha256=<hex HMAC of the exact body>', () => {
    expect(webhookSignature('whsecret', '{"a":1}')).toBe(
      'sha256=b2ede3ef30f428daf114e70cd9dd2fd3ff364a1fdc17db5f846f4f49d8a01dab',
    );
    const { body, headers } = webhookRequest(
      { url: 'https://example.com/', secret: 's' },
      { kind: 'test', org: 'o', channel: 'c', requestedBy: 'me', url: 'http://x/' },
      1700000000,
    );
    expect(headers['x-faultline-signature']).toBe(webhookSignature('s', body));
    expect(headers['x-faultline-timestamp']).toBe('1700000000');
    expect(JSON.parse(body).timestamp).toBe(1700000000);
  });
});
