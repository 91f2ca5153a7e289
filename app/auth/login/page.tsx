// The login page: directory or local account, through next-auth's `credentials` provider.
import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/lib/auth/access';
import { safeCallbackPath, signInErrorMessage } from '@/lib/auth/callbackUrl';
import { config } from '@/lib/config';
import { LoginForm } from '@/components/auth/LoginForm';
import styles from '@/components/auth/auth.module.css';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in · Faultline' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const { error, callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await currentPrincipal()) redirect(target);
  const directory = !!config().LDAP_SERVER;
  return (
    <main className={styles.screen}>
      <div className={styles.card}>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden>
            F
          </span>
          <span className={styles.brandName}>Faultline</span>
        </div>
        <h1 className={styles.title}>Sign in</h1>
        <p className={styles.subtitle}>
          {directory
            ? 'Use your company directory account, or a local Faultline account.'
            : 'Use your Faultline account.'}
        </p>
        <LoginForm callbackUrl={target} initialError={signInErrorMessage(error)} directory={directory} />
        <p className={styles.hint}>Forgot your password? Ask your Faultline administrator.</p>
      </div>
    </main>
  );
}
