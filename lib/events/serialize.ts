// A stored event in Sentry's Web API shape: top-level fields plus `entries` (exception, message, threads, breadcrumbs,
// request).
// The normalized payload (Event.data) is the source; `extra.environ` is never shown (sentry-cli puts the whole
// process environment there, and even scrubbed it says more than an issue page needs to).
import type { Event } from '../generated/prisma/client.ts';
import { isRecord, type Rec } from './clean.ts';
import type { Breadcrumb, ExceptionValue, Frame, NormalizedEvent } from './types.ts';
import type { Event as ApiEvent, EventEntry, EventProcessingError, EventSimple, EventUser } from './contract.ts';

export const ENVIRON_FILTERED = '[filtered]';

type Json = Record<string, unknown>;
type Pair = [string, string];

function frameContext(f: Frame): [number, string][] {
  if (f.lineno === undefined || f.context_line === undefined) return [];
  const pre = f.pre_context ?? [];
  const post = f.post_context ?? [];
  return [
    ...pre.map((line, i): [number, string] => [f.lineno! - pre.length + i, line]),
    [f.lineno, f.context_line],
    ...post.map((line, i): [number, string] => [f.lineno! + 1 + i, line]),
  ];
}

export function serializeFrame(f: Frame): Json {
  return {
    filename: f.filename ?? null,
    absPath: f.abs_path ?? null,
    module: f.module ?? null,
    package: f.package ?? null,
    platform: f.platform ?? null,
    instructionAddr: f.instruction_addr ?? null,
    symbolAddr: null,
    function: f.function ?? null,
    rawFunction: f.raw_function ?? null,
    symbol: f.symbol ?? null,
    context: frameContext(f),
    lineNo: f.lineno ?? null,
    colNo: f.colno ?? null,
    inApp: f.in_app ?? false,
    trust: null,
    errors: null,
    vars: f.vars ?? null,
    /** Source maps: the map used and how it was found (`resolved_with`), as Sentry's frame `data`. */
    data: f.data ?? null,
  };
}

// Sentry's EventError messages for the types source-map resolution records; `data.reason` says what exactly.
const ERROR_MESSAGES: Record<string, string> = {
  js_no_source: 'Source code was not found',
  js_invalid_source: 'Invalid source map',
  js_missing_sources_content: 'Missing source code in the source map',
  js_invalid_sourcemap_location: 'Invalid location in the source map',
};

/** `errors` of the stored event (processing problems) in Sentry's `{type, message, data}` shape. */
export function serializeProcessingErrors(errors: unknown): EventProcessingError[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter(isRecord).map(({ type, ...data }) => ({
    type: String(type ?? 'unknown_error'),
    message: ERROR_MESSAGES[String(type)] ?? 'Processing error',
    data,
  }));
}

/** Sentry shows the "full / app only" toggle when a stack mixes in-app and system frames. */
function hasSystemFrames(frames: Frame[]): boolean {
  return frames.some((f) => f.in_app === true) && frames.some((f) => f.in_app !== true);
}

function serializeStacktrace(st: { frames: Frame[] } | undefined): Json | null {
  if (!st) return null;
  return {
    frames: st.frames.map(serializeFrame),
    framesOmitted: null,
    registers: null,
    hasSystemFrames: hasSystemFrames(st.frames),
  };
}

function exceptionEntry(values: ExceptionValue[]): EventEntry {
  return {
    type: 'exception',
    data: {
      values: values.map((v) => ({
        type: v.type ?? null,
        value: v.value ?? null,
        module: v.module ?? null,
        mechanism: v.mechanism ?? null,
        threadId: v.thread_id ?? null,
        stacktrace: serializeStacktrace(v.stacktrace),
        // The frames as the SDK sent them (minified), when source maps rewrote `stacktrace`.
        rawStacktrace: serializeStacktrace(v.raw_stacktrace),
      })),
      hasSystemFrames: values.some((v) => hasSystemFrames(v.stacktrace?.frames ?? [])),
      excOmitted: null,
    },
  };
}

function messageEntry(ev: NormalizedEvent): EventEntry | null {
  const formatted = ev.logentry?.formatted ?? ev.message;
  if (formatted === undefined && ev.logentry?.message === undefined) return null;
  return {
    type: 'message',
    data: {
      formatted: formatted ?? ev.logentry?.message ?? '',
      message: ev.logentry?.message ?? null,
      params: ev.logentry?.params ?? null,
    },
  };
}

function breadcrumbsEntry(values: Breadcrumb[]): EventEntry {
  return {
    type: 'breadcrumbs',
    data: {
      values: values.map((b) => ({
        type: b.type ?? 'default',
        category: b.category ?? null,
        level: b.level ?? 'info',
        message: b.message ?? null,
        data: b.data ?? null,
        timestamp: b.timestamp ?? null,
        event_id: null,
      })),
    },
  };
}

/** Query strings and cookies arrive as a string, an object or pairs; Sentry answers pairs. */
function pairs(v: unknown, separator: '&' | ';'): Pair[] {
  if (typeof v === 'string') {
    if (separator === '&') return [...new URLSearchParams(v.replace(/^\?/, ''))];
    return v
      .split(';')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c): Pair => [c.split('=', 1)[0], c.slice(c.indexOf('=') + 1)]);
  }
  if (Array.isArray(v)) return v.filter(Array.isArray).map((p): Pair => [String(p[0]), String(p[1] ?? '')]);
  if (isRecord(v)) return Object.entries(v).map(([k, x]): Pair => [k, typeof x === 'string' ? x : JSON.stringify(x)]);
  return [];
}

function requestEntry(r: NonNullable<NormalizedEvent['request']>): EventEntry {
  const headers: Pair[] = Array.isArray(r.headers) ? r.headers : Object.entries(r.headers ?? {});
  return {
    type: 'request',
    data: {
      url: r.url ?? null,
      method: r.method ?? null,
      query: pairs(r.query_string, '&'),
      fragment: null,
      data: r.data ?? null,
      headers,
      cookies: pairs(r.cookies, ';'),
      env: r.env ?? null,
      inferredContentType: null,
    },
  };
}

function threadsEntry(threads: NonNullable<NormalizedEvent['threads']>): EventEntry {
  return {
    type: 'threads',
    data: {
      values: threads.values.map((t) => ({
        id: t.id ?? null,
        name: t.name ?? null,
        crashed: t.crashed ?? false,
        current: t.current ?? false,
        stacktrace: serializeStacktrace(t.stacktrace),
        rawStacktrace: serializeStacktrace(t.raw_stacktrace),
      })),
    },
  };
}

export function eventEntries(ev: NormalizedEvent): EventEntry[] {
  const entries: (EventEntry | null)[] = [
    ev.exception?.values.length ? exceptionEntry(ev.exception.values) : null,
    messageEntry(ev),
    ev.threads?.values.length ? threadsEntry(ev.threads) : null,
    ev.breadcrumbs?.values.length ? breadcrumbsEntry(ev.breadcrumbs.values) : null,
    ev.request ? requestEntry(ev.request) : null,
  ];
  return entries.filter((e): e is EventEntry => e !== null);
}

/** `user` as Sentry's event serializer answers it: the identity fields, everything else under `data`. */
export function serializeEventUser(u: NormalizedEvent['user']): EventUser | null {
  if (!u) return null;
  const { id, email, username, ip_address, name, geo, ...rest } = u;
  return {
    id: id ?? null,
    email: email ?? null,
    username: username ?? null,
    ip_address: ip_address ?? null,
    name: typeof name === 'string' ? name : null,
    geo: geo ?? null,
    data: Object.keys(rest).length ? rest : null,
  };
}

export function filteredExtra(extra: Rec | undefined): Rec {
  if (!extra) return {};
  return 'environ' in extra ? { ...extra, environ: ENVIRON_FILTERED } : extra;
}

/** The stored event's tags (its own and the derived ones, see lib/digest/prepareEvent.ts), sorted by key. */
function tagList(tags: NormalizedEvent['tags'] | undefined): { key: string; value: string }[] {
  return (Array.isArray(tags) ? tags : [])
    .map(([key, value]) => ({ key, value: String(value) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function eventType(ev: NormalizedEvent): 'error' | 'default' {
  return ev.exception?.values.length ? 'error' : 'default';
}

function eventMetadata(row: Event, ev: NormalizedEvent): ApiEvent['metadata'] {
  const last = ev.exception?.values[ev.exception.values.length - 1];
  if (!last) return { title: row.title };
  const m: ApiEvent['metadata'] = {};
  if (last.type) m.type = last.type;
  if (last.value) m.value = last.value;
  return m;
}

/** The short form Sentry lists events in (`/issues/{id}/events/` without `full`). */
export function serializeEventSimple(row: Event): EventSimple {
  const ev = row.data as unknown as NormalizedEvent;
  return {
    id: row.eventId,
    'event.type': eventType(ev),
    groupID: String(row.issueId),
    eventID: row.eventId,
    projectID: String(row.projectId),
    message: row.message,
    title: row.title,
    location: ev.transaction ?? null,
    culprit: row.culprit,
    user: serializeEventUser(ev.user),
    tags: tagList(ev.tags),
    platform: ev.platform ?? null,
    dateCreated: row.timestamp.toISOString(),
    crashFile: null,
  };
}

export interface Neighbours {
  previousEventID: string | null;
  nextEventID: string | null;
}

export function serializeEvent(
  row: Event,
  neighbours: Neighbours = { previousEventID: null, nextEventID: null },
): ApiEvent {
  const ev = row.data as unknown as NormalizedEvent;
  const extra = filteredExtra(ev.extra);
  return {
    id: row.eventId,
    eventID: row.eventId,
    groupID: String(row.issueId),
    projectID: String(row.projectId),
    type: eventType(ev),
    title: row.title,
    message: row.message,
    culprit: row.culprit,
    location: ev.transaction ?? null,
    platform: ev.platform ?? null,
    level: row.level,
    logger: ev.logger ?? null,
    dateCreated: row.timestamp.toISOString(),
    dateReceived: row.received.toISOString(),
    metadata: eventMetadata(row, ev),
    tags: tagList(ev.tags),
    user: serializeEventUser(ev.user),
    contexts: ev.contexts ?? {},
    sdk: ev.sdk ? { name: ev.sdk.name ?? null, version: ev.sdk.version ?? null } : null,
    release: row.release ? { version: row.release } : null,
    dist: ev.dist ?? null,
    environment: row.environment,
    /** The grouping hashes (Sentry's name); the SDK's own fingerprint is `fingerprint`. */
    fingerprints: row.hash ? [row.hash] : [],
    fingerprint: ev.fingerprint ?? ['{{ default }}'],
    groupingConfig: { id: 'faultline:v1', enhancements: '' },
    entries: eventEntries(ev),
    packages: ev.modules ?? {},
    /** Sentry calls the event's `extra` `context`; both are given, with `environ` filtered. */
    context: extra,
    extra,
    errors: serializeProcessingErrors(ev.errors),
    crashFile: null,
    userReport: null,
    sdkUpdates: [],
    occurrence: null,
    _meta: {},
    previousEventID: neighbours.previousEventID,
    nextEventID: neighbours.nextEventID,
  };
}

export type SerializedEvent = ApiEvent;
