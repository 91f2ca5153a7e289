// How people name and link an issue: the short id (PROJECT-1A) and the dashboard path, for the API, alerts and UI.

/** Sentry's short id: the project slug in capitals and the per-project issue number in base 36. */
export function shortId(projectSlug: string, shortNumber: number): string {
  return `${projectSlug.toUpperCase()}-${shortNumber.toString(36).toUpperCase()}`;
}

/** The issue's page in the dashboard, relative to the site root (prefix config().url for a link sent out). */
export function issuePath(orgSlug: string, issueId: number | string): string {
  return `/organizations/${encodeURIComponent(orgSlug)}/issues/${issueId}/`;
}
