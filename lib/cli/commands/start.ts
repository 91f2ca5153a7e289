// `faultline start` (what `npm start` runs): database, Redis, migrations, first-run set-up, web and worker.
import type { ChildProcess } from 'node:child_process';
import { parse } from '../args.ts';
import { config, configWarnings } from '../../config.ts';
import { startEmbeddedPostgres } from '../embeddedPostgres.ts';
import { ensureRedis } from '../localRedis.ts';
import { upgrade } from '../migrate.ts';
import { bootstrapIfEmpty } from '../firstRun.ts';
import { localSecretKey } from '../secretKey.ts';
import { spawnWeb, spawnWorker, superviseChildren } from '../processes.ts';

export const help = `Usage: faultline start
Runs everything on one machine: PostgreSQL (embedded when DATABASE_URL is unset: under .data/, or as root
under /var/lib/faultline if the postgres user cannot enter the checkout), Redis
(REDIS_URL, or a local redis-server), migrations, then the web server on PORT and the worker.`;

const say = (m: string) => console.log(`[faultline] ${m}`);

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  if (values.help) return (console.log(help), 0);
  // Like `sentry init`, a single-machine install gets its own secret on first start, kept under .data/.
  process.env.SECRET_KEY ||= localSecretKey();
  let stopPg: (() => Promise<void>) | undefined;
  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(say);
    process.env.DATABASE_URL = pg.url;
    stopPg = pg.stop;
  }
  const c = config();
  for (const w of configWarnings(c)) say(`warning: ${w}`);
  const redisChild: ChildProcess | null = await ensureRedis(c.REDIS_URL, say);
  say('applying migrations');
  await upgrade(c.databaseUrl, true);
  const { db, closeDb } = await import('../../db.ts');
  const first = await bootstrapIfEmpty(db(), c.url);
  await closeDb();
  if (first) for (const l of first) say(l);
  const children = [spawnWeb(c.PORT, process.env), spawnWorker(process.env)];
  say(`Faultline is starting on ${c.url} (Ctrl-C stops it)`);
  return superviseChildren(children, async () => {
    redisChild?.kill('SIGTERM');
    await stopPg?.();
    say('stopped');
  });
}
