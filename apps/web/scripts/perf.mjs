// Web performance of the built storefront against a running server (default http://localhost:3000):
// JavaScript shipped per page (gzip, as served), time to content and time to interactive in
// headless Chromium, the median of 5 cold loads at phone size.
// Usage: BASE=http://localhost:3400 node apps/web/scripts/perf.mjs
//
// Time to interactive: from navigation start until the first "Add … to cart" button is on screen
// and enabled, and the main thread then stays free of long tasks (> 50 ms) for QUIET_MS; when a
// long task ends after the button appeared, TTI is the end of the last one (Lighthouse's rule,
// with a shorter quiet window and a shopper's action as the start).
/* global window, document, requestAnimationFrame, PerformanceObserver -- page.evaluate code runs in the browser */
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
const QUIET_MS = 500;
const ADD = 'button[aria-label^="Add "][aria-label$=" to cart"]:not([disabled])';
const { items } = await (await fetch(`${BASE}/api/v1/products?per_page=1&in_stock=true`)).json();
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
  const tti = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    // Long tasks from the very start of the page (buffered: those before this script ran too).
    await context.addInitScript(() => {
      window.__longTaskEnds = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTaskEnds.push(e.startTime + e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
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
    await page.locator(ADD).first().waitFor();
    tti.push(
      await page.evaluate(
        async ({ selector, quietMs }) => {
          const enabledAt = await new Promise((resolve) => {
            const check = () =>
              document.querySelector(selector) ? resolve(performance.now()) : requestAnimationFrame(check);
            check();
          });
          for (;;) {
            const last = Math.max(enabledAt, ...window.__longTaskEnds);
            const wait = last + quietMs - performance.now();
            if (wait <= 0) return last;
            await new Promise((r) => setTimeout(r, wait));
          }
        },
        { selector: ADD, quietMs: QUIET_MS },
      ),
    );
    await context.close();
  }
  const kb = [...js].reduce((sum, p) => sum + gzipSize(p), 0) / 1024;
  console.log(
    `${name.padEnd(8)} JS ${kb.toFixed(1)} KB gzip in ${js.size} files · DOMContentLoaded ${Math.round(median(dcl))} ms · content ${median(content)} ms · interactive ${Math.round(median(tti))} ms`,
  );
}
await browser.close();
