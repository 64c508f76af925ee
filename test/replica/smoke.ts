// Real-browser smoke run of the replica (not part of the unit suite):
//   npx tsx test/replica/smoke.ts        (CHROMIUM_PATH defaults to /usr/bin/chromium)
// Logs in through the form, adds a product via the type-ahead, opens its editor pop-up, adds an
// action, saves the set, and checks the Actions page picked up the change in both dialects.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { INLINE, SCRIPTED, startReplica } from './index.ts';

const replica = await startReplica({ port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    `--host-resolver-rules=${replica.hostResolverRules}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
  ],
});
const context = await browser.newContext({ ignoreHTTPSErrors: true });
const problems: string[] = [];
try {
  for (const [app, d, term, product] of [
    ['demo', INLINE, 'Filter', 'Pool Filter Cartridge'],
    ['acme', SCRIPTED, 'Giant', 'Giant Magnet'],
  ] as const) {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${app}: ${e.message}`));
    page.on('request', (r) => {
      if (!new URL(r.url()).hostname.endsWith('infusionsoft.com'))
        problems.push(`external ${r.url()}`);
    });
    await page.goto(replica.origin(app) + d.paths.actions);
    await page.fill('input[name=email]', 'me@example.com');
    await page.fill('input[name=password]', 'demo');
    await page.click('button:has-text("Log In")');
    await page.waitForURL(`**${d.paths.actions}`);
    await page.focus(d.name === 'inline' ? '#productLookupText' : '.kmc-typeahead input');
    await page.keyboard.type(term);
    const suggestion = page.locator('.suggestions div').first();
    assert.equal(await suggestion.textContent(), product);
    await suggestion.click();
    const buttons = page.locator(
      '#content :is(input[value="Actions"], button:text-is("Actions"), a:text-is("Actions"))',
    );
    const [popup] = await Promise.all([page.waitForEvent('popup'), buttons.last().click()]);
    await popup.waitForLoadState();
    assert.equal(await popup.title(), `Actions: ${product}`);
    await popup.selectOption(`select[name="${d.p.type}"]`, { label: 'Apply/Remove Tag' });
    await popup.waitForSelector('text=Only run this action');
    const tag = popup.locator('select').first();
    const tagNames = await tag.locator('option').allTextContents();
    await tag.selectOption({ label: tagNames[1] ?? '' });
    await popup.click('input[type=submit][value=Save]');
    await popup.waitForSelector('text=Apply tag');
    const closed = popup.waitForEvent('close');
    await popup.click('input[type=submit][value=Save]');
    await closed;
    await page.waitForTimeout(800);
    const text = (await page.locator('#content').textContent()) ?? '';
    assert.ok(text.includes(product), `${app}: product row after save`);
    if (d.name === 'inline') assert.match(text, new RegExp(`${product}\\s*\\(1\\)`));
    console.log(`ok ${app} (${d.name})`);
  }
  assert.deepEqual(problems, []);
} finally {
  await browser.close();
  await replica.stop();
}
