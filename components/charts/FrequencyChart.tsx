'use client';
// Events over time (hourly for 24 h, daily for 30 d) with a marker where each release started.
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { figureStyle, gridProps, tooltipContentStyle, xAxisProps, yAxisProps } from './chartStyle';
import type { StatsSeries } from '@/lib/issues/contract';
import type { Release } from '@/lib/releases/contract';
import { bucketOf, toBuckets } from './series';

/** The narrowest the sidebar chart gets (px of plot) and the width of one label character at 10 px. */
const PLOT_PX = 240;
const CHAR_PX = 6.2;

/**
 * One marker per bucket (several releases in one bucket say "+N"), and a label only where it cannot overprint the
 * previous one: the line stays, the text goes, and the tooltip title still names every release.
 */
function labelledMarkers(buckets: string[], markers: { label: string; version: string }[]) {
  const byBucket = new Map<string, string[]>();
  for (const m of markers) byBucket.set(m.label, [...(byBucket.get(m.label) ?? []), m.version]);
  const perBucket = PLOT_PX / Math.max(buckets.length, 1);
  let lastEnd = -Infinity;
  return [...byBucket.entries()]
    .sort((a, b) => buckets.indexOf(a[0]) - buckets.indexOf(b[0]))
    .map(([label, versions]) => {
      const first = versions[0].length > 18 ? versions[0].slice(0, 17) + '…' : versions[0];
      const full = versions.length > 1 ? `${first} +${versions.length - 1}` : first;
      const center = (buckets.indexOf(label) + 0.5) * perBucket;
      const half = (full.length * CHAR_PX) / 2;
      const fits = center - half >= lastEnd + 4;
      if (fits) lastEnd = center + half;
      return { label, version: versions.join(', '), text: fits ? full : null };
    });
}

export function FrequencyChart({
  series,
  daily,
  releases = [],
  height = 160,
}: {
  series: StatsSeries | undefined;
  daily: boolean;
  releases?: Release[];
  height?: number;
}) {
  const data = toBuckets(series, daily);
  const markers = labelledMarkers(
    data.map((b) => b.label),
    releases
      .map((r) => {
        const at = Date.parse(r.dateReleased ?? r.dateCreated);
        const b = Number.isNaN(at) ? null : bucketOf(data, at / 1000);
        return b ? { label: b.label, version: r.shortVersion ?? r.version } : null;
      })
      .filter((m): m is { label: string; version: string } => m !== null)
      .slice(0, 20),
  );
  const total = data.reduce((s, b) => s + b.count, 0);
  return (
    <figure
      style={figureStyle}
      aria-label={`${total} events ${daily ? 'in the last 30 days' : 'in the last 24 hours'}`}
      data-testid="frequency-chart"
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 14, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid {...gridProps} />
          <XAxis {...xAxisProps} />
          <YAxis {...yAxisProps} width={48} />
          <Tooltip
            cursor={{ fill: 'var(--border)', fillOpacity: 0.4 }}
            contentStyle={tooltipContentStyle}
            formatter={(v) => [String(v), 'events']}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} radius={[2, 2, 0, 0]} />
          {markers.map((m, i) => (
            <ReferenceLine
              key={`${m.version}-${i}`}
              x={m.label}
              stroke="#2f9e6c"
              strokeDasharray="3 3"
              label={m.text === null ? undefined : { value: m.text, position: 'top', fontSize: 10, fill: '#2f9e6c' }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
