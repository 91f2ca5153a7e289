// The look every dashboard chart shares (axes, grid, tooltip), so the charts differ only in what they plot.
// Plain prop objects spread onto recharts' own elements: recharts reads its children's props directly.
import type { CSSProperties } from 'react';

export const gridProps = { vertical: false, stroke: 'var(--border)' } as const;

/** The category (time) axis along the bottom. */
export const xAxisProps = {
  dataKey: 'label',
  tick: { fontSize: 11, fill: 'var(--muted)' },
  tickLine: false,
  axisLine: { stroke: 'var(--border)' },
  interval: 'preserveStartEnd',
  minTickGap: 24,
} as const;

/** The count axis on the left: whole numbers only. */
export const yAxisProps = {
  allowDecimals: false,
  tick: { fontSize: 11, fill: 'var(--muted)' },
  tickLine: false,
  axisLine: false,
} as const;

export const tooltipContentStyle: CSSProperties = {
  background: 'var(--bg)',
  border: '1px solid var(--border)',
  borderRadius: 8,
  fontSize: 12,
  color: 'var(--fg)',
};

export const figureStyle: CSSProperties = { margin: 0 };
