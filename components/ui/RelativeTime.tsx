'use client';
// "5 minutes ago", with the exact time on hover; re-renders every minute.
import { useEffect, useState } from 'react';

export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.round((now - t) / 1000);
  const abs = Math.abs(s);
  const suffix = s >= 0 ? 'ago' : 'from now';
  if (abs < 45) return s >= 0 ? 'just now' : 'in a moment';
  const units: Array<[number, string]> = [[60, 'minute'], [3600, 'hour'], [86400, 'day'], [2592000, 'month'], [31536000, 'year']];
  let unit = units[0];
  for (const u of units) if (abs >= u[0] * 0.9) unit = u;
  const n = Math.max(1, Math.round(abs / unit[0]));
  return `${n} ${unit[1]}${n === 1 ? '' : 's'} ${suffix}`;
}

export function RelativeTime({ date }: { date: string | null | undefined }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  if (!date) return <span>—</span>;
  // Before hydration `now` is null: print the absolute time so server and client HTML agree.
  return (
    <time dateTime={date} title={new Date(date).toLocaleString()}>
      {now === null ? new Date(date).toISOString().slice(0, 16).replace('T', ' ') : relativeTime(date, now)}
    </time>
  );
}
