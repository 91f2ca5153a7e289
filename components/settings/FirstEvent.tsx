'use client';
// Onboarding on the DSN page: waits live for the project's first event and then links to its issue; "Send a test
// event" posts a real event to the DSN's ingest endpoint from the browser, as a browser SDK would.
import Link from 'next/link';
import { useState } from 'react';
import { useFirstIssue } from '../hooks/useIssues';
import ui from '../ui/ui.module.css';

/** The legacy store endpoint and key of a DSN (`https://<key>@host/<projectId>`). */
function storeUrl(dsn: string): string {
  const u = new URL(dsn);
  const projectId = u.pathname.replace(/^\/+|\/+$/g, '');
  const key = encodeURIComponent(u.username);
  return `${u.protocol}//${u.host}/api/${projectId}/store/?sentry_key=${key}&sentry_version=7`;
}

async function sendTestEvent(dsn: string): Promise<void> {
  const event = {
    event_id: crypto.randomUUID().replace(/-/g, ''),
    timestamp: Date.now() / 1000,
    platform: 'javascript',
    level: 'error',
    logger: 'faultline.onboarding',
    message: { formatted: 'This is a test event sent from the Faultline project page' },
    tags: { test_event: 'yes' },
    request: { url: window.location.href, headers: { 'User-Agent': navigator.userAgent } },
  };
  // text/plain keeps it a CORS "simple" request, as @sentry/browser sends it.
  const r = await fetch(storeUrl(dsn), {
    method: 'POST',
    body: JSON.stringify(event),
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
  });
  if (!r.ok) throw new Error(`the ingest endpoint answered ${r.status}`);
}

export function FirstEvent({ org, projectId, dsn }: { org: string; projectId: string; dsn: string }) {
  const first = useFirstIssue(org, projectId);
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | string>('idle');
  const issue = first.data?.[0];
  return (
    <section className={ui.panel} aria-label="First event" data-testid="first-event">
      <h3>First event</h3>
      {issue ? (
        <p role="status">
          Events are arriving.{' '}
          <Link href={`/organizations/${org}/issues/${issue.id}/`}>
            Open {issue.shortId}: {issue.title.slice(0, 120)}
          </Link>
        </p>
      ) : (
        <p role="status" aria-busy="true">
          Waiting for your first event… <span className={ui.muted}>(this page checks every few seconds)</span>
        </p>
      )}
      <div className={ui.row}>
        <button
          type="button"
          className={ui.button}
          disabled={state === 'sending'}
          onClick={() => {
            setState('sending');
            sendTestEvent(dsn).then(
              () => setState('sent'),
              (e: Error) => setState(`Could not send: ${e.message}`),
            );
          }}
        >
          {state === 'sending' ? 'Sending…' : 'Send a test event'}
        </button>
        {state === 'sent' && (
          <span className={ui.muted}>Sent through the ingest endpoint; it shows here once processed.</span>
        )}
        {state.startsWith('Could not') && (
          <span role="alert" style={{ color: 'var(--danger)' }}>
            {state}
          </span>
        )}
      </div>
    </section>
  );
}
