'use client';
// One DSN key: both DSN forms and the ingest URLs with copy buttons; rename, rate limit, disable, rotate, delete.
import { useState } from 'react';
import type { ProjectKey } from '@/lib/projects/contract';
import type { KeyChange } from '../hooks/useProjects';
import { CopyLine } from '../ui/CopyButton';
import { ingestUrlsFromDsn } from './snippets';
import ui from '../ui/ui.module.css';

export interface KeyActions {
  update: (id: string, change: KeyChange) => Promise<unknown>;
  rotate: (key: ProjectKey) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
  busy: boolean;
}

export function KeyCard({ k, actions }: { k: ProjectKey; actions: KeyActions }) {
  const [name, setName] = useState(k.name);
  const [limit, setLimit] = useState(k.rateLimit ? String(k.rateLimit.count) : '');
  const urls = ingestUrlsFromDsn(k.dsn.public);
  const perMinute = k.rateLimit ? Math.round((k.rateLimit.count * 60) / (k.rateLimit.window || 60)) : null;

  return (
    <article className={ui.panel} data-testid="project-key" aria-label={`Key ${k.name}`}>
      <div className={ui.row} style={{ justifyContent: 'space-between', marginBottom: 10 }}>
        <h3 style={{ margin: 0 }}>
          {k.name}{' '}
          <span className={`${ui.badge} ${k.isActive ? ui.badgeNew : ui.badgeRegressed}`}>
            {k.isActive ? 'active' : 'disabled'}
          </span>
        </h3>
        <div className={ui.row}>
          <button
            type="button"
            className={ui.button}
            disabled={actions.busy}
            onClick={() => actions.update(k.id, { isActive: !k.isActive })}
          >
            {k.isActive ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className={ui.button}
            disabled={actions.busy || !k.isActive}
            title="Creates a new key and disables this one"
            onClick={() =>
              window.confirm('Create a new key and disable this one? SDKs using this DSN will be refused.') &&
              actions.rotate(k)
            }
          >
            Rotate
          </button>
          <button
            type="button"
            className={`${ui.button} ${ui.danger}`}
            disabled={actions.busy}
            onClick={() =>
              window.confirm(`Delete the key “${k.name}”? SDKs using it will be refused.`) && actions.remove(k.id)
            }
          >
            Delete
          </button>
        </div>
      </div>
      <div className={ui.field}>
        <span className={ui.label}>DSN</span>
        <CopyLine value={k.dsn.public} label="Copy DSN" testId="dsn-public" />
      </div>
      <div className={ui.field}>
        <span className={ui.label}>DSN (legacy, with secret)</span>
        <CopyLine value={k.dsn.secret} label="Copy legacy DSN" testId="dsn-secret" />
      </div>
      {urls && (
        <div className={ui.row} style={{ alignItems: 'flex-start' }}>
          <div className={ui.field} style={{ flex: '1 1 300px', minWidth: 0 }}>
            <span className={ui.label}>Envelope endpoint</span>
            <CopyLine value={urls.envelope} label="Copy" />
          </div>
          <div className={ui.field} style={{ flex: '1 1 300px', minWidth: 0 }}>
            <span className={ui.label}>Store endpoint (legacy)</span>
            <CopyLine value={urls.store} label="Copy" />
          </div>
        </div>
      )}
      <div className={ui.row} style={{ alignItems: 'flex-end' }}>
        <form
          className={ui.row}
          style={{ alignItems: 'flex-end' }}
          onSubmit={(e) => {
            e.preventDefault();
            actions.update(k.id, { name: name.trim() });
          }}
        >
          <div className={ui.field} style={{ marginBottom: 0 }}>
            <label htmlFor={`key-name-${k.id}`}>Name</label>
            <input
              id={`key-name-${k.id}`}
              className={ui.input}
              value={name}
              maxLength={64}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <button type="submit" className={ui.button} disabled={actions.busy || !name.trim() || name === k.name}>
            Rename
          </button>
        </form>
        <form
          className={ui.row}
          style={{ alignItems: 'flex-end' }}
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(limit);
            actions.update(k.id, { rateLimit: limit.trim() === '' || n === 0 ? null : { window: 60, count: n } });
          }}
        >
          <div className={ui.field} style={{ marginBottom: 0 }}>
            <label htmlFor={`key-limit-${k.id}`}>Rate limit (events per minute, empty = none)</label>
            <input
              id={`key-limit-${k.id}`}
              className={ui.input}
              type="number"
              min={0}
              step={1}
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
            />
          </div>
          <button type="submit" className={ui.button} disabled={actions.busy}>
            Save limit
          </button>
        </form>
        <span className={`${ui.small} ${ui.muted}`}>
          {perMinute === null ? 'No rate limit' : `Limited to ${perMinute} events per minute`}
        </span>
      </div>
    </article>
  );
}
