'use client';
// Events accepted (on the queue) and stored per minute over the last hour: they part when the workers fall behind and
// meet again once they have caught up. Accepted is a filled area under the stored line, so both show when equal.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { figureStyle, gridProps, tooltipContentStyle, xAxisProps, yAxisProps } from './chartStyle';
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
      style={figureStyle}
      data-testid="throughput-chart"
      aria-label={`${total('accepted')} events accepted and ${total('stored')} stored in the last hour`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 14, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid {...gridProps} />
          <XAxis {...xAxisProps} minTickGap={32} />
          <YAxis {...yAxisProps} width={56} />
          <Tooltip contentStyle={tooltipContentStyle} />
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
