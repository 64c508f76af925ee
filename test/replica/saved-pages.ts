// The pages of one account as a signed-in browser gets them, named by the page kind a detector
// must see in each (<kind>-<what>, as in the detector tests' fixtures): the raw material of the
// detector tests, the page-shape round trip, and `npm run replica -- --save-pages`.
import { request } from 'node:https';
import { dialectSpec } from './dialects.ts';
import type { Replica } from './index.ts';
import type { SetOwner } from './state/types.ts';

export function getPage(port: number, app: string, path: string, cookie?: string): Promise<string> {
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

export interface SavedPage {
  path: string;
  html: string;
}

/** Every page kind of `app`'s dialect: Actions page, two editors, an edit form, settings, report... */
export async function savedPages(
  replica: Replica,
  app: string,
): Promise<Record<string, SavedPage>> {
  const account = replica.accounts.get(app);
  if (!account) throw new Error(`no account ${app}`);
  const d = dialectSpec(account.spec.dialect);
  const s = account.createSession();
  const cookie = `${s.name}=${s.value}`;
  const product = account.state.actionSets.find(
    (x) => x.owner.kind === 'product' && x.actionIds.length,
  );
  if (!product) throw new Error('no product set');
  const actionId = String(product.actionIds[0]);
  const editor = (extra: Record<string, string> = {}, owner: SetOwner = product.owner) =>
    `${d.paths.editor}?${new URLSearchParams({ ...d.ownerParams(owner), ...extra })}`;
  const paths: Record<string, string> = {
    'actions-page': d.paths.actions,
    'editor-product-set': editor(),
    'editor-successful-purchase': editor({}, { kind: 'trigger', trigger: 'successfulPurchase' }),
    'settings-run-on-all-orders': d.paths.settings,
    'other-home': d.paths.home,
    'other-contacts': d.paths.contacts,
    'other-products-report': d.paths.report,
    'other-edit-action-form': editor({ [d.p.view]: d.p.edit, [d.p.actionId]: actionId }),
  };
  const out: Record<string, SavedPage> = {};
  for (const [name, path] of Object.entries(paths))
    out[name] = { path, html: await getPage(replica.port, app, path, cookie) };
  out['login-session-expired'] = {
    path: d.paths.login,
    html: await getPage(replica.port, app, d.paths.login),
  };
  return out;
}
