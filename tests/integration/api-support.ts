// Shared by the api-*.test.ts and sentrycli-*.test.ts files: JSON calls with a bearer token, Link parsing.
import { baseUrl } from '../harness/fixtures.ts';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(baseUrl() + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await r.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} answered ${r.status} with non-JSON: ${text.slice(0, 200)}`);
    }
  }
  return { status: r.status, body: parsed as T, headers: r.headers };
}

/** The `rel="next"` link of a Sentry Link header: its path+query and whether it has results. */
export function nextLink(headers: Headers): { path: string; results: boolean } | null {
  const link = headers.get('link');
  if (!link) return null;
  const m = /<([^>]+)>; rel="next"; results="(true|false)"/.exec(link);
  if (!m) return null;
  const u = new URL(m[1]);
  return { path: u.pathname + u.search, results: m[2] === 'true' };
}

/** Follows `next` links while they have results, collecting every page. */
export async function allPages<T = any>(token: string, path: string): Promise<T[]> {
  const out: T[] = [];
  let next: string | null = path;
  for (let i = 0; next && i < 50; i++) {
    const r: Answer<T[]> = await api<T[]>(token, 'GET', next);
    if (r.status !== 200) throw new Error(`${next} answered ${r.status}`);
    out.push(...r.body);
    const l = nextLink(r.headers);
    next = l?.results ? l.path : null;
  }
  return out;
}
