// `faultline run web|worker`: starts one part of Faultline in the foreground.
import { parse, requireDatabaseUrl, UsageError } from '../args.ts';
import { config, configWarnings, parseConfig } from '../../config.ts';
import { spawnWeb, spawnWorker, superviseChildren } from '../processes.ts';

export const help = `Usage: faultline run web [--port N] [--host H]
       faultline run worker
       faultline run cron
Starts the web server (Next.js; ingest, dashboard and API), the event worker, or only the scheduled jobs
(usage counts, retention cleanup; the worker runs them too, and a lock keeps one cleanup at a time).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } }, true);
  if (values.help) return (console.log(help), 0);
  const part = positionals[0];
  if (part === 'web' || part === 'worker') requireDatabaseUrl();
  const c = config();
  for (const w of configWarnings(c)) console.error(`warning: ${w}`);
  if (part === 'web') {
    // The web server always runs as production: refuse now, not at the first request, without SECRET_KEY.
    parseConfig({ ...process.env, NODE_ENV: 'production' });
    const port = values.port ? Number(values.port) : c.PORT;
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
      throw new UsageError(`--port must be a port number (got "${values.port}")`);
    return superviseChildren([spawnWeb(port, process.env, (values.host as string) ?? '0.0.0.0')]);
  }
  if (part === 'worker') return superviseChildren([spawnWorker(process.env)]);
  if (part === 'cron') return superviseChildren([spawnWorker(process.env, 'cron')]);
  throw new UsageError(
    part ? `unknown part "${part}" (expected web, worker or cron)` : 'say which part to run: web, worker or cron',
  );
}
