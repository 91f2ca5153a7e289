// Shared by the quota tests: a counting proxy in front of Faultline, so a test sees which envelopes an SDK really sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { baseUrl } from '../harness/fixtures.ts';

export interface Arrival {
  /** Item types of the envelope, in order. */
  items: string[];
  status: number;
  rateLimits: string | undefined;
  at: number;
}

export async function countingProxy() {
  const arrivals: Arrival[] = [];
  const target = new URL(baseUrl());
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const types = [...body.toString('latin1').matchAll(/"type":"([a-z_]+)"/g)].map((m) => m[1]);
      const up = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          arrivals.push({
            items: types,
            status: answer.statusCode ?? 0,
            rateLimits: answer.headers['x-sentry-rate-limits'] as string | undefined,
            at: Date.now(),
          });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', () => res.writeHead(502).end());
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    arrivals,
    /** The project's DSN pointed at the proxy. */
    dsnVia: (dsn: string) => {
      const u = new URL(dsn);
      u.host = new URL(origin).host;
      return u.toString();
    },
    origin,
    withEvents: () => arrivals.filter((a) => a.items.includes('event')),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
