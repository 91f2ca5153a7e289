// A second Faultline for one describe block, on its own database: for what the shared stack (two workers) cannot
// show, such as no worker at all or exactly one. Starts before the block's tests and stops after them.
import { afterAll, beforeAll } from 'vitest';
import { createDb, type Db } from '../../lib/db.ts';
import { startStack, type Stack } from '../harness/stack.ts';

export function ownStack(name: string, workers: number): { stack: Stack; db: Db } {
  const own = {} as { stack: Stack; db: Db };
  beforeAll(async () => {
    own.stack = await startStack({ name, workers });
    own.db = createDb(own.stack.databaseUrl, 2);
  }, 120_000);
  afterAll(async () => {
    await own.db?.$disconnect();
    await own.stack?.stop();
  });
  return own;
}
