'use client';
// Home: each organization with its projects, their unresolved issue counts and 24 h event sparklines.
import Link from 'next/link';
import { useState } from 'react';
import { Sparkline } from '../charts/Sparkline';
import { useOrganizations } from '../hooks/useOrganizations';
import { useProjects } from '../hooks/useProjects';
import type { Organization } from '@/lib/orgs/contract';
import { EmptyState, ErrorNote, Loading } from '../ui/EmptyState';
import { CreateProject } from './CreateProject';
import { platformName } from './platforms';
import ui from '../ui/ui.module.css';
import styles from './projects.module.css';

function OrgProjects({ org }: { org: Organization }) {
  const projects = useProjects(org.slug);
  const [creating, setCreating] = useState(false);
  return (
    <section aria-label={org.name}>
      <div className={styles.orgHead}>
        <h2>{org.name}</h2>
        <div className={ui.row}>
          <Link className={ui.button} href={`/organizations/${org.slug}/issues/`}>
            All issues
          </Link>
          <button type="button" className={`${ui.button} ${ui.primary}`} onClick={() => setCreating(true)}>
            New project
          </button>
        </div>
      </div>
      {creating && <CreateProject org={org.slug} onClose={() => setCreating(false)} />}
      <ErrorNote error={projects.error} />
      {projects.isLoading && <Loading what="projects" />}
      {projects.data?.length === 0 && !creating && (
        <EmptyState title="No projects yet" hint="Create a project to get a DSN, then point a Sentry SDK at it." />
      )}
      <div className={styles.grid}>
        {projects.data?.map((p) => {
          const series = p.stats;
          const events = (series ?? []).reduce((s, [, n]) => s + Number(n), 0);
          return (
            <article key={p.id} className={styles.card} data-testid={`project-${p.slug}`}>
              <div className={styles.cardHead}>
                <Link className={styles.cardTitle} href={`/organizations/${org.slug}/issues/?project=${p.id}`}>
                  {p.name}
                </Link>
                <span className={`${ui.muted} ${ui.small}`}>{platformName(p.platform)}</span>
              </div>
              <div className={styles.stats}>
                <div>
                  <div className={styles.count} data-testid="unresolved-count">
                    {p.unresolvedIssues ?? '—'}
                  </div>
                  <div className={`${ui.muted} ${ui.small}`}>unresolved issues</div>
                </div>
                <div style={{ textAlign: 'right' }}>
                  <Sparkline series={series} label={`${events} events in the last 24 hours`} />
                  <div className={`${ui.muted} ${ui.small}`}>
                    {events.toLocaleString()} event{events === 1 ? '' : 's'} · 24h
                  </div>
                </div>
              </div>
              <div className={styles.links}>
                <Link href={`/organizations/${org.slug}/issues/?project=${p.id}`}>Issues</Link>
                <Link href={`/settings/${org.slug}/projects/${p.slug}/`}>Settings &amp; DSN</Link>
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}

export function ProjectsOverview() {
  const orgs = useOrganizations();
  if (orgs.isLoading) return <Loading what="organizations" />;
  if (orgs.error) return <ErrorNote error={orgs.error} />;
  if (!orgs.data?.length) {
    return (
      <EmptyState
        title="You are not in any organization yet"
        hint="Ask an administrator to add you, or create one with `faultline createproject`."
      />
    );
  }
  return (
    <>
      {orgs.data.map((o) => (
        <OrgProjects key={o.slug} org={o} />
      ))}
    </>
  );
}
