// The `faultline` command: dispatches to sub-commands and turns their errors into one-line reasons.
import { UsageError } from './args.ts';
import { ConfigError } from '../config.ts';
import { SetupError } from '../slug.ts';
import { DomainError } from '../errors.ts';

type Command = { help: string; run: (argv: string[]) => Promise<number> };

const commands: Record<string, () => Promise<Command>> = {
  start: () => import('./commands/start.ts'),
  upgrade: () => import('./commands/upgrade.ts'),
  createuser: () => import('./commands/createuser.ts'),
  createproject: () => import('./commands/createproject.ts'),
  createtoken: () => import('./commands/createtoken.ts'),
  run: () => import('./commands/run.ts'),
  cleanup: () => import('./commands/cleanup.ts'),
};

const usage = `Usage: faultline <command> [options]

Commands:
  start          run everything (what \`npm start\` does)
  upgrade        create the database if needed and apply migrations
  createuser     create a local user
  createproject  create a project (and its org and team) and print its DSN
  createtoken    create an API token for sentry-cli and scripts
  cleanup        remove events older than the retention (like \`sentry cleanup\`)
  run web|worker|cron  start one part in the foreground

Run \`faultline <command> --help\` for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`faultline: unknown command "${name}" (see faultline --help)`);
    return 2;
  }
  try {
    const cmd = await load();
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof SetupError || e instanceof DomainError) {
      console.error(`faultline ${name}: ${e.message}`);
      return 2;
    }
    console.error(`faultline ${name}: ${(e as Error).message}`);
    return 1;
  } finally {
    if (name !== 'start' && name !== 'run') {
      const { closeDb } = await import('../db.ts');
      const { closeSqlPool } = await import('../sql.ts');
      await Promise.all([closeDb(), closeSqlPool()]);
    }
  }
}
