import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: `unit` (fast, happy-dom, fake browser + fake IndexedDB) and `e2e` (the production
// build in Debian's Chromium against the replica CRM; see DEVELOPERS.md).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/unit/setup.ts'],
        },
      },
      {
        // e2e code runs in Node, not through WXT: give it the same `@/` alias.
        resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for what a browser does, and a loaded 2-core machine runs two
          // browsers at once: 1 s (vitest's default) is a guess about speed, not a check. A poll
          // that should pass passes at once on a quiet machine; only a failure waits longer.
          expect: { poll: { timeout: 10_000 } },
          // 2 cores: two browsers at a time is plenty; each file runs its own replica.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
