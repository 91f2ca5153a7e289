'use client';
// Events over time (hourly for 24 h, daily for 30 d) with a marker where each release started.
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsSeries } from '@/lib/issues/contract';
import type { Release } from '@/lib/releases/contract';
import { bucketOf, toBuckets } from './series';

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
  const markers = releases
    .map((r) => {
      const at = Date.parse(r.dateReleased ?? r.dateCreated);
      const b = Number.isNaN(at) ? null : bucketOf(data, at / 1000);
      return b ? { label: b.label, version: r.shortVersion ?? r.version } : null;
    })
    .filter((m): m is { label: string; version: string } => m !== null)
    .slice(0, 20);
  const total = data.reduce((s, b) => s + b.count, 0);
  return (
    <figure
      style={{ margin: 0 }}
      aria-label={`${total} events ${daily ? 'in the last 30 days' : 'in the last 24 hours'}`}
      data-testid="frequency-chart"
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 14, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            tickLine={false}
            axisLine={{ stroke: 'var(--border)' }}
            interval="preserveStartEnd"
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            tickLine={false}
            axisLine={false}
            width={48}
          />
          <Tooltip
            cursor={{ fill: 'var(--border)', fillOpacity: 0.4 }}
            contentStyle={{
              background: 'var(--bg)',
              border: '1px solid var(--border)',
              borderRadius: 8,
              fontSize: 12,
              color: 'var(--fg)',
            }}
            formatter={(v) => [String(v), 'events']}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} radius={[2, 2, 0, 0]} />
          {markers.map((m, i) => (
            <ReferenceLine
              key={`${m.version}-${i}`}
              x={m.label}
              stroke="#2f9e6c"
              strokeDasharray="3 3"
              label={{
                value: m.version.length > 18 ? m.version.slice(0, 17) + '…' : m.version,
                position: 'top',
                fontSize: 10,
                fill: '#2f9e6c',
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
