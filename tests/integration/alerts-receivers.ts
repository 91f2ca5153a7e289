// Real receivers for the alert tests: an SMTP server (smtp-server) and HTTP servers that check DingTalk's and
// Feishu's signatures the way those services do, answer their JSON, and can be told to fail or throttle.
import http from 'node:http';
import net from 'node:net';
import { createHmac } from 'node:crypto';
import { SMTPServer } from 'smtp-server';

export interface Received {
  at: number;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

/** What the next requests get: `ok`, or a failure the receiver answers instead of accepting. */
export type Mode = 'ok' | 'http500' | 'throttle' | 'drop';

interface HttpReceiver {
  url: string;
  port: number;
  /** Accepted messages only. */
  received: Received[];
  /** Every request with the answer it got. */
  log: { at: number; answer: string }[];
  /** Failures to answer before accepting again (FIFO). */
  failNext: Mode[];
  mode: Mode;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

function httpReceiver(
  handle: (r: Received, reply: (status: number, body: unknown) => void, self: HttpReceiver, mode: Mode) => void,
): Promise<HttpReceiver> {
  const self = { received: [], log: [], failNext: [], mode: 'ok' } as unknown as HttpReceiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const u = new URL(req.url ?? '/', 'http://x');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw);
      } catch {
        /* checked by the handler */
      }
      const r: Received = { at: Date.now(), path: u.pathname, query: u.searchParams, headers: req.headers, raw, body };
      const reply = (status: number, out: unknown) => {
        self.log.push({ at: r.at, answer: `${status} ${JSON.stringify(out)}` });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      };
      const mode = self.failNext.shift() ?? self.mode;
      if (mode === 'drop') {
        self.log.push({ at: r.at, answer: 'dropped' });
        return void req.socket.destroy();
      }
      if (mode === 'http500') return reply(500, { error: 'internal error' });
      handle(r, reply, self, mode);
    });
  });
  return listen(server).then((port) => {
    self.port = port;
    self.url = `http://127.0.0.1:${port}`;
    self.close = () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
    return self;
  });
}

/**
 * DingTalk's robot endpoint: access_token; with a secret, `timestamp` (ms, within an hour) and
 * `sign` = Base64(HMAC-SHA256(key=secret, timestamp+"\n"+secret)), read URL-decoded; the keyword must appear;
 * 20 messages per minute (errcode 130101 beyond, or when told to throttle).
 */
export async function dingtalkReceiver(opts: { token: string; secret?: string; keyword?: string }) {
  const sent: number[] = [];
  return httpReceiver((r, reply, self, mode) => {
    if (r.path !== '/robot/send' || r.query.get('access_token') !== opts.token)
      return reply(200, { errcode: 300001, errmsg: 'token is not exist' });
    if (opts.secret) {
      const ts = Number(r.query.get('timestamp'));
      const expected = createHmac('sha256', opts.secret)
        .update(`${r.query.get('timestamp')}\n${opts.secret}`)
        .digest('base64');
      if (!ts || Math.abs(Date.now() - ts) > 3_600_000)
        return reply(200, { errcode: 310000, errmsg: 'invalid timestamp' });
      if (r.query.get('sign') !== expected) return reply(200, { errcode: 310000, errmsg: 'sign not match' });
    }
    const md = (r.body.markdown ?? {}) as { title?: string; text?: string };
    if (r.body.msgtype !== 'markdown' || !md.title || !md.text)
      return reply(200, { errcode: 40035, errmsg: 'missing parameter' });
    if (opts.keyword && !`${md.title}${md.text}`.includes(opts.keyword))
      return reply(200, { errcode: 310000, errmsg: 'keywords not in content' });
    while (sent.length && sent[0] < r.at - 60_000) sent.shift();
    if (mode === 'throttle' || sent.length >= 20)
      return reply(200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    sent.push(r.at);
    self.received.push(r);
    reply(200, { errcode: 0, errmsg: 'ok' });
  });
}

/**
 * Feishu's bot endpoint: with a secret, body `timestamp` (s) and `sign` = Base64(HMAC-SHA256(key=timestamp+"\n"+secret,
 * "")).
 */
export async function feishuReceiver(opts: { secret?: string; keyword?: string }) {
  return httpReceiver((r, reply, self, mode) => {
    if (opts.secret) {
      const ts = Number(r.body.timestamp);
      const expected = createHmac('sha256', `${String(r.body.timestamp)}\n${opts.secret}`)
        .update('')
        .digest('base64');
      if (!ts || Math.abs(Date.now() / 1000 - ts) > 3600 || r.body.sign !== expected) {
        return reply(200, {
          code: 19021,
          data: {},
          msg: 'sign match fail or timestamp is not within one hour from current time',
        });
      }
    }
    if (opts.keyword && !r.raw.includes(opts.keyword))
      return reply(200, { code: 19024, data: {}, msg: 'Key Words Not Found' });
    if (mode === 'throttle') return reply(200, { code: 11232, data: {}, msg: 'frequency limited' });
    self.received.push(r);
    reply(200, { code: 0, data: {}, msg: 'success' });
  });
}

/** WeCom, Slack-compatible and generic webhooks: accept JSON and answer like each service. */
export async function jsonReceiver(answer: unknown = { errcode: 0, errmsg: 'ok' }) {
  return httpReceiver((r, reply, self) => {
    self.received.push(r);
    reply(200, answer);
  });
}

export interface Mail {
  from: string;
  to: string[];
  user?: string;
  raw: string;
  subject: string;
  text: string;
  html: string;
}

function decodePart(headers: string, body: string): string {
  const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeURIComponent(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

/** Minimal MIME reading for nodemailer's multipart/alternative: subject, text and HTML parts. */
export function parseMail(raw: string): Pick<Mail, 'subject' | 'text' | 'html'> {
  const [head] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = decodeWords(/^subject:\s*(.*)$/im.exec(unfolded)?.[1] ?? '');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(unfolded)?.[1];
  let text = '';
  let html = '';
  if (boundary) {
    for (const part of raw.split(`--${boundary}`).slice(1)) {
      const i = part.search(/\r?\n\r?\n/);
      if (i < 0) continue;
      const h = part.slice(0, i);
      const b = part
        .slice(i)
        .replace(/^\r?\n\r?\n/, '')
        .replace(/\r?\n$/, '');
      if (/content-type:\s*text\/plain/i.test(h)) text = decodePart(h, b);
      if (/content-type:\s*text\/html/i.test(h)) html = decodePart(h, b);
    }
  }
  return { subject, text, html };
}

/** A real SMTP server in-process; with `auth`, it requires that user name and password. */
export async function smtpReceiver(auth?: { user: string; pass: string }) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.user && a.password === auth.pass) return cb(null, { user: a.username });
      cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw,
          ...parseMail(raw),
        });
        cb();
      });
    },
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(((server as unknown as { server: net.Server }).server.address() as net.AddressInfo).port),
    ),
  );
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port with nothing listening: a receiver that is down. */
export async function deadPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export { waitFor } from '../harness/wait.ts';
