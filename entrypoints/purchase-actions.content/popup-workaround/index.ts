import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readActionsPage } from '@/lib/crm/actions-page';
import { markControls } from '@/lib/crm/bridge-client';
import type { ActionsPageContext } from '../page';
import { installEditorOpening } from './editor-opening';

// The pop-up-blocker workaround on the Actions page (the editor side runs in the editors
// themselves: editor-side.ts). The Default Settings buttons are marked first: the editor
// address they open is what every other Actions button is checked against.
export async function init(ctx: ContentScriptContext, page: ActionsPageContext): Promise<void> {
  const defaults = readActionsPage(document)?.defaults.map((r) => r.button) ?? [];
  markControls(defaults);
  await installEditorOpening(
    ctx,
    {
      notify: (notice) => page.patch({ notice }),
      onEditorSaved: () => void page.refresh(),
      showPanel: (url, title) => {
        page.panel.value = { url, title };
      },
    },
    defaults,
  );
}
