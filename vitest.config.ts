import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'workers/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/harness/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files share one running Faultline; each creates its own org and projects.
          fileParallelism: true,
        },
      },
      {
        resolve: { alias },
        test: {
          // Deployment files (Helm chart); the container test is tests/deploy/container.sh, run by .ci/run.
          name: 'deploy',
          include: ['tests/deploy/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
