#!/usr/bin/env node
// What one save costs the main thread on a long article: imports a generated workload (by
// default 1,000,000 characters with 10,000 annotations) into the release build (dist/), then
// adds one annotation at a time and reads how many milliseconds each save spent on the main
// thread (the app's debug hook: `window.glossSaveTimings`, see src/storage/timing.rs). Also:
// the first save after the import (the whole article) and the longest task while it runs, and
// a reload (navigation → every annotation listed). `GLOSS_DIST` serves another build.
//
//   node bench/save.mjs [--chars 1000000] [--n 10000] [--adds 7]
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch } from '../tests/e2e/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : null)).filter(Boolean));
const CHARS = Number(args.chars ?? 1000000);
const N = Number(args.n ?? 10000);
const ADDS = Number(args.adds ?? 7);

const dir = join(root, 'target', 'bench', 'save', `${CHARS}`);
const source = join(dir, `workload-${N}.json`);
if (!existsSync(source)) {
  mkdirSync(dir, { recursive: true });
  execFileSync('node', [join(here, 'gen.mjs'), '--chars', String(CHARS), '--sizes', String(N), '--out', dir], { stdio: 'ignore' });
}
const data = JSON.parse(readFileSync(source, 'utf8'));
const cps = [...data.text];
const at = new Date(0).toISOString();
const file = join(dir, `gloss-${N}.gloss.json`);
writeFileSync(file, JSON.stringify({
  format: 'gloss',
  version: 1,
  exported_at: at,
  documents: [{
    id: randomUUID(),
    title: `Workload ${CHARS}-${N}`,
    date: null,
    text: data.text,
    text_sha256: createHash('sha256').update(data.text, 'utf8').digest('hex'),
    annotations: data.annotations.map((a) => ({
      id: randomUUID(), label: a.label.toLowerCase(), start: a.start, end: a.end,
      text: cps.slice(a.start, a.end).join(''), note: '', created_at: at, updated_at: at,
    })),
  }],
}));
const unique = new Set(data.annotations.map((a) => `${a.label}:${a.start}:${a.end}`)).size;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const server = await serveDist();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.glossSaveTimings = [];
    window.glossLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.glossLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  const saved = page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ });
  await saved.waitFor();
  await page.getByLabel('Import annotations').setInputFiles(file);
  await page.locator('.filters .chip', { hasText: `All ${unique}` }).waitFor({ timeout: 180000 });
  const shown = await page.evaluate(() => performance.now());
  await saved.waitFor({ timeout: 180000 });
  const first = await page.evaluate(() => window.glossSaveTimings.slice());
  const longest = await page.evaluate((shown) => Math.max(0, ...window.glossLongTasks.filter((t) => t.start >= shown).map((t) => t.duration)), shown);
  const adds = [];
  for (let i = 0; i < ADDS; i++) {
    await page.evaluate(() => { window.glossSaveTimings.length = 0; window.scrollTo(0, 0); });
    await page.evaluate((i) => {
      const segs = [...document.querySelectorAll('article span.seg')].filter((s) => !s.classList.contains('mk') && s.textContent.length > 30);
      const node = segs[i].firstChild;
      const range = document.createRange();
      range.setStart(node, 2);
      range.setEnd(node, 20);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }, i);
    await page.keyboard.press('1');
    await page.locator('.filters .chip', { hasText: `All ${unique + i + 1}` }).waitFor();
    await page.waitForTimeout(300);
    await saved.waitFor({ timeout: 60000 });
    adds.push(...(await page.evaluate(() => window.glossSaveTimings.slice())));
  }
  const reloads = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await page.reload();
    await page.locator('.filters .chip', { hasText: `All ${unique + ADDS}` }).waitFor({ timeout: 180000 });
    reloads.push(Date.now() - t0);
  }
  console.log(`workload ${CHARS} characters, ${unique} annotations`);
  console.log(`first save after the import: ${first.map((t) => t.toFixed(2)).join(', ')} ms; longest task after the import was shown, until "Saved": ${longest.toFixed(0)} ms`);
  console.log(`reload → every annotation listed: ${reloads.join(', ')} ms`);
  console.log(`saves after adding one annotation (${adds.length}): ${adds.map((t) => t.toFixed(2)).join(', ')} ms; median ${median(adds).toFixed(2)} ms`);
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
