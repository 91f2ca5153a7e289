'use client';
// Organization settings: members and their roles, teams, and where API tokens and alerts are managed.
import Link from 'next/link';
import { useState } from 'react';
import { useMembers, useOrgMutations, useTeams } from '../hooks/useOrganizations';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { RelativeTime } from '../ui/RelativeTime';
import ui from '../ui/ui.module.css';

const ROLES = ['member', 'admin', 'manager', 'owner'];

function Members({ org }: { org: string }) {
  const members = useMembers(org);
  const { setRole } = useOrgMutations(org);
  return (
    <section className={ui.panel} aria-label="Members">
      <h2>Members</h2>
      <ErrorNote error={members.error ?? setRole.error} />
      {members.isLoading && <Loading what="members" />}
      <div className={ui.tableWrap}>
        <table className={ui.table}>
          <thead>
            <tr>
              <th>Member</th>
              <th>Role</th>
              <th>Teams</th>
              <th>Joined</th>
            </tr>
          </thead>
          <tbody>
            {members.data?.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <td>
                  <div>{m.name || m.user?.name || m.email}</div>
                  <div className={`${ui.small} ${ui.muted}`}>{m.email}</div>
                </td>
                <td>
                  <select
                    className={ui.select}
                    aria-label={`Role of ${m.email}`}
                    value={m.orgRole ?? m.role}
                    disabled={setRole.isPending}
                    onChange={(e) => setRole.mutate({ memberId: m.id, role: e.target.value })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={ui.small}>{(m.teams ?? []).map((t) => `#${t}`).join(', ') || '—'}</td>
                <td className={ui.small}>{m.dateCreated ? <RelativeTime date={m.dateCreated} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={`${ui.small} ${ui.muted}`} style={{ marginBottom: 0 }}>
        New people are invited by a superuser at <Link href="/admin/users">Admin → Users</Link>, or join through the
        directory (LDAP).
      </p>
    </section>
  );
}

function Teams({ org }: { org: string }) {
  const teams = useTeams(org);
  const { createTeam } = useOrgMutations(org);
  const [slug, setSlug] = useState('');
  return (
    <section className={ui.panel} aria-label="Teams">
      <h2>Teams</h2>
      <ErrorNote error={teams.error ?? createTeam.error} />
      {teams.isLoading && <Loading what="teams" />}
      <div className={ui.tableWrap}>
        <table className={ui.table}>
          <thead>
            <tr>
              <th>Team</th>
              <th>Members</th>
              <th>Projects</th>
            </tr>
          </thead>
          <tbody>
            {teams.data?.map((t) => (
              <tr key={t.id} data-testid="team-row">
                <td>
                  #{t.slug}
                  {t.name && t.name !== t.slug ? <span className={ui.muted}> · {t.name}</span> : null}
                </td>
                <td>{t.memberCount ?? '—'}</td>
                <td className={ui.small}>
                  {t.projects?.length
                    ? t.projects.map((p, i) => (
                        <span key={p.slug}>
                          {i > 0 && ', '}
                          <Link href={`/settings/${org}/projects/${p.slug}/`}>{p.slug}</Link>
                        </span>
                      ))
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className={ui.row}
        style={{ marginTop: 10 }}
        onSubmit={(e) => {
          e.preventDefault();
          createTeam.mutate(slug.trim(), { onSuccess: () => setSlug('') });
        }}
      >
        <input
          className={ui.input}
          aria-label="New team slug"
          placeholder="new-team"
          pattern="[a-z0-9][a-z0-9_-]*"
          value={slug}
          onChange={(e) => setSlug(e.target.value.toLowerCase())}
        />
        <button type="submit" className={ui.button} disabled={!slug.trim() || createTeam.isPending}>
          Create team
        </button>
      </form>
    </section>
  );
}

export function OrgSettings({ org }: { org: string }) {
  return (
    <>
      <section className={ui.panel}>
        <h2>Elsewhere</h2>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          <li>
            <Link href="/settings/tokens/">Your API tokens</Link> (for sentry-cli and scripts)
          </li>
          <li>
            <Link href={`/settings/${org}/alerts/`}>Alert channels</Link> (email, webhooks, chat) and each
            project&apos;s alert rules
          </li>
        </ul>
      </section>
      <Members org={org} />
      <Teams org={org} />
    </>
  );
}
