// "Who said what": two articles whose quotes and claims are linked to their actors (written
// into the browser's storage as Gloss stores them, schema 2, until the in-app way to link lands),
// the view for the open article and for the library (rows, counts, the chart and its table,
// the filter, a row opened), a quote picked (its article opens with it selected), the CSV
// export read back, Escape, axe, and screenshots in light and dark, wide and narrow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useAppServer, openApp, screenshot, audit } from './harness.mjs';

const env = useAppServer();

const E_PESKOV = 'e0000000-0000-4000-8000-000000000001';
const E_WHITE_HOUSE = 'e0000000-0000-4000-8000-000000000002';
const E_PUTIN = 'e0000000-0000-4000-8000-000000000003';

const TALKS = {
  id: 'd0000000-0000-4000-8000-00000000000a',
  title: 'Ceasefire talks',
  date: '2025-03-14',
  updated: 1_760_000_002_000,
  text: 'Kremlin spokesman Dmitry Peskov told reporters: “We are not in a hurry.” Peskov added: “The talks continue.”\nThe White House said the talks had made progress. Vladimir Putin was not available for comment.',
  marks: [
    ['a1', 'actor', 'Kremlin spokesman Dmitry Peskov', { entity: E_PESKOV }],
    ['a2', 'actor', 'Peskov', { entity: E_PESKOV, after: 'hurry' }],
    ['a3', 'actor', 'The White House', { entity: E_WHITE_HOUSE }],
    ['a4', 'actor', 'Vladimir Putin', { entity: E_PUTIN }],
    ['q1', 'quote', '“We are not in a hurry.”', { source: 'a1' }],
    ['q2', 'quote', '“The talks continue.”', { source: 'a2' }],
    ['c1', 'claim', 'the talks had made progress', { source: 'a3' }],
    ['c2', 'claim', 'was not available for comment', {}],
  ],
  entities: [[E_PESKOV, 'Dmitry Peskov'], [E_WHITE_HOUSE, 'White House'], [E_PUTIN, 'Vladimir Putin']],
};

const SUMMIT = {
  id: 'd0000000-0000-4000-8000-00000000000b',
  title: 'Summit postponed',
  date: '2025-03-20',
  updated: 1_760_000_001_000,
  text: 'Dmitry Peskov said the summit would not happen this month.\nLater Mr Peskov said: “Nothing is decided.”',
  marks: [
    ['b1', 'actor', 'Dmitry Peskov', { entity: E_PESKOV }],
    ['b2', 'actor', 'Mr Peskov', { entity: E_PESKOV }],
    ['bc', 'claim', 'the summit would not happen this month', { source: 'b1' }],
    ['bq', 'quote', '“Nothing is decided.”', { source: 'b2' }],
  ],
  entities: [[E_PESKOV, 'Dmitry Peskov']],
};

/** A stable UUID for a mark's short name. */
const uuid = (doc, name) => `${doc.id.slice(0, 24)}${Buffer.from(name).toString('hex').padStart(12, '0')}`;

/** The stored record (schema 2) of a seed article: offsets in code points. */
function record(doc) {
  const points = (s) => [...s].length;
  const annotations = doc.marks.map(([name, label, text, { entity, source, after }]) => {
    const from = after ? doc.text.indexOf(after) : 0;
    const at = doc.text.indexOf(text, from);
    if (at < 0) throw new Error(`${text} not in ${doc.title}`);
    const start = points(doc.text.slice(0, at));
    return {
      id: uuid(doc, name),
      label,
      start,
      end: start + points(text),
      note: '',
      created_at: doc.updated,
      updated_at: doc.updated,
      ...(source ? { source: uuid(doc, source) } : {}),
      ...(entity ? { entity } : {}),
    };
  }).sort((a, b) => a.start - b.start || b.end - a.end);
  return JSON.stringify({
    schema: 2,
    id: doc.id,
    title: doc.title,
    date: doc.date,
    created_at: doc.updated,
    updated_at: doc.updated,
    revision: 1,
    annotations,
    entities: doc.entities.map(([id, name]) => ({ id, name })),
  });
}

/** Writes the seed articles into the app's IndexedDB (once the app has made it) and reloads. */
async function seed(page) {
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'gloss'));
  await page.evaluate((docs) => new Promise((ok, fail) => {
    const open = indexedDB.open('gloss');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['documents', 'texts', 'meta'], 'readwrite');
      for (const [id, rec, text] of docs) {
        tx.objectStore('documents').put(rec, id);
        tx.objectStore('texts').put(text, id);
      }
      tx.objectStore('meta').put(docs[0][0], 'last_open');
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
    open.onerror = () => fail(open.error);
  }), [TALKS, SUMMIT].map((d) => [d.id, record(d), d.text]));
  await page.reload();
  await page.locator('.doc-title', { hasText: TALKS.title }).waitFor();
  await page.locator('aside .ann-list li').first().waitFor();
}

/** The rows the view lists: [name, total, breakdown]. */
function rows(dialog) {
  return dialog.locator('.who-row-entry').evaluateAll((items) => items.map((li) => [
    li.querySelector('.who-name-cell').textContent,
    Number(li.querySelector('.who-total-cell').textContent),
    li.querySelector('.who-breakdown').textContent,
  ]));
}


/** A CSV file's rows (RFC 4180: quoted cells, doubled quotes, CRLF). */
function parseCsv(text) {
  const out = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r') { /* part of CRLF */ } else if (c === '\n') { row.push(cell); out.push(row); row = []; cell = ''; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); out.push(row); }
  return out;
}

test('who said what: per article and library, chart, filter, a quote opened, CSV, Escape, axe', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await seed(page);

  const opener = page.getByRole('button', { name: 'Who said what', exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Who said what' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Filter by name', 'focus in the filter');
  assert.ok(await dialog.getByRole('radio', { name: 'This article' }).isChecked());
  assert.deepEqual(await rows(dialog), [
    ['Dmitry Peskov', 2, '2 quotes · 0 claims · 2 mentions'],
    ['White House', 1, '0 quotes · 1 claim · 1 mention'],
    ['Vladimir Putin', 0, '0 quotes · 0 claims · 1 mention'],
  ]);
  assert.match(await dialog.locator('.who-summary').textContent(), /1 quote or claim without a source is not counted/);

  await dialog.getByRole('radio', { name: 'Library' }).check();
  assert.deepEqual(await rows(dialog), [
    ['Dmitry Peskov', 4, '3 quotes · 1 claim · 4 mentions'],
    ['White House', 1, '0 quotes · 1 claim · 1 mention'],
    ['Vladimir Putin', 0, '0 quotes · 0 claims · 1 mention'],
  ]);
  // The chart: Peskov's bar in two parts, the White House's in one, nobody else; its table.
  assert.equal(await dialog.locator('svg.who-chart rect.who-bar').count(), 3);
  assert.equal(await dialog.locator('svg.who-chart').getAttribute('aria-hidden'), 'true');
  const table = await dialog.locator('figure table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(table, [['Dmitry Peskov', '3', '1', '4'], ['White House', '0', '1', '1']]);

  // The filter: by name, case ignored.
  await dialog.getByLabel('Filter by name').fill('WHITE');
  assert.deepEqual((await rows(dialog)).map((r) => r[0]), ['White House']);
  await dialog.getByLabel('Filter by name').fill('');

  // A row opens onto its quotes and claims: articles by date, text order within.
  const peskov = dialog.locator('.who-row-entry', { hasText: 'Dmitry Peskov' });
  await peskov.locator('summary').click();
  const items = await peskov.locator('.who-item').evaluateAll((lis) => lis.map((li) => [
    li.querySelector('.tag').textContent, li.querySelector('.who-quote').textContent, li.querySelector('.who-item-meta').textContent,
  ]));
  assert.deepEqual(items, [
    ['Quote', '“We are not in a hurry.”', 'as “Kremlin spokesman Dmitry Peskov”Ceasefire talks · 2025-03-14'],
    ['Quote', '“The talks continue.”', 'as “Peskov”Ceasefire talks · 2025-03-14'],
    ['Claim', 'the summit would not happen this month', 'as “Dmitry Peskov”Summit postponed · 2025-03-20'],
    ['Quote', '“Nothing is decided.”', 'as “Mr Peskov”Summit postponed · 2025-03-20'],
  ]);
  await audit(page, 'Who said what, library, a row open (light)');
  await screenshot(page, 'who-light-1400');

  // Export: one row per quote or claim, the view's scope.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export who said what' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^who-said-what-library-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFentity,mention,label,text,article,date\r\n'));
  assert.deepEqual(parseCsv(csv.slice(1)), [
    ['entity', 'mention', 'label', 'text', 'article', 'date'],
    ['Dmitry Peskov', 'Kremlin spokesman Dmitry Peskov', 'Quote', '“We are not in a hurry.”', 'Ceasefire talks', '2025-03-14'],
    ['Dmitry Peskov', 'Peskov', 'Quote', '“The talks continue.”', 'Ceasefire talks', '2025-03-14'],
    ['Dmitry Peskov', 'Dmitry Peskov', 'Claim', 'the summit would not happen this month', 'Summit postponed', '2025-03-20'],
    ['Dmitry Peskov', 'Mr Peskov', 'Quote', '“Nothing is decided.”', 'Summit postponed', '2025-03-20'],
    ['White House', 'The White House', 'Claim', 'the talks had made progress', 'Ceasefire talks', '2025-03-14'],
  ]);

  // A claim in the other article: it opens, the claim selected, the focus on its entry.
  await peskov.getByRole('button', { name: 'the summit would not happen this month' }).click();
  await page.locator('.doc-title', { hasText: SUMMIT.title }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0);
  const selected = page.locator('aside .ann.is-selected');
  await selected.waitFor();
  assert.match(await selected.textContent(), /the summit would not happen this month/);
  await page.waitForFunction(() => document.activeElement?.closest('aside .ann.is-selected') != null);

  // Escape closes the view and the focus goes back to the button that opened it.
  await opener.click();
  await dialog.waitFor();
  assert.deepEqual((await rows(dialog)).map((r) => r[0]), ['Dmitry Peskov'], 'this article: Peskov only');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Who said what');

  assert.deepEqual(problems, []);
  await context.close();
});

for (const [colorScheme, width] of [['dark', 1400], ['light', 800], ['dark', 800], ['light', 500]]) {
  test(`who said what, ${colorScheme}, ${width} px: axe clean`, async () => {
    const { page, problems, context } = await openApp(env.browser, env.server.url, { colorScheme, viewport: { width, height: 900 } });
    await seed(page);
    await page.getByRole('button', { name: 'Who said what', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Who said what' });
    await dialog.getByRole('radio', { name: 'Library' }).check();
    await dialog.locator('.who-row-entry', { hasText: 'White House' }).locator('summary').click();
    // Too narrow for the chart: its table is shown instead.
    assert.equal(await dialog.locator('svg.who-chart').isVisible(), width > 640);
    assert.equal(await dialog.locator('table.who-chart-table').evaluate((t) => getComputedStyle(t).position === 'static'), width <= 640);
    await audit(page, `Who said what, ${colorScheme}, ${width} px`);
    await screenshot(page, `who-${colorScheme}-${width}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
