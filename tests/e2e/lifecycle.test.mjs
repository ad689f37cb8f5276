// Nothing is lost when a tab closes, reloads or is hidden: a note closed 50 ms after its last
// key, a reload mid-sentence, a reload while a large import is still "Saving…", two tabs
// changing the same article at the same moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID, createHash } from 'node:crypto';
import { useAppServer, openApp, screenshot, dragSelect, listed, waitSaved } from './harness.mjs';

const env = useAppServer();

function watch(page) {
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

/** Accepts the "leave the page?" question and records that it was asked. */
function acceptLeaving(page) {
  const asked = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    dialog.accept().catch(() => {});
  });
  return asked;
}

async function open(context) {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(env.server.url);
  await page.locator('article').waitFor();
  return { page, problems };
}

test('closing the tab 50 ms after a note keystroke keeps what was typed (five times)', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const problems = [];
  let { page, problems: p } = await open(context);
  problems.push(...p);
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await waitSaved(page);
  for (let round = 1; round <= 5; round++) {
    const note = page.getByLabel('Note');
    if (!(await note.isVisible())) {
      await page.locator('aside .ann-list li', { hasText: 'Irene Valdés' }).click();
    }
    await note.click();
    await page.keyboard.type(` r${round}`);
    await page.waitForTimeout(50);
    await page.close();
    ({ page, problems: p } = await open(context));
    problems.push(...p);
    await page.locator('aside .ann-note').waitFor();
    assert.match(
      await page.locator('aside .ann-note').textContent(),
      new RegExp(`r${round}$`),
      `round ${round}: the last keystroke before closing is kept`,
    );
  }
  await waitSaved(page);
  assert.match(await page.locator('aside .ann-note').textContent(), /r1 r2 r3 r4 r5$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload mid-sentence (before “Saved”) asks first and keeps the sentence', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await waitSaved(page);
  const asked = acceptLeaving(page);
  await page.getByLabel('Note').click();
  await page.keyboard.type('Mayor since 2022, re-elected');
  // No wait for "Saved": the reload comes right after the last key.
  await page.reload();
  await page.locator('aside .ann-note').waitFor();
  assert.equal(await page.locator('aside .ann-note').textContent(), 'Mayor since 2022, re-elected');
  assert.ok(asked.every((t) => t === 'beforeunload'), `only the leave-page question: ${asked}`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A Gloss JSON file of one article with `n` actor annotations, one per word. */
function bigFile(n) {
  const words = Array.from({ length: n }, (_, i) => `Name${i}`);
  const text = `${words.join(' ')}.`;
  let at = 0;
  const annotations = words.map((w) => {
    const a = { id: randomUUID(), label: 'actor', start: at, end: at + w.length, text: w };
    at += w.length + 1;
    return a;
  });
  return JSON.stringify({
    format: 'gloss',
    version: 1,
    exported_at: new Date(0).toISOString(),
    documents: [{
      id: randomUUID(), title: 'Two thousand names', date: null, text,
      text_sha256: createHash('sha256').update(text, 'utf8').digest('hex'), annotations,
    }],
  });
}

test('reloading while a 2,000-annotation import still says “Saving…” loses none of it', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  const asked = acceptLeaving(page);
  const file = bigFile(2000);
  await page.getByLabel('Import annotations').setInputFiles({ name: 'big.gloss.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.locator('.notice', { hasText: 'Imported 1 article (2000 annotations added' }).waitFor();
  // Straight away, whatever the header says.
  await page.reload();
  await page.locator('.doc-title', { hasText: 'Two thousand names' }).waitFor();
  await waitSaved(page);
  const counts = await page.locator('aside').textContent();
  assert.match(counts, /2,?000/, 'the list counts 2,000 annotations');
  assert.ok(asked.every((t) => t === 'beforeunload'), `only the leave-page question: ${asked}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('nothing to save: leaving never asks', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await waitSaved(page);
  const asked = acceptLeaving(page);
  await page.reload();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(asked, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two tabs changing the same article at the same moment: nothing is lost silently', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const a = await open(context);
  await waitSaved(a.page);
  const b = await open(context);
  await waitSaved(b.page);
  // Both select first, then both mark at once: neither has heard of the other's change.
  await dragSelect(a.page, 'Irene Valdés');
  await dragSelect(b.page, 'Amara Okafor');
  await Promise.all([a.page.keyboard.press('3'), b.page.keyboard.press('3')]);
  await a.page.waitForTimeout(1500);
  const status = async (page) => (await page.locator('header.app-header').textContent()) ?? '';
  const stored = async () => {
    const fresh = await open(context);
    await fresh.page.locator('aside .ann-list li').first().waitFor();
    const items = (await listed(fresh.page)).map(([, t]) => t);
    await fresh.page.close();
    return items;
  };
  const inStorage = await stored();
  for (const [tab, name] of [[a, 'Irene Valdés'], [b, 'Amara Okafor']]) {
    const header = await status(tab.page);
    const said = /another tab/.test(header) && /Not saved/.test(header);
    assert.ok(
      inStorage.includes(name) || said,
      `“${name}” is stored, or its tab says it was not (header: ${header}; stored: ${inStorage})`,
    );
    assert.ok((await listed(tab.page)).some(([, t]) => t === name), `“${name}” stays on screen in its tab`);
  }
  await screenshot(a.page, 'two-tabs-same-moment-a');
  await screenshot(b.page, 'two-tabs-same-moment-b');
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test('a pasted article reloaded at once, before “Saved”, is still there', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  acceptLeaving(page);
  await page.getByRole('button', { name: 'New article', exact: true }).click();
  await page.getByLabel('Title').fill('Ferry timetable');
  await page.getByLabel('Article text').fill('The ferry will run twice a day from May, the operator said.');
  await page.getByRole('button', { name: 'Load article' }).click();
  await page.locator('.doc-title', { hasText: 'Ferry timetable' }).waitFor();
  await page.reload();
  await page.locator('.doc-title', { hasText: 'Ferry timetable' }).waitFor();
  await waitSaved(page);
  await page.reload();
  await page.locator('.doc-title', { hasText: 'Ferry timetable' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
