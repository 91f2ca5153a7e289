// How a resolved frame names its original file: the map's `sources[i]` made readable, and whether it is the app's.

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
