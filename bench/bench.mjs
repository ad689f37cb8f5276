#!/usr/bin/env node
// Gloss benchmark: drives the release build (dist/) in headless Chromium on generated news-like
// workloads and prints a table (stdout and bench/RESULTS.md), with the peers' figures measured on
// this machine kind (../shared/bench-peers/RESULTS.md) beside Gloss's when that folder is there.
//
//   node bench/bench.mjs [--runs 5] [--only 200k-2000] [--smoke]
//
// Workloads come from the peers' deterministic generator (../shared/bench-peers/gen.mjs) when it
// is beside the project, so the 200,000-character ones are the very files the peers were
// measured on; otherwise (a plain clone) from Gloss's own generator (bench/gen.mjs, same file
// shape) and the peers are not shown. GLOSS_SHARED points to another shared folder
// (GLOSS_SHARED=/nonexistent runs as a plain clone). Each workload is turned into a Gloss JSON
// file and imported through "Import annotations", as a person would.
// Timings are taken inside the page: from the input event (or the call) to the end of the first
// frame where the result is on screen (a setTimeout(0) queued from requestAnimationFrame).
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, shared as sharedRoot } from '../tests/e2e/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const shared = join(sharedRoot, 'bench-peers');
const withPeers = existsSync(join(shared, 'gen.mjs'));
const generator = withPeers ? join(shared, 'gen.mjs') : join(here, 'gen.mjs');
// Generated files are kept per generator and per version of it.
const generatorId = `${withPeers ? 'peers' : 'gloss'}-${createHash('sha256').update(readFileSync(generator)).digest('hex').slice(0, 8)}`;
if (!withPeers) process.stderr.write(`bench: no ${shared}/gen.mjs: workloads from bench/gen.mjs, peers are not shown\n`);
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? true : all[i + 1]] : null)).filter(Boolean));
const smoke = Boolean(args.smoke);
const RUNS = Number(args.runs ?? (smoke ? 1 : 5));

const WORKLOADS = [
  { key: '20k-500', chars: 20000, n: 500 },
  { key: '200k-500', chars: 200000, n: 500 },
  { key: '200k-2000', chars: 200000, n: 2000 },
  { key: '200k-10000', chars: 200000, n: 10000 },
  { key: '1M-10000', chars: 1000000, n: 10000 },
].filter((w) => (smoke ? w.key === '20k-500' : !args.only || String(args.only).split(',').includes(w.key)));

function workload(w) {
  const dir = join(root, 'target', 'bench', `workloads-${generatorId}`, `${w.chars}`);
  const file = join(dir, `workload-${w.n}.json`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('node', [generator, '--chars', String(w.chars), '--sizes', String(w.n), '--out', dir], { stdio: 'ignore' });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The workload as Gloss JSON (one article), with the text each offset pair covers. */
function asGloss(w, data) {
  const cps = [...data.text];
  const at = new Date(0).toISOString();
  return JSON.stringify({
    format: 'gloss',
    version: 1,
    exported_at: at,
    documents: [{
      id: randomUUID(),
      title: `Workload ${w.key}`,
      date: null,
      text: data.text,
      text_sha256: createHash('sha256').update(data.text, 'utf8').digest('hex'),
      annotations: data.annotations.map((a) => ({
        id: randomUUID(),
        label: a.label.toLowerCase(),
        start: a.start,
        end: a.end,
        text: cps.slice(a.start, a.end).join(''),
        note: '',
        created_at: at,
        updated_at: at,
      })),
    }],
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
/** "JS + wasm = total (Blink)", medians (memory barely varies between runs). */
const mem = (runs, js, wasm, blink) => {
  const m = (k) => median(runs.map((r) => r[k] ?? 0));
  return `${m(js).toFixed(1)} + ${m(wasm).toFixed(1)} = **${(m(js) + m(wasm)).toFixed(1)}** (${m(blink).toFixed(1)})`;
};
const fmt = (xs, digits = 1) => (xs.length ? `**${median(xs).toFixed(digits)}** (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})` : 'n/a');

// In-page helpers, installed before the app starts.
function instrument() {
  window.__bench = {
    wasmBytes: 0,
    lastKey: 0,
    lastClick: 0,
    /**
     * Resolves with the time at the end of the first frame where `cond()` holds: checked in
     * each frame's requestAnimationFrame callback (before that frame paints), and once it
     * holds, a setTimeout(0) queued from there runs after that frame's paint.
     */
    frameWhen(cond, timeoutMs = 120000) {
      const started = performance.now();
      return new Promise((ok, fail) => {
        const tick = () => {
          if (cond()) {
            setTimeout(() => ok(performance.now()), 0);
            return;
          }
          if (performance.now() - started > timeoutMs) { fail(new Error('timed out')); return; }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
  };
  /**
   * Watches for `cond` from the next `type` event on (in that event's own task, so the watch
   * sees the very first frame after it); `__bench.armed` resolves with event → painted in ms.
   */
  window.__bench.arm = (type, cond) => {
    window.__bench.armed = new Promise((ok, fail) => {
      document.addEventListener(type, () => {
        const t0 = performance.now();
        window.__bench.frameWhen(cond).then((t) => ok(t - t0), fail);
      }, { capture: true, once: true });
    });
  };
  addEventListener('TrunkApplicationStarted', (e) => { window.__bench.wasm = e.detail.wasm; });
  document.addEventListener('keydown', (e) => { window.__bench.lastKey = performance.now(); }, true);
  document.addEventListener('pointerdown', (e) => { window.__bench.lastClick = performance.now(); }, true);
}

const allCount = (page) => page.locator('.filters .chip').first().textContent();

async function run(browser, url, w, file, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.locator('article').waitFor();
  await page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ }).waitFor();
  const r = {};

  // Import the workload as Gloss JSON → painted.
  await page.evaluate(() => { window.__bench.t0 = performance.now(); document.querySelector('input[aria-label="Import annotations"]').addEventListener('change', () => { window.__bench.t0 = performance.now(); }, { once: true, capture: true }); });
  await page.getByLabel('Import annotations').setInputFiles(file);
  r.import = await page.evaluate((n) => window.__bench.frameWhen(() => document.querySelector('.filters .chip')?.textContent === `All ${n}` && document.querySelector('article .mk')).then((t) => t - window.__bench.t0), n);
  await page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ }).waitFor({ timeout: 120000 });

  // Open from the library → painted (switch away first).
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: 'Harbour bridge reopens after two-year repair', exact: true }).click();
  await page.locator('.doc-title', { hasText: 'Harbour bridge' }).waitFor();
  await page.getByRole('button', { name: /^Library/ }).click();
  const title = `Workload ${w.key}`;
  await page.evaluate(() => { window.__bench.lastClick = 0; });
  await page.getByRole('button', { name: title, exact: true }).click();
  r.open = await page.evaluate(([n, title]) => window.__bench.frameWhen(() => document.querySelector('.doc-title')?.textContent === title && document.querySelector('.filters .chip')?.textContent === `All ${n}`).then((t) => t - window.__bench.lastClick), [n, title]);

  // Memory after load.
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  r.jsHeap = heap.usedSize / 1048576;
  r.blink = heap.embedderHeapUsedSize / 1048576;
  r.wasm = (await page.evaluate(() => window.__bench.wasm?.memory?.buffer?.byteLength ?? 0)) / 1048576;
  r.dom = await page.evaluate(() => document.getElementsByTagName('*').length);

  // Add one: select a few words in the first paragraph, press 1 → painted.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => {
    const segs = [...document.querySelectorAll('article span.seg')].filter((s) => !s.classList.contains('mk') && s.textContent.length > 30);
    const node = segs[0].firstChild;
    const range = document.createRange();
    range.setStart(node, 5);
    range.setEnd(node, 25);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.evaluate((n) => window.__bench.arm('keydown', () => document.querySelector('.filters .chip')?.textContent === `All ${n + 1}`), n);
  await page.keyboard.press('1');
  r.add = await page.evaluate(() => window.__bench.armed);

  // Undo → painted.
  await page.evaluate((n) => window.__bench.arm('keydown', () => document.querySelector('.filters .chip')?.textContent === `All ${n}`), n);
  await page.keyboard.press('Control+z');
  r.undo = await page.evaluate(() => window.__bench.armed);

  // Click a highlight → the sidebar shows it.
  const target = page.locator('article span.mk').nth(3);
  await target.scrollIntoViewIfNeeded();
  const shown = await page.evaluate(() => document.querySelector('aside .details')?.dataset.annotation ?? '');
  await page.evaluate((before) => window.__bench.arm('pointerdown', () => {
    const details = document.querySelector('aside .details:not(.is-empty)');
    return details && details.dataset.annotation !== before;
  }), shown);
  await target.click();
  r.select = await page.evaluate(() => window.__bench.armed);

  // Scroll the article for 2 s: frames longer than 1.5 × 16.7 ms count as dropped.
  await page.evaluate(() => window.scrollTo(0, 0));
  const frames = await page.evaluate(() => new Promise((ok) => {
    const deltas = [];
    let last = performance.now();
    const end = last + 2000;
    const step = () => {
      const now = performance.now();
      deltas.push(now - last);
      last = now;
      window.scrollBy(0, 120);
      if (now < end) requestAnimationFrame(step); else ok(deltas);
    };
    requestAnimationFrame(step);
  }));
  r.dropped = frames.filter((d) => d > 25).length;
  r.frames = frames.length;

  // Memory again in a fresh page that loads the stored workload (a reload reopens the last
  // article): the same content without the import's peak in the wasm memory's history.
  await page.reload();
  await page.locator('.filters .chip', { hasText: `All ${n}` }).waitFor({ timeout: 120000 });
  await page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ }).waitFor({ timeout: 120000 });
  await page.waitForTimeout(600);
  await cdp.send('HeapProfiler.collectGarbage');
  const fresh = await cdp.send('Runtime.getHeapUsage');
  r.jsHeapLoad = fresh.usedSize / 1048576;
  r.blinkLoad = fresh.embedderHeapUsedSize / 1048576;
  r.wasmLoad = (await page.evaluate(() => window.__bench.wasm?.memory?.buffer?.byteLength ?? 0)) / 1048576;
  r.errors = errors;
  await context.close();
  return r;
}

function distSize() {
  const dist = join(root, 'dist');
  let raw = 0;
  let gz = 0;
  for (const f of readdirSync(dist)) {
    if (!/\.(wasm|js)$/.test(f)) continue;
    const body = readFileSync(join(dist, f));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { raw: raw / 1024, gz: gz / 1024 };
}

/** Peer figures for the same 200k workloads, from the peers' results on this machine kind. */
function peers() {
  const file = join(shared, 'RESULTS.md');
  if (!existsSync(file)) return [];
  const rows = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\| (ta4-spans|ta4-css|ta3-canvas|recogito-js) \| (\d+) \| \*\*([\d.]+)\*\* \([^)]*\) \| [^|]* \| [^|]* \| \*\*([\d.]+)\*\*/.exec(line);
    if (m) rows.push({ peer: m[1], n: Number(m[2]), load: Number(m[3]), add: Number(m[4]) });
  }
  return rows;
}

const server = await serveDist();
const browser = await launch();
const chromium = browser.version();
const results = [];
try {
  for (const w of WORKLOADS) {
    const data = workload(w);
    const fileDir = join(root, 'target', 'bench');
    const file = join(fileDir, `gloss-${w.key}.gloss.json`);
    writeFileSync(file, asGloss(w, data));
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      // Gloss keeps one annotation per (label, span): the generator's rare duplicates merge.
      const unique = new Set(data.annotations.map((a) => `${a.label}:${a.start}:${a.end}`)).size;
      const r = await run(browser, server.url, w, file, unique);
      if (r.errors.length) throw new Error(`${w.key}: page errors: ${r.errors.join('; ')}`);
      runs.push(r);
      process.stderr.write(`${w.key} run ${i + 1}/${RUNS}: open ${r.open.toFixed(0)} ms, add ${r.add.toFixed(1)} ms, undo ${r.undo.toFixed(1)} ms\n`);
    }
    results.push({ w, chars: [...data.text].length, runs, bytes: Buffer.byteLength(data.text) });
  }
} finally {
  await browser.close();
  await server.close();
}

const size = distSize();
const col = (rs, k, d) => fmt(rs.map((r) => r[k]), d);
let md = `# Gloss benchmark\n\nGenerated by \`make bench\` on ${new Date().toISOString()}; ${RUNS} run(s) per workload, fresh page each run; median **bold** (min–max). Times in ms.\n\n`;
md += `Workloads: ${withPeers ? 'the peers\' generator (../shared/bench-peers/gen.mjs), the files the peers were measured on' : 'Gloss\'s own generator (bench/gen.mjs); ../shared/bench-peers is not beside the project, so the peers are not shown'}.\n\n`;
md += `Machine: ${execFileSync('nproc').toString().trim()} cores, ${(Number(execFileSync('awk', ['/MemTotal/ {print $2}', '/proc/meminfo']).toString()) / 1048576).toFixed(1)} GiB; Chromium ${chromium} (headless, software raster), viewport 1280×800.\n\n`;
md += '| workload | import Gloss JSON → painted | open from library → painted | add one (key → painted) | undo (key → painted) | click → sidebar shows it | scroll: dropped frames / frames | memory after import: JS heap + wasm (Blink heap) MiB | memory in a fresh page that loads it: JS heap + wasm (Blink heap) MiB | DOM elements |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n';
for (const { w, runs } of results) {
  md += `| ${w.key} | ${col(runs, 'import', 0)} | ${col(runs, 'open', 0)} | ${col(runs, 'add')} | ${col(runs, 'undo')} | ${col(runs, 'select')} | ${median(runs.map((r) => r.dropped))} / ${median(runs.map((r) => r.frames))} | ${mem(runs, 'jsHeap', 'wasm', 'blink')} | ${mem(runs, 'jsHeapLoad', 'wasmLoad', 'blinkLoad')} | ${median(runs.map((r) => r.dom))} |\n`;
}
md += `\nDownload (dist/ wasm + js): ${size.raw.toFixed(0)} KiB raw, **${size.gz.toFixed(0)} KiB gzip**.\n\nMemory budget (5 × article UTF-8 + 1 KiB per annotation): ${results.map(({ w, bytes }) => `${w.key}: ${((5 * bytes + 1024 * w.n) / 1048576).toFixed(1)} MiB`).join(', ')}.\n`;
const peerRows = withPeers ? peers() : [];
if (peerRows.length) {
  md += '\n## Beside the peers (200,000 characters; peers from ../shared/bench-peers/RESULTS.md, same workload files, same machine kind)\n\n| N | Gloss open → painted | Gloss add one → painted | ' + [...new Set(peerRows.map((p) => p.peer))].map((p) => `${p} load / add`).join(' | ') + ' |\n|---:|---:|---:|' + [...new Set(peerRows.map((p) => p.peer))].map(() => '---:').join('|') + '|\n';
  for (const n of [500, 2000, 10000]) {
    const g = results.find(({ w }) => w.key === `200k-${n}`);
    if (!g) continue;
    md += `| ${n} | ${median(g.runs.map((r) => r.open)).toFixed(0)} | ${median(g.runs.map((r) => r.add)).toFixed(1)} | ` + [...new Set(peerRows.map((p) => p.peer))].map((p) => { const row = peerRows.find((x) => x.peer === p && x.n === n); return row ? `${row.load} / ${row.add}` : 'n/a'; }).join(' | ') + ' |\n';
  }
}
console.log(md);
if (!smoke) {
  const notes = existsSync(join(here, 'NOTES.md')) ? `\n${readFileSync(join(here, 'NOTES.md'), 'utf8')}` : '';
  writeFileSync(join(here, 'RESULTS.md'), md + notes);
}
