// The ingest edge, framework-free: authenticate by DSN key, cap and decode the body, read the envelope, enqueue events,
// answer.
import { errorAnswer, HttpError } from '../api/respond.ts';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { createRedis, whenReady } from '../redis.ts';
import { enqueueBefore } from '../queue/eventStream.ts';
import type { QueuedEvent } from '../queue/types.ts';
import { publicKeyFromDsn, publicKeyFromRequest } from './authHeader.ts';
import { corsHeaders, originAllowed, preflightHeaders } from './cors.ts';
import {
  decodeRequestBody,
  parseContentEncoding,
  tooLarge,
  wireCap,
  toAsyncIterator,
  type BodyCaps,
  type Chunks,
} from './decode.ts';
import { EnvelopeReader } from './envelope.ts';
import { newEventId, normalizeEventId } from './eventId.ts';
import { findIngestKey, type IngestKey } from './keyCache.ts';
import { readStorePayload } from './storeBody.ts';
import { readBody } from './bodyRead.ts';
import { admitEvents, recordRefused } from '../quotas/admit.ts';
import { parseClientReport, type DiscardCount } from '../quotas/clientReport.ts';

export type IngestEndpoint = 'envelope' | 'store';

/** What the edge needs of an HTTP request; adapters build it from a fetch Request or a node:http request. */
export interface IngestRequest {
  method: string;
  endpoint: IngestEndpoint;
  /** The raw `<project_id>` path segment. */
  projectId: string;
  query: URLSearchParams;
  /** A request header by lowercase name. */
  header(name: string): string | null;
  /** The raw body: a stream, or chunks an adapter already read whole (a small body with a Content-Length). */
  body: Chunks | null;
  clientIp: string | null;
}

export interface IngestResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON body; null for an empty one (preflight). */
  body: unknown;
}

const globalForIngest = globalThis as unknown as { faultlineIngestRedis?: ReturnType<typeof createRedis> };

/**
 * The edge's own connection, auto-pipelined: concurrent requests' XADDs go out in one write. A 503 must mean "not
 * queued", so nothing waits to be sent later: no offline queue (a command while disconnected fails at once), and
 * every command fails after FAULTLINE_INGEST_REDIS_TIMEOUT_MS (ioredis commandTimeout); the enqueue itself carries
 * a deadline Redis checks (enqueueBefore), for a command already sent to a Redis that froze.
 */
async function redis() {
  const timeout = config().FAULTLINE_INGEST_REDIS_TIMEOUT_MS;
  globalForIngest.faultlineIngestRedis ??= createRedis({
    autoPipelining: true,
    commandTimeoutMs: timeout,
    offlineQueue: false,
    name: 'ingest',
  });
  await whenReady(globalForIngest.faultlineIngestRedis, timeout);
  return globalForIngest.faultlineIngestRedis;
}

async function authenticate(publicKey: string, projectId: number, origin: string | null): Promise<IngestKey> {
  // Keys are 32 hex characters; anything far longer is not worth a query.
  if (publicKey.length > 128) throw new HttpError(403, 'unknown DSN key');
  let key: IngestKey | null;
  try {
    key = await findIngestKey(publicKey);
  } catch (err) {
    log.error('ingest key lookup failed', { err });
    throw new HttpError(503, 'database unavailable, retry later');
  }
  if (!key) throw new HttpError(403, 'unknown DSN key');
  if (!key.isActive) throw new HttpError(403, 'DSN key is disabled');
  if (key.projectId !== projectId) throw new HttpError(403, `DSN key does not belong to project ${projectId}`);
  if (!originAllowed(origin, key.allowedDomains))
    throw new HttpError(403, `origin ${origin} is not among the project's allowed domains`);
  return key;
}

let refusedSinceLog = 0;
let lastRefusalLog = 0;

/**
 * A Redis that fails or does not answer in time (the connection's commandTimeout) is a 503: the SDK retries later.
 * Logged once per 10 s with a count, not per request (the connection logs the outage itself).
 */
async function orQueueUnavailable<T>(p: () => Promise<T>): Promise<T> {
  try {
    return await p();
  } catch (err) {
    refusedSinceLog++;
    if (Date.now() - lastRefusalLog > 10_000) {
      log.error('ingest could not reach Redis; answering 503', {
        error: (err as Error).message,
        refused: refusedSinceLog,
      });
      lastRefusalLog = Date.now();
      refusedSinceLog = 0;
    }
    throw new HttpError(503, 'event queue unavailable, retry later');
  }
}

interface AcceptedEvent {
  eventId: string;
  payload: string;
}

/** Validates an event payload as a JSON object (nothing more: the worker normalizes) and decides its id. */
function acceptEvent(payload: Buffer, what: string, fallbackId: string | null): AcceptedEvent {
  const text = payload.toString('utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new HttpError(400, `${what} is not valid JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, `${what} is not a JSON object`);
  const eventId = normalizeEventId((v as { event_id?: unknown }).event_id) ?? fallbackId ?? newEventId();
  return { eventId, payload: text };
}

async function readEvents(
  req: IngestRequest,
  decoded: Chunks,
  key: IngestKey | null,
  projectId: number,
  caps: BodyCaps,
) {
  const c = config();
  if (req.endpoint === 'store') {
    if (!key) throw new HttpError(401, 'no DSN key: send X-Sentry-Auth or ?sentry_key=');
    const payload = await readStorePayload(decoded, c.FAULTLINE_MAX_EVENT_BYTES);
    return { key, events: [acceptEvent(payload, 'event', null)], discards: [] };
  }
  // Only events and client reports (counted as usage) are kept for now; attachments, transactions, sessions,
  // replays, logs, profiles, check-ins, feedback and unknown future types are read past and dropped (accepted, so
  // SDKs do not retry).
  const reader = new EnvelopeReader(
    toAsyncIterator(decoded),
    { maxKeptBytes: c.FAULTLINE_MAX_EVENT_BYTES, maxEnvelopeBytes: caps.decodedBytes },
    (t) => t === 'event' || t === 'client_report',
  );
  const header = await reader.readHeader();
  if (!key) {
    const fromDsn = publicKeyFromDsn(header.dsn);
    if (!fromDsn)
      throw new HttpError(401, 'no DSN key: send X-Sentry-Auth, ?sentry_key= or a "dsn" in the envelope header');
    key = await authenticate(fromDsn, projectId, req.header('origin'));
  }
  const headerId = normalizeEventId(header.event_id);
  authenticated.set(req, key.projectId);
  const events: AcceptedEvent[] = [];
  const discards: DiscardCount[] = [];
  for (let item = await reader.next(); item; item = await reader.next()) {
    if (!item.payload) continue;
    if (item.type === 'client_report') discards.push(...parseClientReport(item.payload));
    else events.push(acceptEvent(item.payload, `event payload (item ${item.index})`, headerId));
  }
  return { key, events, discards };
}

/**
 * The body read through an iterator that is never cancelled, so what an early refusal (413, 400) left unread can
 * be drained afterwards. Cancelling the request stream instead leaves the keep-alive connection stuck mid-body:
 * the client's next request on it hangs until a timeout resets it.
 */
function drainable(body: Chunks) {
  if (!(Symbol.asyncIterator in body)) return { chunks: body, drain: () => undefined };
  const it = body[Symbol.asyncIterator]();
  let finished = false;
  const chunks: AsyncIterable<Uint8Array> = {
    // No return(): leaving a for-await over this does not cancel the underlying stream.
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const r = await it.next();
        if (r.done) finished = true;
        return r;
      },
    }),
  };
  const drain = () => {
    if (finished) return;
    finished = true;
    void (async () => {
      try {
        while (!(await it.next()).done);
      } catch {
        // The client gave up: nothing left to drain.
      }
    })();
  };
  return { chunks, drain };
}

async function accept(req: IngestRequest): Promise<Record<string, string>> {
  if (req.method !== 'POST')
    throw new HttpError(405, `method ${req.method} is not allowed here; SDKs POST to this endpoint`, {
      allow: 'POST, OPTIONS',
    });
  if (!/^\d{1,10}$/.test(req.projectId))
    throw new HttpError(400, `project id in the URL must be a number, got "${req.projectId.slice(0, 40)}"`);
  const projectId = Number(req.projectId);
  const c = config();
  const caps: BodyCaps = {
    wireBytes: c.FAULTLINE_MAX_COMPRESSED_BYTES,
    decodedBytes: req.endpoint === 'store' ? c.FAULTLINE_MAX_EVENT_BYTES : c.FAULTLINE_MAX_ENVELOPE_BYTES,
  };
  const encoding = parseContentEncoding(req.header('content-encoding'));
  const declared = Number(req.header('content-length') ?? 0);
  // Refused unread: the client is told at once, and the connection closed rather than the rest drained.
  if (declared > wireCap(encoding, caps))
    throw new HttpError(413, tooLarge('request body', wireCap(encoding, caps)).message, { connection: 'close' });
  if (!req.body) throw new HttpError(400, 'empty body');

  const body = drainable(readBody(req.body, c.FAULTLINE_INGEST_BODY_IDLE_SECONDS * 1000));
  try {
    const publicKey = publicKeyFromRequest(req.header, req.query);
    const known = publicKey ? await authenticate(publicKey, projectId, req.header('origin')) : null;
    if (known) authenticated.set(req, known.projectId);
    const decoded = await decodeRequestBody(body.chunks, encoding, caps);
    try {
      return await finish(req, await readEvents(req, decoded, known, projectId, caps), projectId);
    } finally {
      // Stops a streaming decoder left mid-body by an early refusal.
      await (decoded as AsyncGenerator<Uint8Array>).return?.(undefined);
    }
  } finally {
    body.drain();
  }
}

async function finish(
  req: IngestRequest,
  result: Awaited<ReturnType<typeof readEvents>>,
  projectId: number,
): Promise<Record<string, string>> {
  const { key, events, discards } = result;
  const refusal = await orQueueUnavailable(async () => admitEvents(await redis(), key, events.length, discards));
  if (refusal) throw new HttpError(429, refusal.detail, refusal.headers);
  if (events.length === 0) return {};
  const receivedAt = new Date().toISOString();
  const queued: QueuedEvent[] = events.map((e) => ({
    projectId,
    keyId: key.keyId,
    eventId: e.eventId,
    receivedAt,
    ...(req.clientIp ? { clientIp: req.clientIp } : {}),
    payload: e.payload,
  }));
  // The 200 is the promise that the event is durably in Redis: answer only after every XADD was acknowledged.
  // Half the timeout for Redis to run the enqueue, half for its answer to arrive before the edge gives up.
  await orQueueUnavailable(async () =>
    enqueueBefore(await redis(), queued, config().FAULTLINE_INGEST_REDIS_TIMEOUT_MS / 2),
  );
  return { id: events[0].eventId };
}

// The project a request authenticated for, so a later refusal (invalid or too large) counts in its usage.
const authenticated = new WeakMap<IngestRequest, number>();

/** Counts a 400/413 after authentication as a refused event of the project; never fails the answer. */
function countRefused(req: IngestRequest, status: number) {
  const projectId = authenticated.get(req);
  if (projectId === undefined || (status !== 400 && status !== 413)) return;
  void (async () => recordRefused(await redis(), projectId, status === 413 ? 'too_large' : 'invalid'))().catch((err) =>
    log.warn('refused event not counted', { err }),
  );
}

export async function handleIngest(req: IngestRequest): Promise<IngestResponse> {
  const origin = req.header('origin');
  if (req.method === 'OPTIONS') return { status: 200, headers: preflightHeaders(origin), body: null };
  const cors = corsHeaders(origin);
  try {
    return { status: 200, headers: cors, body: await accept(req) };
  } catch (e) {
    const a = errorAnswer(e, (err) =>
      log.error('ingest failed', { err, projectId: req.projectId, endpoint: req.endpoint }),
    );
    countRefused(req, a.status);
    return { status: a.status, headers: { ...cors, ...a.headers }, body: { detail: a.detail } };
  }
}

/** Answer of the ingest paths Faultline does not implement yet (CSP reports, minidumps, Unreal, OTLP). */
export function unsupportedIngest(
  req: { method: string; header(name: string): string | null },
  what: string,
): IngestResponse {
  const origin = req.header('origin');
  if (req.method === 'OPTIONS') return { status: 200, headers: preflightHeaders(origin), body: null };
  return { status: 404, headers: corsHeaders(origin), body: { detail: `${what} are not supported yet by Faultline` } };
}
