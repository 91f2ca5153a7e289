// How a frame's path meets an uploaded file: debug-ID normalisation, the candidate artifact URLs of a path (the `~/`
// rule), and joining a `sourcemap` reference onto a script's URL or file path.

const DASHED = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?:-[0-9a-f]+)?$/;

/** Lower-case dashed UUID, or null. Sentry's DebugId may carry an appendix (`…-1`, meaningful only for native). */
export function normalizeDebugId(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = DASHED.exec(
    v
      .trim()
      .toLowerCase()
      .replace(/^\{|\}$/g, ''),
  );
  return m ? `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}` : null;
}

const SCHEME_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i;

/**
 * Artifact URLs that may hold the file at `absPath`, most specific first (symbolicator's
 * `get_release_file_candidate_urls`): the URL without fragment, without query, then `~` + the path, so an upload
 * with `--url-prefix '~/assets'` matches any scheme and host, and `app:///x.js` matches `~/x.js`.
 */
export function candidateUrls(absPath: string): string[] {
  const noFragment = absPath.split('#')[0];
  const noQuery = noFragment.split('?')[0];
  const m = SCHEME_HOST.exec(noFragment);
  const path = m ? m[1] || '/' : noFragment.startsWith('/') ? noFragment : null;
  const urls = [noFragment, noQuery];
  if (path !== null) urls.push(`~${path}`, `~${path.split('?')[0]}`);
  return [...new Set(urls)];
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `ref` (a `sourcemap` header, a source path) resolved against `base`: an http(s) URL, a `~/` URL or a file path. */
export function joinUrl(base: string, ref: string): string {
  if (HAS_SCHEME.test(ref)) return ref;
  if (base.startsWith('~/')) return new URL(ref, `http://~${base.slice(1)}`).href.replace(/^http:\/\/~\//, '~/');
  if (SCHEME_HOST.test(base)) return new URL(ref, base).href;
  return new URL(ref, `file://${base.startsWith('/') ? '' : '/'}${base}`).pathname;
}

/** What a resolved frame's `filename` shows: the map's own `sources[i]`, webpack's namespaces made readable. */
export function displaySource(source: string): string {
  const w = /^webpack:\/\/[^/]*\/(.*)$/.exec(source);
  if (!w) return source;
  const rest = w[1];
  return rest.startsWith('./') || rest.startsWith('~/') ? rest : rest.replace(/^\/+/, '');
}

/** Third-party code by its original path: npm packages, and webpack's `~/` alias for node_modules. */
export function isVendorSource(source: string): boolean {
  return /(^|\/)node_modules\//.test(source) || /^webpack:\/\/[^/]*\/~\//.test(source) || source.startsWith('~/');
}
