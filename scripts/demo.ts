// `npm start`: build the extension, start the replica CRM with the `demo` account, and open
// Chromium with the extension on the E-Commerce > Actions page. Without a display it runs a
// short scripted tour instead and writes screenshots to a folder it names.
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension } from '../test/e2e/browser';
import { actionsButtonFor } from '../test/e2e/crm-ui';
import { INLINE, startReplica } from '../test/replica';

const OUT = resolve(import.meta.dirname, '../demo-screenshots');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;

console.log('Building the extension (wxt build)…');
execSync('npx wxt build', { stdio: 'inherit' });

const replica = await startReplica({
  port: Number(process.env.REPLICA_PORT ?? 0),
  accounts: [
    { app: 'demo', dialect: 'inline', seed: 'demo' },
    { app: 'acme', dialect: 'scripted', seed: 'acme' },
  ],
});
const { context, extensionId, close } = await launchWithExtension({
  hostResolverRules: replica.hostResolverRules,
  headless: !headed,
});
const demo = replica.accounts.get('demo');
if (!demo) throw new Error('the replica has no demo account');
const session = demo.createSession();
await context.addCookies([
  { ...session, domain: 'demo.infusionsoft.com', path: '/', secure: true, httpOnly: true },
]);
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${replica.origin('demo')}${INLINE.paths.actions}`);
await page.getByRole('region', { name: 'Purchase Actions Toolkit' }).waitFor();

if (headed) {
  console.log('\nThe demo is open in Chromium: E-Commerce > Actions of the `demo` account.');
  console.log('Close the browser window or press Ctrl+C to stop.');
  const stop = async () => {
    await close().catch(() => {});
    await replica.stop();
    process.exit(0);
  };
  context.on('close', () => void stop());
  process.once('SIGINT', () => void stop());
} else {
  mkdirSync(OUT, { recursive: true });
  console.log('\nNo display: running a short scripted tour instead.');
  await page.waitForTimeout(500);
  await page.screenshot({ path: resolve(OUT, '1-actions-page.png'), fullPage: true });
  console.log('  1. the toolbar on the Actions page');
  const [editor] = await Promise.all([
    context.waitForEvent('page'),
    actionsButtonFor(page, 'Successful Purchase Action').click(),
  ]);
  await editor.waitForLoadState();
  await editor.screenshot({ path: resolve(OUT, '2-action-set-editor.png'), fullPage: true });
  console.log('  2. the Successful Purchase Action editor');
  await editor.close();
  await page
    .locator('tr', { hasText: 'Weekly Pool Checkup' })
    .last()
    .getByRole('button', { name: 'When does this run?' })
    .click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(OUT, '3-when-does-this-run.png'), fullPage: true });
  console.log('  3. "When does this run?" beside a product');
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#/matrix`);
  await dashboard.waitForTimeout(500);
  await dashboard.screenshot({ path: resolve(OUT, '4-dashboard-matrix.png') });
  console.log('  4. the trigger matrix in the dashboard');
  await close();
  await replica.stop();
  console.log(`\nScreenshots written to ${OUT}`);
}
