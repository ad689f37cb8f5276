// One run of Gloss over a workload, in a fresh context and page of a shared browser: import,
// open, the edits a person makes by key or click, scrolling and memory. Every time is taken in
// the page, from the input event to the end of the first frame that shows the result (a
// setTimeout(0) queued from requestAnimationFrame), as the peers' harness times its calls.

/** How many add-one (+ undo, redo, undo) samples a run takes, at different places on screen. */
export const ADD_SAMPLES = 10;
/** How many highlights a run clicks, relabels and deletes (each edit undone at once). */
export const EDIT_SAMPLES = 5;
/** A watched result not painted within this is a missing sample (NaN), not a hung bench. */
const SAMPLE_TIMEOUT_MS = 5000;
/** A pause between samples: the edit's storage write (after its frame) does not overlap the next. */
const GAP_MS = 60;

// In-page helpers, installed before the app starts.
function instrument() {
  window.__bench = {
    wasm: null,
    lastClick: 0,
    longTasks: [],
    longFrames: [],
    keys: null,
    /** The "All N" chip's N: how many annotations the open article has. */
    count() {
      const m = /^All (\d+)$/.exec(document.querySelector('.filters .chip')?.textContent ?? '');
      return m ? Number(m[1]) : -1;
    },
    /** Where to click `el` (the middle of its first line box) if that is in view and not covered. */
    inView(el) {
      const box = el.getClientRects()[0];
      if (!box || box.width < 6) return null;
      const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
      const hit = y > 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
      return hit && (hit === el || el.contains(hit)) ? { x, y } : null;
    },
    /**
     * The annotations' fill ranges when the page paints them with the CSS Custom Highlight
     * API (src/dom/paint.rs), else null (they are `span.mk`).
     */
    fills() {
      const names = ['gloss-fill-claim', 'gloss-fill-quote', 'gloss-fill-actor'];
      if (!window.CSS?.highlights || !names.some((n) => CSS.highlights.has(n))) return null;
      return names.flatMap((n) => [...(CSS.highlights.get(n) ?? [])]);
    },
    /** Whether any annotation is painted in the article, either way. */
    painted() {
      return !!document.querySelector('article .mk') || (window.__bench.fills()?.length ?? 0) > 0;
    },
    /** The filter chips' texts (the count of each label). */
    chips: () => [...document.querySelectorAll('.filters .chip')].map((c) => c.textContent).join('|'),
    /** The selected annotation's label ("claim", "quote", "actor"), from the details panel. */
    selectedLabel: () => /label-(\w+)/.exec(document.querySelector('aside .details:not(.is-empty)')?.className ?? '')?.[1],
    /** What a timed key waits for (by name: the page's CSP allows no code built from strings). */
    conds: {
      count: (n) => window.__bench.count() === n,
      relabelled: ({ to, before }) => window.__bench.selectedLabel() === to && window.__bench.chips() !== before,
      chips: (before) => window.__bench.chips() === before,
    },
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
   * sees the very first frame after it); `__bench.armed` resolves with event → painted in ms
   * (NaN when not painted within `timeoutMs`), `__bench.armedAt` is the event's time.
   */
  window.__bench.arm = (type, cond, timeoutMs) => {
    window.__bench.armed = new Promise((ok) => {
      document.addEventListener(type, () => {
        const t0 = performance.now();
        window.__bench.armedAt = t0;
        window.__bench.frameWhen(cond, timeoutMs).then((t) => ok(t - t0), () => ok(NaN));
      }, { capture: true, once: true });
    });
  };
  // Every main-thread task over 50 ms, from the page's start.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Every frame over 50 ms (Long Animation Frames: the tasks and the rendering they lead to;
  // the Long Tasks API leaves out style, layout and paint).
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longFrames.push({ start: e.startTime, duration: e.duration, render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0 });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch { /* not in this browser */ }
  // While `keys` is an array: for each Shift press, when the page handled it and the end of the
  // next frame after that.
  document.addEventListener('keydown', (e) => {
    const log = window.__bench.keys;
    if (!log || e.key !== 'Shift') return;
    const i = log.length;
    log.push({ handled: performance.now() });
    requestAnimationFrame(() => setTimeout(() => { log[i].answered = performance.now(); }, 0));
  }, true);
  addEventListener('TrunkApplicationStarted', (e) => { window.__bench.wasm = e.detail.wasm; });
  document.addEventListener('pointerdown', () => { window.__bench.lastClick = performance.now(); }, true);
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** JS heap and Blink heap after a forced GC, and the wasm memory, in MiB. */
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.wasm?.memory?.buffer?.byteLength ?? 0);
  return { js: heap.usedSize / 1048576, blink: heap.embedderHeapUsedSize / 1048576, wasm: wasm / 1048576 };
}

async function freshPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.locator('article').waitFor();
  await saved(page);
  return { context, page, cdp, errors };
}

const saved = (page) => page.locator('[data-testid="save-status"]', { hasText: /^Saved$/ }).waitFor({ timeout: 120000 });

/** Presses `key` with a watch armed on its keydown for `__bench.conds[cond](arg)`. */
async function timedKey(page, key, cond, arg) {
  await page.evaluate(([cond, arg, timeout]) => {
    window.__bench.arm('keydown', () => window.__bench.conds[cond](arg), timeout);
  }, [cond, arg, SAMPLE_TIMEOUT_MS]);
  await page.keyboard.press(key);
  const ms = await page.evaluate(() => window.__bench.armed);
  await sleep(GAP_MS);
  return ms;
}

/**
 * Selects a few words of the `i`-th stretch of unmarked text in view (cycling through those in
 * view; one further down only when none is), as a drag would.
 */
function selectSpot(i) {
  const fills = window.__bench.fills();
  // Only the spans on screen are looked at: a live Range made over each of a long article's
  // thousands of spans would be kept up to date by the browser through every timed change.
  const spans = [...document.querySelectorAll('article span.seg')].filter((s) => s.firstChild && (fills || !s.classList.contains('mk')));
  const onScreen = spans.filter((s) => window.__bench.inView(s));
  // Painted with highlights, a span is a whole line: its unmarked stretches are the gaps
  // between the fill ranges in its text node.
  const byNode = new Map();
  for (const r of fills ?? []) {
    for (const node of new Set([r.startContainer, r.endContainer])) {
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node).push(r);
    }
  }
  const gaps = (node) => {
    const taken = (byNode.get(node) ?? [])
      .map((r) => [r.startContainer === node ? r.startOffset : 0, r.endContainer === node ? r.endOffset : node.length])
      .sort((a, b) => a[0] - b[0]);
    const out = [];
    let at = 0;
    for (const [s, e] of taken) {
      if (s > at) out.push([at, s]);
      at = Math.max(at, e);
    }
    if (at < node.length) out.push([at, node.length]);
    return out.filter(([a, b]) => b - a >= 10);
  };
  const shown = (node, at) => {
    const r = document.createRange();
    r.setStart(node, at);
    r.setEnd(node, at + 1);
    const box = r.getClientRects()[0];
    r.detach();
    return box && box.top > 0 && box.bottom < innerHeight;
  };
  const spotsIn = (list) => list.flatMap((s) => gaps(s.firstChild).map(([a, b]) => ({ s, a, b })));
  let spots = spotsIn(onScreen).filter((p) => !fills || shown(p.s.firstChild, p.a + 2));
  const inView = spots.length;
  if (!spots.length) spots = spotsIn(spans.slice(0, 200));
  const spot = spots[i % spots.length];
  const range = document.createRange();
  range.setStart(spot.s.firstChild, spot.a + 2);
  range.setEnd(spot.s.firstChild, Math.min(spot.b - 2, spot.a + 25));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return inView;
}

/** Where to click the `i`-th highlight in view (cycling through them): the middle of its first line box. */
function highlightPoint(i) {
  const fills = window.__bench.fills();
  if (!fills) {
    const marks = [...document.querySelectorAll('article span.mk')].map((s) => window.__bench.inView(s)).filter(Boolean);
    return marks[i % marks.length];
  }
  // Painted with highlights: the fill ranges in the lines on screen, each measured once.
  const lines = new Set([...document.querySelectorAll('article span.seg')].filter((s) => window.__bench.inView(s)).map((s) => s.firstChild));
  const marks = fills.filter((r) => lines.has(r.startContainer)).map((r) => {
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    const box = live.getClientRects()[0];
    live.detach();
    if (!box || box.width < 6) return null;
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const hit = y > 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
    return hit && hit.closest('article') ? { x, y } : null;
  }).filter(Boolean);
  return marks[i % marks.length];
}

/** Clicks the `i`-th highlight on screen after Escape (nothing selected): click → the sidebar shows it. */
async function clickHighlight(page, i) {
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(GAP_MS);
  const { x, y } = await page.evaluate(highlightPoint, i);
  await page.evaluate((timeout) => window.__bench.arm('pointerdown', () => document.querySelector('aside .details:not(.is-empty)'), timeout), SAMPLE_TIMEOUT_MS);
  await page.mouse.click(x, y);
  const ms = await page.evaluate(() => window.__bench.armed);
  await sleep(GAP_MS);
  return ms;
}

/** The run: `file` (Gloss JSON of workload `w`, `n` distinct annotations) imported into a fresh page. */
export async function glossRun(browser, url, w, file, n) {
  const { context, page, cdp, errors } = await freshPage(browser, url);
  const r = {};

  // Import the workload as Gloss JSON → painted; the longest main-thread task meanwhile.
  await page.evaluate((n) => window.__bench.arm('change', () => window.__bench.count() === n && window.__bench.painted()), n);
  await page.getByLabel('Import annotations').setInputFiles(file);
  r.import = await page.evaluate(() => window.__bench.armed);
  await saved(page); // (and the observers have reported the import's tasks and frames by now)
  const [t0, tasks, longFrames] = await page.evaluate(() => [window.__bench.armedAt, window.__bench.longTasks, window.__bench.longFrames]);
  const inImport = (xs) => xs.filter((t) => t.start + t.duration >= t0 && t.start <= t0 + r.import).map((t) => ({ ...t, start: t.start - t0 }));
  r.importTasks = inImport(tasks);
  r.importLongestTask = Math.max(0, ...r.importTasks.map((t) => t.duration));
  r.importFrames = inImport(longFrames);
  r.importLongestFrame = Math.max(0, ...r.importFrames.map((t) => t.duration));

  // Open from the library → painted (switch away first).
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: 'Harbour bridge reopens after two-year repair', exact: true }).click();
  await page.locator('.doc-title', { hasText: 'Harbour bridge' }).waitFor();
  await page.getByRole('button', { name: /^Library/ }).click();
  const title = `Workload ${w.key}`;
  await page.evaluate(() => { window.__bench.lastClick = 0; });
  await page.getByRole('button', { name: title, exact: true }).click();
  r.open = await page.evaluate(([n, title]) => window.__bench.frameWhen(() => document.querySelector('.doc-title')?.textContent === title && window.__bench.count() === n).then((t) => t - window.__bench.lastClick), [n, title]);

  // Memory after load.
  const m = await memory(page, cdp);
  [r.jsHeap, r.blink, r.wasm] = [m.js, m.blink, m.wasm];
  r.dom = await page.evaluate(() => document.getElementsByTagName('*').length);

  // Add one at ADD_SAMPLES places (select a few words, press 1 → painted), each undone
  // (Ctrl+Z), redone (Ctrl+Shift+Z) and undone again.
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(GAP_MS);
  const s = { add: [], undo: [], redo: [], select: [], relabel: [], delete: [] };
  r.samples = s;
  for (let i = 0; i < ADD_SAMPLES; i++) {
    await page.evaluate(() => window.scrollTo(0, 0));
    const spots = await page.evaluate(selectSpot, i);
    if (i === 0) r.spotsInView = spots;
    const add = await timedKey(page, '1', 'count', n + 1);
    s.add.push(add);
    if (Number.isNaN(add)) continue; // nothing added: nothing to undo
    s.undo.push(await timedKey(page, 'Control+z', 'count', n));
    s.redo.push(await timedKey(page, 'Control+Shift+z', 'count', n + 1));
    s.undo.push(await timedKey(page, 'Control+z', 'count', n));
  }
  [r.add, r.undo] = [s.add[0], s.undo[0]];

  // Click a highlight, change its label (2, or 1 for a quote) → painted, undo; click it again,
  // Delete → painted, undo.
  for (let i = 0; i < EDIT_SAMPLES; i++) {
    s.select.push(await clickHighlight(page, i));
    const [from, before] = await page.evaluate(() => [window.__bench.selectedLabel(), window.__bench.chips()]);
    if (from) {
      const to = from === 'quote' ? 'claim' : 'quote';
      s.relabel.push(await timedKey(page, to === 'quote' ? '2' : '1', 'relabelled', { to, before }));
      s.undo.push(await timedKey(page, 'Control+z', 'chips', before));
    }
    s.select.push(await clickHighlight(page, i));
    const del = await timedKey(page, 'Delete', 'count', n - 1);
    s.delete.push(del);
    if (!Number.isNaN(del)) s.undo.push(await timedKey(page, 'Control+z', 'count', n));
  }
  r.select = s.select[0];

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
  await saved(page);
  await page.waitForTimeout(600);
  const f = await memory(page, cdp);
  [r.jsHeapLoad, r.blinkLoad, r.wasmLoad] = [f.js, f.blink, f.wasm];
  await context.close();
  const { errors: keyErrors, ...keys } = await keyDuringImport(browser, url, file, n);
  Object.assign(r, keys);
  r.errors = [...errors, ...keyErrors];
  return r;
}

/**
 * How long the page takes to answer a key while it imports `file`: in another fresh page (so
 * that the presses do not touch the import timed above), Shift (which means nothing to Gloss)
 * is pressed again and again, each once the page has taken the last, from the file input's
 * change until the import is painted. For each press sent meanwhile: the moment the driver
 * sent it → the end of the next frame after the page handled it, both on the machine's clock
 * (the event's own timeStamp is no good here: a press held back by a busy page gets the time
 * it was let in). The worst of them, and how many.
 */
async function keyDuringImport(browser, url, file, n) {
  const { context, page, errors } = await freshPage(browser, url);
  await page.evaluate((n) => {
    window.__bench.keys = [];
    window.__bench.arm('change', () => window.__bench.count() === n && window.__bench.painted());
  }, n);
  await page.getByLabel('Import annotations').setInputFiles(file);
  let imported = false;
  const done = page.evaluate(() => window.__bench.armed).finally(() => { imported = true; });
  const sent = [];
  while (!imported) {
    sent.push(performance.timeOrigin + performance.now());
    await page.keyboard.press('Shift');
    await sleep(5);
  }
  const took = await done;
  await sleep(100); // the last press's frame
  const [origin, t0, keys] = await page.evaluate(() => [performance.timeOrigin, window.__bench.armedAt, window.__bench.keys]);
  await context.close();
  // On the machine's clock (ms since the epoch): the change event, the import painted, and each
  // press (the page logs them in the order it handled them, which is the order they were sent).
  const [start, end] = [origin + t0, origin + t0 + took];
  const presses = keys.map((k, i) => ({ sent: sent[i] - start, handled: origin + k.handled - start, answered: origin + k.answered - start }));
  const during = presses.filter((k) => k.sent >= 0 && k.sent <= end - start);
  return {
    keyDuringImport: during.length ? Math.max(...during.map((k) => k.answered - k.sent)) : NaN,
    keysDuringImport: during.length,
    importWithKeys: took,
    keyLog: presses, // in ms from the change event, for a look at results.json
    errors,
  };
}

/** The memory floor: a fresh page of the app with only its built-in sample article, after a forced GC. */
export async function emptyPage(browser, url) {
  const { context, page, cdp, errors } = await freshPage(browser, url);
  await page.waitForTimeout(600);
  const m = await memory(page, cdp);
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  await context.close();
  return { ...m, dom, errors };
}
