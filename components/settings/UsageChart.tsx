'use client';
// 30 days of a project's events by outcome: accepted, rate-limited, refused, and what SDKs dropped themselves.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageDay } from '@/lib/quotas/contract';

const SERIES = [
  { key: 'accepted', name: 'Accepted', color: 'var(--accent, #4c6ef5)' },
  { key: 'rateLimited', name: 'Rate-limited', color: '#f59f00' },
  { key: 'refused', name: 'Refused', color: '#e03131' },
  { key: 'clientDiscarded', name: 'Dropped by SDKs', color: '#868e96' },
] as const;

export function UsageChart({ days, height = 220 }: { days: UsageDay[]; height?: number }) {
  const data = days.map((d) => ({ ...d, label: d.date.slice(5) }));
  const total = (k: (typeof SERIES)[number]['key']) => days.reduce((s, d) => s + d[k], 0);
  return (
    <figure
      style={{ margin: 0 }}
      data-testid="usage-chart"
      aria-label={SERIES.map((s) => `${total(s.key)} ${s.name.toLowerCase()}`).join(', ') + ' in the last 30 days'}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 14, right: 8, bottom: 0, left: -10 }}>
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
          />
          <Tooltip
            contentStyle={{ background: 'var(--bg)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="usage" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
