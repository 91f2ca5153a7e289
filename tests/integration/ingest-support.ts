// Shared by the ingest-*.test.ts files: posting to the edge and finding what it put on the Redis stream.
import http from 'node:http';
import { Redis } from 'ioredis';
import { beforeAll, describe } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { baseUrl } from '../harness/fixtures.ts';
import type { QueuedEvent } from '../../lib/queue/types.ts';
import type { IngestRequest } from '../../lib/ingest/ingest.ts';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/**
 * A POST over node:http that resolves as soon as the answer arrives, even while the body is still being sent
 * (fetch would fail with EPIPE when the server refuses a body early). `write` may stop early or throw.
 */
export function rawPost(
  path: string,
  headers: Record<string, string | number>,
  write: (req: http.ClientRequest) => Promise<void> | void,
): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${ingestUrl()}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString(),
          ms: Date.now() - started,
        });
        req.destroy();
      });
    });
    req.on('error', (e) => setTimeout(() => reject(e), 200)); // an answer that raced the error still wins
    Promise.resolve(write(req)).catch(() => undefined);
  });
}

/**
 * The servers the ingest tests run against: `faultline run web` (ingest on the lean node:http path) and, when
 * the stack started one, `next start` (the Next.js route handlers, as `next dev` and `next start` users get).
 */
export function ingestTargets(): Array<{ name: string; url: string }> {
  const next = process.env.FAULTLINE_TEST_NEXT_URL;
  return [{ name: 'faultline run web', url: baseUrl() }, ...(next ? [{ name: 'next start', url: next }] : [])];
}

let current: string | undefined;

/** Base URL of the server the running `forEachIngestServer` block targets. */
export const ingestUrl = () => current ?? baseUrl();

/** Runs the tests `define`s once per ingest server: same statuses, headers, CORS and limits on both paths. */
export function forEachIngestServer(define: () => void) {
  describe.each(ingestTargets())('via $name', ({ url }) => {
    beforeAll(() => {
      current = url;
    });
    define();
  });
}

let client: Redis | undefined;
export function testRedis(): Redis {
  client ??= new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return client;
}

export type StreamEntry = QueuedEvent;

/** The stream entry of an event id (XRANGE over `${REDIS_PREFIX}events`), or undefined. */
export async function findOnStream(eventId: string): Promise<StreamEntry | undefined> {
  const entries = await testRedis().xrevrange(`${process.env.REDIS_PREFIX}events`, '+', '-', 'COUNT', 5000);
  for (const [, fields] of entries) {
    const e = JSON.parse(fields[fields.indexOf('e') + 1]) as StreamEntry;
    if (e.eventId === eventId) return e;
  }
  return undefined;
}

/** RSS in bytes of the process listening on the port of the server under test. */
export function serverRss(): number {
  const port = new URL(ingestUrl()).port;
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on ${port}: ${out}`);
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

export function envelope(header: object, ...items: Array<[object, string | Buffer]>): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(header) + '\n')];
  for (const [h, p] of items) parts.push(Buffer.from(JSON.stringify(h) + '\n'), Buffer.from(p), Buffer.from('\n'));
  return Buffer.concat(parts);
}

/** fetch's BodyInit wants an ArrayBuffer-backed view. */
export function asBody(b: string | Uint8Array): string | Uint8Array<ArrayBuffer> {
  return typeof b === 'string' ? b : new Uint8Array(b);
}

/** A legacy store request for calling the edge in-process (`handleIngest`), as an SDK would send it. */
export function storeRequest(projectId: number, publicKey: string, event: Record<string, unknown>): IngestRequest {
  const body = Buffer.from(JSON.stringify(event));
  return {
    method: 'POST',
    endpoint: 'store',
    projectId: String(projectId),
    query: new URLSearchParams({ sentry_key: publicKey, sentry_version: '7' }),
    header: (name) => (name === 'content-length' ? String(body.length) : null),
    body: [body],
    clientIp: '127.0.0.1',
  };
}
