// A long article with many annotations: the sidebar list is windowed (only the rows in view
// are in the page) yet scrolls through every entry, and an entry far down can be chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { useAppServer, openApp, screenshot, waitSaved } from './harness.mjs';

const env = useAppServer();

/** A Gloss JSON file: `paragraphs` lines, two annotations on each (a claim, then an actor). */
function longFile(paragraphs) {
  const lines = [];
  const annotations = [];
  let at = 0;
  for (let i = 0; i < paragraphs; i++) {
    const name = `Speaker ${i}`;
    const claim = `figure number ${i} was checked`;
    const line = `${name} said that the ${claim} by the desk.`;
    const start = at + line.indexOf(claim);
    annotations.push({ id: randomUUID(), label: 'claim', start, end: start + claim.length });
    annotations.push({ id: randomUUID(), label: 'actor', start: at, end: at + name.length });
    lines.push(line);
    at += line.length + 2;
  }
  const now = '2026-01-01T00:00:00Z';
  return JSON.stringify({
    format: 'gloss',
    version: 1,
    documents: [{
      id: randomUUID(),
      title: 'A long list',
      date: null,
      text: lines.join('\n\n'),
      annotations: annotations.map((a) => ({ ...a, note: '', created_at: now, updated_at: now })),
    }],
  });
}

test('a long list shows only the rows in view, scrolls to every entry, and one far down can be chosen', async () => {
  const { page, problems } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  await page.getByLabel('Import annotations').setInputFiles({
    name: 'long.gloss.json',
    mimeType: 'application/json',
    buffer: Buffer.from(longFile(300)),
  });
  await page.locator('.filters .chip', { hasText: 'All 600' }).waitFor();
  const rows = await page.locator('aside .ann-list > li').count();
  assert.ok(rows > 5 && rows < 60, `only the rows in view are in the page (${rows} of 600)`);

  // Scroll the list to its end: the last entries appear, numbered as the 599th and 600th of 600.
  await page.locator('aside .ann-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = page.locator('aside .ann-list > li[aria-posinset="600"]');
  await last.waitFor();
  assert.equal(await last.getAttribute('aria-setsize'), '600');
  assert.match(await last.textContent(), /figure number 299 was checked/);
  assert.match(await page.locator('aside .ann-list > li[aria-posinset="599"]').textContent(), /Speaker 299/);

  // Choosing it selects it and brings its highlight into view; the details stay in view above.
  await last.getByRole('button').click();
  const details = page.getByRole('region', { name: 'Selected annotation' });
  await details.locator('.tag', { hasText: 'Claim' }).waitFor();
  const highlight = page.locator('article span.sel');
  await highlight.first().waitFor();
  assert.equal(await highlight.first().textContent(), 'figure number 299 was checked');
  assert.ok(await highlight.first().isVisible());
  const box = await highlight.first().boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, 'the highlight is on screen');
  assert.ok(await details.isVisible(), 'the details panel is still in view');

  // Filtering to actors while scrolled to the end: 300 entries, and the list still shows rows.
  await page.getByRole('button', { name: 'Actor 300' }).click();
  await page.locator('aside .ann-list > li[aria-setsize="300"]').first().waitFor();
  await screenshot(page, 'long-list');
  assert.deepEqual(problems, []);
});

test('a large import says it is under way, then what it imported, and every line of the article is written', async () => {
  const { page, problems } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  // Every notice the page shows, recorded as it appears (the first may last only a frame).
  await page.evaluate(() => {
    window.__notices = [];
    new MutationObserver(() => {
      const text = document.querySelector('.notice-text')?.textContent;
      if (text && window.__notices.at(-1) !== text) window.__notices.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const file = longFile(3000);
  assert.ok(file.length > 256 * 1024, 'the file is large enough to be announced');
  await page.getByLabel('Import annotations').setInputFiles({
    name: 'large.gloss.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  await page.locator('.filters .chip', { hasText: 'All 6000' }).waitFor({ timeout: 60000 });
  await page.locator('.notice-text', { hasText: '“large.gloss.json”: ' }).waitFor();
  const notices = await page.evaluate(() => window.__notices);
  assert.equal(notices[0], 'Importing “large.gloss.json”…', `first notice: ${notices.join(' | ')}`);

  // Lines out of sight are written a slice per frame: soon the article holds the whole text,
  // and the last line's highlights are there.
  const text = JSON.parse(file).documents[0].text;
  await page.waitForFunction((length) => document.querySelector('article').textContent.length === length, [...text].length === text.length ? text.length : -1, { timeout: 30000 });
  assert.equal(await page.locator('article').evaluate((a) => a.textContent), text);
  const last = page.locator('article span.mk', { hasText: 'figure number 2999 was checked' });
  await last.scrollIntoViewIfNeeded();
  assert.ok(await last.isVisible(), 'the last line is drawn with its highlight');
  await waitSaved(page);
  assert.deepEqual(problems, []);
});
