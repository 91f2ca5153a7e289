// Slugs for organizations, teams and projects: lowercase letters, digits, dashes and underscores.
export const SLUG_RE = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export function slugProblem(slug: string): string | null {
  return SLUG_RE.test(slug) ? null : `"${slug}" is not a valid slug (lowercase letters, digits, - and _, at most 50)`;
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
