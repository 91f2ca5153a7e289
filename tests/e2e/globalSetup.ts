// Playwright global setup: one Faultline for the browser tests; returns its teardown.
import { startStack } from '../harness/stack.ts';

export default async function globalSetup() {
  // The alert spec's robot listens on 127.0.0.1, which alert targets may only use when the allow-list says so.
  const stack = await startStack({ name: 'e2e', env: { ALERTS_ALLOWED_PRIVATE_TARGETS: '127.0.0.1' } });
  process.env.FAULTLINE_TEST_URL = stack.baseUrl;
  process.env.DATABASE_URL = stack.databaseUrl;
  process.env.REDIS_URL = stack.redisUrl;
  process.env.REDIS_PREFIX = stack.redisPrefix;
  process.env.FAULTLINE_URL = stack.baseUrl;
  return async () => stack.stop();
}
