// zod schemas of the issue endpoints' query strings, shared by the project- and organization-level routes.
import { z } from 'zod';
import { ISSUE_SORTS } from './searchQuery.ts';
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

export const issueEventsQuery = z.object({ full: z.enum(['true', 'false', '1', '0']).optional() });

export const tagValuesQuery = z.object({
  sort: z.enum(Object.keys(TAG_VALUE_SORTS) as [TagValueSort, ...TagValueSort[]]).default('-count'),
});

export const tagsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
