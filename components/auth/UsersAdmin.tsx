'use client';
// Superuser page: every account, invite a local user (temporary password shown once), disable or enable.
import { useState } from 'react';
import type { InstanceUser, InvitedUser } from '@/lib/auth/contract';
import { useUserMutations, useUsers } from '../hooks/useAccount';
import styles from './auth.module.css';

export function UsersAdmin({ selfId }: { selfId: number }) {
  const list = useUsers();
  const { invite, setActive } = useUserMutations();
  const users = list.data;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [superuser, setSuperuser] = useState(false);
  const [invited, setInvited] = useState<InvitedUser | null>(null);
  const error = invite.error ?? setActive.error ?? list.error;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    invite.mutate(
      { email, name, isSuperuser: superuser },
      {
        onSuccess: (r) => {
          setInvited(r);
          setEmail('');
          setName('');
          setSuperuser(false);
        },
      },
    );
  }

  const toggleActive = (u: InstanceUser) => setActive.mutate({ id: u.id, isActive: !u.isActive });

  return (
    <div>
      {error && (
        <div className={styles.error} role="alert">
          {error.message}
        </div>
      )}
      {invited && (
        <div className={styles.panel} aria-live="polite">
          <strong>Invited {invited.email}</strong>
          <p className={styles.lead}>Give them this temporary password now; it is not shown again.</p>
          <div className={styles.secret} data-testid="temporary-password">
            {invited.temporaryPassword}
          </div>
          <p style={{ marginTop: 10 }}>
            <button type="button" className={styles.secondary} onClick={() => setInvited(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      <form className={styles.panel} onSubmit={submit}>
        <div className={styles.row}>
          <div className={styles.field}>
            <label className={styles.label} htmlFor="invite-email">
              Email
            </label>
            <input
              id="invite-email"
              className={styles.input}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className={styles.field}>
            <label className={styles.label} htmlFor="invite-name">
              Name
            </label>
            <input id="invite-name" className={styles.input} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <label className={styles.checkLabel}>
            <input type="checkbox" checked={superuser} onChange={(e) => setSuperuser(e.target.checked)} /> superuser
          </label>
          <button className={styles.button} style={{ width: 'auto' }} type="submit" disabled={!email}>
            Invite
          </button>
        </div>
      </form>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>User</th>
            <th>Kind</th>
            <th>Status</th>
            <th>Last login</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users?.map((u) => (
            <tr key={u.id}>
              <td>
                <div>{u.name || u.email}</div>
                <div className={styles.lead} style={{ margin: 0 }}>
                  {u.email}
                  {u.username ? ` · ${u.username}` : ''}
                </div>
              </td>
              <td>
                <span className={styles.badge}>{u.isManaged ? 'directory' : 'local'}</span>{' '}
                {u.isSuperuser && <span className={styles.badge}>superuser</span>}
              </td>
              <td>
                {u.isActive ? (
                  <span className={styles.ok}>active</span>
                ) : (
                  <span className={styles.danger}>disabled</span>
                )}
              </td>
              <td>{u.lastLogin ? new Date(u.lastLogin).toLocaleString() : 'never'}</td>
              <td>
                {Number(u.id) !== selfId && (
                  <button type="button" className={styles.secondary} onClick={() => toggleActive(u)}>
                    {u.isActive ? 'Disable' : 'Enable'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
