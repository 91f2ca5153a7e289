// The part of issue search that needs the database before any SQL runs: tag keys must exist in the selected projects,
// and release values (`latest`, a bare `1.5.0`) become the full versions stored on events and issues.
import type { Db } from '../db.ts';
import { customTagKeys, SearchError, type SearchTerm } from './search.ts';
import { existingTagKeys, latestRelease, releasesWithVersion } from './queries/search.ts';

/** Rejects a key no issue of the projects carries: a typo would otherwise read as "no issues match". */
async function checkTagKeys(db: Db, projectIds: number[], terms: SearchTerm[]): Promise<void> {
  const wanted = customTagKeys(terms);
  if (wanted.length === 0) return;
  const found = new Set(await existingTagKeys(db, projectIds, wanted));
  const unknown = wanted.find((k) => !found.has(k));
  if (unknown !== undefined) {
    throw new SearchError(
      `unknown key "${unknown}" (no issue in the selected projects has this tag; built-in keys are ` +
        'is, level, release, first-release, environment, user.email, assigned, firstSeen, lastSeen, times_seen, has)',
    );
  }
}

/**
 * A value with `@` or `*` is taken as written; `latest` is the newest release of the projects; a bare version is the
 * one release whose version is it or ends in `@it`. Two candidates (`shop@1.5.0`, `api@1.5.0`) are an error naming
 * both.
 */
async function resolveRelease(db: Db, projectIds: number[], value: string): Promise<string> {
  if (value.includes('@') || value.includes('*')) return value;
  if (value === 'latest') {
    const latest = await latestRelease(db, projectIds);
    if (latest === null) throw new SearchError('release: "latest" but the selected projects have no release');
    return latest;
  }
  const candidates = await releasesWithVersion(db, projectIds, value);
  if (candidates.includes(value) || candidates.length === 0) return value;
  if (candidates.length > 1) {
    throw new SearchError(
      `release: "${value}" is ambiguous (${candidates.slice(0, 5).join(', ')}); give the full version`,
    );
  }
  return candidates[0];
}

export async function resolveSearchTerms(db: Db, projectIds: number[], terms: SearchTerm[]): Promise<SearchTerm[]> {
  if (projectIds.length === 0) return terms;
  await checkTagKeys(db, projectIds, terms);
  return Promise.all(
    terms.map(async (t) =>
      t.kind === 'release'
        ? { ...t, values: await Promise.all(t.values.map((v) => resolveRelease(db, projectIds, v))) }
        : t,
    ),
  );
}
