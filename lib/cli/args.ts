// Argument parsing shared by the faultline sub-commands: strict, with one-line reasons on error.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(argv: string[], options: O, positionals = false) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: positionals,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** DATABASE_URL, or a usage error saying what to set: every command but `start` needs a PostgreSQL server. */
export function requireDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url)
    throw new UsageError(
      'DATABASE_URL is not set; point it at your PostgreSQL server, e.g. postgres://faultline:PASSWORD@db.example.com:5432/faultline',
    );
  return url;
}
