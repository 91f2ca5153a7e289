// Turning Sentry stats series ([[unixSeconds, count], ...]) into chart rows.
import type { StatsSeries } from '@/lib/issues/contract';

export interface Bucket {
  ts: number;
  count: number;
  label: string;
}

export function toBuckets(series: StatsSeries | undefined, daily: boolean): Bucket[] {
  return (series ?? []).map(([ts, count]) => {
    const d = new Date(ts * 1000);
    const label = daily
      ? d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
      : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    return { ts, count: Number(count) || 0, label };
  });
}

/** The bucket a moment falls into (the last bucket starting at or before it), or null outside the range. */
export function bucketOf(buckets: Bucket[], unixSeconds: number): Bucket | null {
  if (!buckets.length) return null;
  const step = buckets.length > 1 ? buckets[1].ts - buckets[0].ts : 3600;
  if (unixSeconds < buckets[0].ts || unixSeconds >= buckets[buckets.length - 1].ts + step) return null;
  let found = buckets[0];
  for (const b of buckets) if (b.ts <= unixSeconds) found = b;
  return found;
}
