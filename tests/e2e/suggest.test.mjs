// Suggestions on the built-in sample: "Suggest" shows them dashed in the text and counted in
// the sidebar; N / P move between them; Enter accepts one (a quote with its speaker, one
// Ctrl+Z takes it back); Delete rejects one and it stays rejected after a reload and in a
// Gloss JSON export; "Accept all" per label; no console errors. Screenshots light/dark,
// wide/narrow are left in target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useAppServer, openApp, screenshot, waitSaved } from './harness.mjs';

const env = useAppServer();

const panel = (page) => page.locator('section.suggestions');
const status = (page) => page.locator('[role="status"][aria-live="polite"]');
const shown = (page) => page.locator('article .sg.sgs');
const chosenText = (page) => panel(page).locator('.sg-text');
const annotations = (page) => page.locator('aside .ann-list > li');

/** Suggestions shown in the sidebar and every part of them drawn into the text. */
async function shownAndDrawn(page) {
  await panel(page).waitFor();
  await page.locator('article:not([aria-busy="true"])').waitFor();
}

async function suggest(page) {
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  await shownAndDrawn(page);
}

async function exportGloss(page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Gloss JSON', exact: true }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

test('suggest: shown, N/P, Enter accepts (one undo), Delete rejects (kept after reload and export)', async () => {
  const { page, problems } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  await suggest(page);
  const total = await shown(page).count();
  assert.ok(total > 0, 'suggestions are drawn in the article');
  assert.match(await status(page).textContent(), /suggestions? shown/);
  // The article's text is untouched: no text was added inside it.
  const text = await page.locator('article').evaluate((el) => el.textContent);
  assert.ok(!text.includes('suggested'), 'no words added to the article');
  await screenshot(page, 'suggest-shown');

  // N: the first; N again: the next; P: back.
  await page.keyboard.press('n');
  const first = await chosenText(page).textContent();
  await page.keyboard.press('n');
  const second = await chosenText(page).textContent();
  assert.notEqual(first, second);
  await page.keyboard.press('p');
  assert.equal(await chosenText(page).textContent(), first);
  assert.equal(await page.locator('article .ssel').count() > 0, true, 'the selected one has its ring');

  // Enter (focus in the article, where "Suggest" put it) accepts: annotations appear.
  const before = await annotations(page).count();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('aside .ann-list > li').length > n, before);
  assert.match(await status(page).textContent(), /^Accepted suggested/);
  // One Ctrl+Z takes the whole accept back (a quote with its speaker included).
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('aside .ann-list > li').length === n, before);

  // Delete rejects the selected one; it is remembered with the article.
  await page.keyboard.press('n');
  const rejected = await chosenText(page).textContent();
  const countBefore = await shown(page).count();
  await page.keyboard.press('Delete');
  await page.waitForFunction((n) => document.querySelectorAll('article .sg.sgs').length < n, countBefore);
  assert.match(await status(page).textContent(), /^Rejected suggested/);
  await waitSaved(page);
  const file = await exportGloss(page);
  assert.equal(file.version, 5);
  const doc = file.documents[0];
  assert.equal(doc.rejected_suggestions.length, 1, 'the rejection travels in Gloss JSON');
  const r = doc.rejected_suggestions[0];
  assert.ok(rejected.startsWith([...doc.text].slice(r.start, r.end).join('').slice(0, 20)));

  // After a reload it is still rejected: Suggest again shows one fewer.
  await page.reload();
  await page.locator('article').waitFor();
  await waitSaved(page);
  await suggest(page);
  assert.equal(await shown(page).count(), countBefore - 1, 'the rejected one stays hidden');
  await screenshot(page, 'suggest-selected');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('suggest: Accept all quotes brings their speakers, Accept all actors; each one undo step', async () => {
  const { page, problems } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  await page.keyboard.press('g');
  await shownAndDrawn(page);
  const quotes = panel(page).getByRole('button', { name: /^Accept all quotes/ });
  const actors = panel(page).getByRole('button', { name: /^Accept all actors/ });
  const nq = Number((await quotes.textContent()).match(/\((\d+)\)/)[1]);
  if (nq > 0) {
    await quotes.click();
    await page.waitForFunction(() => document.querySelectorAll('aside .ann-list > li').length > 0);
    const listedQuotes = await page.locator('aside .ann-list > li', { hasText: 'Quote' }).count();
    assert.equal(listedQuotes, nq);
    assert.match(await status(page).textContent(), /^Accepted \d+ quotes?/);
    assert.match(await quotes.textContent(), /\(0\)/);
  }
  const na = Number((await actors.textContent()).match(/\((\d+)\)/)[1]);
  if (na > 0) {
    const before = await annotations(page).count();
    await actors.click();
    await page.waitForFunction((n) => document.querySelectorAll('aside .ann-list > li').length === n, before + na);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => document.querySelectorAll('aside .ann-list > li').length === n, before);
  }
  await page.getByRole('button', { name: 'Hide suggestions' }).click();
  await panel(page).waitFor({ state: 'detached' });
  assert.equal(await page.locator('article .sg').count(), 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('suggest by keyboard alone: G, N, Enter accepts, from wherever the focus was', async () => {
  const { page, problems } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  // The focus on a toolbar button, as after clicking one: G still suggests, and puts the focus
  // in the text, so N then Enter accept there (Enter does not press the button).
  await page.getByRole('button', { name: 'Library', exact: true }).focus();
  await page.keyboard.press('g');
  await shownAndDrawn(page);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'ARTICLE');
  await page.keyboard.press('n');
  await chosenText(page).waitFor();
  const before = await annotations(page).count();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('aside .ann-list > li').length > n, before);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('suggest: screenshots light and dark, wide and narrow', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1400, 800]) {
      const { page, problems } = await openApp(env.browser, env.server.url, {
        colorScheme,
        viewport: { width, height: 900 },
      });
      await waitSaved(page);
      await page.keyboard.press('g');
      await shownAndDrawn(page);
      await page.keyboard.press('n');
      await page.keyboard.press('n');
      await screenshot(page, `suggest-${colorScheme}-${width}`);
      assert.deepEqual(problems, []);
      await page.context().close();
    }
  }
});
