// Sends one message through a channel of any type; channel problems become a failed SendResult, never a throw.
import { channelConfigSchemas, type ChannelType, CHANNEL_TYPES, type ChannelConfig } from './config.ts';
import type { AlertMessage } from '../message.ts';
import { TargetError } from '../targetGuard.ts';
import type { SendResult } from './result.ts';
import { sendEmail } from './email.ts';
import { sendDingtalk } from './dingtalk.ts';
import { sendWecom } from './wecom.ts';
import { sendFeishu } from './feishu.ts';
import { sendSlack } from './slack.ts';
import { sendWebhook } from './webhook.ts';

export type { SendResult } from './result.ts';

export async function sendToChannel(
  channel: { type: string; config: unknown },
  msg: AlertMessage,
): Promise<SendResult> {
  if (!(CHANNEL_TYPES as readonly string[]).includes(channel.type))
    return { ok: false, response: '', error: `unknown channel type ${channel.type}`, permanent: true };
  const type = channel.type as ChannelType;
  const parsed = channelConfigSchemas[type].safeParse(channel.config);
  if (!parsed.success)
    return {
      ok: false,
      response: '',
      error: `channel settings are invalid: ${parsed.error.issues[0]?.message}`,
      permanent: true,
    };
  try {
    switch (type) {
      case 'email':
        return await sendEmail(parsed.data as ChannelConfig<'email'>, msg);
      case 'dingtalk':
        return await sendDingtalk(parsed.data as ChannelConfig<'dingtalk'>, msg);
      case 'wecom':
        return await sendWecom(parsed.data as ChannelConfig<'wecom'>, msg);
      case 'feishu':
        return await sendFeishu(parsed.data as ChannelConfig<'feishu'>, msg);
      case 'slack':
        return await sendSlack(parsed.data as ChannelConfig<'slack'>, msg);
      case 'webhook':
        return await sendWebhook(parsed.data as ChannelConfig<'webhook'>, msg);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const detail = err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
    return { ok: false, response: '', error: detail || String(e), permanent: e instanceof TargetError };
  }
}
