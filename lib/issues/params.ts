// zod schemas of the issue endpoints' query strings, shared by the project- and organization-level routes.
import { z } from 'zod';
import { ISSUE_SORTS } from './search.ts';
import { TAG_VALUE_SORTS, type TagValueSort } from './tags.ts';

const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ''));

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v, ctx) => {
    const raw = v === undefined ? [] : Array.isArray(v) ? v : [v];
    const out: number[] = [];
    for (const s of raw) {
      if (!/^-?\d{1,12}$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `"${s}" is not an id` });
        return z.NEVER;
      }
      out.push(Number(s));
    }
    return out;
  });

export const issueListQuery = z.object({
  query: z.string().optional(),
  sort: z.enum(ISSUE_SORTS).default('date'),
  // Sentry: absent = 24h, empty = no stats.
  statsPeriod: z.enum(['', '24h', '14d']).default('24h'),
  environment: stringList,
});

/** The organization-wide list: `project=<id>` repeatable, `-1` (or none) = every project the principal can see. */
export const orgIssueListQuery = issueListQuery.extend({ project: idList });

/** Bulk PUT/DELETE select issues by `id=` (repeatable), else by `query` / sentry-cli's `status=` filter. */
export const bulkSelectQuery = z.object({
  id: idList,
  query: z.string().optional(),
  status: z.enum(['resolved', 'unresolved', 'ignored', 'muted']).optional(),
  environment: stringList,
});

export const orgBulkSelectQuery = bulkSelectQuery.extend({ project: idList });

export const issueEventsQuery = z.object({
  full: z.enum(['true', 'false', '1', '0']).optional(),
  query: z.string().max(500).default(''),
});

export const tagValuesQuery = z.object({
  sort: z.enum(Object.keys(TAG_VALUE_SORTS) as [TagValueSort, ...TagValueSort[]]).default('-count'),
});

export const tagsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

const positiveInt = z.number().int().positive().max(1_000_000_000).nullish();
const ignoreFields = {
  ignoreDuration: positiveInt,
  ignoreCount: positiveInt,
  ignoreUntil: z.iso.datetime({ offset: true }).nullish(),
  // Sentry's "N times per window" and "N users" conditions; Faultline has no per-window or per-user counts for them.
  ignoreWindow: z.number().nullish(),
  ignoreUserCount: z.number().nullish(),
  ignoreUserWindow: z.number().nullish(),
};

const statusDetailsInput = z.object({
  inNextRelease: z.boolean().optional(),
  inRelease: z.string().trim().min(1).max(200).optional(),
  inCommit: z.unknown().optional(),
  ...ignoreFields,
});

export interface IssueChanges {
  status?: 'resolved' | 'resolvedInNextRelease' | 'unresolved' | 'ignored';
  statusDetails: {
    inNextRelease?: boolean;
    inRelease?: string;
    ignoreDuration?: number;
    ignoreCount?: number;
    ignoreUntil?: string;
  };
  /** null or '' clears the assignee. */
  assignedTo?: string | null;
  merge: boolean;
}

/** The body of Sentry's issue update / bulk mutate (what sentry-cli and the dashboard send). */
export const issueUpdateBody = z
  .object({
    status: z.enum(['resolved', 'resolvedInNextRelease', 'unresolved', 'ignored', 'muted']).optional(),
    statusDetails: statusDetailsInput.optional(),
    substatus: z.string().nullish(),
    // Sentry also reads the ignore details from the top level; sentry-cli's `issues mute` sends `snoozeDuration`.
    ...ignoreFields,
    snoozeDuration: positiveInt,
    assignedTo: z.string().max(320).nullable().optional(),
    merge: z.union([z.boolean(), z.literal(0), z.literal(1), z.literal('0'), z.literal('1')]).optional(),
    discard: z.boolean().optional(),
    hasSeen: z.boolean().optional(),
    isBookmarked: z.boolean().optional(),
    isSubscribed: z.boolean().optional(),
    isPublic: z.boolean().optional(),
  })
  .transform((b, ctx): IssueChanges => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (b.discard) return fail('discard: not supported');
    const d = b.statusDetails ?? { ...b, ignoreDuration: b.ignoreDuration ?? b.snoozeDuration };
    if ('inCommit' in d && d.inCommit != null)
      return fail('statusDetails.inCommit: resolving by commit is not supported');
    for (const k of ['ignoreWindow', 'ignoreUserCount', 'ignoreUserWindow'] as const) {
      if (d[k] != null)
        return fail(`statusDetails.${k}: not supported (use ignoreDuration, ignoreUntil or ignoreCount)`);
    }
    const ignore = (['ignoreDuration', 'ignoreCount', 'ignoreUntil'] as const).filter((k) => d[k] != null);
    if (ignore.length > 1) return fail(`statusDetails: give one of ${ignore.join(', ')}`);
    const details: IssueChanges['statusDetails'] = {};
    if ('inNextRelease' in d && d.inNextRelease) details.inNextRelease = true;
    if ('inRelease' in d && d.inRelease) details.inRelease = d.inRelease;
    if (d.ignoreDuration != null) details.ignoreDuration = d.ignoreDuration;
    if (d.ignoreCount != null) details.ignoreCount = d.ignoreCount;
    if (d.ignoreUntil != null) details.ignoreUntil = d.ignoreUntil;
    return {
      status: b.status === 'muted' ? 'ignored' : b.status,
      statusDetails: details,
      assignedTo: b.assignedTo,
      merge: b.merge === true || b.merge === 1 || b.merge === '1',
    };
  });

/** The search box's completion endpoints: `project=` as on the org issue list, `query` = what is typed of a value. */
export const orgTagsQuery = z.object({ project: idList });
export const orgTagValuesQuery = z.object({ project: idList, query: z.string().max(200).default('') });
