// WeCom (企业微信) group robot: markdown message; errcode ≠ 0 is a failure.
import type { ChannelConfig } from './config.ts';
import { renderMarkdown, type AlertMessage } from '../message.ts';
import { postJson, replyJson } from './http.ts';
import { replyText, type SendResult } from './result.ts';

// WeCom refuses markdown content over 4096 bytes (UTF-8).
const MAX_BYTES = 4096;

export function wecomBody(msg: AlertMessage) {
  return { msgtype: 'markdown', markdown: { content: renderMarkdown(msg, MAX_BYTES) } };
}

export async function sendWecom(cfg: ChannelConfig<'wecom'>, msg: AlertMessage): Promise<SendResult> {
  const reply = await postJson(cfg.webhookUrl, JSON.stringify(wecomBody(msg)));
  const response = replyText(reply.status, reply.body);
  if (reply.status < 200 || reply.status >= 300)
    return { ok: false, response, error: `WeCom answered HTTP ${reply.status}` };
  const j = replyJson(reply);
  if (!j) return { ok: false, response, error: 'WeCom answered something that is not JSON' };
  if (j.errcode !== 0)
    return { ok: false, response, error: `WeCom errcode ${String(j.errcode)}: ${String(j.errmsg ?? '')}` };
  return { ok: true, response };
}
