import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadSetting } from '@/lib/account-setting';
import { type AccountCheckRun, checkAccount, type Feature } from '@/lib/crm/account-check';
import { resolveEditorOpens } from '@/lib/crm/bridge-client';
import type { ToolbarModel } from '@/lib/messaging/frame';
import { pageShapeReport } from '@/lib/page-shape';
import type { ActionsPageContext } from '../page';

// "Check this account" (issue 13): read-only, kept for this page's session. Writing features
// are offered only when every check they need passed; before the first write it runs if it has
// not (page.refusalOf).
export function init(_ctx: ContentScriptContext, page: ActionsPageContext): void {
  let checked: AccountCheckRun | null = null;
  let checking: Promise<AccountCheckRun> | null = null;
  const show = (view: NonNullable<ToolbarModel['accountCheck']>) => {
    page.model.accountCheck = view;
    page.push();
  };
  function runCheck(): Promise<AccountCheckRun> {
    checking ??= (async () => {
      show({ running: true, result: checked?.result ?? null, error: '' });
      try {
        checked = await checkAccount({
          doc: document,
          queue: page.queue,
          editorUrls: (rows) =>
            new Map(
              [
                ...resolveEditorOpens(
                  document,
                  rows.map((r) => r.button),
                ),
              ].map(([b, o]) => [b, o.url]),
            ),
          settingUrl: (await loadSetting(page.app))?.url,
        });
        show({ running: false, result: checked.result, error: '' });
        return checked;
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        show({
          running: false,
          result: checked?.result ?? null,
          error: `The check stopped: ${why}`,
        });
        throw e;
      } finally {
        checking = null;
      }
    })();
    return checking;
  }

  page.refusalOf = async (feature: Feature) => {
    const capOf = (run: AccountCheckRun) =>
      run.result.capabilities.find((c) => c.feature === feature);
    let run = checked ?? (await runCheck());
    // "Not tested" (no action to try Delete on) may have changed since: a copy adds actions.
    const untested = (r: AccountCheckRun) =>
      capOf(r)?.missing.some(
        (id) => r.result.checks.find((c) => c.id === id)?.state === 'not tested',
      );
    if (capOf(run)?.status !== 'ready' && untested(run)) run = await runCheck();
    const cap = capOf(run);
    return cap && cap.status !== 'ready' ? cap.text : null;
  };
  page.handle('account-check', async () => (await runCheck()).result);
  page.handle('page-shape', async () => {
    const run = checked ?? (await runCheck());
    return pageShapeReport(run.pages, { checks: run.result.checks });
  });
}
