// What an ingest-only process (`faultline run ingest`) answers besides the SDK ingest paths: its health, and a
// JSON 404 for everything else (the dashboard and /api/0 live in the web processes).
import type http from 'node:http';
import { healthAnswer } from '../health.ts';
import { isHealthTarget } from './ingestPaths.ts';

export async function answerIngestOnly(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (isHealthTarget(req.url) && (req.method === 'GET' || req.method === 'HEAD')) {
    const h = await healthAnswer();
    res.writeHead(h.status, { 'content-type': h.contentType }).end(req.method === 'HEAD' ? undefined : h.body);
    return;
  }
  const body = JSON.stringify({
    detail: `this process serves only SDK ingest; no endpoint at ${req.url?.split('?')[0]}`,
  });
  res.writeHead(404, { 'content-type': 'application/json' }).end(body);
}
