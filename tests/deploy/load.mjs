// Sends events to a Faultline DSN from a few connections until COUNT are sent or the server stops answering,
// and writes the event ids answered 200 (accepted) to OUT, one a line. A rolling-update test then checks
// that every accepted event was stored. Usage: node load.mjs DSN COUNT OUT [CONNECTIONS]
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';

const [dsn, count, out, connections = '6'] = process.argv.slice(2);
const u = new URL(dsn);
const query = `sentry_key=${u.username}&sentry_version=7&sentry_client=faultline-load%2F1`;
const url = `${u.protocol}//${u.host}/api${u.pathname}/envelope/?${query}`;
const accepted = [];
const tally = { accepted: 0, refused: 0, failed: 0 };
const endings = {};
let next = 0;

async function lane() {
  while (next < Number(count)) {
    next++;
    const id = randomUUID().replaceAll('-', '');
    const event = {
      event_id: id,
      timestamp: Date.now() / 1000,
      platform: 'node',
      level: 'error',
      exception: { values: [{ type: 'LoadError', value: `rolling update ${id.slice(0, 6)}` }] },
    };
    const header = { event_id: id, sent_at: new Date().toISOString() };
    const body = [header, { type: 'event' }, event].map((part) => JSON.stringify(part) + '\n').join('');
    try {
      const r = await fetch(url, { method: 'POST', body });
      await r.arrayBuffer();
      if (r.status === 200) {
        accepted.push(id);
        tally.accepted++;
      } else {
        tally.refused++;
      }
    } catch (e) {
      // Connection refused or reset: the server is gone (or going); this lane is done.
      const code = e.cause?.code ?? e.code ?? e.message;
      endings[code] = (endings[code] ?? 0) + 1;
      tally.failed++;
      return;
    }
  }
}

await Promise.all(Array.from({ length: Number(connections) }, lane));
fs.writeFileSync(out, accepted.join('\n') + (accepted.length ? '\n' : ''));
const how = Object.entries(endings)
  .map(([code, n]) => `${n} ${code}`)
  .join(', ');
const ended = `${tally.failed} connections ended by the server${how ? ` (${how})` : ''}`;
console.log(`load: ${tally.accepted} accepted, ${tally.refused} refused (non-200), ${ended}`);
