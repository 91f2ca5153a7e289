// Release order as Sentry has it: by semantic version when both versions parse as one (`package@1.2.3-rc.1+build`,
// or a bare `1.2.3`), else by when each release was first seen.

export interface ParsedVersion {
  /** The part before the first `@`, or null for a bare version. */
  package: string | null;
  /** major, minor, patch, revision: missing parts are 0 (`2` is `2.0.0.0`). */
  numbers: [number, number, number, number];
  /** The text after `-` (or directly after the numbers, `1.0rc1`), '' when none. */
  prerelease: string;
}

// sentry-release-parser's grammar: up to four numeric parts, an optional pre-release, an optional build code.
const IDENT = '(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)';
const SEMVER = new RegExp(
  `^(0|[1-9][0-9]*)(?:\\.(0|[1-9][0-9]*))?(?:\\.(0|[1-9][0-9]*))?(?:\\.(0|[1-9][0-9]*))?` +
    `(?:-?(${IDENT}(?:\\.${IDENT})*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`,
);

/** The semantic version of a release name, or null when it is not one (a commit sha, `nightly`, a date). */
export function parseVersion(release: string): ParsedVersion | null {
  // A package may itself start with `@` (npm scopes: `@acme/web@1.2.0`).
  const at = release.indexOf('@', 1);
  const pkg = at > 0 ? release.slice(0, at) : null;
  const raw = at > 0 ? release.slice(at + 1) : release;
  // A bare commit sha is a build, not a version, even when it starts with digits.
  if (/^[0-9a-f]+$/i.test(raw) && [12, 16, 20, 32, 40, 64].includes(raw.length)) return null;
  const m = SEMVER.exec(raw);
  if (!m) return null;
  // A single number takes a pre-release only after a dash: `1-rc1`, but `62aaca3` is not version 62.
  if (m[2] === undefined && m[5] !== undefined && raw[m[1].length] !== '-') return null;
  const numbers = [m[1], m[2], m[3], m[4]].map((n) => Number(n ?? 0)) as ParsedVersion['numbers'];
  // Sentry keeps these in bigint columns; anything larger is not a version it orders by.
  if (!numbers.every(Number.isSafeInteger)) return null;
  return { package: pkg, numbers, prerelease: m[5] ?? '' };
}

/**
 * Negative, 0 or positive as `a` is older than, the same as or newer than `b` by semantic version; null when the
 * two cannot be compared that way (either does not parse, or they name different packages). As in Sentry, a
 * release without a pre-release is newer than one with (`1.0.0` > `1.0.0-rc1`), pre-releases compare as text,
 * and the build code does not order (`1.0+a` and `1.0+b` tie, and first-seen time decides).
 */
export function compareVersions(a: string, b: string): number | null {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y || x.package !== y.package) return null;
  for (let i = 0; i < 4; i++) if (x.numbers[i] !== y.numbers[i]) return x.numbers[i] - y.numbers[i];
  if ((x.prerelease === '') !== (y.prerelease === '')) return x.prerelease === '' ? 1 : -1;
  return x.prerelease < y.prerelease ? -1 : x.prerelease > y.prerelease ? 1 : 0;
}
