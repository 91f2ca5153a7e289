// Polling for what another process (the worker, the delivery loop) does eventually.

/** Calls `fn` every `every` ms until `ok` accepts its value or `ms` have passed; returns the last value either way. */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms = 30_000,
  every = 200,
): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, every));
    v = await fn();
  }
  return v;
}
