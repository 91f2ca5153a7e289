'use client';
// One tag's value distribution as a stacked bar (recharts) with the top values listed under it.
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tooltipContentStyle } from './chartStyle';
import type { IssueTag } from '@/lib/issues/contract';

const COLORS = ['#6c47ff', '#2f9e6c', '#e8a413', '#3b82f6', '#d8315b', '#8b8aa0'];

export function TagBars({ tag }: { tag: IssueTag }) {
  const top = tag.topValues.slice(0, 5);
  const shown = top.reduce((s, v) => s + Number(v.count), 0);
  const total = Math.max(Number(tag.totalValues) || 0, shown);
  const other = total - shown;
  const row: Record<string, number | string> = { name: tag.key };
  top.forEach((v, i) => (row[`v${i}`] = Number(v.count)));
  if (other > 0) row.other = other;
  const pct = (n: number) => (total ? Math.round((n / total) * 100) : 0);
  return (
    <div data-testid={`tag-${tag.key}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13, fontWeight: 600 }}>
        <span>{tag.name ?? tag.key}</span>
      </div>
      <ResponsiveContainer width="100%" height={14}>
        <BarChart layout="vertical" data={[row]} margin={{ top: 0, right: 0, bottom: 0, left: 0 }} barCategoryGap={0}>
          <XAxis type="number" hide domain={[0, total || 1]} />
          <YAxis type="category" dataKey="name" hide />
          <Tooltip
            cursor={false}
            contentStyle={tooltipContentStyle}
            formatter={(v, key) => {
              const i = String(key).startsWith('v') ? Number(String(key).slice(1)) : -1;
              return [`${v} (${pct(Number(v))}%)`, i >= 0 ? String(top[i]?.value ?? '(empty)') : 'other'];
            }}
          />
          {top.map((_, i) => (
            <Bar key={i} dataKey={`v${i}`} stackId="t" fill={COLORS[i]} isAnimationActive={false} />
          ))}
          {other > 0 && <Bar dataKey="other" stackId="t" fill={COLORS[5]} isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0', fontSize: 12.5 }}>
        {top.map((v, i) => (
          <li key={i} style={{ display: 'flex', gap: 6, alignItems: 'center', minWidth: 0 }}>
            <span style={{ width: 8, height: 8, borderRadius: 2, background: COLORS[i], flex: 'none' }} aria-hidden />
            <span
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1 }}
              title={String(v.value ?? '')}
            >
              {v.value ?? '(empty)'}
            </span>
            <span style={{ color: 'var(--muted)' }}>{pct(Number(v.count))}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
