'use client';
// The issue page: what broke and where, how often and for how many users, status and owner, charts, tags,
// the chosen event, all events, and why events were grouped here.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import Link from 'next/link';
import { TagBars } from '../charts/TagBars';
import { useIssue, useIssueEvent, useIssueTags, useUpdateIssue } from '../hooks/useIssue';
import type { Issue } from '@/lib/issues/contract';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { RelativeTime } from '../ui/RelativeTime';
import { AssigneeSelect, actorValue } from './AssigneeSelect';
import { EventView } from './EventView';
import { EventsList } from './EventsList';
import { ActivityFeed } from './ActivityFeed';
import { GroupingInfo } from './GroupingInfo';
import { IssueCharts } from './IssueCharts';
import { IssueBadges, IssueTitle } from './IssueRow';
import { StatusActions } from './StatusActions';
import { useToast } from '../ui/Toast';
import { restoreStatus, statusChangeText } from '@/lib/issues/statusUndo';
import type { IssueUpdate } from '@/lib/issues/contract';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

function releaseName(r: Issue['firstRelease']): string | null {
  return r?.version ?? null;
}

function statusText(issue: Issue): string | null {
  const d = issue.statusDetails ?? {};
  if (issue.status === 'resolved') {
    if (d.inNextRelease) return 'Resolved in the next release';
    if (typeof d.inRelease === 'string') return `Resolved in release ${d.inRelease}`;
    return 'Resolved';
  }
  if (issue.status === 'ignored') {
    if (d.ignoreUntil) return `Ignored until ${new Date(String(d.ignoreUntil)).toLocaleString()}`;
    if (d.ignoreCount) return `Ignored until ${String(d.ignoreCount)} more events`;
    return 'Ignored';
  }
  return null;
}

function Tags({ issueId }: { issueId: string }) {
  const tags = useIssueTags(issueId);
  return (
    <section className={ui.panel}>
      <h3>Tags</h3>
      <ErrorNote error={tags.error} />
      {tags.isLoading && <Loading what="tags" />}
      {tags.data?.length === 0 && <p className={ui.muted}>No tags.</p>}
      <div className={styles.tagList}>
        {tags.data?.slice(0, 15).map((t) => (
          <TagBars key={t.key} tag={t} />
        ))}
      </div>
    </section>
  );
}

const TABS = [
  ['', 'Details'],
  ['events', 'All events'],
  ['activity', 'Activity'],
  ['grouping', 'Why grouped'],
] as const;

export function IssueDetail({ org, issueId, viewerEmail }: { org: string; issueId: string; viewerEmail?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const tab = sp.get('tab') ?? '';
  const eventId = sp.get('event') ?? 'latest';
  const issue = useIssue(issueId);
  // Started here, not where they render, so the event and tags load alongside the issue instead of after it.
  useIssueEvent(issueId, eventId);
  useIssueTags(issueId);
  const update = useUpdateIssue(issueId, org);
  const toast = useToast();

  const go = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    router.push(s ? `${pathname}?${s}` : pathname);
  };

  if (issue.isLoading) return <Loading what="the issue" />;
  if (issue.error || !issue.data) return <ErrorNote error={issue.error ?? 'Issue not found'} />;
  const i = issue.data;
  const status = statusText(i);
  const firstRelease = releaseName(i.firstRelease);
  const lastRelease = releaseName(i.lastRelease);
  const changeStatus = (change: IssueUpdate) => {
    const undo = restoreStatus(i);
    update.mutate(change, {
      onSuccess: () => {
        const text = statusChangeText(change, 1);
        if (text) toast({ message: text, action: { label: 'Undo', onClick: () => update.mutate(undo) } });
      },
    });
  };

  return (
    <div>
      <nav className={`${ui.small} ${ui.muted}`} style={{ marginBottom: 6 }}>
        <Link href={`/organizations/${org}/issues/?project=${i.project.id}`}>{i.project.slug}</Link> /{' '}
        <span className={ui.mono}>{i.shortId}</span>
      </nav>
      <header className={styles.header}>
        <div className={styles.headerMain}>
          <h1 data-testid="issue-title">
            <IssueTitle issue={i} />
          </h1>
          {i.culprit && (
            <div className={styles.culprit} title={i.culprit} data-testid="issue-culprit">
              {i.culprit}
            </div>
          )}
          <div className={styles.meta} style={{ marginTop: 6 }}>
            <span className={`${ui.level} ${ui[`level-${i.level}`] ?? ''}`} aria-hidden />
            <span>{i.level}</span>
            <IssueBadges issue={i} />
            {status && <span data-testid="issue-status">{status}</span>}
            <span>
              First seen <RelativeTime date={i.firstSeen} />
              {firstRelease && (
                <>
                  {' '}
                  in <span className={ui.mono}>{firstRelease}</span>
                </>
              )}
            </span>
            <span>
              Last seen <RelativeTime date={i.lastSeen} />
              {lastRelease && (
                <>
                  {' '}
                  in <span className={ui.mono}>{lastRelease}</span>
                </>
              )}
            </span>
          </div>
        </div>
        <div className={styles.counts}>
          <div className={styles.countBox}>
            <div className={styles.countValue} data-testid="event-count">
              {Number(i.count).toLocaleString()}
            </div>
            <div className={styles.countLabel}>Events · all time</div>
          </div>
          <div className={styles.countBox}>
            <div className={styles.countValue} data-testid="user-count">
              {i.userCount.toLocaleString()}
            </div>
            <div className={styles.countLabel}>Users · all time</div>
          </div>
        </div>
      </header>
      <div className={styles.actions}>
        <StatusActions status={i.status} onChange={changeStatus} disabled={update.isPending} />
        <AssigneeSelect
          org={org}
          value={actorValue(i.assignedTo)}
          onChange={(v) => update.mutate({ assignedTo: v })}
          disabled={update.isPending}
        />
      </div>
      <ErrorNote error={update.error} />
      <div className={styles.layout}>
        <div style={{ minWidth: 0 }}>
          <div className={ui.tabs} role="tablist">
            {TABS.map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                className={`${ui.tab} ${tab === id ? ui.tabActive : ''}`}
                onClick={() => go({ tab: id || null })}
              >
                {label}
              </button>
            ))}
          </div>
          {tab === '' && (
            <EventView
              issueId={issueId}
              eventId={eventId}
              onNavigate={(id) => go({ event: id === 'latest' ? null : id })}
            />
          )}
          {tab === 'events' && <EventsList issueId={issueId} onSelect={(id) => go({ tab: null, event: id })} />}
          {tab === 'activity' && <ActivityFeed issueId={issueId} viewerEmail={viewerEmail} />}
          {tab === 'grouping' && <GroupingInfo issueId={issueId} />}
        </div>
        <aside className={styles.side}>
          <IssueCharts issue={i} org={org} />
          <Tags issueId={issueId} />
        </aside>
      </div>
    </div>
  );
}
