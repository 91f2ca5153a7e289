// Account settings: the signed-in user's API tokens (for sentry-cli and scripts).
import { TokensSettings } from '@/components/auth/TokensSettings';
import styles from '@/components/auth/auth.module.css';

export const metadata = { title: 'API tokens · Faultline' };

export default function TokensPage() {
  return (
    <main className={styles.page}>
      <h1>API tokens</h1>
      <p className={styles.lead}>
        Tokens act as you, limited to the scopes you choose. Use them with sentry-cli as
        <code>SENTRY_AUTH_TOKEN</code> or as an <code>Authorization: Bearer</code> header.
      </p>
      <TokensSettings />
    </main>
  );
}
