// `faultline upgrade`: applies pending migrations, like `sentry upgrade`.
import { parse } from '../args.ts';
import { config } from '../../config.ts';
import { upgrade } from '../migrate.ts';
import { UsageError } from '../args.ts';

export const help = `Usage: faultline upgrade
Creates the database if needed and applies pending migrations. Safe to run again.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  if (values.help) return (console.log(help), 0);
  const url = config().databaseUrl;
  if (!url) throw new UsageError('DATABASE_URL is not set');
  await upgrade(url);
  console.log('database is up to date');
  return 0;
}
