// What an ingest-only process (`faultline run ingest`) answers besides the SDK ingest paths: its health, and a
// JSON 404 for everything else (the dashboard and /api/0 live in the web processes).
import type http from 'node:http';
import { checkHealth } from '../health.ts';
import { isHealthTarget } from './ingestPaths.ts';

export async function answerIngestOnly(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (isHealthTarget(req.url) && (req.method === 'GET' || req.method === 'HEAD')) {
    const h = await checkHealth();
    const body = h.ok ? 'ok' : `unavailable: ${h.failing.join(', ')}`;
    res.writeHead(h.ok ? 200 : 503, { 'content-type': 'text/plain' }).end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const body = JSON.stringify({
    detail: `this process serves only SDK ingest; no endpoint at ${req.url?.split('?')[0]}`,
  });
  res.writeHead(404, { 'content-type': 'application/json' }).end(body);
}
