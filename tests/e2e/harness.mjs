// Shared set-up for the end-to-end journeys: a static server for dist/, Debian's Chromium
// driven by playwright-core, console-error capture, and helpers that act like a person
// (drag-select text with the mouse, press keys).
import { createServer, request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCouch } from './couch.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const dist = process.env.GLOSS_DIST ?? join(root, 'dist');
// Material beside the project (not part of a clone): `GLOSS_SHARED` points elsewhere, e.g.
// `GLOSS_SHARED=/nonexistent` to run as a fresh clone with nothing beside it.
export const shared = resolve(process.env.GLOSS_SHARED || join(root, '..', 'shared'));
export const fixtures = join(root, 'tests', 'fixtures');
export const artifacts = join(root, 'target', 'e2e');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves dist/ on an ephemeral loopback port.
 *
 * With `db` (a `startCouch()` handle, see couch.mjs) it also forwards `/db/…` to that server as
 * a same-origin reverse proxy would in production (docs/DEPLOY.md): `/db/team/_changes?…` goes
 * to `/team/_changes?…` with its method, headers (the cookie too) and body, and the answer is
 * streamed back as it comes (a longpoll stays open), its `Set-Cookie` path made `/db/`. Then
 * it also returns:
 * - `dbUrl`: the absolute base of the proxied server, `http://127.0.0.1:PORT/db/` (the app's
 *   Database URL for a database `team` is `/db/team`);
 * - `setOffline(bool)`: while offline every `/db/` request has its connection destroyed, as a
 *   dead network does (the page's fetch fails with a network error, not an HTTP status), and
 *   requests already open (a longpoll) die at once;
 * - `stats.requests`: how many `/db/` requests arrived, by path without `/db` and query
 *   (`stats.requests['/team/_bulk_docs']`), those refused while offline included (Chromium
 *   tries a refused request once more on a new connection, so one offline fetch may count 2).
 */
export async function serveDist({ db } = {}) {
  const serveFile = async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const file = normalize(join(dist, path === '/' ? 'index.html' : path));
      if (!file.startsWith(dist)) throw new Error('outside dist');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  };
  if (!db) {
    const server = createServer(serveFile);
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address();
    return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
  }

  let offline = false;
  const open = new Set();
  const stats = { requests: {} };
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (!(pathname === '/db' || pathname.startsWith('/db/'))) return serveFile(req, res);
    const path = pathname.slice(3) || '/';
    stats.requests[path] = (stats.requests[path] ?? 0) + 1;
    if (offline) {
      req.socket.destroy();
      return;
    }
    const headers = { ...req.headers, host: `127.0.0.1:${db.port}` };
    const upstream = httpRequest(
      { host: '127.0.0.1', port: db.port, method: req.method, path: req.url.slice(3) || '/', headers, agent: false },
      (answer) => {
        const out = { ...answer.headers };
        if (out['set-cookie']) out['set-cookie'] = out['set-cookie'].map((c) => c.replace(/;\s*Path=[^;]*/i, '; Path=/db/'));
        res.writeHead(answer.statusCode, out);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    const entry = { socket: req.socket, upstream };
    open.add(entry);
    const done = () => open.delete(entry);
    res.on('close', () => {
      done();
      upstream.destroy();
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}/`;
  const cutAll = () => {
    for (const { socket, upstream } of open) {
      upstream.destroy();
      socket.destroy();
    }
    open.clear();
  };
  return {
    url,
    dbUrl: `${url}db/`,
    stats,
    setOffline(value) {
      offline = Boolean(value);
      if (offline) cutAll();
    },
    close: () => {
      cutAll();
      const closed = new Promise((ok) => server.close(ok));
      server.closeAllConnections();
      return closed;
    },
  };
}

/** Chromium flags verified on this machine kind (see ../shared/TOOLCHAIN.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
  });
}

/**
 * Opens the app in a fresh context and page, recording console errors and uncaught
 * exceptions (a Rust panic surfaces as both). `problems` must be empty at the end of a test.
 * A `/db/` request that fails on the network (`net::ERR_…`, as `setOffline(true)` makes it) or
 * that the database refuses (Chromium's "Failed to load resource: … status of 401") is what
 * sync meets and says in words, not a problem: those console errors go to `dbNetworkErrors`.
 */
export async function openApp(browser, url, { viewport = { width: 1400, height: 1000 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  const dbNetworkErrors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const where = msg.location()?.url ?? '';
    const dbFailure = /net::ERR_|^Failed to load resource: the server responded with a status of/.test(text);
    if (dbFailure && (text.includes('/db/') || where.includes('/db/'))) {
      dbNetworkErrors.push(`${text} (${where})`);
    } else {
      problems.push(`console error: ${text}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  await page.locator('article').waitFor({ state: 'visible' });
  return { context, page, problems, dbNetworkErrors };
}

export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** The article's text as the page holds it. */
export function articleText(page) {
  return page.locator('article').evaluate((el) => el.textContent);
}

/**
 * Drags the mouse across the `occurrence`-th appearance of `needle` in the article, the way a
 * person selects text: press at the left edge of its first character, release at the right
 * edge of its last.
 */
export async function dragSelect(page, needle, occurrence = 0) {
  const points = await page.locator('article').evaluate(
    (article, [needle, occurrence]) => {
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n, text.length]);
        text += n.data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) {
        at = text.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`“${needle}” not found in the article`);
      }
      const pointAt = (offset) => {
        for (let i = nodes.length - 1; i >= 0; i--) {
          if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
        }
        throw new Error('offset outside text');
      };
      const charRect = (offset, width) => {
        const [node, local] = pointAt(offset);
        const range = document.createRange();
        range.setStart(node, local);
        range.setEnd(node, local + width);
        const rects = range.getClientRects();
        return rects[rects.length - 1] ?? range.getBoundingClientRect();
      };
      // A code point may be two UTF-16 units (emoji): measure whole characters.
      pointAt(at)[0].parentElement.scrollIntoView({ block: 'center' });
      const firstWidth = needle.codePointAt(0) > 0xffff ? 2 : 1;
      const lastCp = [...needle].pop();
      const lastWidth = lastCp.length;
      const first = charRect(at, firstWidth);
      const last = charRect(at + needle.length - lastWidth, lastWidth);
      return {
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    },
    [needle, occurrence],
  );
  await page.mouse.move(points.from.x, points.from.y);
  await page.mouse.down();
  await page.mouse.move((points.from.x + points.to.x) / 2, points.to.y, { steps: 4 });
  await page.mouse.move(points.to.x, points.to.y, { steps: 4 });
  await page.mouse.up();
  return page.evaluate(() => String(window.getSelection()));
}

/**
 * Drags from the start of `from` to the end of the next `to` after it: a selection that may
 * span lines and paragraphs.
 */
export async function dragBetween(page, from, to) {
  const box = await page.locator('article').evaluate((article, [from, to]) => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, text.length]);
      text += n.data;
    }
    const at = (offset) => {
      for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
      throw new Error('offset outside text');
    };
    const rect = (offset) => {
      const [node, local] = at(offset);
      const range = document.createRange();
      range.setStart(node, local);
      range.setEnd(node, local + 1);
      const rects = range.getClientRects();
      return rects[rects.length - 1];
    };
    const a = text.indexOf(from);
    if (a < 0) throw new Error(`“${from}” not found`);
    const b = text.indexOf(to, a) + to.length - 1;
    at(a)[0].parentElement.scrollIntoView({ block: 'center' });
    const first = rect(a);
    const last = rect(b);
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, [from, to]);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
  return page.evaluate(() => String(window.getSelection()));
}

/** The annotations the sidebar lists, as `[label, text]` pairs in order. */
export async function listed(page) {
  return page.locator('aside .ann-list li').evaluateAll((items) =>
    items.map((li) => [li.querySelector('.tag').textContent, li.querySelector('.ann-text').textContent]),
  );
}

/** A file of the project's own test fixtures (tests/fixtures/). */
export function fixturePath(...parts) {
  return join(fixtures, ...parts);
}

/** A file in ../shared (or `GLOSS_SHARED`); see `sharedMissing` before relying on it. */
export function sharedPath(...parts) {
  return join(shared, ...parts);
}

/**
 * For node:test's `skip` option: false when the shared file is there, else the one-line reason
 * the test is skipped.
 */
export function sharedMissing(...parts) {
  const path = sharedPath(...parts);
  return existsSync(path) ? false : `${path} is not there (a clone has no ../shared; GLOSS_SHARED overrides): skipped`;
}

/**
 * Starts Chromium as its own process on a given profile folder and connects to it, so a test
 * can kill the process outright (SIGKILL, like a crash) and start it again on the same profile.
 */
export async function launchKillable(userDataDir) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless=new',
    ...chromiumArgs,
    '--remote-debugging-port=0',
    `--user-data-dir=${userDataDir}`,
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const endpoint = await new Promise((ok, fail) => {
    let err = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${err}`)), 20000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  // The whole browser at once, as a crash or a power cut takes it: its own process group
  // (renderer, GPU and utility processes too), so none goes on writing into the profile.
  const kill = () => new Promise((ok) => {
    child.once('exit', ok);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  });
  return { browser, kill };
}

/** Waits until the header says "Saved". */
export async function waitSaved(page) {
  await page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ }).waitFor({ timeout: 10000 });
}

/**
 * Registers the suite's set-up: a server for dist/ and one Chromium, started before the first
 * test and closed after the last. Tests read `env.server` and `env.browser`.
 * With `couch` (`true`, or startCouch's options such as `{ disk: true }`) a test database
 * server is started too, as `env.couch`, and `env.server` proxies `/db/` to it (see serveDist).
 */
export function useAppServer({ couch } = {}) {
  const env = {};
  before(async () => {
    if (couch) env.couch = await startCouch(couch === true ? {} : couch);
    env.server = await serveDist({ db: env.couch });
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    await env.couch?.stop();
  });
  return env;
}

let axeSource;

/** Runs axe-core over the whole page; fails on serious or critical findings. */
export async function audit(page, screen) {
  axeSource ??= await readFile(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const failing = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(failing, [], `axe on ${screen}`);
}
