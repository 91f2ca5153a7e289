// Organization alert channels: where alerts go (email, DingTalk, WeCom, Feishu, Slack, webhooks).
import { ChannelsSettings } from '@/components/alerts/ChannelsSettings';
import styles from '@/components/ui/ui.module.css';

export const metadata = { title: 'Alert channels · Faultline' };

export default async function AlertChannelsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Alert channels</h1>
        <span className={styles.muted}>{org}</span>
      </div>
      <ChannelsSettings org={org} />
    </main>
  );
}
