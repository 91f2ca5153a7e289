// Tags: the SDK's own (normalized to ordered pairs) and the ones Sentry derives from the event for search and facets.

import { isRecord, text, truncate } from './clean';
import { headerValue, urlWithoutQuery } from './request';
import type { NormalizedEvent } from './types';
import { userKey } from './user';
import { parseBrowser, parseOs, type Software } from './userAgent';

/** Sentry's limits on tag keys and values. */
export const MAX_TAG_KEY = 32;
export const MAX_TAG_VALUE = 200;

function tagPair(k: unknown, v: unknown): [string, string] | undefined {
  const key = text(k)?.trim().slice(0, MAX_TAG_KEY);
  const value = v === null ? undefined : text(v)?.trim();
  if (!key || !value) return undefined;
  return [key, truncate(value, MAX_TAG_VALUE)];
}

/** Pairs pushed in order; a key already present keeps its first value. */
function collect(entries: Iterable<[unknown, unknown]>): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const [k, v] of entries) {
    const pair = tagPair(k, v);
    if (!pair || seen.has(pair[0])) continue;
    seen.add(pair[0]);
    out.push(pair);
  }
  return out;
}

/** `tags` as an object or a list of `[key, value]` pairs → ordered pairs within Sentry's limits. */
export function normalizeTags(v: unknown): [string, string][] {
  if (isRecord(v)) return collect(Object.entries(v).filter(([k]) => k !== '__proto__'));
  if (!Array.isArray(v)) return [];
  return collect(
    v.filter((p): p is unknown[] => Array.isArray(p) && p.length >= 2).map((p) => [p[0], p[1]] as [unknown, unknown]),
  );
}

/** A context by key, or by its `type` (sentry-cli sends the Rust runtime as `contexts.rust` with `type: "runtime"`). */
export function findContext(ev: Pick<NormalizedEvent, 'contexts'>, type: string): Record<string, unknown> | undefined {
  const contexts = ev.contexts ?? {};
  if (isRecord(contexts[type])) return contexts[type];
  return Object.values(contexts).find((c) => isRecord(c) && c.type === type);
}

function contextString(ctx: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = ctx?.[key];
  const s = typeof v === 'string' || typeof v === 'number' ? String(v).split('\n', 1)[0].trim() : '';
  return s === '' ? undefined : s;
}

function software(ctx: Record<string, unknown> | undefined): Software | undefined {
  const name = contextString(ctx, 'name');
  return name ? { name, version: contextString(ctx, 'version') } : undefined;
}

function label(s: Software | undefined, majorOnly = false): string | undefined {
  if (!s) return undefined;
  const version = majorOnly ? s.version?.split('.', 1)[0] : s.version;
  return version ? `${s.name} ${version}` : s.name;
}

/**
 * `yes` if every exception was handled, `no` if any was not (an unhandled error anywhere makes the event unhandled).
 */
function handled(ev: NormalizedEvent): string | undefined {
  const flags = (ev.exception?.values ?? []).map((v) => v.mechanism?.handled).filter((h) => h !== undefined);
  if (flags.length === 0) return undefined;
  return flags.includes(false) ? 'no' : 'yes';
}

/** The keys `eventTags` derives from every event; issue search accepts them even before any event carries one. */
export const DERIVED_TAG_KEYS = [
  'level',
  'environment',
  'release',
  'dist',
  'server_name',
  'transaction',
  'url',
  'user',
  'browser',
  'browser.name',
  'os',
  'os.name',
  'runtime',
  'device',
  'handled',
  'mechanism',
] as const;

/** The event's own tags first, then the derived ones it does not already set. */
export function eventTags(ev: NormalizedEvent): [string, string][] {
  const ua = headerValue(ev.request?.headers, 'user-agent');
  const browser = software(findContext(ev, 'browser')) ?? (ua ? parseBrowser(ua) : undefined);
  const os = software(findContext(ev, 'os')) ?? (ua ? parseOs(ua) : undefined);
  const device = findContext(ev, 'device');
  const mechanism = [...(ev.exception?.values ?? [])].reverse().find((v) => v.mechanism?.type)?.mechanism?.type;

  const derived: Array<[(typeof DERIVED_TAG_KEYS)[number], unknown]> = [
    ['level', ev.level],
    ['environment', ev.environment],
    ['release', ev.release],
    ['dist', ev.dist],
    ['server_name', ev.server_name],
    ['transaction', ev.transaction],
    ['url', urlWithoutQuery(ev.request?.url)],
    ['user', userKey(ev)],
    ['browser', label(browser, true)],
    ['browser.name', browser?.name],
    ['os', label(os)],
    ['os.name', os?.name],
    ['runtime', label(software(findContext(ev, 'runtime')))],
    ['device', contextString(device, 'model') ?? contextString(device, 'family')],
    ['handled', handled(ev)],
    ['mechanism', mechanism],
  ];
  return collect([...ev.tags, ...derived]);
}
