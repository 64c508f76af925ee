import type { Signal } from '@preact/signals';
import { render } from 'preact';
import { WhenDoesThisRun } from '@/components/explainer/WhenDoesThisRun';
import type { SeenSetting } from '@/lib/account-setting';
import type { ActionsPage, SetRow } from '@/lib/crm/actions-page';
import type { RunSetKind } from '@/lib/matrix';

const KIND: Record<string, RunSetKind> = {
  onLogin: 'onLogin',
  contactCreation: 'contactCreation',
  successful: 'successful',
  failed: 'failed',
  error: 'error',
};

const kindOf = (row: SetRow): RunSetKind =>
  row.ref.kind === 'default' ? (KIND[row.ref.trigger] ?? 'successful') : 'product';

/**
 * The "(3)" the page prints right after a row's Actions button, if it does: our control goes
 * after it, so the count stays beside the button it belongs to.
 */
function printedCountAfter(row: SetRow): Element | null {
  if (row.count === null) return null;
  let node = row.button.nextSibling;
  while (node && node.nodeType === Node.TEXT_NODE && !node.textContent?.trim()) {
    node = node.nextSibling;
  }
  return node instanceof Element && node.textContent?.trim() === `(${row.count})` ? node : null;
}

/**
 * "When does this run?" beside each Default Settings row and each product. Each control lives in
 * its own small shadow root after the Actions button (and the page's count beside it), so the
 * page's styles and ours never mix and the row's own text (which we and the page read) is
 * unchanged.
 */
export function mountWhenControls(page: ActionsPage, setting: Signal<SeenSetting | null>): void {
  for (const row of [...page.defaults, ...page.products]) {
    const count = printedCountAfter(row);
    const anchor = count ?? row.button;
    if (anchor.nextElementSibling?.tagName === 'PAT-WHEN') continue;
    const host = document.createElement('pat-when');
    host.style.marginLeft = '8px';
    host.style.display = 'inline-block';
    host.style.verticalAlign = 'top';
    anchor.after(host);
    const root = host.attachShadow({ mode: 'open' });
    const kind = kindOf(row);
    function Control() {
      const s = setting.value;
      return (
        <WhenDoesThisRun
          kind={kind}
          setting={s?.value ?? 'unknown'}
          settingNote={s ? s.note : 'Reading the "Run Purchase Actions On All Orders" setting…'}
          actionCount={count ? row.count : null}
        />
      );
    }
    render(<Control />, root);
  }
}
