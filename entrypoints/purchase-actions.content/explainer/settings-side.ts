import { saveSetting } from '@/lib/account-setting';
import { appFromUrl } from '@/lib/crm/app';
import { readRunOnAllOrders } from '@/lib/crm/settings-page';

/**
 * On the page that shows "Run Purchase Actions On All Orders": remember what it says (after a
 * save the page reloads and we read it again), so the Actions page's explainer follows it.
 * Reads only; changes nothing on the page.
 */
export async function rememberSetting(): Promise<void> {
  const app = appFromUrl(location.href);
  const value = readRunOnAllOrders(document)?.value;
  if (!app || !value) return;
  await saveSetting(app, { value, url: location.href, readAt: new Date().toISOString() });
}
