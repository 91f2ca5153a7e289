// Entry of `faultline run cron`: only the scheduled jobs (usage flush, retention cleanup), for installs that run
// them as a third process like Sentry's cron. The worker runs the same loop; the cleanup lock keeps one at a time.
import { createRedis } from '../lib/redis.ts';
import { runCron } from '../lib/retention/schedule.ts';

const redis = createRedis();
await runCron(redis);
redis.disconnect();
process.exit(0);
