// Accessibility: axe-core (the engine behind browsers' accessibility audits) over the main
// screens of the release build. A `serious` or `critical` finding fails the test, with each
// rule's id, impact and the selectors of the elements it found; `minor` and `moderate` ones are
// printed as diagnostics (node --test shows them) without failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useAppServer, openApp, screenshot, dragSelect, waitSaved, root } from './harness.mjs';
import { agreementFiles } from './agreement-files.mjs';

const env = useAppServer();
const axeSource = await readFile(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const FAILING = new Set(['serious', 'critical']);

/** The app in a fresh context, under the release build's Content-Security-Policy. */
function open(options = {}) {
  return openApp(env.browser, env.server.url, options);
}

/** Runs axe over the whole document; fails on serious or critical findings. */
async function audit(t, page, screen) {
  // Injected with `page.evaluate` (a DevTools evaluation, which the page's Content-Security-
  // Policy does not govern), not `page.addScriptTag({ content })`: that inserts an inline
  // <script>, which the release build's policy refuses (script-src is 'self' and the loader's
  // hash; it throws and logs a CSP violation). So the audit runs on the release build as served,
  // policy included, and no context needs `bypassCSP`.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  // Let any transition or pending render settle, so colours are measured as shown.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  const describe = (v) =>
    `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `    ${n.target}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`).join('\n');
  for (const v of violations.filter((v) => !FAILING.has(v.impact))) {
    for (const line of `${screen}: ${describe(v)}`.split('\n')) t.diagnostic(line);
  }
  const failing = violations.filter((v) => FAILING.has(v.impact));
  assert.ok(
    failing.length === 0,
    `axe on “${screen}” found ${failing.length} serious or critical violation(s):\n` + failing.map(describe).join('\n'),
  );
}

/**
 * The contrast of text where highlights overlap, which axe cannot measure (each label's fill is
 * a background gradient layer: axe reports it as "needs review"). Blends the layers as the
 * browser paints them over the first opaque background behind, and returns the segments below
 * the WCAG AA ratio (4.5:1, or 3:1 for large text) with what they measured.
 */
async function lowContrastOverlaps(page) {
  return page.locator('article').evaluate((article) => {
    const parse = (css) => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (bottom, top) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }) => {
      const ch = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const ratio = (x, y) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
      return (hi + 0.05) / (lo + 0.05);
    };
    const low = [];
    for (const seg of article.querySelectorAll('.m-overlap')) {
      let base = null;
      for (let el = seg.parentElement; el && !base; el = el.parentElement) {
        const bg = parse(getComputedStyle(el).backgroundColor);
        if (bg && bg.a === 1) base = bg;
      }
      const style = getComputedStyle(seg);
      let bg = over(base, parse(style.backgroundColor) ?? { r: 0, g: 0, b: 0, a: 0 });
      // The first layer listed is painted on top: blend from the last one up.
      const layers = style.backgroundImage.split('linear-gradient(').slice(1).map(parse).reverse();
      for (const layer of layers) bg = over(bg, layer);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const got = ratio(parse(style.color), bg);
      if (got < (large ? 3 : 4.5)) {
        low.push(`“${seg.textContent}” (${seg.className}): ${got.toFixed(2)}:1, ${style.color} on rgb(${[bg.r, bg.g, bg.b].map(Math.round).join(', ')})`);
      }
    }
    return { checked: article.querySelectorAll('.m-overlap').length, low };
  });
}

/**
 * Marks a claim (1), a quote (2), an actor (3), then a claim inside the quote and an actor inside
 * that claim (all three labels on the same words), with the mouse.
 */
async function markSample(page) {
  const marks = [
    ['The repair cost €184 million', '1'],
    ['“This bridge carries 40,000 vehicles a day, and today every one of them can cross safely again.”', '2'],
    ['Irene Valdés', '3'],
    ['40,000 vehicles a day', '1'],
    ['40,000 vehicles', '3'],
  ];
  for (const [text, key] of marks) {
    assert.equal(await dragSelect(page, text), text);
    await page.keyboard.press(key);
  }
  assert.equal(await page.locator('aside .ann-list li').count(), marks.length);
}

/** Clicks the actor's highlight: it is selected and the details panel shows it. */
async function selectActor(page) {
  await page.locator('article span.m-actor', { hasText: 'Irene Valdés' }).click();
  await page.locator('aside .details:not(.is-empty)').waitFor();
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe: the sample article, ${colorScheme}`, async (t) => {
    const { page, problems, context } = await open({ colorScheme });
    await audit(t, page, `sample article, ${colorScheme}`);
    await screenshot(page, `a11y-article-${colorScheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`axe: highlights marked and one selected, ${colorScheme}`, async (t) => {
    const { page, problems, context } = await open({ colorScheme });
    await markSample(page);
    await selectActor(page);
    await audit(t, page, `highlights and details, ${colorScheme}`);
    const overlaps = await lowContrastOverlaps(page);
    assert.ok(overlaps.checked >= 2, 'two and three labels overlap somewhere');
    assert.deepEqual(overlaps.low, [], 'overlapping highlights keep the text readable');
    await screenshot(page, `a11y-highlights-${colorScheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe: suggestions shown, one selected, some marked, ${colorScheme}`, async (t) => {
    const { page, problems, context } = await open({ colorScheme });
    await waitSaved(page);
    await markSample(page);
    await page.getByRole('button', { name: 'Suggest', exact: true }).click();
    const panel = page.locator('section.suggestions');
    await panel.waitFor();
    await page.locator('article:not([aria-busy="true"])').waitFor();
    await page.keyboard.press('n');
    await panel.getByRole('button', { name: 'Accept', exact: true }).waitFor();
    await audit(t, page, `suggestions, ${colorScheme}`);
    // Each suggestion is named to a screen reader where it starts, without text in the article.
    const named = await page.locator('article .sg.sgs').first().evaluate((el) => getComputedStyle(el, '::before').content);
    assert.match(named, /suggested (indirect )?(quote|actor)/);
    await screenshot(page, `a11y-suggestions-${colorScheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('axe: each dialog open (New article, shortcuts, Library) and the Export menu', async (t) => {
  const { page, problems, context } = await open();
  await waitSaved(page);

  await page.getByRole('button', { name: 'New article', exact: true }).click();
  await page.getByRole('dialog', { name: 'New article' }).waitFor();
  await audit(t, page, 'New article dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.locator('article span.seg').first().click();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await audit(t, page, 'shortcuts dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Library/ }).click();
  const library = page.getByRole('dialog', { name: /Library/ });
  await library.waitFor();
  await library.locator('.lib-row').first().waitFor();
  await audit(t, page, 'Library dialog');
  await screenshot(page, 'a11y-library');
  await library.getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menu', { name: 'Export formats' }).waitFor();
  await audit(t, page, 'Export menu');
  await screenshot(page, 'a11y-export-menu');
  await page.getByRole('menuitem', { name: 'Export library' }).click();
  await page.getByRole('menu', { name: 'Export library formats' }).waitFor();
  await audit(t, page, 'Export library menu');

  assert.deepEqual(problems, []);
  await context.close();
});

test('axe: a narrow window (800 px), with highlights and one selected', async (t) => {
  const { page, problems, context } = await open({ viewport: { width: 800, height: 900 } });
  await audit(t, page, 'narrow window');
  await markSample(page);
  await selectActor(page);
  await audit(t, page, 'narrow window, highlights and details');
  await screenshot(page, 'a11y-narrow');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe: a rated claim with sources, the list filtered by verdict, and the Add source dialog with a refused address, ${colorScheme}`, async (t) => {
    const { page, problems, context } = await open({ colorScheme });
    await markSample(page);
    // Every verdict somewhere (on the list's tags and the highlights' badges), one claim
    // selected with two sources.
    const claims = page.locator('aside .ann-button').filter({ has: page.locator('.tag.label-claim') });
    await claims.filter({ hasText: '40,000 vehicles a day' }).click();
    await page.getByLabel('Verdict', { exact: true }).selectOption('mostly-true');
    await claims.filter({ hasText: 'The repair cost' }).click();
    await page.getByLabel('Verdict', { exact: true }).selectOption('false');
    for (const [url, title] of [['https://budget.example.gov/bridge', 'Final accounts'], ['https://news.example.org/bridge', '']]) {
      await page.getByRole('button', { name: 'Add source' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add source' });
      await dialog.getByLabel('Source URL').fill(url);
      await dialog.getByLabel('Source title').fill(title);
      await dialog.getByLabel('Source note').fill('Checked against the published figures.');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await audit(t, page, `rated claim with sources, ${colorScheme}`);
    // Each verdict's colours: the list's tag (axe measures it) for every verdict in turn.
    for (const verdict of ['true', 'half-true', 'misleading', 'mostly-false', 'unverifiable']) {
      await page.getByLabel('Verdict', { exact: true }).selectOption(verdict);
      await page.locator(`aside .verdict-tag.v-${verdict}`).waitFor();
      await audit(t, page, `verdict ${verdict}, ${colorScheme}`);
    }
    await page.getByRole('button', { name: /^Claim \d/ }).click();
    await page.getByRole('combobox', { name: 'Show claims' }).selectOption({ label: 'Mostly true' });
    await audit(t, page, `list filtered by verdict, ${colorScheme}`);
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add source' });
    await dialog.getByLabel('Source URL').fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.locator('#source-url-error').waitFor();
    await audit(t, page, `Add source dialog with a refused address, ${colorScheme}`);
    await screenshot(page, `a11y-add-source-${colorScheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// Teams: two annotators' layers, the Showing switch open, and Compare with a disagreement
// selected and one settled, wide and narrow.
for (const colorScheme of ['light', 'dark']) {
  for (const width of [1400, 800]) {
    test(`axe: layers and Compare annotators, ${colorScheme}, ${width} px`, async (t) => {
      const files = await agreementFiles('ceasefire-like');
      const { page, problems, context } = await open({ colorScheme, viewport: { width, height: 1000 } });
      for (const [who, text] of [['ana', files.ana], ['ben', files.ben]]) {
        await page.getByLabel('Import annotations').setInputFiles({ name: `${who}.gloss.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
        await page.locator('.notice', { hasText: `“${who}.gloss.json”: Imported 1 article` }).waitFor();
      }
      await page.getByRole('button', { name: /^Showing: / }).click();
      await page.getByRole('menuitem', { name: /^Ana: / }).waitFor();
      await audit(t, page, `Showing menu, ${colorScheme}, ${width}`);
      await page.getByRole('menuitem', { name: 'Everyone' }).click();
      await page.locator('aside .ann-by').first().waitFor();
      await audit(t, page, `everyone's layers, ${colorScheme}, ${width}`);
      await screenshot(page, `a11y-everyone-${colorScheme}-${width}`);
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Compare annotators' });
      await dialog.getByRole('button', { name: /^Accept all agreed/ }).click();
      await page.keyboard.press('n');
      await dialog.locator('section.disagreement.selected').waitFor();
      await dialog.locator('section.disagreement.selected').getByRole('button', { name: "Keep Ana's" }).click();
      await dialog.getByRole('button', { name: 'What does κ mean?' }).first().click();
      await audit(t, page, `Compare annotators, ${colorScheme}, ${width}`);
      await screenshot(page, `a11y-compare-${colorScheme}-${width}`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
