// The account check's set-up against the in-process replica: the Actions page as the browser
// shows it, and the editor addresses the content script would pass in (from the button's markup,
// or else from the dialect's table, as the page bridge learns them at click time), in any dialect.
import { vi } from 'vitest';
import type { AccountCheckInput } from '@/lib/crm/account-check';
import type { SetRow } from '@/lib/crm/actions-page';
import { editorOpenFromMarkup } from '@/lib/crm/editor-url';
import { PoliteQueue } from '@/lib/crm/polite';
import type { Transport } from '@/lib/crm/transport';
import { dialectSpec } from '../../replica/dialects.ts';
import type { Account, DialectSpec, Replica, TriggerKey } from '../../replica/index.ts';
import { parseHtml, replicaTransport } from './replica-client';

export const TRIGGER: Record<string, TriggerKey> = {
  onLogin: 'onLogin',
  contactCreation: 'contactCreation',
  successful: 'successfulPurchase',
  failed: 'failedPurchase',
  error: 'errorPurchase',
};

/** The Actions page of `app` as the browser shows it, and what the content script would pass. */
export async function checkSetup(
  replica: Replica,
  app: string,
  wrap: (t: Transport) => Transport = (t) => t,
) {
  const account = replica.accounts.get(app) as Account;
  const d: DialectSpec = dialectSpec(account.spec.dialect);
  const rt = replicaTransport(replica, account);
  const transport = wrap(rt.transport);
  // find-settings reads through the page's own fetch: the same signed-in transport.
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => transport(String(url), init));
  const origin = replica.origin(app);
  const home = `${origin}${d.paths.actions}`;
  const doc = parseHtml(await (await rt.transport(home)).text());
  Object.defineProperty(doc, 'location', { value: { href: home } });
  const editorUrls = (rows: readonly SetRow[]) => {
    const out = new Map<Element, string>();
    for (const r of rows) {
      const literal = editorOpenFromMarkup(r.button, origin);
      if (literal) {
        out.set(r.button, literal.url);
        continue;
      }
      // The bridge runs a control's click with the default action stopped: a `javascript:` href
      // never runs, so the page gives no address for it.
      if (/^\s*javascript:(?!\s*void)/i.test(r.button.getAttribute('href') ?? '')) continue;
      const owner =
        r.ref.kind === 'default'
          ? { kind: 'trigger' as const, trigger: TRIGGER[r.ref.trigger] as TriggerKey }
          : {
              kind: 'product' as const,
              productId:
                account.state.products.find((p) => [p.name, `Product: ${p.name}`].includes(r.name))
                  ?.id ?? -1,
            };
      out.set(r.button, `${origin}${d.paths.editor}?${new URLSearchParams(d.ownerParams(owner))}`);
    }
    return out;
  };
  const input: AccountCheckInput = {
    doc,
    queue: new PoliteQueue({ maxInFlight: 4, maxPerSecond: 1000, retries: 1, backoffMs: 1 }),
    editorUrls,
    transport,
    parseHtml,
  };
  account.requestLog.length = 0;
  return { account, input, sent: rt.sent, transport, origin, dialect: d };
}
