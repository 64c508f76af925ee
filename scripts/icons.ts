// `npx tsx scripts/icons.ts`: renders public/icon.svg to the PNGs the manifest names
// (public/icon/16.png ... 128.png) in headless Chromium, so the icons always come from the one
// SVG source. The PNGs are committed: a build needs no browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/e2e/browser';

const ROOT = resolve(import.meta.dirname, '..');
const ICON_SIZES = [16, 32, 48, 128] as const;

const svg = readFileSync(resolve(ROOT, 'public/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style>` +
        `<img src="${src}" width="${size}" height="${size}" style="display:block">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ omitBackground: true, type: 'png' });
    writeFileSync(resolve(ROOT, `public/icon/${size}.png`), png);
    console.log(`public/icon/${size}.png`);
    await page.close();
  }
} finally {
  await browser.close();
}
