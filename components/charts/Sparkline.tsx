'use client';
// A small bar sparkline of event counts (issue rows, project cards). Plain SVG rather than recharts: a list
// draws 25 of them and recharts costs ~25 ms per chart, which alone pushed the issue list past 1 s.
import type { StatsSeries } from '@/lib/issues/contract';

export function Sparkline({
  series,
  width = 120,
  height = 28,
  label,
}: {
  series: StatsSeries | undefined;
  width?: number;
  height?: number;
  label?: string;
}) {
  const counts = (series ?? []).map(([, n]) => Number(n) || 0);
  const total = counts.reduce((s, n) => s + n, 0);
  const max = Math.max(1, ...counts);
  const step = counts.length ? width / counts.length : width;
  const bar = Math.max(1, step - 1);
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={label ?? `${total} events`}
      data-testid="sparkline"
      style={{ display: 'block' }}
    >
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--border)" />
      {counts.map((n, i) =>
        n > 0 ? (
          <rect
            key={i}
            x={i * step}
            width={bar}
            y={height - Math.max(2, (n / max) * (height - 2))}
            height={Math.max(2, (n / max) * (height - 2))}
            fill="var(--accent)"
            opacity={0.8}
          />
        ) : null,
      )}
    </svg>
  );
}
