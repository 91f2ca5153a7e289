'use client';
// One row of the issue list: what broke, where, how often, for how many users, and since when.
import Link from 'next/link';
import { issuePath } from '@/lib/issues/shortId';
import { Sparkline } from '../charts/Sparkline';
import type { Issue, StatsPeriod } from '@/lib/issues/contract';
import { RelativeTime } from '../ui/RelativeTime';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

export function IssueTitle({ issue }: { issue: Issue }) {
  const { type, value } = issue.metadata ?? {};
  if (issue.type === 'error' && type) {
    return (
      <>
        <span className={styles.titleType}>{type}</span>
        {value ? <span className={styles.titleValue}>: {value.split('\n')[0].slice(0, 300)}</span> : null}
      </>
    );
  }
  return <>{issue.title.slice(0, 300)}</>;
}

export function IssueBadges({ issue }: { issue: Issue }) {
  return (
    <>
      {issue.substatus === 'new' && <span className={`${ui.badge} ${ui.badgeNew}`}>New</span>}
      {(issue.substatus === 'regressed' || issue.isRegression) && (
        <span className={`${ui.badge} ${ui.badgeRegressed}`}>Regression</span>
      )}
      {issue.status !== 'unresolved' && <span className={ui.badge}>{issue.status}</span>}
    </>
  );
}

export function IssueRow({
  issue,
  org,
  period,
  selected,
  onToggle,
}: {
  issue: Issue;
  org: string;
  period: StatsPeriod;
  selected: boolean;
  onToggle: () => void;
}) {
  const href = issuePath(org, issue.id);
  return (
    <div
      className={`${styles.issueRow} ${selected ? styles.selected : ''}`}
      data-testid="issue-row"
      data-issue-id={issue.id}
    >
      <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${issue.shortId}`} />
      <div style={{ minWidth: 0 }}>
        <Link className={styles.title} href={href} title={issue.title}>
          <IssueTitle issue={issue} />
        </Link>
        <div className={styles.meta}>
          <span
            className={`${ui.level} ${ui[`level-${issue.level}`] ?? ''}`}
            role="img"
            title={issue.level}
            aria-label={`level ${issue.level}`}
          />
          <span className={ui.mono}>{issue.shortId}</span>
          <IssueBadges issue={issue} />
          {issue.culprit && (
            <span className={styles.culprit} title={issue.culprit}>
              {issue.culprit}
            </span>
          )}
          <span>
            <RelativeTime date={issue.lastSeen} /> · first <RelativeTime date={issue.firstSeen} />
          </span>
          {issue.assignedTo && (
            <span>
              → {issue.assignedTo.type === 'team' ? '#' : ''}
              {issue.assignedTo.name}
            </span>
          )}
        </div>
      </div>
      <div className={styles.hideNarrow}>
        <Sparkline series={issue.stats?.[period] ?? Object.values(issue.stats ?? {})[0]} width={120} height={28} />
      </div>
      <div className={styles.num} title="Events, all time">
        <span data-testid="issue-count">{Number(issue.count).toLocaleString()}</span>
        <span className={styles.narrowUnit}>{Number(issue.count) === 1 ? ' event' : ' events'}</span>
      </div>
      <div className={styles.num} title="Users affected, all time">
        <span data-testid="issue-users">{issue.userCount.toLocaleString()}</span>
        <span className={styles.narrowUnit}>{issue.userCount === 1 ? ' user' : ' users'}</span>
      </div>
      <div className={`${styles.hideNarrow} ${ui.small}`}>{issue.project.slug}</div>
    </div>
  );
}
