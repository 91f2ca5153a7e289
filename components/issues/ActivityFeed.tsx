'use client';
// The issue's Activity tab: a comment box (markdown, @mentions of members) and the feed, newest first: comments,
// status changes, assignments, regressions, alert deliveries and first seen, each with who and when.
import { useState } from 'react';
import { markdownBlocks, type Inline } from '@/lib/issues/markdown';
import type { Activity } from '@/lib/issues/contract';
import { useAddComment, useDeleteComment, useIssueActivity } from '../hooks/useIssue';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { RelativeTime } from '../ui/RelativeTime';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

function InlineText({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.t) {
          case 'code':
            return (
              <code key={i} className={ui.mono}>
                {n.v}
              </code>
            );
          case 'strong':
            return <strong key={i}>{n.v}</strong>;
          case 'em':
            return <em key={i}>{n.v}</em>;
          case 'link':
            return (
              <a key={i} href={n.href} rel="noopener noreferrer nofollow" target="_blank">
                {n.v}
              </a>
            );
          case 'mention':
            return (
              <span key={i} className={styles.mention}>
                {n.v}
              </span>
            );
          default:
            return <span key={i}>{n.v}</span>;
        }
      })}
    </>
  );
}

export function Markdown({ text }: { text: string }) {
  return (
    <div className={styles.markdown}>
      {markdownBlocks(text).map((b, i) =>
        b.t === 'pre' ? (
          <pre key={i} className={ui.mono}>
            {b.v}
          </pre>
        ) : b.t === 'li' ? (
          <div key={i} className={styles.mdItem}>
            • <InlineText nodes={b.children} />
          </div>
        ) : (
          <p key={i}>
            <InlineText nodes={b.children} />
          </p>
        ),
      )}
    </div>
  );
}

/** What happened, in words; comments render their markdown below. */
function describe(a: Activity): string {
  const d = a.data;
  switch (a.type) {
    case 'note':
      return 'commented';
    case 'set_resolved':
      return 'resolved the issue';
    case 'set_resolved_in_release':
      return d.inNextRelease
        ? 'resolved the issue in the next release'
        : `resolved the issue in ${String(d.version ?? 'a release')}`;
    case 'set_unresolved':
      return 'unresolved the issue';
    case 'set_ignored':
      return d.ignoreDuration
        ? `ignored the issue for ${String(d.ignoreDuration)} minutes`
        : d.ignoreCount
          ? `ignored the issue until ${String(d.ignoreCount)} more events`
          : d.ignoreUntil
            ? `ignored the issue until ${new Date(String(d.ignoreUntil)).toLocaleString()}`
            : 'ignored the issue';
    case 'assigned':
      return `assigned the issue to ${d.assigneeType === 'team' ? '#' : ''}${String(d.assigneeName ?? d.assignee)}`;
    case 'unassigned':
      return 'unassigned the issue';
    case 'set_regression':
      return `marked the issue as a regression${d.version ? ` in ${String(d.version)}` : ''}`;
    case 'first_seen':
      return 'first saw the issue';
    case 'alert_sent':
      return `sent an alert${d.rule ? ` (rule “${String(d.rule)}”)` : ''} to ${String(d.channel)}: ${String(d.status)}`;
    default:
      return a.type.replace(/_/g, ' ');
  }
}

export function ActivityFeed({ issueId, viewerEmail }: { issueId: string; viewerEmail?: string }) {
  const activity = useIssueActivity(issueId, true);
  const add = useAddComment(issueId);
  const remove = useDeleteComment(issueId);
  const [text, setText] = useState('');
  return (
    <div data-testid="activity">
      <form
        className={styles.commentForm}
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) add.mutate(text, { onSuccess: () => setText('') });
        }}
      >
        <label htmlFor="comment" className={ui.small}>
          Comment (markdown; @name or @email notifies a member)
        </label>
        <textarea
          id="comment"
          className={ui.input}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="What did you find? @alice can you look?"
        />
        <div>
          <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={add.isPending || !text.trim()}>
            {add.isPending ? 'Posting…' : 'Comment'}
          </button>
        </div>
        <ErrorNote error={add.error ?? remove.error} />
      </form>
      <ErrorNote error={activity.error} />
      {activity.isLoading && <Loading what="activity" />}
      <ol className={styles.feed}>
        {activity.data?.map((a) => (
          <li key={a.id} className={styles.feedItem} data-testid="activity-item" data-type={a.type}>
            <div className={styles.feedHead}>
              <strong>{a.user ? a.user.name : 'Faultline'}</strong> <span>{describe(a)}</span>
              <span className={ui.muted}>
                {' '}
                · <RelativeTime date={a.dateCreated} />
              </span>
              {a.type === 'note' && a.user && a.user.email === viewerEmail && (
                <button
                  type="button"
                  className={ui.link}
                  style={{ marginLeft: 'auto' }}
                  onClick={() => window.confirm('Delete this comment?') && remove.mutate(a.id)}
                >
                  Delete
                </button>
              )}
            </div>
            {a.type === 'note' && <Markdown text={String(a.data.text ?? '')} />}
          </li>
        ))}
      </ol>
    </div>
  );
}
