// `faultline createtoken`: an API token for sentry-cli and scripts, printed as the last line.
import { parse, requireDatabaseUrl, required, UsageError } from '../args.ts';
import { db } from '../../db.ts';
import { createApiToken, DEFAULT_SCOPES, unknownScopes, type Scope } from '../../auth/apiTokens.ts';

export const help = `Usage: faultline createtoken --email E [--scopes a,b,...] [--name N]
Creates an API token for the user (default scopes: ${DEFAULT_SCOPES.join(',')}). The token is the last line printed.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { email: { type: 'string' }, scopes: { type: 'string' }, name: { type: 'string' } });
  if (values.help) return (console.log(help), 0);
  requireDatabaseUrl();
  const email = required(values, 'email').trim().toLowerCase();
  const scopes = values.scopes
    ? String(values.scopes)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : DEFAULT_SCOPES;
  const bad = unknownScopes(scopes);
  if (bad.length) throw new UsageError(`unknown scope(s): ${bad.join(', ')}`);
  const user = await db().user.findUnique({ where: { email } });
  if (!user) throw new UsageError(`no user with email ${email}`);
  const { token } = await createApiToken(db(), user.id, {
    name: (values.name as string) ?? 'cli',
    scopes: scopes as Scope[],
  });
  console.log(`created token for ${email} with scopes ${scopes.join(',')}`);
  console.log(token);
  return 0;
}
