// Annotations painted with the CSS Custom Highlight API (`?paint=highlights`, src/dom/paint.rs):
// the article's lines stay plain text and each annotation is a range registered under
// `::highlight(gloss-…)`. What the page paints is read back from `CSS.highlights`, as text, and
// compared with what the person marked; the person's gestures are the same as with spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp, dragSelect, fixturePath, waitSaved, audit, screenshot } from './harness.mjs';

const env = useAppServer();

const CLAIM = 'Dredging of the silted inner harbour at Saltmere will begin in June';
const QUOTE = 'the silted inner harbour at Saltmere';
const ACTOR = 'Saltmere';

/**
 * The text under each run of highlight `name`, in text order, ranges that touch joined (one
 * annotation can be painted as several ranges where what overlaps it changes).
 */
function painted(page, name) {
  return page.evaluate((name) => {
    const article = document.querySelector('article');
    const at = (node, offset) => {
      const r = document.createRange();
      r.setStart(article, 0);
      r.setEnd(node, offset);
      return r.toString().length;
    };
    const runs = [...(CSS.highlights.get(name) ?? [])]
      .map((r) => [at(r.startContainer, r.startOffset), at(r.endContainer, r.endOffset)])
      .sort((a, b) => a[0] - b[0]);
    const joined = [];
    for (const [s, e] of runs) {
      const last = joined[joined.length - 1];
      if (last && last[1] === s) last[1] = e;
      else joined.push([s, e]);
    }
    return joined.map(([s, e]) => article.textContent.slice(s, e));
  }, name);
}

async function openHarbour(url) {
  const opened = await openApp(env.browser, url);
  await opened.page.getByLabel('Open file').setInputFiles(fixturePath('article-harbour.txt'));
  await opened.page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  return opened;
}

/** Clicks the middle of the first appearance of `needle` in the article. */
async function clickText(page, needle) {
  const box = await page.locator('article').evaluate((article, needle) => {
    const at = article.textContent.indexOf(needle) + Math.floor(needle.length / 2);
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen + node.length > at) {
        const r = document.createRange();
        r.setStart(node, at - seen);
        r.setEnd(node, at - seen + 1);
        const rect = r.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      seen += node.length;
    }
    return null;
  }, needle);
  assert.ok(box, `“${needle}” is in the article`);
  await page.mouse.click(box.x, box.y);
  return box;
}

test('marking paints ranges over plain text: labels, overlaps, selection, click, undo, reload', async () => {
  const { page, problems, context } = await openHarbour(`${env.server.url}?paint=highlights`);
  const line = page.locator('article [data-block="0"]');
  const textBefore = await page.locator('article').textContent();

  await dragSelect(page, CLAIM);
  await page.keyboard.press('1');
  await dragSelect(page, QUOTE);
  await page.keyboard.press('2');
  await dragSelect(page, ACTOR);
  await page.keyboard.press('3');

  // The line is still one span of text: nothing was written into it.
  assert.equal(await line.locator('span:not(.br)').count(), 1);
  assert.equal(await page.locator('article .mk, article .m-claim, article .sel').count(), 0);
  assert.equal(await page.locator('article').textContent(), textBefore, 'the text is unchanged');

  // Every label has its line over exactly what was marked; the innermost fills.
  assert.deepEqual(await painted(page, 'gloss-claim'), [CLAIM]);
  assert.deepEqual(await painted(page, 'gloss-quote'), [QUOTE]);
  assert.deepEqual(await painted(page, 'gloss-actor'), [ACTOR]);
  assert.deepEqual(await painted(page, 'gloss-fill-claim'), ['Dredging of ', ' will begin in June']);
  assert.deepEqual(await painted(page, 'gloss-fill-quote'), ['the silted inner harbour at ']);
  assert.deepEqual(await painted(page, 'gloss-fill-actor'), [ACTOR]);
  // The last marked is selected.
  assert.deepEqual(await painted(page, 'gloss-selected'), [ACTOR]);
  await screenshot(page, 'paint-highlights-marked');

  // A click on the claim's own words selects the claim: the selection moves to it.
  await clickText(page, 'will begin');
  await page.locator('aside .ann.is-selected', { hasText: 'Dredging of the silted' }).waitFor();
  assert.deepEqual(await painted(page, 'gloss-selected'), [CLAIM]);
  // The pointer resting there names what is under it.
  await page.mouse.move(0, 0);
  const box = await clickText(page, 'will begin');
  await page.mouse.move(box.x + 1, box.y);
  assert.equal(await line.locator('span').first().getAttribute('title'), 'Claim');
  // A click in plain text deselects.
  await clickText(page, 'released');
  await page.waitForFunction(() => CSS.highlights.get('gloss-selected').size === 0);
  // A claim ending the paragraph; a click in the blank right of the paragraph's last line is
  // not a click on it (the caret would land at its end), a click on its last letter is.
  const END = 'said on Monday.';
  await dragSelect(page, END);
  await page.keyboard.press('1');
  await clickText(page, 'released');
  await page.waitForFunction(() => CSS.highlights.get('gloss-selected').size === 0);
  const last = await page.locator('article').evaluate((article, end) => {
    const node = article.querySelector('[data-block="0"] span').firstChild;
    const at = node.data.indexOf(end) + end.length - 1;
    const r = document.createRange();
    r.setStart(node, at);
    r.setEnd(node, at + 1);
    const box = r.getBoundingClientRect();
    return { right: box.right, x: box.left + box.width * 0.75, y: box.top + box.height / 2, edge: article.getBoundingClientRect().right };
  }, END);
  await page.mouse.click(Math.min(last.right + 60, last.edge - 4), last.y);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => CSS.highlights.get('gloss-selected').size), 0, 'beside the text: nothing selected');
  await page.mouse.click(last.x, last.y);
  await page.waitForFunction(() => CSS.highlights.get('gloss-selected').size > 0);
  assert.deepEqual(await painted(page, 'gloss-selected'), [END]);
  await page.keyboard.press('Control+z');
  await page.locator('.filters .chip', { hasText: 'Claim 1' }).waitFor();
  assert.deepEqual(await painted(page, 'gloss-claim'), [CLAIM]);

  // Undo takes the actor's ranges away, redo brings them back.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => CSS.highlights.get('gloss-actor').size === 0);
  assert.deepEqual(await painted(page, 'gloss-fill-quote'), [QUOTE]);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => CSS.highlights.get('gloss-actor').size === 1);

  // After a reload the same is painted, from storage.
  await waitSaved(page);
  await page.reload();
  await page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  await page.waitForFunction(() => CSS.highlights.get('gloss-claim')?.size > 0);
  assert.deepEqual(await painted(page, 'gloss-claim'), [CLAIM]);
  assert.deepEqual(await painted(page, 'gloss-quote'), [QUOTE]);
  assert.deepEqual(await painted(page, 'gloss-actor'), [ACTOR]);

  // Find draws its matches over the same plain lines.
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Find' }).fill('Saltmere');
  await page.waitForFunction(() => CSS.highlights.get('gloss-find')?.size > 1);
  const found = await painted(page, 'gloss-find');
  assert.ok(found.length > 1 && found.every((t) => t === 'Saltmere'), found.join('|'));
  await page.keyboard.press('Escape');

  await audit(page, 'article painted with highlights');

  // Chosen in the list while out of sight, an annotation in the middle of a line is scrolled
  // into view (its line is one span: the character, not the span, is brought into view).
  const FAR = 'its members were laid off';
  await page.setViewportSize({ width: 1400, height: 420 });
  await dragSelect(page, FAR);
  await page.keyboard.press('1');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.keyboard.press('Escape');
  await page.locator('aside .ann-button', { hasText: FAR }).click();
  await page.waitForFunction(() => CSS.highlights.get('gloss-selected').size > 0);
  const where = await page.evaluate(() => {
    const [r] = [...CSS.highlights.get('gloss-selected')];
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    const box = live.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, height: innerHeight, scrolled: scrollY };
  });
  assert.ok(where.scrolled > 0 && where.top >= 0 && where.bottom <= where.height, JSON.stringify(where));
  await page.setViewportSize({ width: 1400, height: 1000 });

  // Another article: the first one's ranges leave with its lines.
  await page.getByRole('button', { name: 'New article', exact: true }).click();
  await page.getByLabel('Title').fill('Second');
  await page.getByLabel('Article text').fill('A second article with nothing marked in it yet.');
  await page.getByRole('button', { name: 'Load article' }).click();
  await page.locator('.doc-title', { hasText: 'Second' }).waitFor();
  await page.waitForFunction(() => CSS.highlights.get('gloss-claim').size === 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without ?paint=highlights the annotations are spans with their labels as classes', async () => {
  const { page, problems, context } = await openHarbour(`${env.server.url}?paint=spans`);
  await dragSelect(page, CLAIM);
  await page.keyboard.press('1');
  assert.equal(await page.locator('article span.m-claim.sel').textContent(), CLAIM);
  assert.equal(await page.evaluate(() => CSS.highlights.has('gloss-claim')), false);
  assert.deepEqual(problems, []);
  await context.close();
});
