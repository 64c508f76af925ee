// Saves the replica's pages, both dialects, as the detector tests' fixtures:
// `npx tsx scripts/save-replica-pages.ts` (re-run after changing the replica's markup).
// Names are <dialect>/<expected page kind>-<what>.html.

import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { type Account, INLINE, SCRIPTED, startReplica } from '../test/replica';

const OUT = resolve(import.meta.dirname, '../test/fixtures/pages');

function get(port: number, app: string, path: string, cookie?: string): Promise<string> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        servername: `${app}.infusionsoft.com`,
        rejectUnauthorized: false,
        headers: { Host: `${app}.infusionsoft.com`, ...(cookie ? { Cookie: cookie } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

const replica = await startReplica({
  port: 0,
  accounts: [
    { app: 'inl', dialect: 'inline', seed: 'demo' },
    { app: 'scr', dialect: 'scripted', seed: 'acme' },
  ],
});
try {
  for (const [app, d] of [
    ['inl', INLINE],
    ['scr', SCRIPTED],
  ] as const) {
    const account = replica.accounts.get(app) as Account;
    const s = account.createSession();
    const cookie = `${s.name}=${s.value}`;
    const product = account.state.actionSets.find(
      (x) => x.owner.kind === 'product' && x.actionIds.length,
    );
    if (!product) throw new Error('no product set');
    const actionId = String(product.actionIds[0]);
    const editor = (extra: Record<string, string> = {}, owner = product.owner) =>
      `${d.paths.editor}?${new URLSearchParams({ ...d.ownerParams(owner), ...extra })}`;
    const pages: Record<string, string> = {
      'actions-page': d.paths.actions,
      'editor-product-set': editor(),
      'editor-successful-purchase': editor({}, { kind: 'trigger', trigger: 'successfulPurchase' }),
      'settings-run-on-all-orders': d.paths.settings,
      'other-home': d.paths.home,
      'other-contacts': d.paths.contacts,
      'other-products-report': d.paths.report,
      'other-edit-action-form': editor({ [d.p.view]: d.p.edit, [d.p.actionId]: actionId }),
    };
    mkdirSync(resolve(OUT, d.name), { recursive: true });
    for (const [name, path] of Object.entries(pages)) {
      writeFileSync(
        resolve(OUT, d.name, `${name}.html`),
        await get(replica.port, app, path, cookie),
      );
    }
    writeFileSync(
      resolve(OUT, d.name, 'login-session-expired.html'),
      await get(replica.port, app, d.paths.login),
    );
  }
  console.log(`Saved to ${OUT}`);
} finally {
  await replica.stop();
}
