// node:http adapter of the ingest edge, so a lean server without Next.js can host the same core.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { socketClientIp } from '../auth/clientIp.ts';
import { recordIngest } from '../metrics/metrics.ts';
import { handleIngest, type IngestEndpoint, type IngestResponse } from './ingest.ts';

const PATH = /^(?:\/[^?]*)?\/api\/([^/]+)\/(envelope|store)\/?$/;

/** Answers `/api/<id>/envelope/` and `/api/<id>/store/` (under any path prefix); anything else is a JSON 404. */
export async function handleIngestNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const m = PATH.exec(url.pathname);
  let r: IngestResponse;
  if (!m) {
    r = { status: 404, headers: {}, body: { detail: `no ingest endpoint at ${url.pathname}` } };
  } else {
    r = await handleIngest({
      method: req.method ?? 'GET',
      endpoint: m[2] as IngestEndpoint,
      projectId: m[1],
      query: url.searchParams,
      header: (name) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v.join(', ') : (v ?? null);
      },
      body: req,
      clientIp: socketClientIp(req.headers, req.socket.remoteAddress),
    });
  }
  recordIngest(r.status, r.body, started);
  const body = r.body === null ? '' : JSON.stringify(r.body);
  const headers: Record<string, string | number> = { ...r.headers, 'content-length': Buffer.byteLength(body) };
  if (r.body !== null) headers['content-type'] = 'application/json';
  res.writeHead(r.status, headers);
  res.end(body);
}
