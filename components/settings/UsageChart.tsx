'use client';
// 30 days of a project's events by outcome: accepted, rate-limited, refused, and what SDKs dropped themselves.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { figureStyle, gridProps, tooltipContentStyle, xAxisProps, yAxisProps } from '../charts/chartStyle';
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
      style={figureStyle}
      data-testid="usage-chart"
      aria-label={SERIES.map((s) => `${total(s.key)} ${s.name.toLowerCase()}`).join(', ') + ' in the last 30 days'}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 14, right: 8, bottom: 0, left: -10 }}>
          <CartesianGrid {...gridProps} />
          <XAxis {...xAxisProps} />
          <YAxis {...yAxisProps} />
          <Tooltip contentStyle={tooltipContentStyle} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="usage" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
