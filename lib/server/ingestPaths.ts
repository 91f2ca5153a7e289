// Which request paths are the SDK ingest endpoints that the lean node:http path serves instead of Next.js.

// Exactly `/api/<project id>/envelope/` and `/api/<project id>/store/`, trailing slash optional, as the Next
// route folders app/api/[projectId]/{envelope,store} match them; the core validates the id itself.
const INGEST_PATH = /^\/api\/[^/]+\/(?:envelope|store)\/?$/;

/** Whether a request target (path and query, as node:http gives it) is an SDK ingest endpoint. */
export function isIngestTarget(target: string | undefined): boolean {
  if (!target) return false;
  const q = target.indexOf('?');
  return INGEST_PATH.test(q === -1 ? target : target.slice(0, q));
}

/** The health check path, with or without its trailing slash. */
export function isHealthTarget(target: string | undefined): boolean {
  const path = target?.split('?')[0];
  return path === '/_health/' || path === '/_health';
}
