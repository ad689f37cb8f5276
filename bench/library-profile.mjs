#!/usr/bin/env node
// A CPU profile of one step of the library benchmark (bench/library.mjs), for the diagnosis in
// bench/LIBRARY.md: self time by function, Rust's wasm as one bucket (the release build has no
// names section) beside the browser's own work (DOM calls, string copies, IndexedDB).
//
//   node bench/library-profile.mjs [--what who|startup|library|export] [--articles 200]
//
// The library is the benchmark's own, smaller (100 annotations an article), imported through
// "Import annotations"; then the step is profiled (CDP Profiler, 200 µs sampling).
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch } from '../tests/e2e/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : null)).filter(Boolean));
const what = args.what ?? 'who';
const articles = Number(args.articles ?? 200);
const file = execFileSync('node', [join(here, 'library.mjs'), '--articles', String(articles), '--annotations', String(articles * 100), '--generate-only'], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();

const server = await serveDist();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600000);
  await page.goto(server.url);
  await page.locator('article').waitFor();
  await page.getByLabel('Import annotations').setInputFiles(file);
  await page.locator('.notice', { hasText: /Imported \d+ article/ }).waitFor();
  await page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ }).waitFor();
  const libraryButton = page.locator('nav.toolbar button', { hasText: /^Library/ });
  const cdp = await context.newCDPSession(page);
  const start = async () => {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    return Date.now();
  };
  const painted = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
  let t0;
  if (what === 'startup') {
    // A large article open, so that the reload reopens it.
    await libraryButton.click();
    await page.locator('button.lib-title').nth(5).click();
    await page.waitForTimeout(1500);
    t0 = await start();
    await page.reload();
    await page.waitForFunction((n) => document.querySelector('article .mk') && Number(document.querySelector('nav.toolbar .count')?.textContent) > n, articles - 1);
    await page.waitForTimeout(1000);
  } else if (what === 'library') {
    t0 = await start();
    await libraryButton.click();
    await page.locator('.lib-row').nth(articles - 1).waitFor();
    await painted();
  } else if (what === 'export') {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Export library' }).click();
    t0 = await start();
    await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Gloss JSON', exact: true }).click()]);
  } else {
    await page.getByRole('button', { name: 'Who said what' }).click();
    await page.locator('.who-summary').waitFor();
    t0 = await start();
    await page.getByRole('radio', { name: 'Library' }).click();
    await page.locator('.who-summary', { hasText: /attributed/ }).waitFor();
    await painted();
  }
  const wall = Date.now() - t0;
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = f.url.startsWith('wasm://') || /^wasm-function/.test(f.functionName) ? 'wasm (Rust)' : f.functionName || `(${f.url.split('/').pop() || 'native'})`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`${what} on ${articles} articles: ${wall} ms wall, ${total.toFixed(0)} ms sampled, ${await page.evaluate(() => document.getElementsByTagName('*').length)} DOM elements`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${v.toFixed(0).padStart(7)} ms ${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`);
} finally {
  await browser.close();
  await server.close();
}
