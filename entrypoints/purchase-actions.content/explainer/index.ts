import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadSetting, type SeenSetting, saveSetting, watchSetting } from '@/lib/account-setting';
import { findRunOnAllOrders } from '@/lib/crm/find-settings';
import type { ActionsPageContext } from '../page';
import { mountWhenControls } from './when-controls';

// "When does this run?" beside each set, explained with the account's live "Run Purchase
// Actions On All Orders" (read here, and followed when the settings page changes it).
export function init(ctx: ContentScriptContext, page: ActionsPageContext): void {
  page.afterRefresh.push((read) => mountWhenControls(read, page.setting));
  void followSetting(ctx, page);
}

async function followSetting(ctx: ContentScriptContext, page: ActionsPageContext): Promise<void> {
  const { app, setting } = page;
  const cached = await loadSetting(app);
  if (cached) setting.value = cached;
  ctx.onInvalidated(watchSetting(app, (s) => (setting.value = s)));
  const read = await findRunOnAllOrders(document, page.queue, cached?.url);
  const seen: SeenSetting = { ...read, readAt: new Date().toISOString() };
  // A failed read keeps what we knew, with the note saying it may be stale.
  if (read.value === 'unknown' && cached && cached.value !== 'unknown') {
    setting.value = {
      ...cached,
      note: `${read.note ?? ''} Showing the value last seen on ${cached.readAt.slice(0, 10)}.`,
    };
    return;
  }
  await saveSetting(app, seen);
  setting.value = seen;
}
