// Turns whatever an SDK sent as an event into a NormalizedEvent: coerces odd shapes, truncates, scrubs; never rejects.

import { MAX_STRING, clean, cleanRecord, isRecord, list, name, text, type Rec } from './clean';
import { normalizeMessage } from './message';
import { normalizeRequest } from './request';
import { scrubEnviron } from './scrub';
import { normalizeExceptions, normalizeThreads, placeTopLevelStacktrace } from './stacktrace';
import { normalizeTags } from './tags';
import { isoTimestamp, parseTimestamp } from './timestamp';
import type { Level } from './level.ts';
import type { Breadcrumb, NormalizedEvent } from './types';
import { normalizeUser } from './user';

/** Thrown only when the payload is not a JSON object at all; every other oddity is coerced. */
export class EventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventError';
  }
}

export interface NormalizeContext {
  receivedAt: Date;
  clientIp?: string;
  /** The id the ingest edge already answered with; wins over the payload's. */
  eventId?: string;
}

/** Sentry keeps the newest 100 breadcrumbs. */
export const MAX_BREADCRUMBS = 100;
/** Clock skew tolerated before a timestamp from the future is replaced by the receive time. */
const MAX_FUTURE_MS = 5 * 60 * 1000;

const LEVELS: Record<string, Level> = {
  fatal: 'fatal',
  critical: 'fatal',
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  log: 'info',
  debug: 'debug',
};

// Fields read into typed ones above; everything else an SDK sends is kept (cleaned) under its own name.
const HANDLED = new Set([
  'event_id',
  'timestamp',
  'received',
  'level',
  'platform',
  'logger',
  'transaction',
  'server_name',
  'release',
  'dist',
  'environment',
  'message',
  'logentry',
  'exception',
  'threads',
  'breadcrumbs',
  'tags',
  'extra',
  'user',
  'contexts',
  'request',
  'sdk',
  'fingerprint',
  'modules',
  'stacktrace',
  'sentry.interfaces.Exception',
  'sentry.interfaces.Message',
  'sentry.interfaces.Stacktrace',
  'sentry.interfaces.Http',
  'sentry.interfaces.User',
  '__proto__',
]);

function eventId(candidates: unknown[]): string {
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const id = c.trim().replace(/-/g, '').toLowerCase();
    if (/^[0-9a-f]{32}$/.test(id)) return id;
  }
  return globalThis.crypto.randomUUID().replace(/-/g, '');
}

function eventTimestamp(v: unknown, received: Date): string {
  const t = parseTimestamp(v);
  if (!t || t.getTime() > received.getTime() + MAX_FUTURE_MS) return received.toISOString();
  return t.toISOString();
}

function level(v: unknown): Level {
  return (typeof v === 'string' && LEVELS[v.trim().toLowerCase()]) || 'error';
}

function normalizeBreadcrumb(v: unknown): Breadcrumb | undefined {
  if (!isRecord(v)) return undefined;
  const crumb: Breadcrumb = {};
  const timestamp = isoTimestamp(v.timestamp);
  if (timestamp) crumb.timestamp = timestamp;
  for (const key of ['type', 'category', 'level'] as const) {
    const value = name(v[key], 128);
    if (value) crumb[key] = value;
  }
  const message = text(v.message, MAX_STRING);
  if (message) crumb.message = message;
  const data = cleanRecord(v.data, 1);
  if (data) crumb.data = data;
  return Object.keys(crumb).length > 0 ? crumb : undefined;
}

function normalizeBreadcrumbs(v: unknown): NormalizedEvent['breadcrumbs'] {
  const values = list(v)
    .map(normalizeBreadcrumb)
    .filter((b): b is Breadcrumb => b !== undefined)
    .slice(-MAX_BREADCRUMBS);
  return values.length > 0 ? { values } : undefined;
}

function normalizeContexts(v: unknown): NormalizedEvent['contexts'] {
  if (!isRecord(v)) return undefined;
  const out: NonNullable<NormalizedEvent['contexts']> = {};
  for (const [key, ctx] of Object.entries(v)) {
    const c = key === '__proto__' ? undefined : cleanRecord(ctx, 1);
    if (c) out[key] = c;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function normalizeExtra(v: unknown): Rec | undefined {
  const extra = cleanRecord(v, 0);
  if (extra && extra.environ !== undefined) extra.environ = scrubEnviron(extra.environ);
  return extra && Object.keys(extra).length > 0 ? extra : undefined;
}

function normalizeSdk(v: unknown): NormalizedEvent['sdk'] {
  const sdk = cleanRecord(v, 0);
  if (!sdk) return undefined;
  const out: NonNullable<NormalizedEvent['sdk']> = {
    ...sdk,
    name: name(sdk.name, 128),
    version: name(sdk.version, 128),
  };
  if (out.name === undefined) delete out.name;
  if (out.version === undefined) delete out.version;
  return out;
}

function normalizeFingerprint(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const parts = v.filter((p) => ['string', 'number', 'boolean'].includes(typeof p)).map((p) => text(p, 1024) as string);
  return parts.length > 0 ? parts : undefined;
}

function normalizeModules(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, version] of Object.entries(v)) {
    const s = name(version, 256);
    if (s !== undefined && k !== '__proto__') out[k] = s;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * sentry-cli's bash-hook lists frames in bash's FUNCNAME order, innermost first; the protocol (and the culprit, and
 * every stack trace view) wants the innermost frame last, so the failing function is named, not the script's main.
 */
function innermostLastForBashHook(ev: NormalizedEvent) {
  if (ev.sdk?.name !== 'sentry-cli') return;
  for (const v of ev.exception?.values ?? []) if (v.type === 'BashError' && v.stacktrace) v.stacktrace.frames.reverse();
}

export function normalizeEvent(raw: unknown, ctx: NormalizeContext): NormalizedEvent {
  if (!isRecord(raw)) throw new EventError('event payload must be a JSON object');
  const received = Number.isNaN(ctx.receivedAt.getTime()) ? new Date() : ctx.receivedAt;

  const ev: NormalizedEvent = {
    event_id: eventId([ctx.eventId, raw.event_id]),
    timestamp: eventTimestamp(raw.timestamp, received),
    received: received.toISOString(),
    level: level(raw.level),
    platform: name(raw.platform, 64) ?? 'other',
    logger: name(raw.logger, 64),
    transaction: name(raw.transaction, 200),
    server_name: name(raw.server_name, 200),
    release: name(raw.release, 200),
    dist: name(raw.dist, 64),
    environment: name(raw.environment, 64) ?? 'production',
    ...normalizeMessage(raw),
    exception: normalizeExceptions(raw.exception ?? raw['sentry.interfaces.Exception']),
    breadcrumbs: normalizeBreadcrumbs(raw.breadcrumbs),
    tags: normalizeTags(raw.tags),
    extra: normalizeExtra(raw.extra),
    user: normalizeUser(raw.user ?? raw['sentry.interfaces.User'], ctx.clientIp),
    contexts: normalizeContexts(raw.contexts),
    request: normalizeRequest(raw.request ?? raw['sentry.interfaces.Http'], ctx.clientIp),
    sdk: normalizeSdk(raw.sdk),
    fingerprint: normalizeFingerprint(raw.fingerprint),
    modules: normalizeModules(raw.modules),
  };
  ev.threads = placeTopLevelStacktrace(raw, ev.exception, normalizeThreads(raw.threads));
  innermostLastForBashHook(ev);

  for (const [key, value] of Object.entries(raw)) {
    if (HANDLED.has(key)) continue;
    const c = clean(value, 0);
    if (c !== undefined) ev[key] = c;
  }
  for (const key of Object.keys(ev)) if (ev[key] === undefined) delete ev[key];
  return ev;
}
