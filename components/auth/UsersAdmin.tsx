'use client';
// Superuser page: every account, invite a local user (temporary password shown once), disable or enable.
import { useEffect, useState } from 'react';
import { apiFetch } from './apiClient';
import styles from './auth.module.css';

interface UserRow {
  id: string;
  email: string;
  username: string | null;
  name: string;
  isActive: boolean;
  isSuperuser: boolean;
  isManaged: boolean;
  lastLogin: string | null;
}

export function UsersAdmin({ selfId }: { selfId: number }) {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [superuser, setSuperuser] = useState(false);
  const [invited, setInvited] = useState<{ email: string; temporaryPassword: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => apiFetch<UserRow[]>('/api/0/users/').then(setUsers).catch((e: Error) => setError(e.message));
  useEffect(() => {
    load();
  }, []);

  async function invite(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await apiFetch<{ email: string; temporaryPassword: string }>('/api/0/users/', {
        method: 'POST',
        body: JSON.stringify({ email, name, isSuperuser: superuser }),
      });
      setInvited(r);
      setEmail('');
      setName('');
      setSuperuser(false);
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function setActive(u: UserRow, isActive: boolean) {
    setError(null);
    try {
      await apiFetch(`/api/0/users/${u.id}/`, { method: 'PUT', body: JSON.stringify({ isActive }) });
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div>
      {error && <div className={styles.error} role="alert">{error}</div>}
      {invited && (
        <div className={styles.panel} aria-live="polite">
          <strong>Invited {invited.email}</strong>
          <p className={styles.lead}>Give them this temporary password now; it is not shown again.</p>
          <div className={styles.secret} data-testid="temporary-password">{invited.temporaryPassword}</div>
          <p style={{ marginTop: 10 }}><button type="button" className={styles.secondary} onClick={() => setInvited(null)}>Done</button></p>
        </div>
      )}
      <form className={styles.panel} onSubmit={invite}>
        <div className={styles.row}>
          <div className={styles.field}>
            <label className={styles.label} htmlFor="invite-email">Email</label>
            <input id="invite-email" className={styles.input} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className={styles.field}>
            <label className={styles.label} htmlFor="invite-name">Name</label>
            <input id="invite-name" className={styles.input} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <label className={styles.checkLabel}><input type="checkbox" checked={superuser} onChange={(e) => setSuperuser(e.target.checked)} /> superuser</label>
          <button className={styles.button} style={{ width: 'auto' }} type="submit" disabled={!email}>Invite</button>
        </div>
      </form>
      <table className={styles.table}>
        <thead>
          <tr><th>User</th><th>Kind</th><th>Status</th><th>Last login</th><th /></tr>
        </thead>
        <tbody>
          {users?.map((u) => (
            <tr key={u.id}>
              <td>
                <div>{u.name || u.email}</div>
                <div className={styles.lead} style={{ margin: 0 }}>{u.email}{u.username ? ` · ${u.username}` : ''}</div>
              </td>
              <td>
                <span className={styles.badge}>{u.isManaged ? 'directory' : 'local'}</span>{' '}
                {u.isSuperuser && <span className={styles.badge}>superuser</span>}
              </td>
              <td>{u.isActive ? <span className={styles.ok}>active</span> : <span className={styles.danger}>disabled</span>}</td>
              <td>{u.lastLogin ? new Date(u.lastLogin).toLocaleString() : 'never'}</td>
              <td>
                {Number(u.id) !== selfId && (
                  <button type="button" className={styles.secondary} onClick={() => setActive(u, !u.isActive)}>
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
