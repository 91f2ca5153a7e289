'use client';
// Frequency of an issue over 24 hours (hourly) or 30 days (daily), with its project's releases marked.
import { useState } from 'react';
import { FrequencyChart } from '../charts/FrequencyChart';
import { useReleases } from '../hooks/useOrganizations';
import type { Issue } from '@/lib/issues/contract';
import ui from '../ui/ui.module.css';

export function IssueCharts({ issue, org }: { issue: Issue; org: string }) {
  const [period, setPeriod] = useState<'24h' | '30d'>('24h');
  const releases = useReleases(org, issue.project.id);
  const series = issue.stats?.[period];
  const total = (series ?? []).reduce((s, [, n]) => s + Number(n), 0);
  return (
    <section className={ui.panel}>
      <div className={ui.row} style={{ justifyContent: 'space-between', marginBottom: 6 }}>
        <h3 style={{ margin: 0 }}>Events</h3>
        <div className={ui.row} role="group" aria-label="Chart period">
          {(['24h', '30d'] as const).map((p) => (
            <button
              key={p}
              type="button"
              className={`${ui.button} ${period === p ? ui.primary : ''}`}
              aria-pressed={period === p}
              onClick={() => setPeriod(p)}
            >
              {p === '24h' ? '24 hours' : '30 days'}
            </button>
          ))}
        </div>
      </div>
      <div className={`${ui.small} ${ui.muted}`}>
        {total.toLocaleString()} events in the last {period === '24h' ? '24 hours' : '30 days'}
      </div>
      <FrequencyChart series={series} daily={period === '30d'} releases={releases.data ?? []} />
    </section>
  );
}
