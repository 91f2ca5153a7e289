// Pure: one line of text per breadcrumb, the way a triager reads it (`GET /api/cart [500]`, `/a → /b`, the SQL),
// from the typed shapes Sentry SDKs send (https://develop.sentry.dev/sdk/data-model/event-payloads/breadcrumbs/).

export interface Crumb {
  type?: string;
  category?: string;
  level?: string;
  message?: unknown;
  data?: unknown;
  timestamp?: string | number;
}

export type CrumbLine =
  | { kind: 'http'; method: string; url: string; status?: number; statusClass?: '2xx' | '3xx' | '4xx' | '5xx' }
  | { kind: 'navigation'; from?: string; to: string }
  | { kind: 'query'; sql: string }
  | { kind: 'text'; text: string };

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** What the crumb says; `null`/missing parts are left out, never printed as words. */
export function crumbLine(c: Crumb): CrumbLine {
  const data = record(c.data);
  const message = str(c.message);
  const category = c.category ?? '';
  if (c.type === 'http' || ((category === 'xhr' || category === 'fetch' || category === 'http') && str(data.url))) {
    const status = Number(data.status_code ?? data['http.response.status_code']);
    const ok = Number.isInteger(status) && status >= 100 && status < 600;
    return {
      kind: 'http',
      method: (str(data.method) ?? str(data['http.method']) ?? 'GET').toUpperCase(),
      url: str(data.url) ?? message ?? '',
      ...(ok ? { status, statusClass: `${Math.floor(status / 100)}xx` as '2xx' | '3xx' | '4xx' | '5xx' } : {}),
    };
  }
  if (c.type === 'navigation' || category === 'navigation') {
    const to = str(data.to);
    if (to) return { kind: 'navigation', from: str(data.from), to };
  }
  if (c.type === 'query' || category === 'query' || category.startsWith('db.')) {
    const sql = message ?? str(data['db.statement']) ?? str(data.query);
    if (sql) return { kind: 'query', sql };
  }
  return { kind: 'text', text: message ?? '' };
}

/** The crumb's filterable type: its `type` unless default, else its category (console, ui.click, ...). */
export function crumbType(c: Crumb): string {
  return c.type && c.type !== 'default' ? c.type : (c.category ?? 'default');
}

/** Text a filter box matches: the line plus category and data. */
export function crumbSearchText(c: Crumb): string {
  const l = crumbLine(c);
  const line =
    l.kind === 'http'
      ? `${l.method} ${l.url} ${l.status ?? ''}`
      : l.kind === 'navigation'
        ? `${l.from ?? ''} ${l.to}`
        : l.kind === 'query'
          ? l.sql
          : l.text;
  const data = c.data === undefined ? '' : JSON.stringify(c.data);
  return `${crumbType(c)} ${c.category ?? ''} ${line} ${data}`.toLowerCase();
}
