// Feishu/Lark custom bot: an interactive card, optional signature, keyword; `code` ≠ 0 is a failure.
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from './config.ts';
import { renderMarkdown, subject, type AlertMessage } from '../message.ts';
import { postJson, replyJson } from './http.ts';
import { replyText, type SendResult } from './result.ts';

/**
 * Feishu's signature differs from DingTalk's: the HMAC-SHA256 *key* is `timestamp + "\n" + secret`
 * (timestamp in seconds) and the message is empty; Base64, sent in the body as `sign` next to `timestamp`.
 */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

// Feishu refuses a custom bot request body over 20 KB; the card's other fields take well under 2 KB of it.
const CONTENT_BYTES = 18_000;

export function feishuBody(cfg: ChannelConfig<'feishu'>, msg: AlertMessage, nowSec: number) {
  let title = subject(msg).replace(/^\[Faultline\] /, '');
  if (cfg.keyword && !title.includes(cfg.keyword)) title = `${cfg.keyword} ${title}`;
  const body: Record<string, unknown> = {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: {
        title: { tag: 'plain_text', content: title.slice(0, 200) },
        template: msg.kind === 'test' ? 'blue' : 'red',
      },
      // lark_md does not render `###` headings: drop the heading line, the card header carries it.
      elements: [
        { tag: 'div', text: { tag: 'lark_md', content: renderMarkdown(msg, CONTENT_BYTES).replace(/^### .*\n+/, '') } },
      ],
    },
  };
  if (cfg.secret) {
    body.timestamp = String(nowSec);
    body.sign = feishuSign(cfg.secret, nowSec);
  }
  return body;
}

export async function sendFeishu(cfg: ChannelConfig<'feishu'>, msg: AlertMessage): Promise<SendResult> {
  const reply = await postJson(cfg.webhookUrl, JSON.stringify(feishuBody(cfg, msg, Math.floor(Date.now() / 1000))));
  const response = replyText(reply.status, reply.body);
  if (reply.status < 200 || reply.status >= 300)
    return { ok: false, response, error: `Feishu answered HTTP ${reply.status}` };
  const j = replyJson(reply);
  if (!j) return { ok: false, response, error: 'Feishu answered something that is not JSON' };
  // Current replies carry `code`; older ones `StatusCode`.
  const code = j.code ?? j.StatusCode;
  if (code !== 0)
    return { ok: false, response, error: `Feishu code ${String(code)}: ${String(j.msg ?? j.StatusMessage ?? '')}` };
  return { ok: true, response };
}
