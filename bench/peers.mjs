// The peers (JavaScript annotation libraries, ../shared/bench-peers/) run by Gloss's benchmark
// in the same browser as Gloss: their folder is copied into target/bench/peers/, prepared as its
// README says (npm ci, gen.mjs, build.mjs), served on loopback, and each peer page is driven the
// way the peers' own bench.mjs drives it (its in-page harness times the load and the add-one).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The peers, in the order they run after each Gloss run (their pages are dist/<key>.html). */
export const PEERS = ['ta4-spans', 'ta4-css', 'ta3-canvas', 'recogito-js'];

/** A peer page that stops answering for this long is a freeze (as in the peers' bench.mjs). */
export const FREEZE_MS = 30000;

/** Workload files the peers' gen.mjs writes by default (200,000 characters). */
export const PEER_SIZES = [500, 2000, 10000];

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

/**
 * Copies `shared` (the read-only peers' folder, without node_modules/data/dist) into
 * target/bench/peers/, installs its packages when node_modules is missing or its package-lock
 * changed, and runs its gen.mjs and build.mjs. Returns the folder and its manifest.
 */
export function preparePeers(shared) {
  const dir = join(root, 'target', 'bench', 'peers');
  mkdirSync(dir, { recursive: true });
  const skip = new Set(['node_modules', 'data', 'dist'].map((d) => join(shared, d)));
  cpSync(shared, dir, { recursive: true, force: true, filter: (src) => !skip.has(src) });
  // The copy keeps the shared folder's read-only modes: make it writable for the next copy.
  run('chmod', ['-R', 'u+w', dir], dir);
  const lock = createHash('sha256').update(readFileSync(join(dir, 'package-lock.json'))).digest('hex');
  const stamp = join(dir, 'node_modules', '.gloss-lock-sha256');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock) {
    process.stderr.write('bench: installing the peers\' packages (npm ci)\n');
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], dir);
    writeFileSync(stamp, lock);
  }
  rmSync(join(dir, 'data'), { recursive: true, force: true });
  run('node', ['gen.mjs'], dir);
  run('node', ['build.mjs'], dir);
  return {
    dir,
    manifest: JSON.parse(readFileSync(join(dir, 'data', 'manifest.json'), 'utf8')),
    sizes: JSON.parse(readFileSync(join(dir, 'dist', 'sizes.json'), 'utf8')),
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm', '.map': 'application/json',
};

/** Serves `dir` (the web root of the peers' pages) on 127.0.0.1, on an ephemeral port. */
export async function servePeers(dir) {
  const server = createServer((req, res) => {
    const file = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
class Timeout extends Error {}
const within = (promise, ms, what) => {
  let timer;
  const limit = new Promise((_, fail) => { timer = setTimeout(() => fail(new Timeout(`${what} exceeded ${ms} ms`)), ms); });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
};

/** V8 heap (JS objects) and Blink heap (DOM nodes…) after a forced GC, in MiB. */
async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return { js: h.usedSize / 1048576, blink: (h.embedderHeapUsedSize || 0) / 1048576 };
}

/**
 * One run of peer `key` over the workload of `n` annotations, in a fresh context and page of
 * `browser`: the page's load → painted and add one → painted (timed in the page by the
 * peers' harness), memory and DOM elements after the load. Never throws: a failure is in
 * `status` ('ok', 'no-paint', 'add-no-paint', 'freeze', 'crash', 'error') and `error`.
 */
export async function runPeer(browser, baseUrl, key, n, { freezeMs = FREEZE_MS } = {}) {
  const r = { key, n, status: 'ok' };
  let context;
  let crashed = false;
  const errors = [];
  try {
    context = await within(browser.newContext({ viewport: { width: 1280, height: 800 } }), freezeMs, 'new context');
    const page = await context.newPage();
    page.on('crash', () => { crashed = true; });
    page.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
    page.on('console', (m) => { if (m.type() === 'error' && errors.length < 5) errors.push(m.text().slice(0, 200)); });
    const cdp = await context.newCDPSession(page);
    await within(page.goto(`${baseUrl}dist/${key}.html?n=${n}&mode=bench`, { waitUntil: 'load' }), freezeMs, 'page load');
    await page.waitForFunction(() => window.__bench && (window.__bench.ready || window.__bench.error), null, { timeout: freezeMs, polling: 25 });
    const failed = await page.evaluate(() => window.__bench.error);
    if (failed) throw new Error(`page error: ${failed}`);
    Object.assign(r, await page.evaluate(() => ({ peer: window.__bench.peer, page: window.__bench.load })));
    await sleep(300); // as the peers' bench: let the fresh annotator's debounced observers settle
    const load = await within(page.evaluate(() => window.__bench.runLoad()), freezeMs + 5000, 'load');
    r.load = load.paintMs;
    r.loadReturn = load.returnMs;
    r.longestTask = load.longestTaskMs;
    if (load.timedOut) r.status = 'no-paint';
    r.stats = await within(page.evaluate(() => window.__bench.stats()), freezeMs, 'stats');
    const h = await within(heap(cdp), freezeMs, 'heap');
    r.jsHeap = h.js;
    r.blink = h.blink;
    r.wasm = (r.stats?.wasmMemoryBytes ?? 0) / 1048576;
    r.dom = await within(page.evaluate(() => document.getElementsByTagName('*').length), freezeMs, 'DOM count');
    await sleep(300);
    const add = await within(page.evaluate(() => window.__bench.runAddOne()), freezeMs + 5000, 'add one');
    r.add = add.paintMs;
    if (add.timedOut && r.status === 'ok') r.status = 'add-no-paint';
  } catch (e) {
    r.status = e instanceof Timeout ? 'freeze' : crashed || /crash/i.test(String(e)) ? 'crash' : 'error';
    r.error = String(e).split('\n')[0].slice(0, 300);
  }
  r.errors = errors;
  if (context) {
    // A frozen renderer may not close: leave it to the browser's end rather than wait for ever.
    await within(context.close(), 15000, 'close').catch(() => { r.error = `${r.error ?? ''} (context did not close)`.trim(); });
  }
  return r;
}
