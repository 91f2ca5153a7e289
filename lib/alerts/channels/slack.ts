// Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): `{text, blocks}`; any 2xx is success.
import type { ChannelConfig } from './config.ts';
import { renderText, subject, type AlertMessage } from '../message.ts';
import { postJson } from './http.ts';
import { replyText, type SendResult } from './result.ts';

/** Slack mrkdwn needs only &, < and > escaped; links are <url|label>. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackBody(msg: AlertMessage) {
  const text = subject(msg);
  const url = msg.kind === 'issue' ? msg.issue.url : msg.kind === 'test' ? msg.url : null;
  const detail = renderText(msg).split('\n').slice(0, 40).join('\n');
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: url ? `*<${url}|${esc(text)}>*` : `*${esc(text)}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: '```' + esc(detail).slice(0, 2900) + '```' } },
    ],
  };
}

export async function sendSlack(cfg: ChannelConfig<'slack'>, msg: AlertMessage): Promise<SendResult> {
  const reply = await postJson(cfg.webhookUrl, JSON.stringify(slackBody(msg)));
  const response = replyText(reply.status, reply.body);
  if (reply.status < 200 || reply.status >= 300)
    return { ok: false, response, error: `webhook answered HTTP ${reply.status}` };
  return { ok: true, response };
}
