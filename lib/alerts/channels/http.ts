// POSTs a JSON body to a webhook with a timeout, no redirects, and the private-address guard at connect time.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { config } from '../../config.ts';
import { checkHost, guardedLookup, parseTargetUrl, type TargetPolicy } from '../targetGuard.ts';

export interface HttpReply {
  status: number;
  body: string;
}

const MAX_REPLY = 64 * 1024;
export const SEND_TIMEOUT_MS = 10_000;

export function postJson(
  rawUrl: string | URL,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<HttpReply> {
  const url = parseTargetUrl(String(rawUrl));
  const policy = config().ALERTS_ALLOWED_PRIVATE_TARGETS;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node connects to an IP literal without calling `lookup`, so literals are checked here.
  const literal = net.isIP(host) ? checkHost(host, policy) : Promise.resolve([]);
  return literal.then(() => send(url, policy, body, headers, timeoutMs));
}

function send(
  url: URL,
  policy: TargetPolicy,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpReply> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Faultline-Alerts/1',
          ...headers,
        },
        lookup: guardedLookup(policy),
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_REPLY) chunks.push(c);
          size += c.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_REPLY) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The JSON reply of a chat robot, or null when the body is not JSON. */
export function replyJson(reply: HttpReply): Record<string, unknown> | null {
  try {
    const v = JSON.parse(reply.body);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
