// The dashboard's one JSON client for /api/0: throws the API's `detail` text, and reads Sentry `Link` cursors.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Paged<T> {
  rows: T[];
  /** Cursor of the next page when the server says it has results, else null. */
  next: string | null;
  /** Cursor of the previous page when it has results, else null. */
  previous: string | null;
}

async function request(url: string, init: RequestInit = {}): Promise<Response> {
  const r = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    credentials: 'same-origin',
  });
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { detail?: unknown };
    const detail = typeof body.detail === 'string' ? body.detail : `request failed (${r.status})`;
    throw new ApiError(r.status, detail);
  }
  return r;
}

export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<T> {
  const r = await request(url, init);
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Parses `<url>; rel="next"; results="true"; cursor="0:100:0", ...` into the cursors worth following. */
export function parseLinkHeader(header: string | null): { next: string | null; previous: string | null } {
  const out = { next: null as string | null, previous: null as string | null };
  if (!header) return out;
  for (const part of header.split(/,\s*(?=<)/)) {
    const rel = /rel="(\w+)"/.exec(part)?.[1];
    const results = /results="(\w+)"/.exec(part)?.[1];
    const cursor = /cursor="([^"]+)"/.exec(part)?.[1];
    if (!cursor || results !== 'true') continue;
    if (rel === 'next') out.next = cursor;
    if (rel === 'previous') out.previous = cursor;
  }
  return out;
}

export async function apiFetchPage<T>(url: string): Promise<Paged<T>> {
  const r = await request(url);
  const rows = (await r.json()) as T[];
  return { rows, ...parseLinkHeader(r.headers.get('link')) };
}

/** Builds `path?k=v&k=v2` skipping empty values; arrays repeat the key (Sentry's `?id=1&id=2`). */
export function withQuery(
  path: string,
  params: Record<string, string | number | undefined | null | Array<string | number>>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, String(x)));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const enc = encodeURIComponent;
