// `faultline run web|ingest|worker|cron`: starts one part of Faultline in the foreground.
import { parse, requireDatabaseUrl, UsageError } from '../args.ts';
import { config, configWarnings, parseConfig } from '../../config.ts';
import { spawnServer, spawnWorker, superviseChildren } from '../processes.ts';

export const help = `Usage: faultline run web [--port N] [--host H]
       faultline run ingest [--port N] [--host H]
       faultline run worker
       faultline run cron
Starts one part of Faultline:
  web     SDK ingest, dashboard and API on one port (PORT, default 9000)
  ingest  only the SDK ingest paths (/api/<id>/envelope/, /api/<id>/store/) and /_health/, for scaling ingest out
  worker  the event worker (it also runs the scheduled jobs)
  cron    only the scheduled jobs (usage counts, retention cleanup, source-map assemblies and leftovers; a lock
          keeps one cleanup at a time)`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } }, true);
  if (values.help) return (console.log(help), 0);
  const part = positionals[0];
  if (part === 'web' || part === 'ingest' || part === 'worker' || part === 'cron') requireDatabaseUrl();
  const c = config();
  for (const w of configWarnings(c)) console.error(`warning: ${w}`);
  if (part === 'web' || part === 'ingest') {
    // The web server always runs as production: refuse now, not at the first request, without SECRET_KEY.
    if (part === 'web') parseConfig({ ...process.env, NODE_ENV: 'production' });
    const port = values.port ? Number(values.port) : c.PORT;
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
      throw new UsageError(`--port must be a port number (got "${values.port}")`);
    return superviseChildren([spawnServer(part, port, process.env, (values.host as string) ?? '0.0.0.0')]);
  }
  if (part === 'worker') return superviseChildren([spawnWorker(process.env)]);
  if (part === 'cron') return superviseChildren([spawnWorker(process.env, 'cron')]);
  throw new UsageError(
    part
      ? `unknown part "${part}" (expected web, ingest, worker or cron)`
      : 'say which part to run: web, ingest, worker or cron',
  );
}
