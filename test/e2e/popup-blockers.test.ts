import { afterAll, beforeAll, describe, it } from 'vitest';
import { type BlockerMode, makeBlocker } from './blocker';
import { startWorld, type World } from './harness';
import { editorRoundTrip } from './popup';

// Issue 4 (b): a test-only blocker extension beside ours, in each of its three behaviours, with
// Chromium's own blocker on as well. Both dialects.
const ACCOUNTS = [
  { app: 'inl', dialect: 'inline' as const, seed: 'demo' as const },
  { app: 'scr', dialect: 'scripted' as const, seed: 'demo' as const },
];

describe.each<BlockerMode>(['null', 'close', 'swallow'])('blocker extension: %s', (mode) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({
      accounts: ACCOUNTS,
      popupBlocker: true,
      extraExtensions: [makeBlocker(mode)],
    });
  });
  afterAll(async () => world?.close());

  it.each(['inl', 'scr'])(
    'the editor opens exactly once and saves reach the page (%s)',
    async (app) => {
      const { page } = await editorRoundTrip(world, app, { notice: true });
      await page.close();
    },
  );
});
