// Playwright global setup: one Faultline for the browser tests; returns its teardown.
import { startStack } from '../harness/stack.ts';

export default async function globalSetup() {
  const stack = await startStack({ name: 'e2e' });
  process.env.FAULTLINE_TEST_URL = stack.baseUrl;
  process.env.DATABASE_URL = stack.databaseUrl;
  process.env.REDIS_URL = stack.redisUrl;
  process.env.REDIS_PREFIX = stack.redisPrefix;
  process.env.FAULTLINE_URL = stack.baseUrl;
  return async () => stack.stop();
}
