// Saves the replica's pages, both dialects, as the detector tests' fixtures:
// `npx tsx scripts/save-replica-pages.ts` (re-run after changing the replica's markup).
// Names are <dialect>/<expected page kind>-<what>.html.

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startReplica } from '../test/replica';
import { savedPages } from '../test/replica/saved-pages.ts';

const OUT = resolve(import.meta.dirname, '../test/fixtures/pages');

const replica = await startReplica({
  port: 0,
  accounts: [
    { app: 'inl', dialect: 'inline', seed: 'demo' },
    { app: 'scr', dialect: 'scripted', seed: 'acme' },
  ],
});
try {
  for (const [app, dialect] of [
    ['inl', 'inline'],
    ['scr', 'scripted'],
  ] as const) {
    mkdirSync(resolve(OUT, dialect), { recursive: true });
    for (const [name, page] of Object.entries(await savedPages(replica, app)))
      writeFileSync(resolve(OUT, dialect, `${name}.html`), page.html);
  }
  console.log(`Saved to ${OUT}`);
} finally {
  await replica.stop();
}
