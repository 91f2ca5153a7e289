// The one HTTP server of a web or ingest process: SDK ingest paths go straight to lib/ingest's node adapter
// (about 8× the throughput of a Next.js route handler), /metrics to the process's metrics when METRICS_TOKEN is
// set, every other request to the fallback (Next.js, or the ingest-only answers).
import http from 'node:http';
import { stampPeerAddress } from '../auth/clientIp.ts';
import { handleIngestNode } from '../ingest/nodeHandler.ts';
import { log } from '../log.ts';
import { serveMetricsRequest } from '../metrics/serve.ts';
import { isIngestTarget } from './ingestPaths.ts';

export type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export function createFaultlineServer(fallback: RequestListener): http.Server {
  return http.createServer((req, res) => {
    const ingest = isIngestTarget(req.url);
    // The socket address, signed, for the sign-in limit per IP: Next's handlers cannot see the socket, and a
    // header a client sent itself must never count (a forged one is dropped here). The ingest path reads the
    // socket itself, so it skips the two HMACs.
    if (!ingest) stampPeerAddress(req.headers, req.socket.remoteAddress);
    Promise.resolve()
      .then(async () => {
        if (ingest) return handleIngestNode(req, res);
        if (!(await serveMetricsRequest(req, res))) return fallback(req, res);
      })
      .catch((err) => {
        log.error('request failed', { err, method: req.method, path: req.url?.split('?')[0] });
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"detail":"internal error"}');
      });
  });
}

// A client that keeps sending on a kept-alive connection (an SDK under load) would hold a closing server open
// until it is killed: after close(), answers say `Connection: close` and idle connections are dropped often.
const IDLE_SWEEP_MS = 100;

/**
 * Stops accepting connections and lets in-flight requests finish; connections still open after `graceMs` are
 * cut. Resolves with whether everything finished in time.
 */
export function stopGracefully(server: http.Server, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.shouldKeepAlive = false;
    });
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const cut = setTimeout(() => {
      server.closeAllConnections();
      resolve(false);
    }, graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve(true);
    });
    server.closeIdleConnections();
  });
}
