// Fetch-API adapter of the ingest edge: the handlers the Next.js routes under app/api/[projectId]/ export.
import { everyMethod } from '../api/handler.ts';
import { json } from '../api/respond.ts';
import { clientIp } from '../auth/clientIp.ts';
import type { Chunks } from './decode.ts';
import { handleIngest, unsupportedIngest, type IngestEndpoint, type IngestResponse } from './ingest.ts';

// Bodies up to this size with a Content-Length are read in one call: Next's web-stream plumbing costs more per
// chunk than the whole ingest of a typical 1 KB envelope. Content-Length bounds what arrayBuffer() can read.
const READ_WHOLE_BYTES = 64 * 1024;

function bodyOf(req: Request): Promise<Chunks | null> | Chunks | null {
  if (!req.body) return null;
  const length = Number(req.headers.get('content-length') ?? NaN);
  if (length >= 0 && length <= READ_WHOLE_BYTES) return req.arrayBuffer().then((b) => [new Uint8Array(b)]);
  // Node's web ReadableStream is async-iterable (the DOM typings do not say so).
  return req.body as unknown as AsyncIterable<Uint8Array>;
}

type Ctx = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler = (req: Request, ctx: Ctx) => Promise<Response>;

function toResponse(r: IngestResponse): Response {
  if (r.body === null) return new Response(null, { status: r.status, headers: r.headers });
  return json(r.body, { status: r.status, headers: r.headers });
}

/** One handler for every method: POST ingests, OPTIONS answers the CORS preflight, the rest get a JSON 405. */
export function ingestHandler(endpoint: IngestEndpoint): Handler {
  return async (req, ctx) => {
    const { projectId } = await ctx.params;
    // Next's request already carries the parsed URL; a plain Request does not.
    const url = (req as { nextUrl?: URL }).nextUrl ?? new URL(req.url);
    const r = await handleIngest({
      method: req.method,
      endpoint,
      projectId: String(projectId ?? ''),
      query: url.searchParams,
      header: (name) => req.headers.get(name),
      body: req.method === 'POST' ? await bodyOf(req) : null,
      clientIp: clientIp(req.headers),
    });
    return toResponse(r);
  };
}

/** Route exports of an ingest endpoint: `export const { GET, POST, ... } = ingestRoutes('envelope')`. */
export function ingestRoutes(endpoint: IngestEndpoint) {
  return everyMethod(ingestHandler(endpoint));
}

/** Route exports of an ingest path not implemented yet. */
export function unsupportedIngestRoutes(what: string) {
  return everyMethod(unsupportedIngestHandler(what));
}

/** Handler of an ingest path not implemented yet: a JSON 404 with CORS headers, never an HTML page. */
export function unsupportedIngestHandler(what: string): Handler {
  return async (req) => toResponse(unsupportedIngest({ method: req.method, header: (n) => req.headers.get(n) }, what));
}
