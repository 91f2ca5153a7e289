// Vitest global setup for integration tests: one Faultline for the run; its coordinates reach tests by env.
import { startStack, type Stack } from './stack.ts';

let stack: Stack | undefined;

export async function setup() {
  // Ingest tests read accepted events back off the stream, so acknowledged entries stay there for a while.
  // Alert tests watch failed deliveries being retried: a short backoff. Their receivers listen on 127.0.0.1,
  // which alert targets may only use when the allow-list says so (other private addresses stay refused).
  // No scheduled cleanup: retention tests run their own and hold events older than the default retention.
  stack = await startStack({
    name: 'int',
    workers: 2,
    // The ingest tests run against both `faultline run web` and a plain `next start` (the route handlers).
    nextToo: true,
    env: {
      WORKER_STREAM_RETENTION_SECONDS: '600',
      ALERTS_RETRY_BASE_MS: '300',
      METRICS_TOKEN: 'test-metrics-token',
      CLEANUP_INTERVAL_MINUTES: '0',
      ALERTS_ALLOWED_PRIVATE_TARGETS: '127.0.0.1',
      // Sign-in tests pose as many clients through X-Forwarded-For, as if behind one trusted proxy.
      AUTH_TRUSTED_PROXY_HOPS: '1',
    },
  });
  process.env.FAULTLINE_TEST_URL = stack.baseUrl;
  if (stack.nextUrl) process.env.FAULTLINE_TEST_NEXT_URL = stack.nextUrl;
  process.env.DATABASE_URL = stack.databaseUrl;
  process.env.REDIS_URL = stack.redisUrl;
  process.env.REDIS_PREFIX = stack.redisPrefix;
  process.env.FAULTLINE_URL = stack.baseUrl;
  process.env.SECRET_KEY = stack.env.SECRET_KEY;
  process.env.METRICS_TOKEN = stack.env.METRICS_TOKEN;
  process.env.ALERTS_ALLOWED_PRIVATE_TARGETS = stack.env.ALERTS_ALLOWED_PRIVATE_TARGETS;
}

export async function teardown() {
  await stack?.stop();
}
