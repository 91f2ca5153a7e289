'use client';
// One event of an issue: navigation to older/newer events, tags, exception and stack trace, message,
// breadcrumbs, request, user, contexts, extra data and the raw JSON. Everything from the event is text.
import { useState } from 'react';
import { useIssueEvent } from '../hooks/useIssue';
import type { Event as IssueEvent } from '@/lib/events/contract';
import { ProcessingErrors } from '../stacktrace/ProcessingErrors';
import { StackTrace } from '../stacktrace/StackTrace';
import { toViewExceptions } from '../stacktrace/frames';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { KeyValues } from '../ui/KeyValues';
import { RelativeTime } from '../ui/RelativeTime';
import { Truncated, valueText } from '../ui/Truncated';
import { Breadcrumbs } from './Breadcrumbs';
import { RawJson } from './RawJson';
import { RequestView } from './RequestView';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className={ui.panel} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function messageText(data: unknown): string {
  const d = (data ?? {}) as { formatted?: unknown; message?: unknown };
  return valueText(d.formatted ?? d.message ?? data);
}

function Extra({ extra }: { extra: Record<string, unknown> }) {
  // sentry-cli sends the whole process environment as `environ`: secrets are likely, so it stays folded.
  const [showEnviron, setShowEnviron] = useState(false);
  const { environ, ...rest } = extra;
  return (
    <>
      <KeyValues data={rest} />
      {environ !== undefined && (
        <p style={{ margin: '8px 0 0' }}>
          <button type="button" className={ui.link} onClick={() => setShowEnviron(!showEnviron)}>
            {showEnviron ? 'Hide' : 'Show'} environ (process environment; may hold secrets)
          </button>
        </p>
      )}
      {showEnviron && environ !== null && typeof environ === 'object' && (
        <KeyValues data={environ as Record<string, unknown>} />
      )}
    </>
  );
}

function EventBody({ event, issueId }: { event: IssueEvent; issueId: string }) {
  const entries = Array.isArray(event.entries) ? event.entries : [];
  const contexts = event.contexts && typeof event.contexts === 'object' ? Object.entries(event.contexts) : [];
  const extra =
    event.context && typeof event.context === 'object' && Object.keys(event.context).length ? event.context : null;
  const user = event.user && typeof event.user === 'object' && Object.keys(event.user).length ? event.user : null;
  return (
    <>
      {event.tags?.length > 0 && (
        <Section title="Tags">
          <div className={styles.tagsInline}>
            {event.tags.slice(0, 100).map((t, i) => (
              <span key={`${t.key}-${i}`} className={styles.tagChip} title={`${t.key}: ${t.value}`}>
                <span>{t.key}</span>
                <span>{t.value}</span>
              </span>
            ))}
          </div>
        </Section>
      )}
      {entries.map((e, i) => {
        switch (e.type) {
          case 'exception':
            return (
              <Section key={i} title="Exception" testId="exception">
                <ProcessingErrors errors={Array.isArray(event.errors) ? event.errors : []} />
                <StackTrace exceptions={toViewExceptions(e.data)} />
              </Section>
            );
          case 'threads': {
            const threads = ((e.data as { values?: Array<Record<string, unknown>> })?.values ?? []).filter(
              (t) => t.stacktrace,
            );
            const crashed = threads.find((t) => t.crashed) ?? threads[0];
            if (!crashed) return null;
            return (
              <Section key={i} title={`Thread ${valueText(crashed.name ?? crashed.id ?? '')}`}>
                <StackTrace
                  exceptions={toViewExceptions({ values: [{ type: 'Thread', stacktrace: crashed.stacktrace }] })}
                />
              </Section>
            );
          }
          case 'message':
            return (
              <Section key={i} title="Message" testId="message">
                <pre className={ui.code} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  <Truncated text={messageText(e.data)} limit={2000} />
                </pre>
              </Section>
            );
          case 'breadcrumbs':
            return (
              <Section key={i} title="Breadcrumbs">
                <Breadcrumbs data={e.data} />
              </Section>
            );
          case 'request':
            return (
              <Section key={i} title="Request">
                <RequestView data={e.data} />
              </Section>
            );
          default:
            return (
              <Section key={i} title={e.type}>
                <pre className={ui.code} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  <Truncated text={valueText(e.data)} limit={2000} />
                </pre>
              </Section>
            );
        }
      })}
      {user && (
        <Section title="User" testId="event-user">
          <KeyValues data={user} />
        </Section>
      )}
      {contexts.length > 0 && (
        <Section title="Contexts">
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 12 }}>
            {contexts.slice(0, 30).map(([name, ctx]) => (
              <div key={name} style={{ minWidth: 0 }}>
                <div className={ui.label} style={{ marginBottom: 4 }}>
                  {name}
                </div>
                {ctx && typeof ctx === 'object' ? (
                  <KeyValues data={ctx} limit={40} />
                ) : (
                  <Truncated text={valueText(ctx)} />
                )}
              </div>
            ))}
          </div>
        </Section>
      )}
      {extra && (
        <Section title="Additional data">
          <Extra extra={extra} />
        </Section>
      )}
      {event.sdk && (
        <Section title="SDK">
          <KeyValues data={{ name: event.sdk.name, version: event.sdk.version }} />
        </Section>
      )}
      <Section title="Raw event">
        <RawJson
          value={event}
          href={`/api/0/issues/${encodeURIComponent(issueId)}/events/${encodeURIComponent(event.eventID)}/`}
        />
      </Section>
    </>
  );
}

export function EventView({
  issueId,
  eventId,
  onNavigate,
}: {
  issueId: string;
  eventId: string;
  onNavigate: (id: string) => void;
}) {
  const q = useIssueEvent(issueId, eventId);
  const event = q.data;
  return (
    <div>
      <div className={styles.eventNav}>
        <div style={{ minWidth: 0 }}>
          <strong>Event</strong>{' '}
          {event && (
            <>
              <span className={ui.mono} data-testid="event-id">
                {event.eventID.slice(0, 12)}
              </span>{' '}
              <span className={ui.muted}>
                <RelativeTime date={event.dateCreated} />
              </span>
            </>
          )}
        </div>
        <div className={ui.row}>
          <button
            type="button"
            className={ui.button}
            onClick={() => onNavigate('oldest')}
            disabled={!event?.previousEventID}
          >
            Oldest
          </button>
          <button
            type="button"
            className={ui.button}
            onClick={() => event?.previousEventID && onNavigate(event.previousEventID)}
            disabled={!event?.previousEventID}
          >
            ← Older
          </button>
          <button
            type="button"
            className={ui.button}
            onClick={() => event?.nextEventID && onNavigate(event.nextEventID)}
            disabled={!event?.nextEventID}
          >
            Newer →
          </button>
          <button
            type="button"
            className={ui.button}
            onClick={() => onNavigate('latest')}
            disabled={!event?.nextEventID}
          >
            Newest
          </button>
        </div>
      </div>
      <ErrorNote error={q.error} />
      {q.isLoading && <Loading what="the event" />}
      {event && <EventBody event={event} issueId={issueId} />}
    </div>
  );
}
