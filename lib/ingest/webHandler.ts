// Fetch-API adapter of the ingest edge: the handlers the Next.js routes under app/api/[projectId]/ export.
import { everyMethod } from '../api/handler.ts';
import { json } from '../api/respond.ts';
import { clientIp, forwardedFor } from '../auth/clientIp.ts';
import { recordIngest } from '../metrics/metrics.ts';
import type { Chunks } from './decode.ts';
import { handleIngest, unsupportedIngest, type IngestEndpoint, type IngestResponse } from './ingest.ts';

/**
 * The body's chunks straight from a reader: cheaper per chunk than the web stream's async iterator, and unlike
 * arrayBuffer() it lets the edge see each chunk arrive, so its idle deadline can cut off a body that stalls.
 */
function bodyOf(req: Request): Chunks | null {
  const stream = req.body;
  if (!stream) return null;
  return {
    [Symbol.asyncIterator]: () => {
      const reader = stream.getReader();
      return { next: () => reader.read() as Promise<IteratorResult<Uint8Array>> };
    },
  };
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
    const started = performance.now();
    const { projectId } = await ctx.params;
    // Next's request already carries the parsed URL; a plain Request does not.
    const url = (req as { nextUrl?: URL }).nextUrl ?? new URL(req.url);
    const r = await handleIngest({
      method: req.method,
      endpoint,
      projectId: String(projectId ?? ''),
      query: url.searchParams,
      header: (name) => req.headers.get(name),
      body: req.method === 'POST' ? bodyOf(req) : null,
      // An event's IP ({{auto}}) is what the client says it is: no limit depends on it, so the forwarded value will do.
      clientIp: clientIp(req.headers) ?? forwardedFor(req.headers).at(-1) ?? null,
    });
    recordIngest(r.status, r.body, started);
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
