// The `request` interface: URL, method, headers as ordered pairs, with credentials scrubbed and `{{auto}}` resolved.

import { MAX_STRING, clean, cleanRecord, isRecord, name, text, type Rec } from './clean';
import { FILTERED, isSecretHeader, scrubCookies, scrubUrlPasswords } from './scrub';
import type { NormalizedEvent } from './types';

type Request = NonNullable<NormalizedEvent['request']>;

const MAX_HEADERS = 200;
const MAX_HEADER_VALUE = 8 * 1024;

/** Headers arrive as an object or as `[name, value]` pairs (Sentry's own storage form); we keep pairs. */
export function headerPairs(v: unknown): [string, string][] {
  const entries: unknown[][] = isRecord(v) ? Object.entries(v) : Array.isArray(v) ? v.filter(Array.isArray) : [];
  const pairs: [string, string][] = [];
  for (const [k, value] of entries.slice(0, MAX_HEADERS)) {
    const key = name(k, 256);
    const val = text(value, MAX_HEADER_VALUE);
    if (key === undefined || val === undefined) continue;
    pairs.push([key, isSecretHeader(key) ? FILTERED : val]);
  }
  return pairs;
}

/** A header's value from either header shape, case-insensitively. */
export function headerValue(headers: Request['headers'], key: string): string | undefined {
  const wanted = key.toLowerCase();
  const entries = Array.isArray(headers) ? headers : Object.entries(headers ?? {});
  return entries.find(([k]) => k.toLowerCase() === wanted)?.[1];
}

/** The URL without query string and fragment, as tags and culprits show it. */
export function urlWithoutQuery(url: string | undefined): string | undefined {
  const bare = url?.split(/[?#]/, 1)[0].trim();
  return bare ? bare : undefined;
}

export function normalizeRequest(v: unknown, clientIp: string | undefined): Request | undefined {
  if (!isRecord(v)) return undefined;
  const req: Request = {};
  const url = name(v.url, MAX_STRING);
  if (url) req.url = scrubUrlPasswords(url);
  const method = name(v.method, 16);
  if (method) req.method = method.toUpperCase();
  const headers = headerPairs(v.headers);
  if (headers.length > 0) req.headers = headers;
  const query = clean(v.query_string, 1);
  if (query !== undefined && query !== null && query !== '') req.query_string = query;
  const data = clean(v.data, 1);
  if (data !== undefined && data !== null) req.data = data;
  const env: Rec | undefined = cleanRecord(v.env, 1);
  if (env) {
    if (env.REMOTE_ADDR === '{{auto}}') {
      if (clientIp) env.REMOTE_ADDR = clientIp;
      else delete env.REMOTE_ADDR;
    }
    req.env = env;
  }
  const cookies = scrubCookies(v.cookies);
  if (cookies !== undefined) req.cookies = cookies;
  return Object.keys(req).length > 0 ? req : undefined;
}
