import { chromium } from 'playwright-core';
import { startReplica } from './index.ts';

const replica = await startReplica({ port: 0 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [`--host-resolver-rules=${replica.hostResolverRules}`, '--ignore-certificate-errors', '--no-sandbox'],
});
const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
const errors: string[] = [];
for (const app of ['demo', 'acme']) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${app}: ${e.message}`));
  page.on('request', (r) => { if (!r.url().includes('infusionsoft.com')) errors.push(`external ${r.url()}`); });
  const origin = replica.origin(app);
  const d = replica.accounts.get(app)?.spec.dialect;
  const actionsPath = d === 'inline' ? '/Ecommerce/purchaseActions.jsp' : '/app/commerce/purchaseAutomation';
  await page.goto(origin + actionsPath);
  console.log(app, 'after goto', page.url().slice(0, 90));
  await page.fill('input[name=email]', 'me@example.com');
  await page.fill('input[name=password]', 'demo');
  await page.click('button:has-text("Log In")');
  await page.waitForLoadState();
  console.log(app, 'after login', page.url());
  // type-ahead
  const box = d === 'inline' ? '#productLookupText' : '.kmc-typeahead input';
  await page.focus(box);
  await page.keyboard.type(app === 'demo' ? 'Filter' : 'Giant');
  await page.waitForTimeout(500);
  const sug = page.locator('.suggestions div').first();
  console.log(app, 'suggestion', await sug.textContent());
  await sug.click();
  const content = page.locator('#content');
  const buttons = content.locator('input[value="Actions"], button:has-text("Actions"), a:has-text("Actions")');
  const n = await buttons.count();
  console.log(app, 'buttons', n);
  const [popup] = await Promise.all([page.waitForEvent('popup'), buttons.nth(n - 1).click()]);
  await popup.waitForLoadState();
  console.log(app, 'popup', popup.url(), await popup.title());
  popup.on('pageerror', (e) => errors.push(`${app} popup: ${e.message}`));
  await popup.selectOption('select[name=actionType], select[name=kind]', { label: 'Apply/Remove Tag' });
  await popup.waitForLoadState();
  await popup.waitForSelector('text=Only run this action');
  const tagSelect = popup.locator('select').first();
  const opts = await tagSelect.locator('option').allTextContents();
  await tagSelect.selectOption({ label: opts[1] ?? '' });
  await popup.click('input[type=submit][value=Save]');
  await popup.waitForLoadState();
  console.log(app, 'list rows text', (await popup.locator('h1').textContent()), await popup.locator('text=Apply tag').count());
  const closed = popup.waitForEvent('close');
  await popup.click('input[type=submit][value=Save]');
  await closed;
  await page.waitForTimeout(800);
  const txt = await content.textContent();
  console.log(app, 'after save contains new product', txt?.includes(app === 'demo' ? 'Pool Filter Cartridge' : 'Giant Magnet'), app === 'demo' ? txt?.match(/Pool Filter Cartridge\s*\(\d+\)/)?.[0] : '');
}
console.log('errors', errors);
console.log(replica.accounts.get('acme')?.requestLog.map((l) => `${l.method} ${l.path} ${l.status}`).join('\n'));
await browser.close();
await replica.stop();
