// Channel types and their settings (zod), and how secrets are masked for reading and kept on update.
import { z } from 'zod';
import { parseTargetUrl, TargetError } from '../targetGuard.ts';

export const CHANNEL_TYPES = ['email', 'dingtalk', 'wecom', 'feishu', 'slack', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const webUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((v, ctx) => {
    try {
      parseTargetUrl(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof TargetError ? e.message : 'is not a valid URL' });
    }
  });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));
const mobile = z
  .string()
  .trim()
  .regex(/^\+?[0-9-]{5,20}$/, 'must be a phone number');

export const channelConfigSchemas = {
  email: z
    .object({
      recipients: z.array(z.string().trim().email()).max(50).default([]),
      /** The org's channel for "notify the assignee" when a rule has no email channel: recipients come per alert. */
      assigneesOnly: z.boolean().optional(),
      /** Optional per-channel SMTP server; the EMAIL_* environment variables otherwise. */
      smtpHost: optionalText(255),
      smtpPort: z.number().int().min(1).max(65535).optional(),
      smtpUser: optionalText(255),
      smtpPassword: optionalText(500),
      smtpSecurity: z.enum(['none', 'starttls', 'ssl']).optional(),
      from: z
        .string()
        .trim()
        .email()
        .optional()
        .or(z.literal('').transform(() => undefined)),
    })
    .refine((c) => c.assigneesOnly || c.recipients.length > 0, {
      message: 'add at least one recipient',
      path: ['recipients'],
    }),
  dingtalk: z.object({
    webhookUrl: webUrl,
    /** The robot's signing secret (`SEC...`), when its security setting is "加签". */
    secret: optionalText(200),
    /** The robot's custom keyword: DingTalk drops messages that do not contain it. */
    keyword: optionalText(50),
    atMobiles: z.array(mobile).max(20).default([]),
    atAll: z.boolean().default(false),
  }),
  wecom: z.object({ webhookUrl: webUrl }),
  feishu: z.object({ webhookUrl: webUrl, secret: optionalText(200), keyword: optionalText(50) }),
  slack: z.object({ webhookUrl: webUrl }),
  webhook: z.object({ url: webUrl, secret: optionalText(200) }),
} satisfies Record<ChannelType, z.ZodType>;

export type ChannelConfig<T extends ChannelType = ChannelType> = z.infer<(typeof channelConfigSchemas)[T]>;
export type AnyChannelConfig = { [K in ChannelType]: ChannelConfig<K> }[ChannelType];

const SECRET_FIELDS: Record<ChannelType, string[]> = {
  email: ['smtpPassword'],
  dingtalk: ['secret'],
  wecom: [],
  feishu: ['secret'],
  slack: [],
  webhook: ['secret'],
};
/** URLs whose token is a credential: anyone with it can post as the robot. */
const URL_FIELDS: Record<ChannelType, string[]> = {
  email: [],
  dingtalk: ['webhookUrl'],
  wecom: ['webhookUrl'],
  feishu: ['webhookUrl'],
  slack: ['webhookUrl'],
  webhook: ['url'],
};

const MASK = '••••••';

export function maskSecret(s: string): string {
  return s.length >= 16 ? `${s.slice(0, 3)}${MASK}${s.slice(-3)}` : MASK;
}

/** Masks token-like query values and long path segments (Feishu/Slack tokens live in the path). */
export function maskUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return MASK;
  }
  for (const [k, v] of [...u.searchParams]) {
    if (/token|key|secret|sign|auth|password/i.test(k) && v) u.searchParams.set(k, maskSecret(v));
  }
  u.pathname = u.pathname
    .split('/')
    .map((seg) => (seg.length >= 16 ? maskSecret(decodeURIComponent(seg)) : seg))
    .join('/');
  return decodeURI(u.toString());
}

/** The settings as API readers see them: secrets and URL tokens masked. */
export function maskConfig(type: ChannelType, cfg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...cfg };
  for (const f of SECRET_FIELDS[type]) if (typeof out[f] === 'string' && out[f]) out[f] = maskSecret(out[f] as string);
  for (const f of URL_FIELDS[type]) if (typeof out[f] === 'string') out[f] = maskUrl(out[f] as string);
  return out;
}

/**
 * On update, a secret or URL sent back exactly as it was shown (masked), or left out, keeps the stored value;
 * an empty string clears an optional secret.
 */
export function keepUnchangedSecrets(
  type: ChannelType,
  incoming: Record<string, unknown>,
  existing: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...incoming };
  for (const f of SECRET_FIELDS[type]) {
    const prev = existing[f];
    if (typeof prev !== 'string') continue;
    if (out[f] === undefined || out[f] === maskSecret(prev)) out[f] = prev;
  }
  for (const f of URL_FIELDS[type]) {
    const prev = existing[f];
    if (typeof prev === 'string' && (out[f] === undefined || out[f] === maskUrl(prev))) out[f] = prev;
  }
  return out;
}

/** The host a channel connects to, for the private-address check when it is saved. */
export function channelHost(type: ChannelType, cfg: AnyChannelConfig): string | null {
  if (type === 'email') return (cfg as ChannelConfig<'email'>).smtpHost ?? null;
  const url = type === 'webhook' ? (cfg as ChannelConfig<'webhook'>).url : (cfg as { webhookUrl: string }).webhookUrl;
  return new URL(url).hostname;
}
