// Slugs for organizations, teams and projects: lowercase letters, digits, dashes and underscores.
export const SLUG_RE = /^[a-z0-9][a-z0-9_-]{0,49}$/;

/** A slug given when creating an organization, team or project (CLI, first start, API) is not valid. */
export class SetupError extends Error {}

export function slugProblem(slug: string): string | null {
  return SLUG_RE.test(slug) ? null : `"${slug}" is not a valid slug (lowercase letters, digits, - and _, at most 50)`;
}

/** Throws SetupError naming the problem when `slug` is not valid. */
export function assertSlug(slug: string): void {
  const problem = slugProblem(slug);
  if (problem) throw new SetupError(problem);
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'project'
  );
}
