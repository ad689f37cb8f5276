// Work leaves as a file the person owns and comes back: export Gloss JSON, import it into a
// fresh browser profile, and refuse broken files with a reason and no change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useAppServer, openApp, screenshot, dragSelect, listed, waitSaved,
} from './harness.mjs';

const env = useAppServer();

async function exportAs(page, item, { library = false } = {}) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  if (library) {
    await page.getByRole('menuitem', { name: 'Export library' }).click();
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test('export Gloss JSON, import it into a fresh browser profile: the same annotations', async () => {
  const first = await openApp(env.browser, env.server.url);
  await dragSelect(first.page, 'Irene Valdés');
  await first.page.keyboard.press('3');
  await dragSelect(first.page, '“This bridge carries 40,000 vehicles a day, and today every one of them can cross safely again.”');
  await first.page.keyboard.press('2');
  await dragSelect(first.page, 'This bridge carries 40,000 vehicles a day');
  await first.page.keyboard.press('1');
  await first.page.locator('article span.m-actor').first().click();
  await first.page.getByLabel('Note').fill('mayor since 2022?');
  await first.page.getByLabel('Note').blur();
  await waitSaved(first.page);
  const before = await listed(first.page);
  const { name, text } = await exportAs(first.page, 'Gloss JSON');
  assert.equal(name, 'Harbour bridge reopens after two-year repair.gloss.json');
  const file = JSON.parse(text);
  assert.equal(file.format, 'gloss');
  assert.equal(file.documents.length, 1);
  assert.equal(file.documents[0].annotations.length, 3);
  assert.ok(file.documents[0].annotations.some((a) => a.note === 'mayor since 2022?'));
  const library = await exportAs(first.page, 'Gloss JSON', { library: true });
  assert.match(library.name, /^gloss-library-\d{4}-\d{2}-\d{2}\.gloss\.json$/);
  assert.deepEqual(first.problems, []);
  await first.context.close();

  // A fresh profile: import through the file input at once. While the library is still being
  // read the file waits and is applied once it is (the reducer tests pin both orders).
  const second = await openApp(env.browser, env.server.url);
  await second.page.getByLabel('Import annotations').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await second.page.locator('.notice', { hasText: 'Imported 1 article (3 annotations added, 0 updated).' }).waitFor();
  assert.deepEqual(await listed(second.page), before);
  assert.match(await second.page.locator('aside').textContent(), /mayor since 2022\?/);
  await waitSaved(second.page);
  await second.page.reload();
  await second.page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listed(second.page), before);
  // Dropping the same file merges: nothing new.
  await second.page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'again.gloss.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, text);
  await second.page.locator('.notice', { hasText: 'Already in your library: nothing new in “again.gloss.json”.' }).waitFor();
  assert.deepEqual(await listed(second.page), before);
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test('broken files are refused with role="alert" and the library is unchanged after a reload', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await waitSaved(page);
  const valid = (await exportAs(page, 'Gloss JSON')).text;
  const doc = JSON.parse(valid).documents[0];
  const files = [
    ['notes.json', 'this is not json', /not JSON/],
    ['cut.json', valid.slice(0, 300), /ends too early/],
    ['deep.json', '['.repeat(100000) + ']'.repeat(100000), /nests deeper than 32 levels/],
    ['other.json', JSON.stringify({ format: 'w3c', items: [] }), /not a Gloss JSON file/],
    ['offsets.json', JSON.stringify({ format: 'gloss', version: 1, documents: [{ ...doc, annotations: [{ ...doc.annotations[0], start: 1e15, end: 1e15 + 5 }] }] }), /outside the text/],
    ['backwards.json', JSON.stringify({ format: 'gloss', version: 1, documents: [{ ...doc, annotations: [{ ...doc.annotations[0], start: 30, end: 20 }] }] }), /end \(20\) is before start \(30\)/],
    ['proto.json', `{"format":"gloss","version":1,"documents":[{"__proto__":{"polluted":true},"id":"${doc.id}","title":"x","text":"${doc.text.slice(0, 10)}","annotations":[{"id":"${doc.annotations[0].id}","label":"villain","start":0,"end":3}]}]}`, /unknown label “villain”/],
  ];
  for (const [name, text, reason] of files) {
    await page.getByLabel('Import annotations').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const alert = page.getByRole('alert').filter({ hasText: name });
    await alert.waitFor({ timeout: 5000 });
    assert.match(await alert.textContent(), reason, name);
    assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']], `${name}: nothing changed`);
  }
  assert.equal(await page.evaluate(() => ({}).polluted), undefined, 'no prototype pollution');
  await screenshot(page, 'import-refused');
  await page.reload();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']]);
  await page.getByRole('button', { name: /^Library/ }).click();
  assert.equal(await page.locator('.lib-row').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
