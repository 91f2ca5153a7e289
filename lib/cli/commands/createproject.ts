// `faultline createproject`: org, team and project as needed, and prints the DSN as the last line.
import { parse, requireDatabaseUrl, required } from '../args.ts';
import { db } from '../../db.ts';
import { config } from '../../config.ts';
import { ensureProject } from '../../projects/setup.ts';
import { buildDsn } from '../../projects/dsn.ts';

export const help = `Usage: faultline createproject --org SLUG --project SLUG [--team SLUG] [--platform P] [--name NAME]
Creates the organization, team and project if missing, with a DSN key. The DSN is the last line printed.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    org: { type: 'string' },
    project: { type: 'string' },
    team: { type: 'string' },
    platform: { type: 'string' },
    name: { type: 'string' },
  });
  if (values.help) return (console.log(help), 0);
  requireDatabaseUrl();
  const r = await ensureProject(db(), {
    org: required(values, 'org'),
    project: required(values, 'project'),
    team: values.team as string | undefined,
    platform: values.platform as string | undefined,
    name: values.name as string | undefined,
  });
  console.log(`${r.created ? 'created' : 'found'} project ${r.org.slug}/${r.project.slug} (id ${r.project.id})`);
  console.log(buildDsn(config().ingestUrl, r.key.publicKey, r.project.id));
  return 0;
}
