// `faultline cleanup`: removes events older than the retention now, like `sentry cleanup --days N`.
import { parse, UsageError } from '../args.ts';
import { config } from '../../config.ts';
import { formatSummary } from '../../retention/cleanup.ts';
import { cleanupExclusively } from '../../retention/schedule.ts';

export const help = `Usage: faultline cleanup [--days N] [--org SLUG] [--project SLUG] [--dry-run]
Removes events older than N days (default: each project's retention, else EVENT_RETENTION_DAYS), then the issues
whose last event is gone and hourly counts older than that. Prints progress and a summary. --dry-run only counts.
--org limits it to one organization's projects, --project to one project (with --org when the slug is used in
several organizations).`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    days: { type: 'string' },
    org: { type: 'string' },
    project: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (values.help) return (console.log(help), 0);
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1))
    throw new UsageError(`--days must be a whole number of days, at least 1 (got "${values.days}")`);
  console.log(
    `cleanup: events older than ${days ?? `each project's retention (default ${config().EVENT_RETENTION_DAYS})`} days` +
      (values.project ? ` in project "${values.project}"` : '') +
      (values.org ? ` of organization "${values.org}"` : '') +
      (values['dry-run'] ? ' (dry run: nothing is removed)' : ''),
  );
  const summary = await cleanupExclusively({
    days,
    orgSlug: values.org as string | undefined,
    projectSlug: values.project as string | undefined,
    dryRun: Boolean(values['dry-run']),
    onProgress: (line) => console.log(line),
  });
  if (!summary) {
    console.error('faultline cleanup: another cleanup is running (worker or cron); try again later');
    return 1;
  }
  console.log(formatSummary(summary));
  return 0;
}
