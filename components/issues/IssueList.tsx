'use client';
// The org issue list: search, project filter, sort and period kept in the URL; cursor pages; bulk changes.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { DEFAULT_QUERY } from '@/lib/issues/search';
import { useProjects } from '../hooks/useProjects';
import { useBulkUpdateIssues, useIssues } from '../hooks/useIssues';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { useToast } from '../ui/Toast';
import { restoreGroups, statusChangeText } from '@/lib/issues/statusUndo';
import { AssigneeSelect } from './AssigneeSelect';
import { IssueRow } from './IssueRow';
import { NoIssues } from './NoIssues';
import { SearchBar } from './SearchBar';
import { StatusActions } from './StatusActions';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

const SORTS: Array<[string, string]> = [
  ['date', 'Last seen'],
  ['new', 'First seen'],
  ['freq', 'Events'],
  ['user', 'Users'],
];

export function IssueList({ org }: { org: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const query = sp.get('query') ?? DEFAULT_QUERY;
  const project = sp.get('project') ?? '';
  const sort = sp.get('sort') ?? 'date';
  const statsPeriod = sp.get('statsPeriod') === '14d' ? '14d' : '24h';
  const cursor = sp.get('cursor') ?? '';
  const projects = useProjects(org);
  const issues = useIssues(org, { project, query, sort, statsPeriod, cursor });
  const bulk = useBulkUpdateIssues(org);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  /** A null (or, except for `query`, empty) value removes the parameter: an empty query means "everything". */
  function setParams(change: Record<string, string | null>) {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(change)) {
      if (v === null || (v === '' && k !== 'query')) next.delete(k);
      else next.set(k, v);
    }
    if (!('cursor' in change)) next.delete('cursor');
    setSelected(new Set());
    router.push(`${pathname}?${next.toString()}`);
  }

  const rows = issues.data?.rows ?? [];
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const ids = [...selected];
  const toast = useToast();
  const apply = (change: Parameters<typeof bulk.mutate>[0]['change']) => {
    // The rows as they were, so Undo can put each back (they leave the list once resolved or ignored).
    const before = rows.filter((r) => selected.has(r.id));
    bulk.mutate(
      { ids, change },
      {
        onSuccess: () => {
          setSelected(new Set());
          const text = statusChangeText(change, before.length);
          if (!text) return;
          toast({
            message: text,
            action: { label: 'Undo', onClick: () => restoreGroups(before).forEach((g) => bulk.mutate(g)) },
          });
        },
      },
    );
  };
  const currentProject = projects.data?.find((p) => p.id === project) ?? (project ? undefined : projects.data?.[0]);

  return (
    <div>
      <div className={styles.toolbar}>
        <select
          className={ui.select}
          aria-label="Project"
          value={project}
          onChange={(e) => setParams({ project: e.target.value })}
        >
          <option value="">All projects</option>
          {projects.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.slug}
            </option>
          ))}
        </select>
        <SearchBar
          org={org}
          project={project}
          value={query}
          onSearch={(q) => setParams({ query: q === DEFAULT_QUERY ? null : q })}
        />
        <select
          className={ui.select}
          aria-label="Sort by"
          value={sort}
          onChange={(e) => setParams({ sort: e.target.value === 'date' ? '' : e.target.value })}
        >
          {SORTS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <select
          className={ui.select}
          aria-label="Graph period"
          value={statsPeriod}
          onChange={(e) => setParams({ statsPeriod: e.target.value === '24h' ? '' : e.target.value })}
        >
          <option value="24h">24 hours</option>
          <option value="14d">14 days</option>
        </select>
      </div>
      <ErrorNote error={bulk.error} />
      <div className={styles.list}>
        {selected.size > 0 && (
          <div className={styles.bulk} role="toolbar" aria-label="Bulk actions">
            <strong>{selected.size} selected</strong>
            <StatusActions onChange={apply} disabled={bulk.isPending} />
            <AssigneeSelect
              org={org}
              value=""
              label="Assign selected"
              onChange={(v) => apply({ assignedTo: v })}
              disabled={bulk.isPending}
            />
          </div>
        )}
        <div className={styles.listHead}>
          <input
            type="checkbox"
            aria-label="Select all"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
          />
          <span>Issue</span>
          <span>Last {statsPeriod === '24h' ? '24 h' : '14 days'}</span>
          <span className={styles.num} title="Events since the issue was first seen">
            Events <span className={styles.period}>all time</span>
          </span>
          <span className={styles.num} title="Users affected since the issue was first seen">
            Users <span className={styles.period}>all time</span>
          </span>
          <span>Project</span>
        </div>
        {issues.isLoading && (
          <div style={{ padding: 12 }}>
            <Loading what="issues" />
          </div>
        )}
        {/* A rejected search replaces the results, so an old page or "no issues" never stands in for the answer. */}
        {issues.error ? (
          <div style={{ padding: 12 }} data-testid="search-error">
            <ErrorNote error={issues.error} />
          </div>
        ) : (
          rows.map((i) => (
            <IssueRow
              key={i.id}
              issue={i}
              org={org}
              period={statsPeriod}
              selected={selected.has(i.id)}
              onToggle={() => toggle(i.id)}
            />
          ))
        )}
        {issues.data && !issues.error && rows.length === 0 && (
          <div style={{ padding: 12 }}>
            <NoIssues org={org} project={currentProject} filtered={query.trim() !== DEFAULT_QUERY || !!cursor} />
          </div>
        )}
      </div>
      <div className={styles.pager}>
        <button
          type="button"
          className={ui.button}
          disabled={!issues.data?.previous}
          onClick={() => setParams({ cursor: issues.data?.previous ?? '' })}
        >
          ← Previous
        </button>
        <button
          type="button"
          className={ui.button}
          disabled={!issues.data?.next}
          onClick={() => setParams({ cursor: issues.data?.next ?? '' })}
        >
          Next →
        </button>
      </div>
    </div>
  );
}
