// Issue lists (project and organization): search, sort, paginate, serialize with stats, as Sentry's issue index
// answers.
import type { Db } from '../db.ts';
import { InvalidError } from '../errors.ts';
import { paginate } from '../api/pagination.ts';
import type { Principal } from '../auth/access.ts';
import { visibleProjectIds } from '../projects/visibility.ts';
import type { RoleName } from '../auth/roles.ts';
import { DEFAULT_QUERY, parseSearch, SearchError, type SearchTerm } from './search.ts';
import { searchIssueIds } from './queries/search.ts';
import { resolveSearchTerms } from './searchResolve.ts';
import type { IssueFilter, IssueSort } from './search.ts';
import { ISSUE_INCLUDE, serializeIssue, type SerializedIssue } from './serialize.ts';
import { issueStats, type StatsPeriod } from './stats.ts';

export interface IssueSearchInput {
  projectIds: number[];
  /** undefined = the parameter was absent. */
  query?: string;
  /** `environment=` parameters, as the dashboard's environment picker sends them. */
  environments?: string[];
  viewerId: number;
  now?: Date;
}

/** Parsed and resolved search as a filter; a malformed query, unknown key or ambiguous release is a 400 naming it. */
export async function issueFilter(db: Db, input: IssueSearchInput): Promise<IssueFilter> {
  const now = input.now ?? new Date();
  let terms: SearchTerm[];
  try {
    terms = await resolveSearchTerms(db, input.projectIds, parseSearch(input.query ?? DEFAULT_QUERY, now));
  } catch (e) {
    if (e instanceof SearchError) throw new InvalidError(null, `Error parsing search query: ${e.message}`);
    throw e;
  }
  if (input.environments?.length)
    terms.push({ kind: 'tag', key: 'environment', values: input.environments, negated: false });
  return { projectIds: input.projectIds, terms, viewerId: input.viewerId, now };
}

/** Serialized issues in the order of `ids`, with stats for the given periods. */
export async function loadIssues(
  db: Db,
  ids: number[],
  periods: StatsPeriod[],
  now = new Date(),
): Promise<SerializedIssue[]> {
  if (ids.length === 0) return [];
  const [rows, stats, unhandled] = await Promise.all([
    db.issue.findMany({ where: { id: { in: ids } }, include: ISSUE_INCLUDE }),
    issueStats(db, ids, periods, now),
    db.issueTagValue.findMany({
      where: { issueId: { in: ids }, key: 'handled', value: 'no' },
      select: { issueId: true },
    }),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unhandledIds = new Set(unhandled.map((u) => u.issueId));
  return ids
    .filter((id) => byId.has(id))
    .map((id) =>
      serializeIssue(byId.get(id)!, {
        stats: periods.length ? stats.get(id) : undefined,
        isUnhandled: unhandledIds.has(id),
        now,
      }),
    );
}

export async function listIssues(
  db: Db,
  url: URL,
  input: IssueSearchInput & { sort: IssueSort; statsPeriod: '' | '24h' | '14d' },
): Promise<{ rows: SerializedIssue[]; headers: Record<string, string> }> {
  const filter = await issueFilter(db, input);
  const page = await paginate(url, (offset, take) => searchIssueIds(db, filter, input.sort, offset, take));
  const periods: StatsPeriod[] = input.statsPeriod ? [input.statsPeriod] : [];
  return { rows: await loadIssues(db, page.rows, periods, filter.now), headers: page.headers };
}

/**
 * Projects an organization-wide request covers: the requested ids (none or `-1` = all) among those the principal
 * can see. Ids of projects the principal cannot see are dropped, never reported, so they cannot be probed.
 */
export async function orgProjectIds(
  p: Principal,
  orgId: number,
  role: RoleName | null,
  requested: number[],
): Promise<number[]> {
  const visible = await visibleProjectIds(p, orgId, role);
  if (requested.length === 0 || requested.includes(-1)) return visible;
  const wanted = new Set(requested);
  return visible.filter((id) => wanted.has(id));
}
