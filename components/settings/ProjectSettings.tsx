'use client';
// Project settings: name, slug and platform; DSN keys; team access; deleting the project.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTeams } from '../hooks/useOrganizations';
import { useDeleteProject, useProject, useProjectTeam, useUpdateProject } from '../hooks/useProjects';
import type { Project } from '@/lib/projects/contract';
import { PLATFORMS } from '../projects/platforms';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { ProjectKeys } from './ProjectKeys';
import ui from '../ui/ui.module.css';
import { Button } from '../ui/Button';

function General({ org, project }: { org: string; project: Project }) {
  const router = useRouter();
  const update = useUpdateProject(org, project.slug);
  const [name, setName] = useState(project.name);
  const [slug, setSlug] = useState(project.slug);
  const [platform, setPlatform] = useState(project.platform ?? 'other');
  const [shown, setShown] = useState(project);
  // A refetched project resets the form (React's "adjust state when a prop changes", not an effect).
  if (shown !== project) {
    setShown(project);
    setName(project.name);
    setSlug(project.slug);
    setPlatform(project.platform ?? 'other');
  }
  return (
    <form
      className={ui.panel}
      aria-label="Project details"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(
          { name: name.trim(), slug: slug.trim(), platform },
          { onSuccess: (p) => p.slug !== project.slug && router.replace(`/settings/${org}/projects/${p.slug}/`) },
        );
      }}
    >
      <h2>Project</h2>
      <ErrorNote error={update.error} />
      <div className={ui.row} style={{ alignItems: 'flex-end' }}>
        <div className={ui.field} style={{ flex: '1 1 200px' }}>
          <label htmlFor="project-name">Name</label>
          <input
            id="project-name"
            className={ui.input}
            required
            maxLength={50}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className={ui.field} style={{ flex: '1 1 200px' }}>
          <label htmlFor="project-slug">Slug</label>
          <input
            id="project-slug"
            className={ui.input}
            required
            maxLength={50}
            pattern="[a-z0-9][a-z0-9_-]*"
            value={slug}
            onChange={(e) => setSlug(e.target.value.toLowerCase())}
          />
        </div>
        <div className={ui.field} style={{ flex: '1 1 160px' }}>
          <label htmlFor="project-platform">Platform</label>
          <select
            id="project-platform"
            className={ui.select}
            value={platform}
            onChange={(e) => setPlatform(e.target.value)}
          >
            {!PLATFORMS.some((p) => p.id === platform) && <option value={platform}>{platform}</option>}
            {PLATFORMS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className={ui.field}>
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isSuccess ? 'Saved' : 'Save'}
          </Button>
        </div>
      </div>
    </form>
  );
}

function TeamAccess({ org, project }: { org: string; project: Project }) {
  const teams = useTeams(org);
  const change = useProjectTeam(org, project.slug);
  const [pick, setPick] = useState('');
  const have = new Set((project.teams ?? []).map((t) => t.slug));
  const others = (teams.data ?? []).filter((t) => !have.has(t.slug));
  return (
    <section className={ui.panel} aria-label="Team access">
      <h2>Team access</h2>
      <p className={ui.muted}>
        Members of these teams see this project (everyone does while the organization has open membership).
      </p>
      <ErrorNote error={change.error} />
      <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 10px' }}>
        {(project.teams ?? []).map((t) => (
          <li
            key={t.slug}
            className={ui.row}
            style={{ justifyContent: 'space-between', padding: '4px 0', borderBottom: '1px solid var(--border)' }}
          >
            <span>#{t.slug}</span>
            <button
              type="button"
              className={`${ui.button} ${ui.danger}`}
              disabled={change.isPending}
              onClick={() => change.mutate({ team: t.slug, add: false })}
            >
              Remove
            </button>
          </li>
        ))}
        {(project.teams ?? []).length === 0 && <li className={ui.muted}>No team has access yet.</li>}
      </ul>
      {others.length > 0 && (
        <div className={ui.row}>
          <select className={ui.select} aria-label="Team to add" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">Choose a team…</option>
            {others.map((t) => (
              <option key={t.slug} value={t.slug}>
                #{t.slug}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={ui.button}
            disabled={!pick || change.isPending}
            onClick={() => change.mutate({ team: pick, add: true }, { onSuccess: () => setPick('') })}
          >
            Add team
          </button>
        </div>
      )}
    </section>
  );
}

function DangerZone({ org, project }: { org: string; project: Project }) {
  const router = useRouter();
  const del = useDeleteProject(org, project.slug);
  const [typed, setTyped] = useState('');
  return (
    <section
      className={ui.panel}
      aria-label="Delete project"
      style={{ borderColor: 'color-mix(in srgb, var(--danger) 50%, var(--border))' }}
    >
      <h2>Delete project</h2>
      <p className={ui.muted}>This removes the project with all its issues, events and keys. It cannot be undone.</p>
      <ErrorNote error={del.error} />
      <div className={ui.row}>
        <input
          className={ui.input}
          style={{ minWidth: 280 }}
          aria-label="Type the project slug to confirm"
          placeholder={`Type “${project.slug}” to confirm`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button
          type="button"
          className={`${ui.button} ${ui.dangerSolid}`}
          disabled={typed !== project.slug || del.isPending}
          onClick={() => del.mutate(undefined, { onSuccess: () => router.push('/') })}
        >
          Delete project
        </button>
      </div>
    </section>
  );
}

export function ProjectSettings({ org, projectSlug }: { org: string; projectSlug: string }) {
  const project = useProject(org, projectSlug);
  if (project.isLoading) return <Loading what="the project" />;
  if (!project.data) return <ErrorNote error={project.error ?? 'Project not found'} />;
  const p = project.data;
  return (
    <>
      <General org={org} project={p} />
      <ProjectKeys org={org} project={p} />
      <TeamAccess org={org} project={p} />
      <DangerZone org={org} project={p} />
    </>
  );
}
