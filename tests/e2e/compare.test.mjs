// Teams, compare annotators: two annotators' Gloss JSON exports of one article imported into
// one browser come in as their layers; "Compare" shows agreement figures that match the
// reference implementations (tests/agreement/reference.py) to three decimals; the
// disagreements are stepped through with N and P and settled into the curated layer, which is
// shown with "Showing: Curated", survives a reload and exports with "curated": true.
//
// The two exports are written by `cargo test -p gloss-core --test agreement_imports` (make test
// runs it first): see agreement-files.mjs. The seed article runs when ../shared is there; the
// project's own ceasefire-like article always does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useAppServer, openApp, screenshot, listed, waitSaved } from './harness.mjs';
import { agreementFiles } from './agreement-files.mjs';

const env = useAppServer();

async function importFile(page, name, text) {
  await page.getByLabel('Import annotations').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** "Your name" through the Compare view (the Showing switch is there only once an article has
 * several layers). */
async function setYourName(page, name) {
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByRole('dialog', { name: 'Compare annotators' }).getByRole('button', { name: 'Your name…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your name' });
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function show(page, item) {
  await page.getByRole('button', { name: /^Showing: / }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

const MEASURES = { exact_f1: 'Exact F1', overlap_f1: 'Overlap F1', cohen_kappa: "Cohen's κ", alpha_u: "Krippendorff's α_u" };
const ROWS = { claim: 'Claim', quote: 'Quote', actor: 'Actor', all: 'All labels' };

/** The figures the Compare view shows, as {label, measure, value, units}. */
async function shownFigures(page) {
  return page.locator('table.figures').first().evaluate((table) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.firstChild.textContent.trim());
    return [...table.querySelectorAll('tbody tr')].flatMap((tr) => {
      const row = tr.querySelector('th').textContent;
      return [...tr.querySelectorAll('td')].map((td, i) => ({
        row,
        column: heads[i + 1],
        value: td.querySelector('.value')?.textContent ?? null,
        units: td.querySelector('.units')?.textContent ?? null,
        detail: td.querySelector('.detail')?.textContent ?? null,
      }));
    });
  });
}

const three = (x) => (x === null ? 'undefined' : x.toFixed(3));

async function journey(t, name) {
  const files = await agreementFiles(name);
  if (!files) {
    t.skip('../shared/articles/seed-ceasefire.txt is not there (a clone has no ../shared): skipped');
    return;
  }
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  // One's own work alone: no Showing switch.
  assert.equal(await page.getByRole('button', { name: /^Showing: / }).count(), 0);
  await setYourName(page, 'Cleo');
  await importFile(page, `${name}.ana.gloss.json`, files.ana);
  await page.locator('.notice', { hasText: `“${name}.ana.gloss.json”: Imported 1 article` }).waitFor({ timeout: 10000 });
  await importFile(page, `${name}.ben.gloss.json`, files.ben);
  await page.locator('.notice', { hasText: `“${name}.ben.gloss.json”: Imported 1 article` }).waitFor({ timeout: 10000 });
  await waitSaved(page);
  // One article (Ben's export joined Ana's: the same text), two layers besides Cleo's own; the
  // Library counts per annotator.
  await page.getByRole('button', { name: 'Library' }).click();
  await page.locator('.lib-layers', { hasText: /^by annotator: Ana \d+ · Ben \d+$/ }).waitFor();
  await page.keyboard.press('Escape');
  const ana = files.expected.marks.find((l) => l.annotator === 'Ana').marks.length;
  await page.getByRole('button', { name: 'Showing: Cleo ▾' }).click();
  const items = await page.getByRole('menuitem').allTextContents();
  assert.deepEqual(items.slice(0, 4).map((s) => s.replace(/: \d+$/, '')), ['Cleo (you)', 'Ana', 'Ben', 'Everyone']);
  if (ana) assert.ok(items.includes(`Ana: ${ana}`), `${items}`);
  await page.getByRole('menuitem', { name: /^Ana: / }).click();
  await page.getByRole('button', { name: 'Showing: Ana ▾' }).waitFor();
  assert.ok((await listed(page)).length > 0, "Ana's layer listed");
  // Read only: a label key says so and changes nothing.
  const before = await listed(page);
  await page.locator('article').click();
  await page.keyboard.press('1');
  await page.locator('.notice', { hasText: /This is Ana's layer: it can be read, not changed/ }).waitFor();
  assert.deepEqual(await listed(page), before);

  // Compare: the figures match the reference to three decimals.
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare annotators' });
  await dialog.waitFor();
  await dialog.getByText('You are Cleo: what you curate is signed with this name.').waitFor();
  assert.equal(await dialog.locator('table.figures caption').first().textContent(), 'Ana and Ben');
  const shown = await shownFigures(page);
  const expected = files.expected.figures.filter((f) => MEASURES[f.measure]);
  assert.ok(expected.length >= 16, `${expected.length} expected figures`);
  for (const f of expected) {
    const cell = shown.find((s) => s.row === ROWS[f.label] && s.column === MEASURES[f.measure]);
    assert.ok(cell, `${f.label} ${f.measure} shown`);
    assert.equal(cell.value, three(f.value), `${f.label} ${f.measure}`);
    assert.match(cell.units, new RegExp(`^${f.units} `), `${f.label} ${f.measure} units`);
    if (f.observed !== null && f.expected !== null) {
      assert.match(cell.detail, new RegExp(`${three(f.observed)}.*${three(f.expected)}`), `${f.label} ${f.measure} observed/expected`);
    }
  }
  // What κ means is one press away.
  await dialog.getByRole('button', { name: 'What does κ mean?' }).first().click();
  await dialog.getByText(/how much more often people decide alike than chance/).waitFor();
  // The CSV holds the same figures.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.agreement\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^scope,label,annotators,measure,value,observed,expected,units\r\n/);
  const kappa = files.expected.figures.find((f) => f.label === 'all' && f.measure === 'cohen_kappa');
  assert.ok(csv.includes(`,all,Ana | Ben,cohen_kappa,${kappa.value.toFixed(6)},`), csv.slice(0, 400));
  await screenshot(page, `compare-${name}`);

  // Curation: accept every agreement, then settle each disagreement.
  const accept = dialog.getByRole('button', { name: /^Accept all agreed \(\d+\)$/ });
  const agreed = Number((await accept.textContent()).match(/\((\d+)\)/)[1]);
  assert.ok(agreed > 0);
  await accept.click();
  await dialog.getByRole('button', { name: 'Accept all agreed (0)' }).waitFor();
  const sections = dialog.locator('section.disagreement');
  const count = await sections.count();
  assert.ok(count >= 3, `${count} disagreements`);
  // N selects the first, P goes round to the last.
  await page.keyboard.press('n');
  await dialog.locator('section.disagreement[data-index="1"].selected').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '1');
  await page.keyboard.press('p');
  await dialog.locator(`section.disagreement[data-index="${count}"].selected`).waitFor();
  await page.keyboard.press('n');
  for (let i = 1; i <= count; i += 1) {
    const section = dialog.locator(`section.disagreement[data-index="${i}"]`);
    const keepAna = section.getByRole('button', { name: "Keep Ana's" });
    if (i === 2) {
      await section.getByRole('button', { name: 'Keep neither' }).click();
    } else if (await keepAna.isEnabled()) {
      await keepAna.click();
    } else {
      await section.getByRole('button', { name: 'Keep both' }).click();
    }
    await section.locator('h4', { hasText: /— (curated|left out)$/ }).waitFor();
  }
  const summary = await dialog.locator('.curation-summary').textContent();
  assert.match(summary, new RegExp(`${count} disagreements? \\(${count} settled\\)`));
  await screenshot(page, `compare-${name}-curated`);
  await dialog.getByRole('button', { name: 'Show the curated layer' }).click();
  await page.getByRole('button', { name: 'Showing: Curated ▾' }).waitFor();
  const curated = await listed(page);
  assert.ok(curated.length >= agreed, `${curated.length} curated annotations`);
  // The curated layer is editable: a label key on a selection marks into it.
  await waitSaved(page);

  // It survives a reload, and exports with curated: true, signed by the curator.
  await page.reload();
  await page.locator('article').waitFor();
  await show(page, /^Curated: /);
  await page.getByRole('button', { name: 'Showing: Curated ▾' }).waitFor();
  assert.deepEqual(await listed(page), curated);
  // Every decision survived, "Keep neither" included.
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  assert.match(await dialog.locator('.curation-summary').textContent(), new RegExp(`\\(${count} settled\\)`));
  await dialog.locator('section.disagreement[data-index="2"] h4', { hasText: /— left out$/ }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [gloss] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Gloss JSON', exact: true }).click(),
  ]);
  const file = JSON.parse(await readFile(await gloss.path(), 'utf8'));
  assert.equal(file.version, 5);
  const annotations = file.documents[0].annotations;
  const gold = annotations.filter((a) => a.curated === true);
  assert.equal(gold.length, curated.length);
  assert.ok(file.documents[0].curation_left_out.length >= 1, 'Keep neither travels with the article');
  assert.ok(gold.every((a) => a.created_by === 'Cleo'));
  assert.ok(annotations.filter((a) => !a.curated).every((a) => ['Ana', 'Ben'].includes(a.created_by)));
  assert.deepEqual(problems, []);
  await context.close();
}

test('two annotators of our own article: figures match the reference, disagreements curated, the gold layer exports', async (t) => {
  await journey(t, 'ceasefire-like');
});

test('two annotators of the seed article: figures match the reference, disagreements curated, the gold layer exports', async (t) => {
  await journey(t, 'seed');
});
