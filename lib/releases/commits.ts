// A release's commits as set-commits sends them: head refs (`--commit repo@sha`, `--clear`) or a commit list
// (`--local`).
// Stored in Release.commits; without a provider integration a ref records just its head commit, as Sentry does.
import type { Db } from '../db.ts';
import { InvalidError } from '../errors.ts';
import { reposByName, serializeRepo } from './repos.ts';

export interface StoredCommit {
  id: string;
  repository: string | null;
  message: string | null;
  author_name: string | null;
  author_email: string | null;
  timestamp: string | null;
  previousCommit?: string | null;
}

export interface RefInput {
  repository: string;
  commit: string;
  previousCommit?: string | null;
}

export interface CommitInput {
  id: string;
  repository?: string | null;
  message?: string | null;
  author_name?: string | null;
  author_email?: string | null;
  timestamp?: string | null;
}

/**
 * Head refs to stored commits; every repository must be known (404-free 400, like Sentry's "Invalid repository names").
 */
export async function commitsFromRefs(db: Db, orgId: number, refs: RefInput[]): Promise<StoredCommit[]> {
  const repos = await reposByName(db, orgId, [...new Set(refs.map((r) => r.repository))]);
  const unknown = [...new Set(refs.filter((r) => !repos.has(r.repository.toLowerCase())).map((r) => r.repository))];
  if (unknown.length)
    throw new InvalidError(
      'refs',
      `Invalid repository names: ${unknown.join(', ')} (add them with POST /api/0/organizations/{org}/repos/)`,
    );
  return refs.map((r) => ({
    id: r.commit,
    repository: repos.get(r.repository.toLowerCase())!.name,
    message: null,
    author_name: null,
    author_email: null,
    timestamp: null,
    previousCommit: r.previousCommit ?? null,
  }));
}

/** A commit list as sent; repositories it names are created when missing (Sentry does the same). */
export async function commitsFromList(db: Db, orgId: number, commits: CommitInput[]): Promise<StoredCommit[]> {
  const names = [...new Set(commits.map((c) => c.repository).filter((n): n is string => !!n))];
  if (names.length) {
    await db.repository.createMany({ data: names.map((name) => ({ orgId, name })), skipDuplicates: true });
  }
  return commits.map((c) => ({
    id: c.id,
    repository: c.repository ?? null,
    message: c.message ?? null,
    author_name: c.author_name ?? null,
    author_email: c.author_email ?? null,
    timestamp: c.timestamp ?? null,
  }));
}

export function storedCommits(json: unknown): StoredCommit[] {
  return Array.isArray(json) ? (json as StoredCommit[]) : [];
}

/** Distinct commit authors, as Sentry's release `authors`. */
export function authorsOf(commits: StoredCommit[]) {
  const seen = new Map<string, { name: string; email: string }>();
  for (const c of commits) {
    if (c.author_email && !seen.has(c.author_email))
      seen.set(c.author_email, { name: c.author_name ?? c.author_email, email: c.author_email });
  }
  return [...seen.values()];
}

/** Sentry's commit shape for GET .../commits/ (sentry-cli's `releases info -C` reads `id`). */
export async function serializeCommits(db: Db, orgId: number, commits: StoredCommit[], releaseCreated: Date) {
  const repos = await reposByName(db, orgId, [
    ...new Set(commits.map((c) => c.repository).filter((n): n is string => !!n)),
  ]);
  return commits.map((c) => {
    const repo = c.repository ? repos.get(c.repository.toLowerCase()) : undefined;
    return {
      id: c.id,
      message: c.message,
      dateCreated: c.timestamp ?? releaseCreated.toISOString(),
      repository: repo ? serializeRepo(repo) : null,
      author: c.author_email ? { name: c.author_name ?? c.author_email, email: c.author_email } : null,
      previousCommit: c.previousCommit ?? null,
    };
  });
}
