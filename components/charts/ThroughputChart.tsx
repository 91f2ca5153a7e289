'use client';
// Events accepted (on the queue) and stored per minute over the last hour: they part when the workers fall behind and
// meet again once they have caught up. Accepted is a filled area under the stored line, so both show when equal.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ThroughputMinute } from '@/lib/status/contract';

const ACCEPTED = 'var(--accent, #4c6ef5)';
const STORED = '#2f9e6c';

export function ThroughputChart({ minutes, height = 240 }: { minutes: ThroughputMinute[]; height?: number }) {
  const data = minutes.map((m) => ({
    ...m,
    label: new Date(m.minute).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
  }));
  const total = (k: 'accepted' | 'stored') => minutes.reduce((s, m) => s + m[k], 0);
  return (
    <figure
      style={{ margin: 0 }}
      data-testid="throughput-chart"
      aria-label={`${total('accepted')} events accepted and ${total('stored')} stored in the last hour`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 14, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            tickLine={false}
            axisLine={{ stroke: 'var(--border)' }}
            interval="preserveStartEnd"
            minTickGap={32}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            tickLine={false}
            axisLine={false}
            width={56}
          />
          <Tooltip
            contentStyle={{
              background: 'var(--bg)',
              border: '1px solid var(--border)',
              borderRadius: 8,
              fontSize: 12,
              color: 'var(--fg)',
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area
            type="linear"
            dataKey="accepted"
            name="Accepted"
            stroke={ACCEPTED}
            strokeWidth={2}
            fill={ACCEPTED}
            fillOpacity={0.15}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="stored"
            name="Stored"
            stroke={STORED}
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
