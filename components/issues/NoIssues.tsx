'use client';
// The empty issue list: what to do next, with the project's DSN and a setup snippet.
import Link from 'next/link';
import { useProjectKeys } from '../hooks/useProjects';
import type { Project } from '@/lib/projects/contract';
import { SetupSnippets } from '../settings/SetupSnippets';
import { CopyLine } from '../ui/CopyButton';
import { EmptyState } from '../ui/EmptyState';

function ProjectSetup({ org, project }: { org: string; project: Project }) {
  const keys = useProjectKeys(org, project.slug);
  const key = keys.data?.find((k) => k.isActive) ?? keys.data?.[0];
  if (!key) return null;
  return (
    <>
      <p style={{ margin: '8px 0 4px' }}>
        Send an event to <strong>{project.slug}</strong> with this DSN (
        <Link href={`/settings/${org}/projects/${project.slug}/`}>all keys</Link>):
      </p>
      <CopyLine value={key.dsn.public} label="Copy DSN" testId="empty-dsn" />
      <div style={{ marginTop: 10 }}>
        <SetupSnippets dsn={key.dsn.public} platform={project.platform} org={org} project={project.slug} />
      </div>
    </>
  );
}

export function NoIssues({ org, project, filtered }: { org: string; project: Project | undefined; filtered: boolean }) {
  if (filtered) {
    return (
      <EmptyState
        title="No issues match these filters"
        hint="Change the search, or clear it to see every unresolved issue."
      />
    );
  }
  return (
    <EmptyState title="No unresolved issues" hint="Either nothing is broken, or no SDK is sending events yet.">
      {project && <ProjectSetup org={org} project={project} />}
    </EmptyState>
  );
}
