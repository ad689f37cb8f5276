#!/usr/bin/env node
// Find while typing on a 1,000,000-character article: drives the release build (dist/) in
// headless Chromium, imports a generated article (bench/gen.mjs, seeded), opens the find bar
// with `/` and types queries a key every 90 ms (a fast typist), as a person would. Prints, per
// query, the matches counted, the time from the last key to its matches drawn, and every
// long task (over 50 ms) seen while typing; the budget is no task over 100 ms.
//
//   node bench/find.mjs [--chars 1000000] [--runs 3]
import { serveDist, launch } from '../tests/e2e/harness.mjs';
import { arg, generatedText, glossFile, openImported, watchLongTasks } from './common.mjs';

const CHARS = arg('chars', 1_000_000);
const RUNS = arg('runs', 3);
const text = generatedText('find', CHARS);
// A letter, a short word, a name and two words from the text itself, and one it lacks.
const words = text.slice(text.length / 3, text.length / 3 + 2000).split(/\s+/).filter((w) => /^\p{L}+$/u.test(w));
const name = words.find((w) => /^\p{Lu}/u.test(w) && w.length > 5) ?? 'Gloss';
const pair = words.slice(10, 12).join(' ');
const QUERIES = ['e', 'the', name, pair, 'zzzq'];
const gloss = glossFile('Find bench', text);

const server = await serveDist();
const browser = await launch();
const rows = [];
for (let run = 0; run < RUNS; run++) {
  const { context, page } = await openImported(browser, server.url, 'Find bench', gloss);
  const opened = Date.now();
  await page.keyboard.press('/');
  const field = page.getByRole('searchbox', { name: 'Find' });
  await field.waitFor();
  const openMs = Date.now() - opened;
  await page.waitForTimeout(300);
  await watchLongTasks(page);
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
