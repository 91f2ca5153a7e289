'use client';
// Assign to a member or a team (Sentry's actor strings `user:<id>` / `team:<id>`; empty unassigns).
import { useMembers, useTeams } from '../hooks/useOrganizations';
import type { Actor } from '@/lib/issues/contract';
import ui from '../ui/ui.module.css';

export function actorValue(a: Actor | null | undefined): string {
  return a ? `${a.type}:${a.id}` : '';
}

export function AssigneeSelect({
  org,
  value,
  onChange,
  disabled,
  label = 'Assignee',
}: {
  org: string;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  label?: string;
}) {
  const members = useMembers(org);
  const teams = useTeams(org);
  return (
    <select
      className={ui.select}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Unassigned</option>
      <optgroup label="People">
        {members.data
          ?.filter((m) => m.user)
          .map((m) => (
            <option key={m.id} value={`user:${m.user!.id}`}>
              {m.user!.name || m.email}
            </option>
          ))}
      </optgroup>
      <optgroup label="Teams">
        {teams.data?.map((t) => (
          <option key={t.id} value={`team:${t.id}`}>
            #{t.slug}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
