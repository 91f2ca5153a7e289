// The settings form of each channel type: which fields, how they are typed, what they mean.
import type { ChannelType } from '@/lib/alerts/contract';

export interface Field {
  key: string;
  label: string;
  kind: 'text' | 'secret' | 'list' | 'number' | 'bool' | 'select';
  placeholder?: string;
  hint?: string;
  required?: boolean;
  options?: string[];
}

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  email: 'Email',
  dingtalk: 'DingTalk robot',
  wecom: 'WeCom robot',
  feishu: 'Feishu / Lark bot',
  slack: 'Slack-compatible webhook',
  webhook: 'Generic JSON webhook',
};

export const CHANNEL_FIELDS: Record<ChannelType, Field[]> = {
  email: [
    {
      key: 'recipients',
      label: 'Recipients',
      kind: 'list',
      required: true,
      placeholder: 'oncall@example.com, lead@example.com',
    },
    {
      key: 'smtpHost',
      label: 'SMTP host',
      kind: 'text',
      placeholder: 'empty: the server’s EMAIL_HOST',
      hint: 'Leave the SMTP fields empty to use the EMAIL_* settings of the server.',
    },
    { key: 'smtpPort', label: 'SMTP port', kind: 'number', placeholder: '25' },
    { key: 'smtpSecurity', label: 'SMTP security', kind: 'select', options: ['none', 'starttls', 'ssl'] },
    { key: 'smtpUser', label: 'SMTP user', kind: 'text' },
    { key: 'smtpPassword', label: 'SMTP password', kind: 'secret' },
    { key: 'from', label: 'From address', kind: 'text', placeholder: 'empty: SERVER_EMAIL' },
  ],
  dingtalk: [
    {
      key: 'webhookUrl',
      label: 'Webhook URL',
      kind: 'text',
      required: true,
      placeholder: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    },
    { key: 'secret', label: 'Signing secret (加签)', kind: 'secret', placeholder: 'SEC…' },
    {
      key: 'keyword',
      label: 'Keyword (自定义关键词)',
      kind: 'text',
      hint: 'Added to every message when the robot only accepts messages containing it.',
    },
    { key: 'atMobiles', label: '@ mobiles', kind: 'list', placeholder: '13800000000, 13900000000' },
    { key: 'atAll', label: '@ everyone', kind: 'bool' },
  ],
  wecom: [
    {
      key: 'webhookUrl',
      label: 'Webhook URL',
      kind: 'text',
      required: true,
      placeholder: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    },
  ],
  feishu: [
    {
      key: 'webhookUrl',
      label: 'Webhook URL',
      kind: 'text',
      required: true,
      placeholder: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
    },
    { key: 'secret', label: 'Signing secret (签名校验)', kind: 'secret' },
    { key: 'keyword', label: 'Keyword', kind: 'text' },
  ],
  slack: [
    {
      key: 'webhookUrl',
      label: 'Webhook URL',
      kind: 'text',
      required: true,
      placeholder: 'https://hooks.slack.com/services/…',
    },
  ],
  webhook: [
    { key: 'url', label: 'URL', kind: 'text', required: true, placeholder: 'https://example.com/faultline-hook' },
    {
      key: 'secret',
      label: 'Signing secret',
      kind: 'secret',
      hint: 'Requests carry X-Faultline-Signature: sha256=<HMAC-SHA256 of the body>.',
    },
  ],
};

/** Form values (strings and booleans) → the API's settings object. */
export function configFromForm(type: ChannelType, values: Record<string, string | boolean>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CHANNEL_FIELDS[type] ?? []) {
    const v = values[f.key];
    if (f.kind === 'bool') out[f.key] = !!v;
    else if (typeof v !== 'string' || v.trim() === '') continue;
    else if (f.kind === 'list') out[f.key] = v.split(/[\s,;]+/).filter(Boolean);
    else if (f.kind === 'number') out[f.key] = Number(v);
    else out[f.key] = v.trim();
  }
  return out;
}

/** One line that tells channels apart in the list. */
export function channelSummary(c: { type: ChannelType; config: Record<string, unknown> }): string {
  const cfg = c.config;
  if (c.type === 'email')
    return cfg.assigneesOnly
      ? 'Issue assignees, by email'
      : `To ${(cfg.recipients as string[] | undefined)?.join(', ') ?? ''}`;
  const url = String(cfg.webhookUrl ?? cfg.url ?? '');
  const extras = [cfg.secret ? 'signed' : '', cfg.keyword ? `keyword “${String(cfg.keyword)}”` : ''].filter(Boolean);
  return [url, ...extras].join(' · ');
}
