import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  renderHtml,
  renderMarkdown,
  renderText,
  stackExcerpt,
  subject,
  type IssueAlert,
} from './message.ts';
import { shortId } from '../issues/shortId.ts';
import { maskConfig, maskUrl, keepUnchangedSecrets } from './channels/config.ts';
import { dingtalkBody } from './channels/dingtalk.ts';
import { wecomBody } from './channels/wecom.ts';
import { feishuBody } from './channels/feishu.ts';

const alert: IssueAlert = {
  kind: 'issue',
  reason: 'New issue',
  rule: { id: 1, name: 'Prod errors' },
  org: 'acme',
  project: 'shop',
  issue: {
    id: 42,
    shortId: 'SHOP-1A',
    title: 'Error: <b>card</b> [declined](http://evil)',
    culprit: 'chargeCard(app.js)',
    level: 'error',
    eventCount: 3,
    userCount: 2,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-01T00:01:00.000Z',
    url: 'http://f/organizations/acme/issues/42/',
  },
  event: {
    eventId: 'a'.repeat(32),
    environment: 'production',
    release: 'shop@1.0.0',
    level: 'error',
    timestamp: '2026-01-01T00:01:00.000Z',
    stack: ['Error: card declined', '  at chargeCard (app.js:10:5)'],
  },
};

describe('alert rendering', () => {
  it('says what, where, how often, whom, and links to the issue', () => {
    const text = renderText(alert);
    for (const s of [
      'New issue',
      'chargeCard(app.js)',
      'Events: 3',
      'Users affected: 2',
      'Environment: production',
      'Release: shop@1.0.0',
      'at chargeCard (app.js:10:5)',
      'http://f/organizations/acme/issues/42/',
    ]) {
      expect(text).toContain(s);
    }
    expect(subject(alert)).toBe('[Faultline] New issue: Error: <b>card</b> [declined](http://evil) (SHOP-1A)');
  });
  it('escapes event text in HTML and markdown', () => {
    expect(renderHtml(alert)).toContain('Error: &lt;b&gt;card&lt;/b&gt;');
    expect(renderHtml(alert)).not.toContain('<b>card');
    const md = renderMarkdown(alert, 4096);
    expect(md).toContain('\\[declined\\](http://evil)');
    expect(escapeMarkdown('a*b_c')).toBe('a\\*b\\_c');
  });
  it('shortId is PROJECT-<base36>', () => {
    expect(shortId('shop', 46)).toBe('SHOP-1A');
  });
});

describe('stackExcerpt', () => {
  it('takes the outermost exception, innermost in-app frames first', () => {
    const data = {
      exception: {
        values: [
          {
            type: 'Cause',
            value: 'inner',
            stacktrace: { frames: [{ function: 'x', filename: 'x.js', lineno: 1, in_app: true }] },
          },
          {
            type: 'TypeError',
            value: 'boom',
            stacktrace: {
              frames: [
                { function: 'lib', filename: 'node_modules/lib.js', lineno: 5, in_app: false },
                { function: 'outer', filename: 'app.js', lineno: 20, colno: 3, in_app: true },
                {
                  function: 'inner',
                  filename: 'app.js',
                  lineno: 10,
                  colno: 7,
                  in_app: true,
                  context_line: '  return users[id].name;',
                },
              ],
            },
          },
        ],
      },
    };
    expect(stackExcerpt(data)).toEqual([
      'TypeError: boom',
      '  at inner (app.js:10:7)',
      '      return users[id].name;',
      '  at outer (app.js:20:3)',
    ]);
    expect(stackExcerpt({ message: 'x' })).toEqual([]);
  });
});

describe('secret masking', () => {
  it('masks signing secrets, SMTP passwords and URL tokens; keeps them when sent back masked', () => {
    const cfg = {
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123',
      secret: 'SEC0123456789abcdef',
      keyword: 'alert',
      atMobiles: [],
      atAll: false,
    };
    const masked = maskConfig('dingtalk', cfg);
    expect(JSON.stringify(masked)).not.toContain('0123456789abcdef');
    expect(masked.keyword).toBe('alert');
    const back = keepUnchangedSecrets('dingtalk', { ...masked, keyword: 'new' }, cfg);
    expect(back).toMatchObject({ webhookUrl: cfg.webhookUrl, secret: cfg.secret, keyword: 'new' });
    expect(keepUnchangedSecrets('dingtalk', { ...masked, secret: 'SECnew' }, cfg).secret).toBe('SECnew');
    expect(maskUrl('https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd')).not.toContain(
      'd78e',
    );
    expect(JSON.stringify(maskConfig('email', { recipients: ['a@b.c'], smtpPassword: 'hunter2' }))).not.toContain(
      'hunter2',
    );
  });
});

describe('robot message sizes (UTF-8 bytes, not characters)', () => {
  // 80 Chinese titles: about 24 KB of UTF-8, though well under a budget that counted characters.
  const items: IssueAlert[] = Array.from({ length: 80 }, (_, i) => ({
    ...alert,
    issue: {
      ...alert.issue,
      id: i + 1,
      title:
        `支付服务异常：订单${i}的银行卡扣款失败，第三方网关返回未知错误，请联系运维值班人员尽快处理此问题并回复`.repeat(
          2,
        ),
      url: `http://f/organizations/acme/issues/${i + 1}/`,
    },
  }));
  const digest = { kind: 'digest' as const, deliveryIds: items.map((a) => String(a.issue.id)), items };
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

  it('DingTalk markdown text stays within 20,000 bytes, keyword and mentions included', () => {
    const cfg = {
      webhookUrl: 'https://x/',
      secret: undefined,
      keyword: '告警',
      atMobiles: ['13800000000'],
      atAll: false,
    };
    const text = dingtalkBody(cfg, digest).markdown.text;
    expect(bytes(text)).toBeLessThanOrEqual(20_000);
    expect(text).toMatch(/… and \d+ more/);
  });
  it('WeCom markdown content stays within 4096 bytes', () => {
    const content = wecomBody(digest).markdown.content;
    expect(bytes(content)).toBeLessThanOrEqual(4096);
    expect(content).toMatch(/… and \d+ more/);
  });
  it('a Feishu request body stays within 20 KB', () => {
    expect(
      bytes(JSON.stringify(feishuBody({ webhookUrl: 'https://x/', secret: undefined, keyword: undefined }, digest, 0))),
    ).toBeLessThanOrEqual(20 * 1024);
  });
});
