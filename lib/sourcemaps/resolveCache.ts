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

/**
 * Lookups that found nothing, so a burst of events for a script nobody uploaded maps for (or uploaded later) does not
 * query the database every batch. An entry lives `ttlMs` at most; `clear()` (on every upload, uploadSignal.ts) drops
 * them all at once. At most `maxEntries`, oldest out first.
 */
export interface MissView<V> {
  get(key: string): { value: V } | undefined;
  set(key: string, value: V): void;
}

export class MissCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The remembered outcome, while fresh. */
  get(key: string): { value: V } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at < this.ttlMs) return e;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    // Insertion order is age order: the first entries are the oldest.
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(k);
    }
  }

  clear(): void {
    this.entries.clear();
    this.generation++;
  }

  /**
   * The cache as one batch sees it: a miss it found by a query that may have run before a `clear()` (an upload
   * committing meanwhile) is not recorded, or it would outlive the upload.
   */
  view(): MissView<V> {
    const generation = this.generation;
    return {
      get: (key) => this.get(key),
      set: (key, value) => {
        if (this.generation === generation) this.set(key, value);
      },
    };
  }
}
