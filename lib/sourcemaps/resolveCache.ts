// The worker's cache of parsed source maps and minified scripts: least recently used first out, bounded by an
// estimate of the heap each entry holds (a decoded map is several times its JSON), not by a count.

export interface Sized {
  bytes: number;
}

export class ByteLru<V extends Sized> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  /** An entry larger than the whole budget is not kept: it would evict everything and then itself. */
  set(key: string, value: V): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    if (value.bytes > this.maxBytes) return;
    this.entries.set(key, value);
    this.total += value.bytes;
    for (const [k, v] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= v.bytes;
    }
  }
}
