'use client';
// A small bar sparkline of event counts (issue rows, project cards). Fixed size: no layout measuring per row.
import { Bar, BarChart } from 'recharts';
import type { StatsSeries } from '../hooks/types';
import { toBuckets } from './series';

export function Sparkline({ series, width = 120, height = 28, label }: { series: StatsSeries | undefined; width?: number; height?: number; label?: string }) {
  const data = toBuckets(series, false);
  const total = data.reduce((s, b) => s + b.count, 0);
  return (
    <div role="img" aria-label={label ?? `${total} events`} style={{ width, height }} data-testid="sparkline">
      {data.length > 0 && (
        <BarChart width={width} height={height} data={data} margin={{ top: 1, right: 0, bottom: 0, left: 0 }} barCategoryGap={1}>
          <Bar dataKey="count" fill="var(--accent)" fillOpacity={0.75} isAnimationActive={false} />
        </BarChart>
      )}
    </div>
  );
}
