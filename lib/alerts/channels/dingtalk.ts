// DingTalk custom robot: markdown message, optional "加签" signature, keyword and @mentions; errcode ≠ 0 is a failure.
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from './config.ts';
import { renderMarkdown, subject, type AlertMessage } from '../message.ts';
import { postJson, replyJson } from './http.ts';
import { replyText, type SendResult } from './result.ts';

/**
 * DingTalk's signature: HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret` (timestamp in ms),
 * Base64. The caller URL-encodes it as the `sign` query parameter next to `timestamp`.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with `timestamp` and `sign` added (URLSearchParams percent-encodes `+`, `/` and `=`). */
export function dingtalkUrl(webhookUrl: string, secret: string | undefined, nowMs: number): string {
  const u = new URL(webhookUrl);
  if (secret) {
    u.searchParams.set('timestamp', String(nowMs));
    u.searchParams.set('sign', dingtalkSign(secret, nowMs));
  }
  return u.toString();
}

// DingTalk's markdown text limit is 20,000 bytes of UTF-8; the keyword and @mentions added below need the rest.
const TEXT_BYTES = 20_000;

export function dingtalkBody(cfg: ChannelConfig<'dingtalk'>, msg: AlertMessage) {
  const title = subject(msg).replace(/^\[Faultline\] /, '');
  const extra = Buffer.byteLength(`${cfg.keyword ?? ''}\n\n\n\n${cfg.atMobiles.map((m) => `@${m} `).join('')}`);
  let text = renderMarkdown(msg, TEXT_BYTES - extra);
  // A robot with a keyword drops every message that lacks it (errcode 310000).
  if (cfg.keyword && !text.includes(cfg.keyword)) text = `${cfg.keyword}\n\n${text}`;
  // Markdown messages only highlight the people whose @mobile appears in the text.
  if (cfg.atMobiles.length) text += `\n\n${cfg.atMobiles.map((m) => `@${m}`).join(' ')}`;
  return {
    msgtype: 'markdown',
    markdown: { title: cfg.keyword && !title.includes(cfg.keyword) ? `${cfg.keyword} ${title}` : title, text },
    at: { atMobiles: cfg.atMobiles, isAtAll: cfg.atAll },
  };
}

export async function sendDingtalk(cfg: ChannelConfig<'dingtalk'>, msg: AlertMessage): Promise<SendResult> {
  const reply = await postJson(
    dingtalkUrl(cfg.webhookUrl, cfg.secret, Date.now()),
    JSON.stringify(dingtalkBody(cfg, msg)),
  );
  const response = replyText(reply.status, reply.body);
  if (reply.status < 200 || reply.status >= 300)
    return { ok: false, response, error: `DingTalk answered HTTP ${reply.status}` };
  const j = replyJson(reply);
  if (!j) return { ok: false, response, error: 'DingTalk answered something that is not JSON' };
  if (j.errcode !== 0)
    return { ok: false, response, error: `DingTalk errcode ${String(j.errcode)}: ${String(j.errmsg ?? '')}` };
  return { ok: true, response };
}
