'use client';
// Events accepted (on the queue) and stored per minute over the last hour: two lines that part when the workers
// fall behind, and meet again once they have caught up.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ThroughputMinute } from '@/lib/status/contract';

const SERIES = [
  { key: 'accepted', name: 'Accepted', color: 'var(--accent, #4c6ef5)' },
  { key: 'stored', name: 'Stored', color: '#2f9e6c' },
] as const;

export function ThroughputChart({ minutes, height = 240 }: { minutes: ThroughputMinute[]; height?: number }) {
  const data = minutes.map((m) => ({
    ...m,
    label: new Date(m.minute).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
  }));
  const total = (k: (typeof SERIES)[number]['key']) => minutes.reduce((s, m) => s + m[k], 0);
  return (
    <figure
      style={{ margin: 0 }}
      data-testid="throughput-chart"
      aria-label={`${total('accepted')} events accepted and ${total('stored')} stored in the last hour`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 14, right: 12, bottom: 0, left: -10 }}>
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
          {SERIES.map((s) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
