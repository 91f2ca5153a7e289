'use client';
// Create a project: platform chooser, name and team; lands on the new project's DSN page.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTeams } from '../hooks/useOrganizations';
import { useCreateProject } from '../hooks/useProjects';
import { ErrorNote } from '../ui/EmptyState';
import { PLATFORMS } from './platforms';
import ui from '../ui/ui.module.css';
import styles from './projects.module.css';

export function CreateProject({ org, onClose }: { org: string; onClose: () => void }) {
  const router = useRouter();
  const teams = useTeams(org);
  const create = useCreateProject(org);
  const [platform, setPlatform] = useState('node');
  const [name, setName] = useState('');
  const [team, setTeam] = useState('');
  const teamSlug = team || teams.data?.[0]?.slug || '';

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const p = await create.mutateAsync({ team: teamSlug, name: name.trim(), platform }).catch(() => null);
    if (p) router.push(`/settings/${org}/projects/${p.slug}/`);
  }

  return (
    <form className={ui.panel} onSubmit={submit} aria-label="Create project">
      <h3>New project</h3>
      <ErrorNote error={create.error ?? teams.error} />
      <span className={ui.label}>Platform</span>
      <div className={styles.platforms} role="radiogroup" aria-label="Platform">
        {PLATFORMS.map((p) => (
          <label key={p.id} className={`${styles.platform} ${platform === p.id ? styles.platformOn : ''}`}>
            <input
              type="radio"
              name="platform"
              value={p.id}
              checked={platform === p.id}
              onChange={() => setPlatform(p.id)}
            />
            {p.name}
          </label>
        ))}
      </div>
      <div className={ui.row} style={{ alignItems: 'flex-end' }}>
        <div className={ui.field} style={{ flex: '1 1 220px' }}>
          <label htmlFor={`np-name-${org}`}>Project name</label>
          <input
            id={`np-name-${org}`}
            className={ui.input}
            required
            maxLength={50}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. checkout-api"
          />
        </div>
        <div className={ui.field} style={{ flex: '1 1 160px' }}>
          <label htmlFor={`np-team-${org}`}>Team</label>
          <select
            id={`np-team-${org}`}
            className={ui.select}
            value={teamSlug}
            onChange={(e) => setTeam(e.target.value)}
            required
          >
            {teams.data?.map((t) => (
              <option key={t.slug} value={t.slug}>
                #{t.slug}
              </option>
            ))}
          </select>
        </div>
        <div className={ui.field}>
          <div className={ui.row}>
            <button
              type="submit"
              className={`${ui.button} ${ui.primary}`}
              disabled={create.isPending || !teamSlug || !name.trim()}
            >
              Create project
            </button>
            <button type="button" className={ui.button} onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}
