'use client';
// The organization's alert channels: create one per type, send a test message, read the delivery log.
import { useState } from 'react';
import { ErrorNote, EmptyState, Loading } from '../ui/EmptyState';
import { RelativeTime } from '../ui/RelativeTime';
import ui from '../ui/ui.module.css';
import styles from './alerts.module.css';
import { CHANNEL_FIELDS, CHANNEL_LABELS, channelSummary, configFromForm } from './channelFields';
import type { Channel, ChannelType, Delivery } from '@/lib/alerts/contract';
import { useChannelMutations, useChannels, useDeliveries } from '../hooks/useAlerts';

function NewChannelForm({ org, onDone }: { org: string; onDone: () => void }) {
  const [type, setType] = useState<ChannelType>('dingtalk');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const { create } = useChannelMutations(org);
  const set = (k: string, v: string | boolean) => setValues((prev) => ({ ...prev, [k]: v }));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate(
      { name: name || CHANNEL_LABELS[type], type, config: configFromForm(type, values) },
      { onSuccess: onDone },
    );
  }

  return (
    <form className={ui.panel} onSubmit={submit} aria-label="New channel">
      <h2>New channel</h2>
      <ErrorNote error={create.error} />
      <div className={styles.grid}>
        <div className={ui.field}>
          <label htmlFor="channel-type">Type</label>
          <select
            id="channel-type"
            className={ui.select}
            value={type}
            onChange={(e) => {
              setType(e.target.value as ChannelType);
              setValues({});
            }}
          >
            {Object.entries(CHANNEL_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className={ui.field}>
          <label htmlFor="channel-name">Name</label>
          <input
            id="channel-name"
            className={ui.input}
            value={name}
            placeholder={CHANNEL_LABELS[type]}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      </div>
      {CHANNEL_FIELDS[type].map((f) => (
        <div className={ui.field} key={`${type}-${f.key}`}>
          {f.kind === 'bool' ? (
            <label className={styles.check}>
              <input type="checkbox" checked={!!values[f.key]} onChange={(e) => set(f.key, e.target.checked)} />{' '}
              {f.label}
            </label>
          ) : (
            <>
              <label htmlFor={`f-${f.key}`}>
                {f.label}
                {f.required ? ' *' : ''}
              </label>
              {f.kind === 'select' ? (
                <select
                  id={`f-${f.key}`}
                  className={ui.select}
                  value={String(values[f.key] ?? '')}
                  onChange={(e) => set(f.key, e.target.value)}
                >
                  <option value="">default</option>
                  {f.options!.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`f-${f.key}`}
                  className={ui.input}
                  type={f.kind === 'secret' ? 'password' : f.kind === 'number' ? 'number' : 'text'}
                  autoComplete="off"
                  required={f.required}
                  placeholder={f.placeholder}
                  value={String(values[f.key] ?? '')}
                  onChange={(e) => set(f.key, e.target.value)}
                />
              )}
            </>
          )}
          {f.hint && <span className={styles.hint}>{f.hint}</span>}
        </div>
      ))}
      <div className={ui.row}>
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Create channel'}
        </button>
        <button type="button" className={ui.button} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TestResult({ d }: { d: Delivery }) {
  const ok = d.status === 'sent';
  return (
    <div className={`${styles.result} ${ok ? styles.ok : styles.bad}`} role="status" data-testid="test-result">
      <strong>{ok ? 'Test message sent.' : 'Test message failed.'}</strong> {d.error && <span>{d.error}</span>}
      {d.response && <div className={styles.reply}>Reply: {d.response}</div>}
    </div>
  );
}

function DeliveryLog({ org, channelId }: { org: string; channelId: string }) {
  const [cursor, setCursor] = useState('');
  const page = useDeliveries(org, channelId, cursor);
  return (
    <div style={{ marginTop: 10 }} aria-label="Delivery log">
      <ErrorNote error={page.error} />
      {page.isLoading && <Loading what="deliveries" />}
      {page.data && page.data.rows.length === 0 && <p className={`${ui.muted} ${ui.small}`}>Nothing sent yet.</p>}
      {page.data && page.data.rows.length > 0 && (
        <div className={ui.tableWrap}>
          <table className={ui.table}>
            <thead>
              <tr>
                <th>When</th>
                <th>Status</th>
                <th>Message</th>
                <th>Reply / error</th>
              </tr>
            </thead>
            <tbody>
              {page.data.rows.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <td className={ui.small}>
                    <RelativeTime date={d.dateSent ?? d.dateCreated} />
                  </td>
                  <td>
                    <span className={`${styles.status} ${styles[`status-${d.status}`]}`}>{d.status}</span>
                    {d.attempts > 1 && <div className={`${ui.small} ${ui.muted}`}>{d.attempts} attempts</div>}
                  </td>
                  <td className={ui.small}>
                    {d.subject}
                    {d.recipients && <div className={ui.muted}>to {d.recipients.join(', ')}</div>}
                  </td>
                  <td>
                    {d.error && (
                      <div className={`${ui.small}`} style={{ color: 'var(--danger)' }}>
                        {d.error}
                      </div>
                    )}
                    {d.response && <div className={styles.reply}>{d.response}</div>}
                    {d.status === 'pending' && d.nextAttemptAt && (
                      <div className={`${ui.small} ${ui.muted}`}>
                        next try <RelativeTime date={d.nextAttemptAt} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(page.data?.previous || page.data?.next) && (
        <div className={ui.row} style={{ marginTop: 8 }}>
          <button
            type="button"
            className={ui.button}
            disabled={!page.data?.previous}
            onClick={() => setCursor(page.data?.previous ?? '')}
          >
            Newer
          </button>
          <button
            type="button"
            className={ui.button}
            disabled={!page.data?.next}
            onClick={() => setCursor(page.data?.next ?? '')}
          >
            Older
          </button>
        </div>
      )}
    </div>
  );
}

function ChannelCard({ org, c }: { org: string; c: Channel }) {
  const { test, update, remove } = useChannelMutations(org);
  const [showLog, setShowLog] = useState(false);
  const [result, setResult] = useState<Delivery | null>(null);
  return (
    <div className={styles.card} data-testid="channel-card">
      <div className={styles.cardHead}>
        <div className={styles.cardTitle}>
          <span>{c.name}</span>
          <span className={styles.type}>{CHANNEL_LABELS[c.type] ?? c.type}</span>
          {!c.isActive && <span className={ui.badge}>disabled</span>}
        </div>
        <div className={ui.row}>
          <button
            type="button"
            className={ui.button}
            disabled={test.isPending}
            onClick={() =>
              test.mutate(c.id, {
                onSuccess: (d) => {
                  setResult(d);
                  setShowLog(true);
                },
              })
            }
          >
            {test.isPending ? 'Sending…' : 'Send test'}
          </button>
          <button type="button" className={ui.button} onClick={() => setShowLog((v) => !v)}>
            {showLog ? 'Hide log' : 'Delivery log'}
          </button>
          <button
            type="button"
            className={ui.button}
            onClick={() => update.mutate({ id: c.id, isActive: !c.isActive })}
          >
            {c.isActive ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className={`${ui.button} ${ui.danger}`}
            onClick={() => window.confirm(`Delete channel “${c.name}”? Rules stop using it.`) && remove.mutate(c.id)}
          >
            Delete
          </button>
        </div>
      </div>
      <div className={styles.summary}>{channelSummary(c)}</div>
      <ErrorNote error={test.error ?? update.error ?? remove.error} />
      {result && <TestResult d={result} />}
      {showLog && <DeliveryLog org={org} channelId={c.id} />}
    </div>
  );
}

export function ChannelsSettings({ org }: { org: string }) {
  const channels = useChannels(org);
  const [adding, setAdding] = useState(false);
  return (
    <div>
      <div className={ui.row} style={{ marginBottom: 12 }}>
        {!adding && (
          <button type="button" className={`${ui.button} ${ui.primary}`} onClick={() => setAdding(true)}>
            New channel
          </button>
        )}
      </div>
      {adding && <NewChannelForm org={org} onDone={() => setAdding(false)} />}
      <ErrorNote error={channels.error} />
      {channels.isLoading && <Loading what="channels" />}
      {channels.data?.length === 0 && !adding && (
        <EmptyState
          title="No channels yet"
          hint={
            'Channels are where alerts go: email, DingTalk, WeCom, Feishu, Slack or any webhook. ' +
            'Project alert rules pick from them.'
          }
        />
      )}
      {channels.data?.map((c) => (
        <ChannelCard key={c.id} org={org} c={c} />
      ))}
    </div>
  );
}
