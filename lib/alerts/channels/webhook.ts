// Generic JSON webhook: the alert as JSON, signed `X-Faultline-Signature: sha256=<hex HMAC-SHA256 of the body>`.
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from './config.ts';
import { renderText, subject, type AlertMessage } from '../message.ts';
import { postJson } from './http.ts';
import { replyText, type SendResult } from './result.ts';

export function webhookSignature(secret: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** The body carries its own timestamp, so the signature covers it (receivers reject old timestamps to stop replays). */
export function webhookRequest(
  cfg: ChannelConfig<'webhook'>,
  msg: AlertMessage,
  nowSec: number,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    action: msg.kind,
    timestamp: nowSec,
    subject: subject(msg),
    text: renderText(msg),
    data: msg,
  });
  const headers: Record<string, string> = { 'x-faultline-timestamp': String(nowSec), 'x-faultline-event': msg.kind };
  if (cfg.secret) headers['x-faultline-signature'] = webhookSignature(cfg.secret, body);
  return { body, headers };
}

export async function sendWebhook(cfg: ChannelConfig<'webhook'>, msg: AlertMessage): Promise<SendResult> {
  const { body, headers } = webhookRequest(cfg, msg, Math.floor(Date.now() / 1000));
  const reply = await postJson(cfg.url, body, headers);
  const response = replyText(reply.status, reply.body);
  if (reply.status < 200 || reply.status >= 300)
    return { ok: false, response, error: `webhook answered HTTP ${reply.status}` };
  return { ok: true, response };
}
