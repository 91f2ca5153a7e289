// Serving /metrics: on the web and ingest processes' own port behind METRICS_TOKEN, on a worker's METRICS_PORT.
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { metricsExposition } from './metrics.ts';

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

async function answer(res: http.ServerResponse): Promise<void> {
  const { contentType, body } = await metricsExposition();
  res.writeHead(200, { 'content-type': contentType }).end(body);
}

/**
 * Answers `/metrics` when METRICS_TOKEN is set (401 without the right Bearer token); returns false for any other
 * request, or when no token is set, so the caller serves it as usual.
 */
export async function serveMetricsRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const token = config().METRICS_TOKEN;
  if (!token || req.url?.split('?')[0] !== '/metrics') return false;
  if (!bearerMatches(req.headers.authorization, token)) {
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
    res.end(JSON.stringify({ detail: 'send Authorization: Bearer <METRICS_TOKEN>' }));
    return true;
  }
  await answer(res);
  return true;
}

/** A worker's metrics server on METRICS_PORT (when set); it serves /metrics and nothing else. */
export function startMetricsServer(): http.Server | null {
  const port = config().METRICS_PORT;
  if (!port) return null;
  const server = http.createServer((req, res) => {
    if (req.url?.split('?')[0] !== '/metrics') return void res.writeHead(404).end();
    answer(res).catch((err) => {
      log.error('metrics failed', { err });
      res.writeHead(500).end();
    });
  });
  server.listen(port, () => log.info('metrics listening', { port }));
  return server.unref();
}
