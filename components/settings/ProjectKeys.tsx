'use client';
// The project's DSN keys, a form to make a new one, and setup snippets for the first active key.
import { useState } from 'react';
import { useKeyMutations, useProjectKeys } from '../hooks/useProjects';
import type { Project } from '@/lib/projects/contract';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { KeyCard } from './KeyCard';
import { SetupSnippets } from './SetupSnippets';
import { FirstEvent } from './FirstEvent';
import ui from '../ui/ui.module.css';

export function ProjectKeys({ org, project }: { org: string; project: Project }) {
  const keys = useProjectKeys(org, project.slug);
  const m = useKeyMutations(org, project.slug);
  const [name, setName] = useState('');
  const busy = m.create.isPending || m.update.isPending || m.remove.isPending || m.rotate.isPending;
  const error = m.create.error ?? m.update.error ?? m.remove.error ?? m.rotate.error ?? keys.error;
  const first = keys.data?.find((k) => k.isActive);
  const actions = {
    update: (id: string, change: Parameters<typeof m.update.mutateAsync>[0]['change']) =>
      m.update.mutateAsync({ id, change }).catch(() => null),
    rotate: (k: Parameters<typeof m.rotate.mutateAsync>[0]) => m.rotate.mutateAsync(k).catch(() => null),
    remove: (id: string) => m.remove.mutateAsync(id).catch(() => null),
    busy,
  };
  return (
    <section aria-label="Client keys (DSN)">
      <h2>Client keys (DSN)</h2>
      <p className={ui.muted}>
        SDKs send events with a DSN. Disable or rotate a key that leaked; events sent with a disabled key are refused.
      </p>
      <ErrorNote error={error} />
      {keys.isLoading && <Loading what="keys" />}
      {keys.data?.map((k) => (
        <KeyCard key={k.id} k={k} actions={actions} />
      ))}
      <form
        className={ui.row}
        style={{ marginBottom: 20 }}
        onSubmit={(e) => {
          e.preventDefault();
          m.create.mutate(name.trim() || 'Default', { onSuccess: () => setName('') });
        }}
      >
        <input
          className={ui.input}
          aria-label="New key name"
          placeholder="New key name"
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={busy}>
          Create key
        </button>
      </form>
      {first && <FirstEvent org={org} projectId={project.id} dsn={first.dsn.public} />}
      {first && (
        <section className={ui.panel}>
          <h3>Set up an SDK</h3>
          <SetupSnippets dsn={first.dsn.public} platform={project.platform} org={org} project={project.slug} />
        </section>
      )}
    </section>
  );
}
