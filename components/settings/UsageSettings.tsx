'use client';
// Project settings → Usage: the 30-day outcome chart, why events were limited or dropped, the project's quotas
// and retention (editable), and how much the database holds.
import { useState } from 'react';
import { useProject, useUpdateProject } from '../hooks/useProjects';
import { useProjectUsage } from '../hooks/useUsage';
import type { Project } from '@/lib/projects/contract';
import type { ProjectUsage } from '@/lib/quotas/contract';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { UsageChart } from './UsageChart';
import ui from '../ui/ui.module.css';
import { formatBytes } from '../ui/bytes';
import { Button } from '../ui/Button';

const limitText = (n: number) => (n > 0 ? n.toLocaleString('en') : 'none');

/** Empty input = the install's default (null); otherwise a whole number. */
const toValue = (s: string) => (s.trim() === '' ? null : Number(s));
const toText = (n: number | null) => (n === null ? '' : String(n));

function Limits({ org, project, usage }: { org: string; project: Project; usage: ProjectUsage }) {
  const update = useUpdateProject(org, project.slug);
  const [perMinute, setPerMinute] = useState(toText(project.rateLimitPerMinute));
  const [perDay, setPerDay] = useState(toText(project.rateLimitPerDay));
  const [retention, setRetention] = useState(toText(project.retentionDays));
  const field = (id: string, label: string, value: string, set: (v: string) => void, now: string, min = 0) => (
    <div className={ui.field} style={{ flex: '1 1 180px' }}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={ui.input}
        type="number"
        min={min}
        placeholder={`default (${now})`}
        value={value}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );
  return (
    <form
      className={ui.panel}
      aria-label="Quotas and retention"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({
          rateLimitPerMinute: toValue(perMinute),
          rateLimitPerDay: toValue(perDay),
          retentionDays: toValue(retention),
        });
      }}
    >
      <h2>Quotas and retention</h2>
      <p className={ui.muted}>
        Empty fields use the install&apos;s defaults; 0 means no limit. Organization cap:{' '}
        {limitText(usage.limits.orgPerMinute)} per minute. Spike protection:{' '}
        {usage.limits.spikeFactor > 0 ? `${usage.limits.spikeFactor}× the usual rate` : 'off'}.
      </p>
      <ErrorNote error={update.error} />
      <div className={ui.row} style={{ alignItems: 'flex-end' }}>
        {field('quota-minute', 'Events per minute', perMinute, setPerMinute, limitText(usage.limits.perMinute))}
        {field('quota-day', 'Events per day', perDay, setPerDay, limitText(usage.limits.perDay))}
        {field('retention-days', 'Keep events (days)', retention, setRetention, `${usage.limits.retentionDays}`, 1)}
        <div className={ui.field}>
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isSuccess ? 'Saved' : 'Save'}
          </Button>
        </div>
      </div>
    </form>
  );
}

export function UsageSettings({ org, projectSlug }: { org: string; projectSlug: string }) {
  const project = useProject(org, projectSlug);
  const usage = useProjectUsage(org, projectSlug);
  if (project.error || usage.error) return <ErrorNote error={project.error ?? usage.error} />;
  if (!project.data || !usage.data) return <Loading what="usage" />;
  const u = usage.data;
  const p = project.data;
  return (
    <>
      <section className={ui.panel} aria-label="Events in the last 30 days">
        <h2>Events in the last 30 days</h2>
        <UsageChart days={u.days} />
        {u.reasons.length > 0 && (
          <table className={ui.table} aria-label="Outcomes by reason">
            <thead>
              <tr>
                <th>Outcome</th>
                <th>Category</th>
                <th>Reason</th>
                <th style={{ textAlign: 'right' }}>Events</th>
              </tr>
            </thead>
            <tbody>
              {u.reasons.map((r) => (
                <tr key={`${r.outcome}|${r.category}|${r.reason}`}>
                  <td>{r.outcome.replace('_', ' ')}</td>
                  <td>{r.category}</td>
                  <td className={ui.mono}>{r.reason || '—'}</td>
                  <td style={{ textAlign: 'right' }}>{r.quantity.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {/* Keyed by the saved values: the form starts again from them after a save. */}
      <Limits
        key={[p.rateLimitPerMinute, p.rateLimitPerDay, p.retentionDays].join('|')}
        org={org}
        project={p}
        usage={u}
      />
      <section className={ui.panel} aria-label="Storage">
        <h2>Storage</h2>
        <p>
          This project keeps {u.storage.storedEvents.toLocaleString('en')} event
          {u.storage.storedEvents === 1 ? '' : 's'}. The events table takes {formatBytes(u.storage.eventTableBytes)} of
          a {formatBytes(u.storage.databaseBytes)} database.
        </p>
      </section>
    </>
  );
}
