// Admin: test the directory (LDAP) settings with a username; superusers only.
import { notFound } from 'next/navigation';
import { currentPrincipal } from '@/lib/auth/access';
import { LdapTest } from '@/components/auth/LdapTest';
import styles from '@/components/auth/auth.module.css';

export const metadata = { title: 'Directory settings · Faultline' };

export default async function LdapAdminPage() {
  const p = await currentPrincipal();
  if (!p?.user.isSuperuser) notFound();
  return (
    <main className={styles.page}>
      <h1>Directory (LDAP)</h1>
      <p className={styles.lead}>
        Runs a sign-in against the configured directory and shows each step. Settings come from the
        <code>LDAP_*</code> environment variables; passwords are never shown or logged.
      </p>
      <LdapTest />
    </main>
  );
}
