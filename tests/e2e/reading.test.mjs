// Reading a densely marked article: overlapping labels each stay recognisable, a highlight
// names its labels on hover, the selected annotation is one outlined shape, the sidebar lists
// many entries at once, and a narrow window keeps the details and the text in view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { useAppServer, openApp, screenshot, waitSaved, fixturePath, dragSelect } from './harness.mjs';

const env = useAppServer();

/** Code point offsets of `needle`'s `occurrence`-th appearance in `text`, or null. */
function find(text, needle, from = 0) {
  const at = text.indexOf(needle, from);
  if (at < 0) return null;
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length, next: at + needle.length };
}

/**
 * Marks an article the way a busy reader does: every sentence with a figure is a claim, every
 * quotation a quote, every pair of capitalised words an actor, so quotes sit inside claims and
 * actors inside both.
 */
function denseMarks(text) {
  const marks = [];
  const add = (label, re) => {
    for (const m of text.matchAll(re)) {
      const start = [...text.slice(0, m.index)].length;
      marks.push({ label, start, end: start + [...m[0]].length });
    }
  };
  add('claim', /[^.“”\n]*\d[^.\n]*\./g);
  add('quote', /“[^”]*”/g);
  add('actor', /\b\p{Lu}\p{Ll}+ \p{Lu}[\p{Ll}ě]+\b/gu);
  // Claims inside quotations: a quote and a claim over exactly the same words too.
  for (const m of text.matchAll(/“([^”]*)”/g)) {
    const start = [...text.slice(0, m.index)].length + 1;
    marks.push({ label: 'claim', start, end: start + [...m[1]].length });
  }
  const seen = new Set();
  return marks.filter((m) => {
    const key = `${m.label} ${m.start} ${m.end}`;
    return m.end > m.start && !seen.has(key) && seen.add(key);
  });
}

/** A Gloss JSON file holding one article with the given annotations. */
function glossFile(title, date, text, marks) {
  const now = '2026-01-01T00:00:00Z';
  const cps = [...text];
  return JSON.stringify({
    format: 'gloss',
    version: 1,
    documents: [{
      id: randomUUID(),
      title,
      date,
      text,
      annotations: marks.map((m) => ({
        id: randomUUID(),
        ...m,
        text: cps.slice(m.start, m.end).join(''),
        note: '',
        created_at: now,
        updated_at: now,
      })),
    }],
  });
}

/** The built-in sample's text (as the app shows it) and the harbour fixture's. */
async function articles(page) {
  const sample = await page.locator('article').evaluate((el) => el.textContent);
  const raw = await readFile(fixturePath('article-harbour.txt'), 'utf8');
  const m = /^ date (\d{4}-\d{2}-\d{2}) /.exec(raw);
  return [
    { name: 'sample', title: 'Dense sample', date: '2026-10-08', text: sample },
    { name: 'harbour', title: 'Dense harbour', date: m[1], text: raw.slice(m[0].length) },
  ];
}

/** Imports `text` with dense overlapping marks and waits until it shows. */
async function openDense(page, { title, date, text }) {
  const marks = denseMarks(text);
  await page.getByLabel('Import annotations').setInputFiles({
    name: `${title}.gloss.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(glossFile(title, date, text, marks)),
  });
  await page.locator('.doc-title', { hasText: title }).waitFor();
  await page.locator('.filters .chip', { hasText: `All ${marks.length}` }).waitFor({ timeout: 5000 }).catch(async (e) => {
    throw new Error(`${e.message}\n${await page.locator('.notice').allTextContents()}`);
  });
  return marks;
}

/** Claim and quote over the same words in the sample, marked with the mouse. */
const QUOTE = '“This bridge carries 40,000 vehicles a day, and today every one of them can cross safely again.”';
const CLAIM = 'This bridge carries 40,000 vehicles a day';

async function markOverlap(page) {
  assert.equal(await dragSelect(page, QUOTE), QUOTE);
  await page.keyboard.press('2');
  assert.equal(await dragSelect(page, CLAIM), CLAIM);
  await page.keyboard.press('1');
  assert.equal(await dragSelect(page, 'Irene Valdés'), 'Irene Valdés');
  await page.keyboard.press('3');
  assert.equal(await dragSelect(page, 'The repair cost €184 million'), 'The repair cost €184 million');
  await page.keyboard.press('1');
  await page.locator('.filters .chip', { hasText: 'All 4' }).waitFor();
}

/**
 * What the segments under `selector` paint: fill colour and image, and where each label's line
 * is (in pixels below the text's baseline): the quote's double underline and the claim's dotted
 * border.
 */
function paintOf(page, selector) {
  return page.locator(selector).first().evaluate((seg) => {
    const style = getComputedStyle(seg);
    // An empty inline-block sits on the baseline.
    const probe = document.createElement('span');
    probe.style.cssText = 'display:inline-block;width:0;height:0';
    seg.prepend(probe);
    const baseline = probe.getBoundingClientRect().bottom;
    probe.remove();
    const rect = seg.getClientRects()[0];
    const thickness = parseFloat(style.textDecorationThickness) || 1;
    const offset = parseFloat(style.textUnderlineOffset) || 0;
    const border = parseFloat(style.borderBottomWidth);
    return {
      className: seg.className,
      background: style.backgroundColor,
      image: style.backgroundImage,
      quoteLine: style.textDecorationLine.includes('underline')
        ? [offset, offset + (style.textDecorationStyle === 'double' ? 3 : 1) * thickness]
        : null,
      claimLine: style.borderBottomStyle === 'dotted' ? [rect.bottom - border - baseline, rect.bottom - baseline] : null,
    };
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`a claim and a quote on the same words: one label's own fill, two lines apart, named on hover (${colorScheme})`, async () => {
    const { page, problems, context } = await openApp(env.browser, env.server.url, { colorScheme });
    await markOverlap(page);
    const claim = await paintOf(page, 'article .m-claim:not(.m-overlap)');
    const quote = await paintOf(page, 'article .m-quote:not(.m-overlap)');
    const both = await paintOf(page, 'article .m-claim.m-quote');
    // No blend of orange over blue (a khaki that is neither label): the fill is exactly the
    // claim's or the quote's, a plain colour.
    assert.equal(both.image, 'none', `no stacked layers: ${both.image}`);
    assert.ok(
      [claim.background, quote.background].includes(both.background),
      `the overlap's fill ${both.background} is the claim's ${claim.background} or the quote's ${quote.background}`,
    );
    // Both lines, at different heights: the quote's double line just under the baseline, the
    // claim's dotted line lower, with a gap between.
    assert.ok(both.quoteLine && both.claimLine, `both lines drawn: ${JSON.stringify(both)}`);
    assert.ok(
      both.claimLine[0] - both.quoteLine[1] >= 1,
      `the claim's line (${both.claimLine.map((v) => v.toFixed(1))} px below the baseline) is under the quote's (${both.quoteLine.map((v) => v.toFixed(1))})`,
    );
    // Resting the pointer on it names both labels, the innermost (the claim, filling it) first.
    const overlap = page.locator('article .m-claim.m-quote').first();
    await overlap.hover();
    assert.equal(await overlap.getAttribute('title'), 'Claim, Quote');
    const single = page.locator('article .m-actor:not(.m-overlap)').first();
    await single.hover();
    assert.equal(await single.getAttribute('title'), 'Actor');
    await page.mouse.move(0, 0);
    await screenshot(page, `reading-overlap-${colorScheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** Whether some element shows text matching `pattern` at a readable size inside the window. */
function shown(page, pattern) {
  return page.evaluate((source) => {
    const re = new RegExp(source);
    for (const el of document.querySelectorAll('body *')) {
      if (![...el.childNodes].some((n) => n.nodeType === 3 && re.test(n.data))) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width >= 40 && box.height >= 8 && box.top >= 0 && box.bottom <= innerHeight
        && style.visibility === 'visible' && style.clipPath === 'none' && style.clip === 'auto') {
        return true;
      }
    }
    return false;
  }, pattern.source);
}

test('the selected annotation is one outlined shape, and “1 of 2 here” shows on screen', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await markOverlap(page);
  // A click on the nested words selects the innermost (the claim) and says there are two.
  await page.locator('article .m-claim.m-quote').first().click();
  await page.locator('aside .details .tag', { hasText: 'Claim' }).waitFor();
  assert.ok(await shown(page, /1 of 2 here/), '“1 of 2 here” is shown, not only announced');
  // Tab: the quote, whose words hold the claim's segments inside it.
  await page.keyboard.press('Tab');
  await page.locator('aside .details .tag', { hasText: 'Quote' }).waitFor();
  assert.ok(await shown(page, /2 of 2 here/));
  const edges = await page.locator('article .sel').evaluateAll((segs) => segs.map((seg) => {
    const style = getComputedStyle(seg);
    // Every shadow's horizontal offset and colour: a ring edge on the left is a shadow moved left.
    const shadows = style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/).map((s) => s.trim());
    const xs = shadows
      .filter((s) => !s.startsWith('inset') && !/^(rgba\(0, 0, 0, 0\)|transparent)/.test(s))
      .map((s) => parseFloat(s.replace(/^rgba?\([^)]*\)\s*/, '')));
    const line = seg.parentElement.dataset.block;
    return { text: seg.textContent, line, outline: style.outlineStyle, left: xs.some((x) => x < 0), right: xs.some((x) => x > 0), top: xs.some((x) => x === 0) };
  }));
  assert.ok(edges.length >= 3, `the quote is cut into several segments by the claim: ${edges.length}`);
  for (const [i, e] of edges.entries()) {
    assert.equal(e.outline, 'none', `“${e.text}”: no box of its own`);
    assert.ok(e.top, `“${e.text}”: draws its part of the top and bottom edges`);
    assert.equal(e.left, i === 0, `“${e.text}”: a left edge only at the start`);
    assert.equal(e.right, i === edges.length - 1, `“${e.text}”: a right edge only at the end`);
  }
  await screenshot(page, 'reading-selected-ring');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the sidebar lists twice as many entries at 900 px, one-word actors on one line with their tag', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url, { viewport: { width: 1400, height: 900 } });
  await waitSaved(page);
  const [, harbour] = await articles(page);
  await openDense(page, harbour);
  // Nothing selected: the placeholder is small.
  const empty = await page.locator('aside .details').boundingBox();
  assert.ok(empty.height <= 64, `the empty details panel is ${empty.height} px tall`);
  // Rows wholly in view in the list (before: 6).
  const rows = () => page.locator('aside .ann-scroll').evaluate((scroller) => {
    const view = scroller.getBoundingClientRect();
    return [...scroller.querySelectorAll('.ann')].filter((li) => {
      const r = li.getBoundingClientRect();
      return r.top >= view.top - 0.5 && r.bottom <= view.bottom + 0.5;
    }).length;
  });
  const idle = await rows();
  assert.ok(idle >= 12, `${idle} entries in view with nothing selected`);
  // One selected: the details open, and the list still shows at least twice as many as before.
  await page.locator('aside .ann-button').first().click();
  await page.locator('aside .details:not(.is-empty)').waitFor();
  const busy = await rows();
  await screenshot(page, 'reading-sidebar-selected');
  assert.ok(busy >= 12, `${busy} entries in view with one selected`);
  // A one-word actor: its tag and its text on one line.
  await page.getByRole('button', { name: 'Actor 9' }).click();
  await openDenseWord(page);
  await screenshot(page, 'reading-sidebar-900');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Marks "Saltmere" as an actor and checks its entry: the tag and the word on one line. */
async function openDenseWord(page) {
  await page.getByRole('button', { name: /^All/ }).click();
  assert.equal(await dragSelect(page, 'Saltmere', 1), 'Saltmere');
  await page.keyboard.press('3');
  const row = page.locator('aside .ann', { hasText: /^Actor\s*Saltmere$/ });
  await row.waitFor();
  const [tag, text] = await Promise.all([row.locator('.tag').boundingBox(), row.locator('.ann-text').boundingBox()]);
  const middle = (b) => b.y + b.height / 2;
  assert.ok(Math.abs(middle(tag) - middle(text)) < 6, `tag at ${middle(tag)}, text at ${middle(text)}: one line`);
  assert.ok(text.x > tag.x + tag.width, 'the word follows its tag');
}

/**
 * Whether the notice covers any of the article's text that would otherwise show: at points
 * over the notice, the first thing under it is not the article.
 */
function noticeCoversText(page) {
  return page.locator('.notice').evaluate((notice) => {
    const box = notice.getBoundingClientRect();
    const covered = [];
    for (let x = box.left + 2; x < box.right; x += 12) {
      for (let y = box.top + 2; y < box.bottom; y += 6) {
        const under = document.elementsFromPoint(x, y).find((el) => !notice.contains(el));
        if (under?.closest('article')) covered.push(`${Math.round(x)},${Math.round(y)}: “${under.textContent.slice(0, 30)}”`);
      }
    }
    return covered.slice(0, 5);
  });
}

for (const width of [1400, 800]) {
  test(`notices never cover the text (${width} px)`, async () => {
    const { page, problems, context } = await openApp(env.browser, env.server.url, { viewport: { width, height: 900 } });
    await waitSaved(page);
    // A long article (the text reaches the bottom of the window): the import's own notice.
    await openDense(page, (await articles(page))[1]);
    await page.locator('.notice', { hasText: 'Imported 1 article' }).waitFor();
    assert.deepEqual(await noticeCoversText(page), []);
    // Asking to mark with nothing selected, scrolled down the article.
    await page.mouse.wheel(0, 400);
    await page.locator('article .seg:not(.mk)').nth(8).click();
    await page.keyboard.press('1');
    await page.locator('.notice', { hasText: 'Select some text in the article first' }).waitFor();
    assert.deepEqual(await noticeCoversText(page), []);
    await screenshot(page, `reading-notice-${width}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`800 px: the details and the selected highlight are in view without scrolling; focus shows without a bar (${colorScheme})`, async () => {
    const { page, problems, context } = await openApp(env.browser, env.server.url, { viewport: { width: 800, height: 900 }, colorScheme });
    await waitSaved(page);
    await openDense(page, (await articles(page))[1]);
    await page.evaluate(() => window.scrollTo(0, 0));
    // A highlight far down, chosen from the list: the page brings it into view above the sheet.
    await page.locator('aside .ann-button', { hasText: 'Eleven weeks' }).first().click();
    const details = page.getByRole('region', { name: 'Selected annotation' });
    await details.locator('.tag', { hasText: 'Quote' }).waitFor();
    const inView = async (locator) => {
      const box = await locator.boundingBox();
      return box && box.y >= 0 && box.y + box.height <= 900;
    };
    assert.ok(await inView(details), 'the details are in the window');
    assert.ok(await inView(details.getByRole('textbox')), 'the note field is in the window');
    const highlight = page.locator('article .sel').first();
    const seen = await highlight.evaluate((el) => {
      const r = el.getClientRects()[0];
      const top = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
      return top === el || el.contains(top);
    });
    assert.ok(seen, 'the selected highlight is not under the sheet');
    // Clicking a highlight selects it and shows its details with no scrolling.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('article .m-actor', { hasText: 'Oona Halloran' }).click();
    await details.locator('.tag', { hasText: 'Actor' }).waitFor();
    assert.ok(await inView(details));
    await screenshot(page, `reading-narrow-${colorScheme}`);

    // Focus on the text: the frame says so; no thick bar runs down the article's edge.
    await page.locator('article').focus();
    const focus = await page.locator('article').evaluate((article) => {
      const a = getComputedStyle(article);
      const frame = getComputedStyle(article.closest('.reader'));
      const probe = document.createElement('span');
      probe.style.color = 'var(--focus)';
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return { shadow: a.boxShadow, outline: a.outlineStyle, frame: frame.borderTopColor, colour };
    });
    assert.equal(focus.shadow, 'none', 'no bar beside the text');
    assert.equal(focus.outline, 'none');
    assert.equal(focus.frame, focus.colour, 'the article frame takes the focus colour');
    await screenshot(page, `reading-focus-${colorScheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1400, 1024]) {
    test(`screenshots: densely marked articles, ${colorScheme}, ${width} px`, async () => {
      const { page, problems, context } = await openApp(env.browser, env.server.url, {
        viewport: { width, height: 900 },
        colorScheme,
      });
      await waitSaved(page);
      for (const article of await articles(page)) {
        await openDense(page, article);
        await screenshot(page, `reading-${article.name}-${colorScheme}-${width}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
