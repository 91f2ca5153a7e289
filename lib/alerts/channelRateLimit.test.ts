import { describe, expect, it } from 'vitest';
import { robotKey } from './channelRateLimit.ts';

const ding = (id: number, webhookUrl: string) => robotKey({ id, config: { webhookUrl } });

describe('robotKey', () => {
  it('is one key for every channel on one robot URL and token', () => {
    const a = ding(1, 'https://oapi.dingtalk.com/robot/send?access_token=abc');
    expect(ding(2, 'https://OAPI.dingtalk.com/robot/send/?access_token=abc')).toBe(a);
    expect(ding(3, 'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=x')).toBe(a);
    expect(ding(4, 'https://oapi.dingtalk.com/robot/send?access_token=abd')).not.toBe(a);
    expect(a).not.toContain('abc');
  });
  it('tells robots apart by path (Feishu and Slack carry the token there)', () => {
    expect(ding(1, 'https://open.feishu.cn/open-apis/bot/v2/hook/aaa')).not.toBe(
      ding(1, 'https://open.feishu.cn/open-apis/bot/v2/hook/bbb'),
    );
  });
  it('falls back to the channel when there is no URL', () => {
    expect(robotKey({ id: 7, config: {} })).toBe('channel:7');
  });
});
