// Entry of a web or ingest process (`faultline run web|ingest` starts it): one node:http server on one port.
//   web:    SDK ingest through lib/ingest, everything else through Next.js's request handler, in this process
//   ingest: SDK ingest and /_health/ only, for a scaled-out ingest Deployment
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { log } from '../log.ts';
import { projectRoot } from '../cli/paths.ts';
import { createFaultlineServer, stopGracefully, type RequestListener } from './httpServer.ts';
import { answerIngestOnly } from './ingestOnly.ts';

// Kubernetes and Docker kill 30 s after SIGTERM by default; in-flight requests get most of that.
const STOP_GRACE_MS = 25_000;

const { values, positionals } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' } },
  allowPositionals: true,
});
const role = positionals[0] === 'ingest' ? 'ingest' : 'web';
const port = Number(values.port ?? process.env.PORT ?? 9000);
const host = values.host ?? '0.0.0.0';

/**
 * The resolved Next.js config of a standalone build (the container image), or undefined. Such a build ships without
 * next.config.ts and the compiler that loading it takes; its config travels in required-server-files.json, and is
 * handed to Next.js the way Next's own standalone server.js does it.
 */
function standaloneConfig(): Record<string, unknown> | undefined {
  const distDir = process.env.NEXT_DIST_DIR || '.next'; // as next.config.ts picks it
  const file = path.join(projectRoot, distDir, 'required-server-files.json');
  if (!fs.existsSync(file)) return undefined;
  const { config } = JSON.parse(fs.readFileSync(file, 'utf8')) as { config: Record<string, unknown> };
  return config.output === 'standalone' ? config : undefined;
}

async function nextHandler(): Promise<RequestListener> {
  const conf = standaloneConfig();
  if (conf) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: projectRoot, hostname: host, port, conf });
  await app.prepare();
  return app.getRequestHandler();
}

const fallback = role === 'web' ? await nextHandler() : answerIngestOnly;
const server = createFaultlineServer(fallback);
server.listen(port, host, () => log.info(`faultline ${role} listening`, { host, port }));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const finished = await stopGracefully(server, STOP_GRACE_MS);
  if (!finished) log.warn(`requests still open ${STOP_GRACE_MS / 1000} s after SIGTERM were cut`);
  // Next.js and the connection pools keep timers; everything a client was promised has been answered.
  process.exit(finished ? 0 : 1);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
