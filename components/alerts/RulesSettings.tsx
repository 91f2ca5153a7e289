'use client';
// A project's alert rules: what triggers them, which events pass, where they go, how often at most.
import Link from 'next/link';
import { useState } from 'react';
import { ErrorNote, EmptyState, Loading } from '../ui/EmptyState';
import ui from '../ui/ui.module.css';
import styles from './alerts.module.css';
import { CHANNEL_LABELS } from './channelFields';
import type { Rule, RuleFilter, Trigger } from '@/lib/alerts/contract';
import { LEVELS } from '@/lib/alerts/ruleNames';
import { useChannels, useRuleMutations, useRules } from '../hooks/useAlerts';

const TRIGGERS: Record<Trigger, string> = {
  new_issue: 'A new issue is created',
  regression: 'A resolved issue comes back (regression)',
  frequency: 'An issue is seen more than N times in M minutes',
  user_frequency: 'An issue affects more than N users in M minutes',
  every_event: 'Every event',
};
type Filter = RuleFilter;
const NEW_FILTER: Record<Filter['type'], Filter> = {
  level: { type: 'level', op: 'gte', value: 'error' },
  environment: { type: 'environment', op: 'eq', value: '' },
  release: { type: 'release', op: 'eq', value: '' },
  tag: { type: 'tag', key: '', op: 'eq', value: '' },
  assignee: { type: 'assignee', value: 'unassigned' },
};

export function describeFilter(f: Filter): string {
  switch (f.type) {
    case 'level':
      return `level ${f.op === 'gte' ? 'at least' : f.op === 'lte' ? 'at most' : 'is'} ${f.value}`;
    case 'environment':
      return `environment ${f.op === 'ne' ? 'is not' : 'is'} ${f.value}`;
    case 'release':
      return `release ${f.op === 'ne' ? 'is not' : 'is'} ${f.value}`;
    case 'tag':
      return `tag ${f.key} ${f.op === 'contains' ? 'contains' : 'equals'} ${f.value}`;
    case 'assignee':
      return f.value === 'unassigned'
        ? 'issue is unassigned'
        : f.value === 'assigned'
          ? 'issue is assigned'
          : `issue is assigned to ${f.value}`;
  }
}

function FilterEditor({ f, onChange, onRemove }: { f: Filter; onChange: (f: Filter) => void; onRemove: () => void }) {
  // The editor changes one field at a time and the server validates the whole filter.
  const set = (k: string, v: string) => onChange({ ...f, [k]: v } as Filter);
  const input = (k: string, placeholder: string) => (
    <input
      className={ui.input}
      aria-label={`${f.type} ${k}`}
      placeholder={placeholder}
      value={(f as Record<string, string | undefined>)[k] ?? ''}
      onChange={(e) => set(k, e.target.value)}
      required
    />
  );
  return (
    <div className={styles.filterRow} data-testid="filter-row">
      <strong className={ui.small} style={{ minWidth: 84 }}>
        {f.type}
      </strong>
      {f.type === 'level' && (
        <>
          <select
            className={ui.select}
            aria-label="level comparison"
            value={f.op}
            onChange={(e) => set('op', e.target.value)}
          >
            <option value="gte">at least</option>
            <option value="eq">is</option>
            <option value="lte">at most</option>
          </select>
          <select
            className={ui.select}
            aria-label="level"
            value={f.value}
            onChange={(e) => set('value', e.target.value)}
          >
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </>
      )}
      {(f.type === 'environment' || f.type === 'release') && (
        <>
          <select
            className={ui.select}
            aria-label={`${f.type} comparison`}
            value={f.op}
            onChange={(e) => set('op', e.target.value)}
          >
            <option value="eq">is</option>
            <option value="ne">is not</option>
          </select>
          {input('value', f.type === 'environment' ? 'production' : 'shop@1.2.3')}
        </>
      )}
      {f.type === 'tag' && (
        <>
          {input('key', 'tag key')}
          <select
            className={ui.select}
            aria-label="tag comparison"
            value={f.op}
            onChange={(e) => set('op', e.target.value)}
          >
            <option value="eq">equals</option>
            <option value="contains">contains</option>
          </select>
          {input('value', 'value')}
        </>
      )}
      {f.type === 'assignee' && (
        <select
          className={ui.select}
          aria-label="assignee"
          value={f.value.startsWith('user:') || f.value.startsWith('team:') ? 'custom' : f.value}
          onChange={(e) => set('value', e.target.value === 'custom' ? 'user:' : e.target.value)}
        >
          <option value="unassigned">is unassigned</option>
          <option value="assigned">is assigned</option>
          <option value="custom">is assigned to user:id / team:id</option>
        </select>
      )}
      {f.type === 'assignee' &&
        (f.value.startsWith('user:') || f.value.startsWith('team:')) &&
        input('value', 'user:12 or team:3')}
      <button type="button" className={ui.link} onClick={onRemove}>
        remove
      </button>
    </div>
  );
}

function NewRuleForm({ org, project, onDone }: { org: string; project: string; onDone: () => void }) {
  const channels = useChannels(org);
  const { create } = useRuleMutations(org, project);
  const [name, setName] = useState('');
  const [trigger, setTrigger] = useState<Trigger>('new_issue');
  const [threshold, setThreshold] = useState('100');
  const [windowMinutes, setWindowMinutes] = useState('60');
  const [filters, setFilters] = useState<Filter[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [throttle, setThrottle] = useState('30');
  const [notifyAssignee, setNotifyAssignee] = useState(false);
  const frequency = trigger === 'frequency' || trigger === 'user_frequency';

  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate(
      {
        name: name || TRIGGERS[trigger],
        trigger,
        triggerConfig: frequency ? { threshold: Number(threshold), windowMinutes: Number(windowMinutes) } : undefined,
        filters,
        channels: chosen,
        throttleMinutes: Number(throttle),
        notifyAssignee,
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className={ui.panel} onSubmit={submit} aria-label="New rule">
      <h2>New alert rule</h2>
      <ErrorNote error={create.error} />
      <div className={ui.field}>
        <label htmlFor="rule-name">Name</label>
        <input
          id="rule-name"
          className={ui.input}
          value={name}
          placeholder={TRIGGERS[trigger]}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className={ui.field}>
        <label htmlFor="rule-trigger">When</label>
        <select
          id="rule-trigger"
          className={ui.select}
          value={trigger}
          onChange={(e) => setTrigger(e.target.value as Trigger)}
        >
          {Object.entries(TRIGGERS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {frequency && (
        <div className={ui.row} style={{ marginBottom: 12 }}>
          <label className={ui.small}>
            more than{' '}
            <input
              className={ui.input}
              style={{ width: 90 }}
              type="number"
              min={1}
              aria-label="threshold"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
            />{' '}
            {trigger === 'frequency' ? 'events' : 'users'}
          </label>
          <label className={ui.small}>
            in{' '}
            <input
              className={ui.input}
              style={{ width: 90 }}
              type="number"
              min={1}
              aria-label="window minutes"
              value={windowMinutes}
              onChange={(e) => setWindowMinutes(e.target.value)}
            />{' '}
            minutes
          </label>
        </div>
      )}
      <div className={ui.field}>
        <span className={ui.label}>If (all of)</span>
        {filters.length === 0 && <span className={styles.hint}>No filters: every matching event counts.</span>}
        {filters.map((f, i) => (
          <FilterEditor
            key={i}
            f={f}
            onChange={(nf) => setFilters(filters.map((x, j) => (j === i ? nf : x)))}
            onRemove={() => setFilters(filters.filter((_, j) => j !== i))}
          />
        ))}
        <div className={ui.row}>
          {(Object.keys(NEW_FILTER) as Filter['type'][]).map((t) => (
            <button
              key={t}
              type="button"
              className={ui.button}
              onClick={() => setFilters([...filters, { ...NEW_FILTER[t] }])}
            >
              + {t}
            </button>
          ))}
        </div>
      </div>
      <div className={ui.field}>
        <span className={ui.label}>Then notify</span>
        {channels.isLoading && <Loading what="channels" />}
        {channels.data?.length === 0 && (
          <span className={styles.hint}>
            No channels yet: <Link href={`/settings/${encodeURIComponent(org)}/alerts/`}>create one</Link>.
          </span>
        )}
        <div className={styles.chips}>
          {channels.data?.map((c) => (
            <label key={c.id} className={styles.check}>
              <input
                type="checkbox"
                checked={chosen.includes(c.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
              />
              {c.name} <span className={ui.muted}>({CHANNEL_LABELS[c.type] ?? c.type})</span>
            </label>
          ))}
        </div>
        <label className={styles.check}>
          <input type="checkbox" checked={notifyAssignee} onChange={(e) => setNotifyAssignee(e.target.checked)} /> and
          email the issue’s assignee (or its team)
        </label>
      </div>
      <div className={ui.field}>
        <label htmlFor="rule-throttle">At most once per issue every (minutes)</label>
        <input
          id="rule-throttle"
          className={ui.input}
          style={{ width: 120 }}
          type="number"
          min={0}
          value={throttle}
          onChange={(e) => setThrottle(e.target.value)}
        />
      </div>
      <div className={ui.row}>
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Create rule'}
        </button>
        <button type="button" className={ui.button} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RuleCard({
  org,
  project,
  r,
  channelNames,
}: {
  org: string;
  project: string;
  r: Rule;
  channelNames: Map<string, string>;
}) {
  const { update, remove } = useRuleMutations(org, project);
  const when = r.triggerConfig
    ? `${r.trigger === 'frequency' ? 'seen' : 'affecting'} more than ${r.triggerConfig.threshold} ` +
      `${r.trigger === 'frequency' ? 'times' : 'users'} in ${r.triggerConfig.windowMinutes} min`
    : (TRIGGERS[r.trigger] ?? r.trigger);
  const to = [
    ...r.channels.map((id) => channelNames.get(id) ?? `channel ${id}`),
    ...(r.notifyAssignee ? ['the assignee'] : []),
  ];
  return (
    <div className={styles.card} data-testid="rule-card">
      <div className={styles.cardHead}>
        <div className={styles.cardTitle}>
          {r.name} {!r.isActive && <span className={ui.badge}>disabled</span>}
        </div>
        <div className={ui.row}>
          <button
            type="button"
            className={ui.button}
            onClick={() => update.mutate({ id: r.id, isActive: !r.isActive })}
          >
            {r.isActive ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className={`${ui.button} ${ui.danger}`}
            onClick={() => window.confirm(`Delete rule “${r.name}”?`) && remove.mutate(r.id)}
          >
            Delete
          </button>
        </div>
      </div>
      <div className={styles.summary}>
        When {when.charAt(0).toLowerCase() + when.slice(1)}
        {r.filters.length > 0 && <> and {r.filters.map(describeFilter).join(' and ')}</>}, notify{' '}
        {to.join(', ') || 'nobody'}; at most once per issue every {r.throttleMinutes} min.
      </div>
      <ErrorNote error={update.error ?? remove.error} />
    </div>
  );
}

export function RulesSettings({ org, project }: { org: string; project: string }) {
  const rules = useRules(org, project);
  const channels = useChannels(org);
  const [adding, setAdding] = useState(false);
  const names = new Map((channels.data ?? []).map((c) => [c.id, c.name]));
  return (
    <div>
      <div className={ui.row} style={{ marginBottom: 12 }}>
        {!adding && (
          <button type="button" className={`${ui.button} ${ui.primary}`} onClick={() => setAdding(true)}>
            New rule
          </button>
        )}
        <Link className={ui.button} href={`/settings/${encodeURIComponent(org)}/alerts/`}>
          Channels
        </Link>
      </div>
      {adding && <NewRuleForm org={org} project={project} onDone={() => setAdding(false)} />}
      <ErrorNote error={rules.error} />
      {rules.isLoading && <Loading what="rules" />}
      {rules.data?.length === 0 && !adding && (
        <EmptyState
          title="No alert rules"
          hint="Rules decide which issues notify whom: new issues, regressions, spikes in events or users."
        />
      )}
      {rules.data?.map((r) => (
        <RuleCard key={r.id} org={org} project={project} r={r} channelNames={names} />
      ))}
    </div>
  );
}
