// `faultline upgrade`: applies pending migrations, like `sentry upgrade`.
import { parse, requireDatabaseUrl } from '../args.ts';
import { upgrade } from '../migrate.ts';

export const help = `Usage: faultline upgrade
Creates the database if needed and applies pending migrations. Safe to run again.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  if (values.help) return (console.log(help), 0);
  await upgrade(requireDatabaseUrl());
  console.log('database is up to date');
  return 0;
}
