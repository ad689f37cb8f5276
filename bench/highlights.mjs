#!/usr/bin/env node
// The CSS Custom Highlight API against the article's spans, measured in Gloss's own page:
// after importing a long workload, the same new highlight is drawn either way, alternately,
// and timed from just before the change to the end of the first frame that shows it (a
// setTimeout(0) queued from requestAnimationFrame, as bench.mjs times key → painted).
//
//   node bench/highlights.mjs [--only 200k-2000] [--samples 20]   (writes bench/HIGHLIGHTS.md unless --only)
//
// "spans": the segment under the new highlight is split in three spans, the middle one with
// a claim's classes (what the app does today). "highlight": a Range over the same text is
// added to a `Highlight` (a claim's colour and underline); the registry already holds a range
// for every highlighted segment on the page, as a highlight-drawn article would. Only the
// browser's part is measured: the app's own work for an edit (reducer, sidebar) is the same
// either way.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch } from '../tests/e2e/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? true : all[i + 1]] : null)).filter(Boolean));
const SAMPLES = Number(args.samples ?? 20);
const WORKLOADS = [
  { key: '200k-2000', chars: 200000, n: 2000 },
  { key: '1M-10000', chars: 1000000, n: 10000 },
].filter((w) => !args.only || String(args.only).split(',').includes(w.key));

function glossFile(w) {
  const dir = join(root, 'target', 'bench', 'highlights');
  const file = join(dir, `${w.key}.gloss.json`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  execFileSync('node', [join(here, 'gen.mjs'), '--chars', String(w.chars), '--sizes', String(w.n), '--out', dir], { stdio: 'ignore' });
  const data = JSON.parse(readFileSync(join(dir, `workload-${w.n}.json`), 'utf8'));
  const cps = [...data.text];
  const at = new Date(0).toISOString();
  writeFileSync(file, JSON.stringify({
    format: 'gloss', version: 1, exported_at: at,
    documents: [{
      id: randomUUID(), title: `Workload ${w.key}`, date: null, text: data.text,
      text_sha256: createHash('sha256').update(data.text, 'utf8').digest('hex'),
      annotations: data.annotations.map((a) => ({ id: randomUUID(), label: a.label.toLowerCase(), start: a.start, end: a.end, text: cps.slice(a.start, a.end).join(''), note: '', created_at: at, updated_at: at })),
    }],
  }));
  return file;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.ceil(0.95 * s.length) - 1]; };

// In the page: both ways of drawing, and the frame watch.
function install() {
  const frameEnd = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => ok(performance.now()), 0)));
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('::highlight(x-claim) { background-color: #f5d0a9; text-decoration: underline dotted #b35900 2px; } ::highlight(x-new) { background-color: #f5d0a9; text-decoration: underline dotted #b35900 2px; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  // Every highlighted segment on the page as a range, as a highlight-drawn article would hold.
  const all = new Highlight();
  for (const seg of document.querySelectorAll('article span.mk')) {
    const r = new Range();
    r.selectNodeContents(seg);
    all.add(r);
  }
  CSS.highlights.set('x-claim', all);
  const fresh = new Highlight();
  CSS.highlights.set('x-new', fresh);
  const spots = () => [...document.querySelectorAll('article span.seg:not(.mk)')].filter((s) => {
    const b = s.getBoundingClientRect();
    return s.textContent.length > 30 && b.top > 60 && b.bottom < innerHeight - 20;
  });
  window.__hl = {
    ranges: all.size,
    async none() {
      const t0 = performance.now();
      return (await frameEnd()) - t0;
    },
    async spans(i) {
      const spot = spots()[i % spots().length];
      const text = spot.textContent;
      const make = (t, cls) => { const s = document.createElement('span'); s.className = cls; s.textContent = t; return s; };
      const parts = [make(text.slice(0, 5), spot.className), make(text.slice(5, 25), 'seg mk m-claim'), make(text.slice(25), spot.className)];
      const t0 = performance.now();
      spot.replaceWith(...parts);
      const t1 = await frameEnd();
      parts[0].replaceWith(spot); parts[1].remove(); parts[2].remove();
      await frameEnd();
      return t1 - t0;
    },
    async highlight(i) {
      const spot = spots()[i % spots().length];
      const r = new Range();
      r.setStart(spot.firstChild, 5);
      r.setEnd(spot.firstChild, 25);
      const t0 = performance.now();
      fresh.add(r);
      const t1 = await frameEnd();
      fresh.delete(r);
      await frameEnd();
      return t1 - t0;
    },
  };
}

const server = await serveDist();
const browser = await launch();
const rows = [];
try {
  for (const w of WORKLOADS) {
    const file = glossFile(w);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.locator('article').waitFor();
    await page.getByLabel('Import annotations').setInputFiles(file);
    await page.locator('.filters .chip', { hasText: /^All \d{3,}/ }).waitFor({ timeout: 120000 });
    await page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ }).waitFor({ timeout: 120000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(500);
    await page.evaluate(install);
    const spans = [];
    const highlight = [];
    const none = [];
    for (let i = 0; i < SAMPLES; i++) {
      // Alternated, so drift in the machine's load falls on both alike.
      spans.push(await page.evaluate((i) => window.__hl.spans(i), i));
      await page.waitForTimeout(40);
      highlight.push(await page.evaluate((i) => window.__hl.highlight(i), i));
      await page.waitForTimeout(40);
      none.push(await page.evaluate(() => window.__hl.none()));
      await page.waitForTimeout(40);
    }
    const ranges = await page.evaluate(() => window.__hl.ranges);
    if (errors.length) throw new Error(`${w.key}: ${errors.join('; ')}`);
    rows.push({ w, spans, highlight, none, ranges });
    process.stderr.write(`${w.key}: spans ${median(spans).toFixed(1)} ms, highlight ${median(highlight).toFixed(1)} ms (${ranges} ranges registered)\n`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
let md = `### One more highlight, drawn as spans or with the CSS Custom Highlight API (\`node bench/highlights.mjs\`, ${new Date().toISOString().slice(0, 10)})\n\n`;
md += `${SAMPLES} samples each, alternated; change → end of the first frame that shows it, ms: median (p95).\n\n| workload | ranges in the registry | spans | CSS highlight | no change (the wait for a frame alone) |\n|---|---:|---:|---:|---:|\n`;
for (const r of rows) md += `| ${r.w.key} | ${r.ranges} | ${median(r.spans).toFixed(1)} (${p95(r.spans).toFixed(1)}) | ${median(r.highlight).toFixed(1)} (${p95(r.highlight).toFixed(1)}) | ${median(r.none).toFixed(1)} (${p95(r.none).toFixed(1)}) |\n`;
console.log(md);
if (!args.only) writeFileSync(join(here, 'HIGHLIGHTS.md'), `# Highlights: CSS Custom Highlight API or spans\n\nGenerated by \`make bench\` (\`node bench/highlights.mjs\`); see NOTES.md for what it means.\n\n${md}`);
