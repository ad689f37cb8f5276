// Keyboard-first annotating: marking every occurrence of a name with Shift+Ctrl+→ and 3
// without going back to the top, a click in a highlight leaving the caret where it landed,
// moving between annotations with J / K and selecting the one at the caret with Enter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp, screenshot, dragSelect, listed, fixturePath } from './harness.mjs';

const env = useAppServer();

const NAME = 'Kessler';
const QUOTE = '“We will not sign a quota that empties the north,”';

async function status(page) {
  return page.locator('[role="status"][aria-live="polite"]').textContent();
}

async function openNames(page) {
  await page.getByLabel('Open file').setInputFiles(fixturePath('article-repeated-names.txt'));
  await page.locator('.doc-title', { hasText: 'article-repeated-names' }).waitFor();
}

/** What the page has selected now (what a person sees highlighted by the browser). */
function selectedText(page) {
  return page.evaluate(() => String(window.getSelection()));
}

/** The article's text from the caret on: what a person sees right of the caret. */
function afterCaret(page, length = 12) {
  return page.locator('article').evaluate((article, length) => {
    const s = window.getSelection();
    if (!s.rangeCount || !article.contains(s.focusNode)) return null;
    const range = document.createRange();
    range.setStart(s.focusNode, s.focusOffset);
    range.setEnd(article, article.childNodes.length);
    return range.toString().slice(0, length);
  }, length);
}

/** Clicks just inside the left edge of the `occurrence`-th `needle`: the caret lands before it. */
async function clickBefore(page, needle, occurrence = 0) {
  const point = await page.locator('article').evaluate((article, [needle, occurrence]) => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      let at = n.data.indexOf(needle);
      while (at >= 0 && seen < occurrence) {
        seen += 1;
        at = n.data.indexOf(needle, at + 1);
      }
      if (at < 0) continue;
      n.parentElement.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + 1, y: r.top + r.height / 2 };
    }
    throw new Error(`“${needle}” not found`);
  }, [needle, occurrence]);
  await page.mouse.click(point.x, point.y);
}

/**
 * Marks every occurrence of NAME from the caret on with the keyboard only, as a person does:
 * Ctrl+→ word by word until the name is next, Shift+Ctrl+→ over it, 3. Returns what each
 * Shift+Ctrl+→ selected.
 */
async function markEveryName(page, count) {
  const selected = [];
  for (let i = 0; i < count; i++) {
    for (let step = 0; !/^\s?Kessler/.test(await afterCaret(page)); step++) {
      assert.ok(step < 40, `occurrence ${i + 1} of ${NAME} not reached: “${await afterCaret(page)}” after the caret`);
      await page.keyboard.press('Control+ArrowRight');
    }
    await page.keyboard.press('Shift+Control+ArrowRight');
    selected.push((await selectedText(page)).trim());
    await page.keyboard.press('3');
  }
  return selected;
}

test('after marking with the keyboard the caret stays at the end of the mark: every repeated name, without going back to the top', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openNames(page);
  await clickBefore(page, NAME);
  await page.keyboard.press('Shift+Control+ArrowRight');
  assert.equal(await selectedText(page), NAME);
  await page.keyboard.press('3');
  assert.match(await status(page), /Actor added: “Kessler”/);
  // The next Shift+Ctrl+→ goes on from the end of the name, not from the article's start.
  assert.equal(await afterCaret(page), ' flew to Var', 'the caret is right after the name');
  await page.keyboard.press('Shift+Control+ArrowRight');
  assert.equal((await selectedText(page)).trim(), 'flew');
  // The five other occurrences, keyboard only (the fifth is the possessive “Kessler’s”).
  const selected = await markEveryName(page, 5);
  assert.deepEqual(selected, ['Kessler', 'Kessler', 'Kessler', 'Kessler’s', 'Kessler']);
  assert.deepEqual(await listed(page), Array(6).fill(['Actor', NAME]), 'six actors, the possessive left out');
  await screenshot(page, 'keyboard-every-name');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a click inside a highlight selects it and leaves the caret where it landed', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openNames(page);
  assert.equal(await dragSelect(page, QUOTE), QUOTE);
  await page.keyboard.press('2');
  await clickBefore(page, 'Officials');
  assert.equal(await page.locator('article span.sel').count(), 0, 'a click in plain text deselects');
  // Click before “quota” inside the quote: the quote is selected, the caret stays there.
  await clickBefore(page, 'quota', 1);
  assert.match(await status(page), /Selected Quote: ““We will not sign/);
  assert.equal(await afterCaret(page), 'quota that e');
  await page.keyboard.press('Shift+Control+ArrowRight');
  assert.equal(await selectedText(page), 'quota');
  // Another click in the quote, now selected: the caret goes where the click lands.
  await clickBefore(page, 'empties');
  assert.equal(await afterCaret(page), 'empties the ');
  // Marked with a toolbar button (it leaves the focus in the text): the caret is at the mark's end.
  await dragSelect(page, 'Per Almli');
  await page.getByRole('button', { name: 'Actor', exact: true }).click();
  assert.match(await status(page), /Actor added: “Per Almli”/);
  assert.equal(await afterCaret(page), ' said he exp');
  // A button elsewhere keeps the focus while the text around the caret is drawn again.
  const extend = page.getByRole('button', { name: 'Extend end' });
  await extend.click();
  assert.deepEqual((await listed(page)).at(-1), ['Actor', 'Per Almli said']);
  assert.ok(await extend.evaluate((b) => b === document.activeElement), 'the button keeps the focus');
  assert.deepEqual(problems, []);
  await context.close();
});

test('J / K move between annotations, Enter selects the one at the caret; the list and the details follow', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url, { viewport: { width: 1200, height: 560 } });
  await openNames(page);
  await clickBefore(page, 'Chancellor');
  await markEveryName(page, 6);
  await dragSelect(page, QUOTE);
  await page.keyboard.press('2');
  await dragSelect(page, 'Per Almli');
  await page.keyboard.press('3');
  // In text order: Kessler ×4, the quote (between the 3rd and 4th), Kessler’s, Almli, Kessler.
  const order = (await listed(page)).map(([, text]) => text);
  assert.deepEqual(order, [NAME, NAME, NAME, QUOTE, NAME, NAME, 'Per Almli', NAME]);

  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  assert.match(await status(page), /Selected Actor: “Kessler” \(1 of 8\)/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('j');
  assert.match(await status(page), /Selected Quote: ““We will not sign.*” \(4 of 8\)/);
  // The details show the annotation's text, not only its label.
  assert.equal(await page.locator('.details .details-text').textContent(), QUOTE);
  assert.equal(await page.locator('article span.sel').first().textContent(), QUOTE);
  await page.keyboard.press('k');
  assert.match(await status(page), /\(3 of 8\)/);
  assert.equal(await page.locator('.details .details-text').textContent(), NAME);
  // From nothing selected, K goes to the last one; its entry is scrolled into the list's view.
  await page.keyboard.press('Escape');
  await page.keyboard.press('k');
  assert.match(await status(page), /Selected Actor: “Kessler” \(8 of 8\)/);
  const entry = page.locator('aside .ann-button[aria-current="true"]');
  assert.equal(await entry.count(), 1, 'the selected entry is in the list');
  const [row, view] = [await entry.boundingBox(), await page.locator('aside .ann-scroll').boundingBox()];
  assert.ok(row.y >= view.y - 1 && row.y + row.height <= view.y + view.height + 1, `entry in view: ${JSON.stringify({ row, view })}`);
  await page.keyboard.press('j');
  assert.match(await page.locator('.notice.hint').textContent(), /That is the last annotation/);
  await screenshot(page, 'keyboard-navigate');

  // Enter with the caret inside a highlight selects it; in plain text it says there is none.
  await clickBefore(page, 'Governor');
  for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await afterCaret(page, 3), 'r A');
  await page.keyboard.press('Enter');
  assert.match(await status(page), /Selected Actor: “Per Almli”/);
  assert.equal(await page.locator('.details .details-text').textContent(), 'Per Almli');
  await clickBefore(page, 'return');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('.notice.hint').textContent(), /No annotation at the caret/);
  // The caret right after a name (a click just after “Kessler”) is on that name.
  await clickBefore(page, ' to return');
  await page.keyboard.press('Enter');
  assert.match(await status(page), /Selected Actor: “Kessler”$/);
  assert.ok(await page.locator('article span.sel').evaluate((el) => el.nextSibling.textContent.startsWith(' to return')), 'the name before the caret');

  // A screen reader hears how, on entering the text; the shortcuts dialog lists the keys.
  assert.match(await page.locator('#doc-text-help').textContent(), /J and K move between annotations; Enter selects the one at the caret/);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /J {2}\/ {2}KSelect the next \/ previous annotation/);
  assert.match(await dialog.textContent(), /EnterSelect the annotation at the caret/);
  assert.match(await dialog.textContent(), /VSet the verdict of the selected claim/);
  await screenshot(page, 'keyboard-shortcuts');
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await context.close();
});
