// Web performance of the built storefront against a running server (default http://localhost:3000):
// JavaScript shipped per page (gzip, as served) and time to content in headless Chromium, the
// median of 5 cold loads at phone size. Usage: BASE=http://localhost:3400 node apps/web/scripts/perf.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE ?? 'http://localhost:3000';
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});
const gzipSize = (p) => {
  const file = path.join(dist, p);
  return fs.statSync(fs.existsSync(`${file}.gz`) ? `${file}.gz` : file).size;
};
const { items } = await (await fetch(`${BASE}/api/v1/products?per_page=1`)).json();
const pages = [
  ['home', '/', 'main article'],
  ['product', `/p/${items[0].slug}`, 'main h1'],
  ['search', '/search?q=milk', 'main article'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [name, url, ready] of pages) {
  const js = new Set();
  const content = [];
  const dcl = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith('/assets/') && p.endsWith('.js')) js.add(p);
    });
    const start = Date.now();
    await page.goto(BASE + url);
    await page.locator(ready).first().waitFor();
    content.push(Date.now() - start);
    dcl.push(
      await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd),
    );
    await context.close();
  }
  const kb = [...js].reduce((sum, p) => sum + gzipSize(p), 0) / 1024;
  console.log(
    `${name.padEnd(8)} JS ${kb.toFixed(1)} KB gzip in ${js.size} files · DOMContentLoaded ${Math.round(median(dcl))} ms · content ${median(content)} ms`,
  );
}
await browser.close();
