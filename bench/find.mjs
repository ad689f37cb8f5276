#!/usr/bin/env node
// Find while typing on a 1,000,000-character article: drives the release build (dist/) in
// headless Chromium, imports a generated article (bench/gen.mjs, seeded), opens the find bar
// with `/` and types queries a key every 90 ms (a fast typist), as a person would. Prints, per
// query, the matches counted, the time from the last key to its matches drawn, and every
// long task (over 50 ms) seen while typing; the budget is no task over 100 ms.
//
//   node bench/find.mjs [--chars 1000000] [--runs 3]
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch } from '../tests/e2e/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CHARS = arg('chars', 1_000_000);
const RUNS = arg('runs', 3);

const dir = join(root, 'target', 'bench', 'find', String(CHARS));
const file = join(dir, 'workload-10.json');
if (!existsSync(file)) {
  mkdirSync(dir, { recursive: true });
  execFileSync('node', [join(here, 'gen.mjs'), '--chars', String(CHARS), '--sizes', '10', '--out', dir], { stdio: 'ignore' });
}
const { text } = JSON.parse(readFileSync(file, 'utf8'));
// A letter, a short word, a name and two words from the text itself, and one it lacks.
const words = text.slice(text.length / 3, text.length / 3 + 2000).split(/\s+/).filter((w) => /^\p{L}+$/u.test(w));
const name = words.find((w) => /^\p{Lu}/u.test(w) && w.length > 5) ?? 'Gloss';
const pair = words.slice(10, 12).join(' ');
const QUERIES = ['e', 'the', name, pair, 'zzzq'];
const at = new Date(0).toISOString();
const gloss = JSON.stringify({
  format: 'gloss',
  version: 1,
  documents: [{ id: randomUUID(), title: 'Find bench', date: null, text, annotations: [], created_at: at, updated_at: at }],
});

const server = await serveDist();
const browser = await launch();
const rows = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator('article').waitFor();
  await page.getByLabel('Import annotations').setInputFiles({ name: 'find.gloss.json', mimeType: 'application/json', buffer: Buffer.from(gloss) });
  await page.locator('#doc-title', { hasText: 'Find bench' }).waitFor({ timeout: 60000 });
  const opened = Date.now();
  await page.keyboard.press('/');
  const field = page.getByRole('searchbox', { name: 'Find' });
  await field.waitFor();
  const openMs = Date.now() - opened;
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  for (const query of QUERIES) {
    await field.fill('');
    await page.waitForTimeout(200);
    await page.evaluate(() => { window.longTasks = []; });
    await field.pressSequentially(query.slice(0, -1), { delay: 90 });
    await page.waitForTimeout(90);
    // From the last key's input event to the end of the first frame painted with the new
    // search's highlight registered (a new Highlight object per search, after the typing pause).
    await page.evaluate(() => {
      const count = document.getElementById('find-count');
      const field = document.getElementById('find-field');
      window.shown = new Promise((ok) => {
        field.addEventListener('input', () => {
          const start = performance.now();
          const before = CSS.highlights.get('gloss-find');
          const poll = () => {
            if (CSS.highlights.get('gloss-find') !== before) {
              setTimeout(() => ok({ ms: Math.round(performance.now() - start), count: count.textContent }), 0);
            } else if (performance.now() - start > 3000) {
              ok({ ms: '— (nothing new to draw)', count: count.textContent });
            } else {
              requestAnimationFrame(poll);
            }
          };
          requestAnimationFrame(poll);
        }, { once: true });
      });
    });
    await field.press(query.slice(-1));
    const shown = await page.evaluate(() => window.shown);
    await page.waitForTimeout(300);
    const tasks = await page.evaluate(() => window.longTasks);
    rows.push({ run, query, openMs, ...shown, longest: Math.max(0, ...tasks), tasks: tasks.join(' ') });
  }
  await context.close();
}
await browser.close();
await server.close();
console.log(`Find while typing, ${CHARS.toLocaleString('en')} characters, ${RUNS} run(s), a key every 90 ms`);
console.log('| run | query | count | last key → highlighted (ms) | longest task (ms) | long tasks (ms) | opening the bar (ms) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.run + 1} | “${r.query}” | ${r.count} | ${r.ms} | ${r.longest} | ${r.tasks} | ${r.openMs} |`);
