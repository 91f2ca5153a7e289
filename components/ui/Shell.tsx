'use client';
// The signed-in frame: a sidebar (org switcher, projects, issues, settings, alerts) that folds away on phones.
import Link from 'next/link';
import { useParams, usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { useOrganizations } from '../hooks/useOrganizations';
import { useProjects } from '../hooks/useProjects';
import { ToastProvider } from './Toast';
import styles from './ui.module.css';

interface ShellUser {
  name: string;
  email: string;
  isSuperuser: boolean;
}

function NavLink({ href, children, active }: { href: string; children: React.ReactNode; active: boolean }) {
  return (
    <Link
      href={href}
      className={`${styles.navLink} ${active ? styles.navActive : ''}`}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}

function OrgNav({ org, pathname }: { org: string; pathname: string }) {
  const projects = useProjects(org);
  const issuesPath = `/organizations/${org}/issues/`;
  return (
    <>
      <NavLink href={issuesPath} active={pathname.startsWith(issuesPath)}>
        Issues
      </NavLink>
      <div className={styles.navLabel}>Projects</div>
      {/* Each project once: its issues, and its settings as a small link on the same line. */}
      {projects.data?.map((p) => {
        const settings = `/settings/${org}/projects/${p.slug}/`;
        return (
          <div key={p.id} className={styles.navRow}>
            <NavLink href={`${issuesPath}?project=${p.id}`} active={false}>
              {p.slug}
            </NavLink>
            <Link
              href={settings}
              className={`${styles.navSettings} ${pathname.startsWith(settings) ? styles.navActive : ''}`}
              aria-label={`${p.slug} settings`}
              title={`${p.slug} settings`}
            >
              ⚙
            </Link>
          </div>
        );
      })}
      {projects.data?.length === 0 && <span className={`${styles.navLink} ${styles.muted}`}>No projects yet</span>}
      <div className={styles.navLabel}>Settings</div>
      <NavLink href={`/settings/${org}/`} active={pathname === `/settings/${org}/` || pathname === `/settings/${org}`}>
        Organization
      </NavLink>
      <NavLink href={`/settings/${org}/alerts/`} active={pathname.startsWith(`/settings/${org}/alerts`)}>
        Alerts
      </NavLink>
    </>
  );
}

export function Shell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const params = useParams<{ org?: string }>();
  const pathname = usePathname() ?? '/';
  const router = useRouter();
  const orgs = useOrganizations();
  const [open, setOpen] = useState(false);
  const org = params?.org ?? orgs.data?.[0]?.slug;
  const [shownPath, setShownPath] = useState(pathname);
  // Navigating closes the phone menu (adjusted during render, not in an effect).
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpen(false);
  }

  const sidebar = (
    <nav className={`${styles.sidebar} ${open ? styles.sidebarOpen : ''}`} aria-label="Main">
      <Link href="/" className={styles.brand}>
        <span className={styles.logo} aria-hidden>
          F
        </span>
        Faultline
      </Link>
      {orgs.data && orgs.data.length > 0 && (
        <label>
          <span className={styles.navLabel} style={{ display: 'block', paddingTop: 0 }}>
            Organization
          </span>
          <select
            className={`${styles.select} ${styles.orgSelect}`}
            value={org ?? ''}
            aria-label="Organization"
            onChange={(e) => router.push(`/organizations/${e.target.value}/issues/`)}
          >
            {orgs.data.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className={styles.navLabel}>Triage</div>
      <NavLink href="/" active={pathname === '/'}>
        Projects
      </NavLink>
      {org && <OrgNav org={org} pathname={pathname} />}
      <div className={styles.navLabel}>Account</div>
      <NavLink href="/settings/tokens/" active={pathname.startsWith('/settings/tokens')}>
        API tokens
      </NavLink>
      {user.isSuperuser && (
        <>
          <div className={styles.navLabel}>Admin</div>
          <NavLink href="/admin/status/" active={pathname.startsWith('/admin/status')}>
            Status
          </NavLink>
          <NavLink href="/admin/users" active={pathname.startsWith('/admin/users')}>
            Users
          </NavLink>
          <NavLink href="/admin/ldap" active={pathname.startsWith('/admin/ldap')}>
            Directory (LDAP)
          </NavLink>
          <NavLink href="/admin/dead-letters/" active={pathname.startsWith('/admin/dead-letters')}>
            Dead letters
          </NavLink>
        </>
      )}
      <div className={styles.sidebarFoot}>
        <div title={user.email} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {user.name || user.email}
        </div>
        <Link href="/auth/logout">Sign out</Link>
      </div>
    </nav>
  );

  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skipLink}>
        Skip to content
      </a>
      <div className={styles.topbar}>
        <button type="button" className={styles.menuButton} onClick={() => setOpen(true)} aria-label="Open menu">
          ☰
        </button>
        <strong>Faultline</strong>
      </div>
      {sidebar}
      {open && <div className={styles.scrim} onClick={() => setOpen(false)} aria-hidden />}
      {/* Pages render their own <main>; this is the skip link's target. */}
      <div id="main" tabIndex={-1} className={styles.main}>
        <ToastProvider>{children}</ToastProvider>
      </div>
    </div>
  );
}
