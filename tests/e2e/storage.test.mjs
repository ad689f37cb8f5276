// Keeping every annotation: reloads, the library, two tabs, a killed browser, blocked and
// full storage, a corrupt record, and a library stored by an older Gloss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useAppServer, openApp, screenshot, dragSelect, listed, fixturePath, launchKillable, waitSaved,
} from './harness.mjs';

const env = useAppServer();

function watch(page) {
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

test('annotations survive a reload, and the open article comes back', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await waitSaved(page);
  await page.reload();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']]);
  await page.getByLabel('Open file').setInputFiles(fixturePath('article-harbour.txt'));
  await page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  await dragSelect(page, 'Beatrix Nwosu');
  await page.keyboard.press('a');
  await waitSaved(page);
  await page.reload();
  await page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Beatrix Nwosu']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a note being typed is kept: nothing wipes it while it is saved, and it is there after a reload', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  const note = page.getByLabel('Note');
  await note.click();
  await page.keyboard.type('Mayor since', { delay: 30 });
  await page.waitForTimeout(700); // the first part is saved; the app renders "Saved" meanwhile
  await page.keyboard.type(' 2022', { delay: 30 });
  assert.equal(await note.inputValue(), 'Mayor since 2022');
  await waitSaved(page);
  await page.waitForTimeout(600);
  await waitSaved(page);
  await page.reload();
  await page.locator('aside .ann-note').waitFor();
  assert.equal(await page.locator('aside .ann-note').textContent(), 'Mayor since 2022');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the library lists, opens, renames, filters and deletes articles', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  page.on('dialog', (d) => d.accept());
  await page.getByLabel('Open file').setInputFiles([
    fixturePath('article-harbour.txt'),
    fixturePath('unicode-mix.txt'),
  ]);
  await page.getByRole('button', { name: /^Library/ }).click();
  const dialog = page.getByRole('dialog', { name: /Library/ });
  await dialog.locator('.lib-row').nth(2).waitFor();
  assert.equal(await dialog.locator('.lib-row').count(), 3);
  // Each row says where it is among those listed (rows far down are added as they come into view).
  assert.deepEqual(
    await dialog.locator('.lib-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-posinset')}/${r.getAttribute('aria-setsize')}`)),
    ['1/3', '2/3', '3/3'],
  );
  assert.match(await dialog.locator('.lib-row', { hasText: 'article-harbour' }).textContent(), /2026-05-19/);
  await dialog.getByRole('button', { name: 'Rename “article-harbour”' }).click();
  await dialog.getByLabel('New title').fill('Saltmere dredging');
  await dialog.getByRole('button', { name: 'Save title' }).click();
  await dialog.getByLabel('Filter by title').fill('dredg');
  assert.equal(await dialog.locator('.lib-row').count(), 1);
  assert.equal(await dialog.locator('.lib-row').getAttribute('aria-setsize'), '1');
  // Whichever of the two files opened last is open; choosing either closes the Library.
  await dialog.getByRole('button', { name: 'Saltmere dredging', exact: true }).click();
  await page.locator('.doc-title', { hasText: 'Saltmere dredging' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: /^Library/ }).click();
  await dialog.getByLabel('Filter by title').fill('');
  await dialog.getByRole('button', { name: 'Delete “unicode-mix”' }).click();
  assert.equal(await dialog.locator('.lib-row').count(), 2);
  await screenshot(page, 'library');
  await page.getByRole('button', { name: 'Close' }).click();
  await waitSaved(page);
  await page.reload();
  await page.locator('.doc-title', { hasText: 'Saltmere dredging' }).waitFor();
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.locator('.lib-row').nth(1).waitFor();
  const titles = await page.locator('.lib-row .lib-title').allTextContents();
  assert.deepEqual([...titles].sort(), ['Harbour bridge reopens after two-year repair', 'Saltmere dredging']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two tabs on the same article see each other’s work', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const a = await context.newPage();
  const problemsA = watch(a);
  await a.goto(env.server.url);
  await a.locator('article').waitFor();
  await waitSaved(a);
  const b = await context.newPage();
  const problemsB = watch(b);
  await b.goto(env.server.url);
  await b.locator('article').waitFor();
  await dragSelect(a, 'Irene Valdés');
  await a.keyboard.press('3');
  await waitSaved(a);
  await b.locator('aside .ann-list li', { hasText: 'Irene Valdés' }).waitFor({ timeout: 5000 });
  await dragSelect(b, 'Amara Okafor');
  await b.keyboard.press('3');
  await waitSaved(b);
  await a.locator('aside .ann-list li', { hasText: 'Amara Okafor' }).waitFor({ timeout: 5000 });
  assert.deepEqual(await listed(a), await listed(b));
  assert.equal((await listed(a)).length, 2);
  assert.deepEqual([...problemsA, ...problemsB], []);
  await context.close();
});

test('a browser killed one second after “Saved” keeps the annotation', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'gloss-crash-'));
  let again;
  try {
    let { browser: first, kill } = await launchKillable(profile);
    let page = await first.contexts()[0].newPage();
    await page.goto(env.server.url);
    await page.locator('article').waitFor();
    await dragSelect(page, 'Tomasz Běhal');
    await page.keyboard.press('3');
    await waitSaved(page);
    await page.waitForTimeout(1000);
    await kill();
    again = await launchKillable(profile);
    page = await again.browser.contexts()[0].newPage();
    const problems = watch(page);
    await page.goto(env.server.url);
    await page.locator('aside .ann-list li').first().waitFor({ timeout: 10000 });
    assert.deepEqual(await listed(page), [['Actor', 'Tomasz Běhal']]);
    assert.deepEqual(problems, []);
  } finally {
    // Killed whatever happened: a browser left running keeps the test file from ending.
    await again?.kill();
    // A process of the killed browser may still be closing files: retry for a moment.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test('blocked storage: the app works in memory with a visible “Not saved” banner', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(env.server.url);
  await page.locator('article').waitFor();
  await page.getByRole('alert').filter({ hasText: /^Not saved: browser storage is unavailable/ }).waitFor();
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']]);
  assert.match(await page.locator('[data-testid="save-status"]').textContent(), /^Not saved: browser storage is unavailable/);
  await screenshot(page, 'storage-blocked');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a full disk: the error names the cause, work stays, and it saves once space is free', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(env.server.url);
  await waitSaved(page);
  await page.evaluate(() => { window.__diskFull = true; });
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await page.locator('[data-testid="save-status"]', { hasText: /storage is full/ }).waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']]);
  await page.evaluate(() => { window.__diskFull = false; });
  await waitSaved(page);
  await page.reload();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a lost storage connection is opened again and the work is written', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      if (window.__lost) throw new DOMException('The database connection is closing.', 'InvalidStateError');
      return transaction.apply(this, args);
    };
  });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(env.server.url);
  await waitSaved(page);
  await page.evaluate(() => { window.__lost = true; });
  await dragSelect(page, 'Amara Okafor');
  await page.keyboard.press('3');
  await page.locator('[data-testid="save-status"]', { hasText: /^Not saved: browser storage is unavailable/ }).waitFor();
  await page.evaluate(() => { window.__lost = false; });
  await waitSaved(page);
  await page.reload();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Amara Okafor']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a corrupt stored record is kept aside untouched and the rest loads', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await waitSaved(page);
  await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('gloss');
    open.onsuccess = () => {
      const tx = open.result.transaction(['documents'], 'readwrite');
      tx.objectStore('documents').put('{"schema":1, truncated', 'broken-record');
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }));
  await page.reload();
  await page.locator('.notice.error', { hasText: /1 stored record\(s\) could not be read and were kept aside untouched/ }).waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']]);
  await dragSelect(page, 'Amara Okafor');
  await page.keyboard.press('3');
  await waitSaved(page);
  const kept = await page.evaluate(() => new Promise((ok) => {
    const open = indexedDB.open('gloss');
    open.onsuccess = () => {
      const get = open.result.transaction(['documents']).objectStore('documents').get('broken-record');
      get.onsuccess = () => { open.result.close(); ok(get.result); };
    };
  }));
  assert.equal(kept, '{"schema":1, truncated');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a library stored by an older Gloss (one record a document) reads, and its first save moves it to one record an annotation', async () => {
  const record = await readFile(fixturePath('storage-v4.record.json'), 'utf8');
  const text = (await readFile(fixturePath('storage-v1.text.txt'), 'utf8')).replace(/\n$/, '');
  const id = JSON.parse(record).id;
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems = watch(page);
  // A page of the same origin without the app, to store what an older Gloss stored: database
  // version 1, the whole record in `documents`.
  await page.goto(`${env.server.url}no-app-here`);
  await page.evaluate(([record, text, id]) => new Promise((ok, fail) => {
    const open = indexedDB.open('gloss', 1);
    open.onupgradeneeded = () => {
      for (const name of ['documents', 'texts', 'meta']) open.result.createObjectStore(name);
    };
    open.onsuccess = () => {
      const tx = open.result.transaction(['documents', 'texts', 'meta'], 'readwrite');
      tx.objectStore('documents').put(record, id);
      tx.objectStore('texts').put(text, id);
      tx.objectStore('meta').put(id, 'last_open');
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
    open.onerror = () => fail(open.error);
  }), [record, text, id]);
  await page.goto(env.server.url);
  await page.locator('.doc-title', { hasText: 'Harbour bridge reopens' }).waitFor();
  await page.locator('aside .ann-list li').first().waitFor();
  const before = await listed(page);
  assert.equal(before.length, 2, JSON.stringify(before));
  await dragSelect(page, 'vehicles');
  await page.keyboard.press('3');
  await waitSaved(page);
  const stored = await page.evaluate((id) => new Promise((ok, fail) => {
    const open = indexedDB.open('gloss');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['documents', 'annotations']);
      const head = tx.objectStore('documents').get(id);
      const own = tx.objectStore('annotations').getAll(IDBKeyRange.bound([id], [id, []]));
      tx.oncomplete = () => { const version = db.version; db.close(); ok({ version, head: head.result, own: own.result }); };
      tx.onerror = () => fail(tx.error);
    };
  }), id);
  assert.equal(stored.version, 2);
  const head = JSON.parse(stored.head);
  assert.equal(head.schema, 6);
  assert.equal(head.annotations, undefined, 'the annotations are records of their own');
  assert.equal(stored.own.length, 3);
  await page.reload();
  await page.locator('aside .ann-list li').first().waitFor();
  const after = await listed(page);
  assert.equal(after.length, 3, JSON.stringify(after));
  assert.deepEqual(after.filter(([, t]) => t !== 'vehicles'), before);
  assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  await context.close();
});
