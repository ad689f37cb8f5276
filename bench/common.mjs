// What the single-figure benchmarks (find.mjs, suggest.mjs) share: their command-line numbers,
// a generated article (bench/gen.mjs, seeded) as a Gloss JSON file, opening it in a fresh page
// the way a person imports a file, and watching for long tasks.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

/** `--name N` from the command line, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The median of the finite values (a run that timed out is NaN and left out). */
export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The text of a generated article of `chars` characters (made once, kept under target/bench/). */
export function generatedText(bench, chars) {
  const dir = join(root, 'target', 'bench', bench, String(chars));
  const file = join(dir, 'workload-10.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('node', [join(here, 'gen.mjs'), '--chars', String(chars), '--sizes', '10', '--out', dir], { stdio: 'ignore' });
  }
  return JSON.parse(readFileSync(file, 'utf8')).text;
}

/** `text` as a Gloss JSON file of one article titled `title`. */
export function glossFile(title, text) {
  const at = new Date(0).toISOString();
  return Buffer.from(JSON.stringify({
    format: 'gloss',
    version: 1,
    documents: [{ id: randomUUID(), title, date: null, text, annotations: [], created_at: at, updated_at: at }],
  }));
}

/** A fresh page with `file` (titled `title`) imported and open; `errors` collects what the page
 * reports as errors (uncaught exceptions, console errors) from the start. */
export async function openImported(browser, url, title, file) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.locator('article').waitFor();
  await page.getByLabel('Import annotations').setInputFiles({ name: 'bench.gloss.json', mimeType: 'application/json', buffer: file });
  await page.locator('#doc-title', { hasText: title }).waitFor({ timeout: 60000 });
  return { context, page, errors };
}

/** From now on the page collects every long task's duration (ms) in `window.longTasks`. */
export async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}
