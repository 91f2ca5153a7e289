// The one pagination helper: Sentry-style cursors (`<value>:<offset>:<is_prev>`) and `Link` headers,
// which sentry-cli follows (`rel="next"; results="true"; cursor="..."`) and the dashboard reads.
import { HttpError } from './respond.ts';

export interface Page {
  /** Rows to skip. */
  offset: number;
  /** Rows to return. */
  limit: number;
}

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 100;

/** Reads `cursor` and `per_page`/`limit` from a request URL. A malformed cursor is a 400, never a silent first page. */
export function pageFromUrl(url: URL, defaultLimit = DEFAULT_PER_PAGE): Page {
  const rawLimit = url.searchParams.get('per_page') ?? url.searchParams.get('limit');
  let limit = defaultLimit;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'per_page must be a positive integer');
    limit = Math.min(limit, MAX_PER_PAGE);
  }
  const cursor = url.searchParams.get('cursor');
  if (!cursor) return { offset: 0, limit };
  const m = /^(-?\d+(?:\.\d+)?):(\d+):([01])$/.exec(cursor);
  if (!m) throw new HttpError(400, 'cursor is malformed (expected <value>:<offset>:<is_prev>)');
  const offset = Number(m[2]);
  if (!Number.isSafeInteger(offset)) throw new HttpError(400, 'cursor offset is out of range');
  return { offset, limit };
}

function cursorString(offset: number, isPrev: boolean): string {
  return `0:${offset}:${isPrev ? 1 : 0}`;
}

/**
 * The `Link` header for a page. `hasMore` comes from fetching `limit + 1` rows; `total` is optional.
 * Sentry always sends both links; `results` says whether following them yields anything.
 */
export function linkHeader(url: URL, page: Page, hasMore: boolean): string {
  const link = (offset: number, isPrev: boolean, results: boolean) => {
    const u = new URL(url);
    const cursor = cursorString(offset, isPrev);
    u.searchParams.set('cursor', cursor);
    return `<${u.toString()}>; rel="${isPrev ? 'previous' : 'next'}"; results="${results}"; cursor="${cursor}"`;
  };
  const prevOffset = Math.max(0, page.offset - page.limit);
  return [link(prevOffset, true, page.offset > 0), link(page.offset + page.limit, false, hasMore)].join(', ');
}

/**
 * Fetch `limit + 1` rows with `fetchRows(offset, limit + 1)`, then cut to the page and build the header.
 * Every list endpoint goes through this so cursors behave the same everywhere.
 */
export async function paginate<T>(
  url: URL,
  fetchRows: (offset: number, take: number) => Promise<T[]>,
  defaultLimit = DEFAULT_PER_PAGE,
): Promise<{ rows: T[]; headers: Record<string, string> }> {
  const page = pageFromUrl(url, defaultLimit);
  const rows = await fetchRows(page.offset, page.limit + 1);
  const hasMore = rows.length > page.limit;
  return { rows: rows.slice(0, page.limit), headers: { link: linkHeader(url, page, hasMore) } };
}
