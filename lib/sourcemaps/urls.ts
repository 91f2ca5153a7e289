// Artifact URLs: `~/path` (any scheme and host) or absolute, and how a frame's abs_path maps onto them.

const TILDE_BASE = 'http://tilde.invalid';

/**
 * The artifact URLs to try for a frame's abs_path, in symbolicator's order (`get_release_file_candidate_urls`):
 * without #fragment, without ?query, then `~` + path without fragment, `~` + path without query.
 */
export function candidateUrls(absPath: string): string[] {
  const path = absPath.replace(/^async /, '');
  const noFragment = path.split('#')[0];
  const noQuery = noFragment.split('?')[0];
  const out = [noFragment, noQuery];
  const tildeOf = (u: string) => {
    if (u.startsWith('~/')) return u;
    try {
      const parsed = new URL(u);
      return `~${parsed.pathname}${parsed.search}`;
    } catch {
      return u.startsWith('/') ? `~${u}` : null; // a plain path, as @sentry/node sends (`/srv/app/dist/x.js`)
    }
  };
  for (const u of [noFragment, noQuery]) {
    const t = tildeOf(u);
    if (t) out.push(t);
  }
  return [...new Set(out)];
}

/** `ref` (a `sourcemap` header or sourceMappingURL) resolved against the artifact URL of the file naming it. */
export function resolveArtifactUrl(base: string, ref: string): string {
  // An absolute reference (`webpack://ns/./x.js` in a map's sources) stands as is, whatever the base.
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
  if (base.startsWith('~/')) {
    const u = new URL(ref, TILDE_BASE + base.slice(1));
    return u.origin === TILDE_BASE ? `~${u.pathname}${u.search}` : u.href;
  }
  try {
    return new URL(ref, base).href;
  } catch {
    // a plain path base such as /srv/app/dist/app.min.js
    return new URL(ref, `file://${base}`).pathname;
  }
}

/** The last `//# sourceMappingURL=` of a script (the only one the browser honours), or null. */
export function sourceMappingUrlOf(script: string): string | null {
  const re = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/gm;
  let last: string | null = null;
  for (let m = re.exec(script); m; m = re.exec(script)) last = m[1];
  return last;
}

/** The JSON text of a `data:application/json;base64,...` (or percent-encoded) source map URL, or null. */
export function decodeDataUrl(url: string): string | null {
  const m = /^data:[^,]*?(;base64)?,(.*)$/s.exec(url);
  if (!m) return null;
  return m[1] ? Buffer.from(m[2], 'base64').toString('utf8') : decodeURIComponent(m[2]);
}
