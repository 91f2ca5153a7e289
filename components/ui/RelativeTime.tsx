'use client';
// "5 minutes ago" (Intl.RelativeTimeFormat), with the exact time on hover; re-renders every minute.
import { useSyncExternalStore } from 'react';

// Intl words and pluralises it in the reader's language; only the choice of unit is ours.
const numeric = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });
const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: Array<[number, Intl.RelativeTimeFormatUnit]> = [
  [60, 'minute'],
  [3600, 'hour'],
  [86400, 'day'],
  [2592000, 'month'],
  [31536000, 'year'],
];

export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  // Under 45 seconds a rounded count of minutes would read "0 minutes" or "1 minute" too soon: say "now".
  if (abs < 45) return words.format(0, 'second');
  let unit = UNITS[0];
  for (const u of UNITS) if (abs >= u[0] * 0.9) unit = u;
  const n = Math.max(1, Math.round(abs / unit[0]));
  return numeric.format(s < 0 ? -n : n, unit[1]);
}

// The clock ticks every 15 s; its reading is rounded to the tick so React sees a stable snapshot between ticks.
const TICK_MS = 15_000;
function subscribeClock(onTick: () => void) {
  const t = setInterval(onTick, TICK_MS);
  return () => clearInterval(t);
}
function clockNow() {
  return Math.floor(Date.now() / TICK_MS) * TICK_MS;
}

export function RelativeTime({ date }: { date: string | null | undefined }) {
  const now = useSyncExternalStore(subscribeClock, clockNow, () => null);
  if (!date) return <span>—</span>;
  // Before hydration `now` is null: print the absolute time so server and client HTML agree.
  return (
    <time dateTime={date} title={new Date(date).toLocaleString()}>
      {now === null ? new Date(date).toISOString().slice(0, 16).replace('T', ' ') : relativeTime(date, now)}
    </time>
  );
}
