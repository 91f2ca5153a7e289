// `faultline createuser`: a local account, like `sentry createuser`.
import { parse, requireDatabaseUrl, required } from '../args.ts';
import { db } from '../../db.ts';
import { createLocalUser } from '../../users/users.ts';
import { isRole } from '../../auth/roles.ts';
import { UsageError } from '../args.ts';

export const help =
  `Usage: faultline createuser --email E --password P [--name N] [--superuser] [--org SLUG] ` +
  `[--role member|admin|manager|owner]
Creates a local user. With --org, the user joins that organization (created if missing) with --role (default member).`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    superuser: { type: 'boolean' },
    org: { type: 'string' },
    role: { type: 'string' },
  });
  if (values.help) return (console.log(help), 0);
  requireDatabaseUrl();
  const email = required(values, 'email');
  const role = values.role ?? (values.superuser ? 'owner' : 'member');
  if (!isRole(role)) throw new UsageError(`--role must be one of member, admin, manager, owner (got "${role}")`);
  const user = await createLocalUser(db(), {
    email,
    password: (values.password as string | undefined) ?? '',
    name: values.name as string | undefined,
    superuser: !!values.superuser,
    org: values.org as string | undefined,
    role,
  });
  console.log(`created user ${user.email} (id ${user.id})${user.isSuperuser ? ' as superuser' : ''}`);
  return 0;
}
