// Events the ingest benchmarks send: what @sentry/node sends for an error with a 10-frame stack trace (~2.5 KB of
// JSON).
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';

function frame(i: number, variant: number) {
  return {
    filename: `/srv/app/src/services/module${i}.js`,
    module: `services.module${i}`,
    function: i === 9 ? `handleRequest${i}_${variant}` : `handleRequest${i}`,
    lineno: 100 + i * 7,
    colno: 13,
    in_app: i > 3,
    context_line: `  const r = await svc${i}.run(input);`,
  };
}

/** `variant` picks the failing function (one issue per variant); `user` the user id. */
export function benchEvent(variant = 0, user = 42) {
  return {
    event_id: randomBytes(16).toString('hex'),
    timestamp: Date.now() / 1000,
    platform: 'node',
    level: 'error',
    environment: 'production',
    release: 'bench@1.0.0',
    server_name: 'bench-host',
    exception: {
      values: [
        {
          type: 'TypeError',
          value: `Cannot read properties of undefined (reading 'id${user}')`,
          mechanism: { type: 'onuncaughtexception', handled: false },
          stacktrace: { frames: Array.from({ length: 10 }, (_, i) => frame(i, variant)) },
        },
      ],
    },
    tags: { region: 'eu-1', feature: 'checkout' },
    user: { id: String(user), ip_address: '{{auto}}' },
    contexts: { runtime: { name: 'node', version: 'v20.20.2' }, os: { name: 'Linux', version: '6.1' } },
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
  };
}

/** A gzip envelope of one event, as @sentry/node sends it; `variant` picks its issue. */
export function envelopeBody(variant = 0): Buffer {
  const event = benchEvent(variant);
  const header = {
    event_id: event.event_id,
    sent_at: new Date().toISOString(),
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
  };
  return zlib.gzipSync(`${JSON.stringify(header)}\n{"type":"event"}\n${JSON.stringify(event)}\n`);
}
