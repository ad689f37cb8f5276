// Fact-checking a claim, end to end (issue 14's "Done when"), on the project's own article and
// on the shared seed article where ../shared exists: a claim marked with the keyboard, V to its
// Verdict menu, rated Unverifiable, one source link added through "Add source"; the verdict shows
// on the highlight and in the list; a `javascript:` link is refused with the reason and not
// added; undo and redo; the list filtered by verdict; a reload keeps it all; and "Export" →
// "ClaimReview" then downloads a file naming the claim, its rating and the article's date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useAppServer, openApp, screenshot, fixturePath, sharedPath, sharedMissing, waitSaved } from './harness.mjs';
import { markByKeyboard, openFileByKeyboard } from './keys.mjs';

const env = useAppServer();

/**
 * What to mark: the claim to rate, another claim left unrated, and (where the article names
 * one) the actor who made the claim, as [needle, what to type in the source picker].
 */
const ARTICLES = {
  own: {
    file: () => fixturePath('article-spokesman.txt'),
    title: 'article-spokesman',
    date: '2026-03-02',
    claim: 'the next step is a meeting between Premier Odile Marchetti and President Casimir Lund',
    other: 'getting the harbour unions to agree is the next stage',
    actor: ['Valmora foreign ministry', 'minis'],
  },
  seed: {
    file: () => sharedPath('articles', 'seed-ceasefire.txt'),
    title: 'seed-ceasefire',
    date: '2025-03-14',
    claim: 'Trump and Putin are last known to have spoken in early February',
    other: 'a direct conversation — likely by telephone at this stage — between the two leads is the next logical step',
    actor: null,
  },
};

const LINK = 'https://www.example.org/reports/2026/calls-between-leaders';
const LINK_TITLE = 'Record of calls between the leaders';

function status(page) {
  return page.locator('[role="status"][aria-live="polite"]').textContent();
}

/** What the highlight of the rated claim shows: its last segment's text, class and badge. */
function badge(page) {
  return page.locator('article .mk[class*=" v-"]').evaluateAll((segs) => segs.map((seg) => ({
    text: seg.textContent,
    className: seg.className,
    badge: getComputedStyle(seg, '::after').content,
  })));
}

/** The list's entries as [label, verdict tag (or ''), text]. */
function entries(page) {
  return page.locator('aside .ann-list li').evaluateAll((items) => items.map((li) => [
    li.querySelector('.tag').textContent,
    li.querySelector('.verdict-tag')?.textContent ?? '',
    li.querySelector('.ann-text').textContent,
  ]));
}

/** The selected claim's source links: text, href, target and rel. */
function links(page) {
  return page.locator('.details .sources a').evaluateAll((as) => as.map((a) => ({
    text: a.textContent,
    href: a.getAttribute('href'),
    target: a.getAttribute('target'),
    rel: a.getAttribute('rel'),
  })));
}

async function assertRated(page, plan, where) {
  const shown = await badge(page);
  assert.equal(shown.length, 1, `${where}: one rated highlight (${JSON.stringify(shown)})`);
  assert.ok(plan.claim.endsWith(shown[0].text.trim()), `${where}: the badge follows the claim's last words (“${shown[0].text}”)`);
  assert.match(shown[0].className, /\bv-unverifiable\b/, where);
  assert.match(shown[0].badge, /\? Unverifiable/, `${where}: the badge says the verdict in words (${shown[0].badge})`);
  const rated = (await entries(page)).filter(([, verdict]) => verdict);
  assert.deepEqual(rated.map(([label, verdict]) => [label, verdict]), [['Claim', '? Unverifiable']], `${where}: the list says it`);
}

async function journey(name) {
  const plan = ARTICLES[name];
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  const text = await openFileByKeyboard(page, plan.file(), plan.title);

  // V with something else than a claim selected says why, in words.
  if (plan.actor) {
    await markByKeyboard(page, text, ['3', plan.actor[0], 0]);
    await page.keyboard.press('v');
    await page.locator('.notice', { hasText: 'Only a claim has a verdict' }).waitFor();
  }
  await markByKeyboard(page, text, ['1', plan.other, 0]);
  await markByKeyboard(page, text, ['1', plan.claim, 0]);
  if (plan.actor) {
    await page.keyboard.press('s');
    await page.getByRole('combobox', { name: 'Who said it?' }).waitFor();
    await page.keyboard.type(plan.actor[1]);
    await page.keyboard.press('Enter');
    assert.match(await status(page), new RegExp(`now attributed to ${plan.actor[0]}`));
  }

  // V: the focus goes to the claim's Verdict menu; a letter picks a verdict there.
  await page.keyboard.press('v');
  const verdict = page.getByLabel('Verdict', { exact: true });
  assert.ok(await verdict.evaluate((el) => el === document.activeElement), 'V puts the focus on the Verdict menu');
  assert.deepEqual(
    await verdict.locator('option').allTextContents(),
    ['Not checked yet', 'True', 'Mostly true', 'Half true', 'Misleading', 'Mostly false', 'False', 'Unverifiable'],
  );
  await page.keyboard.press('u');
  await page.waitForFunction(() => document.getElementById('verdict')?.value === 'unverifiable');
  assert.match(await status(page), /: Unverifiable$/);
  await assertRated(page, plan, 'rated');
  assert.equal(await page.locator('.details .links-name').count(), plan.actor ? 1 : 0, 'the claim keeps its source actor');

  // Add source: a `javascript:` address is refused with the reason and nothing is added; what
  // was typed stays.
  await page.getByRole('button', { name: 'Add source' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add source' });
  await dialog.waitFor();
  const url = dialog.getByLabel('Source URL');
  assert.ok(await url.evaluate((el) => el === document.activeElement), 'the focus is in Source URL');
  await page.keyboard.type('javascript:alert(1)');
  await dialog.getByLabel('Source title').fill('Not a source');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  const error = dialog.locator('#source-url-error');
  await error.waitFor();
  assert.match(await error.textContent(), /Only web addresses starting with http:\/\/ or https:\/\/ can be a source; “javascript:alert\(1\)” is not one\./);
  assert.equal(await url.getAttribute('aria-invalid'), 'true');
  assert.equal(await url.getAttribute('aria-describedby'), 'source-url-error');
  assert.equal(await url.inputValue(), 'javascript:alert(1)', 'what was typed stays');
  assert.equal(await dialog.getByLabel('Source title').inputValue(), 'Not a source');
  assert.equal(await page.locator('.details .sources li').count(), 0, 'nothing added');
  await screenshot(page, `factcheck-${name}-refused`);
  // An https link is taken: Enter in the field adds it.
  await url.fill(LINK);
  await dialog.getByLabel('Source title').fill(LINK_TITLE);
  await dialog.getByLabel('Source note').fill('Checked 2026-03-03: no call listed after February.');
  await url.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  assert.match(await status(page), new RegExp(`Source added: ${LINK_TITLE}`));
  assert.deepEqual(await links(page), [{ text: LINK_TITLE, href: LINK, target: '_blank', rel: 'noopener noreferrer' }]);
  assert.ok(
    await page.getByRole('button', { name: `Remove source ${LINK_TITLE}` }).isVisible(),
    'its Remove button names it',
  );
  await screenshot(page, `factcheck-${name}-rated`);

  // Undo and redo: the source, then the verdict, come and go (Ctrl+Z on the focused button).
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('.details .sources li').count(), 0, 'undo takes the source back');
  await page.keyboard.press('Control+z');
  assert.equal((await badge(page)).length, 0, 'undo takes the verdict back');
  assert.equal(await page.locator('#verdict').inputValue(), '', 'the menu says not checked yet');
  await page.keyboard.press('Control+Shift+z');
  await assertRated(page, plan, 'redone');
  assert.equal(await page.locator('#verdict').inputValue(), 'unverifiable');
  await page.keyboard.press('Control+Shift+z');
  assert.equal((await links(page)).length, 1, 'redo puts the source back');

  // Edit opens with the link's values; Remove leaves the focus on Add source; both undo.
  await page.getByRole('button', { name: `Edit source ${LINK_TITLE}` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit source' });
  await edit.waitFor();
  assert.equal(await edit.getByLabel('Source URL').inputValue(), LINK);
  await edit.getByLabel('Source title').fill('Call records');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await edit.waitFor({ state: 'detached' });
  assert.equal((await links(page))[0]?.text, 'Call records');
  await page.getByRole('button', { name: 'Remove source Call records' }).click();
  assert.equal((await links(page)).length, 0, 'removed');
  assert.ok(
    await page.getByRole('button', { name: 'Add source' }).evaluate((el) => el === document.activeElement),
    'the focus stays in the panel, on Add source',
  );
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.deepEqual(await links(page), [{ text: LINK_TITLE, href: LINK, target: '_blank', rel: 'noopener noreferrer' }]);

  // The list filtered by verdict: only that claim.
  await page.getByRole('button', { name: /^Claim \d/ }).click();
  assert.equal((await entries(page)).length, 2, 'two claims');
  await page.getByRole('combobox', { name: 'Show claims' }).selectOption({ label: 'Unverifiable' });
  await page.locator('.check-count', { hasText: '1 of 2' }).waitFor();
  const only = await entries(page);
  assert.equal(only.length, 1, JSON.stringify(only));
  assert.ok(only[0][2].includes(plan.claim.slice(0, 40)), 'the rated claim is the one listed');
  await page.getByRole('combobox', { name: 'Show claims' }).selectOption({ label: 'Not checked yet' });
  await page.locator('.ann-list li', { hasText: plan.other.slice(0, 30) }).waitFor();
  assert.equal((await entries(page)).length, 1);
  await page.getByRole('combobox', { name: 'Show claims' }).selectOption({ label: 'Unverifiable' });
  await screenshot(page, `factcheck-${name}-filtered`);

  // Reload: the verdict and the source are stored.
  await waitSaved(page);
  await page.reload();
  await page.locator('.doc-title', { hasText: plan.title }).waitFor();
  await assertRated(page, plan, 'after reload');
  await page.locator('aside .ann-button', { hasText: plan.claim.slice(0, 40) }).click();
  assert.equal(await page.locator('#verdict').inputValue(), 'unverifiable');
  assert.deepEqual(await links(page), [{ text: LINK_TITLE, href: LINK, target: '_blank', rel: 'noopener noreferrer' }]);

  // Export → ClaimReview: the file names the claim, its rating and the article's date.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'ClaimReview', exact: true }).click();
  const exporting = page.getByRole('dialog', { name: 'Export ClaimReview' });
  await exporting.getByRole('status').filter({ hasText: '1 claim will be exported' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exporting.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${plan.title}.claimreview.json`);
  const reviews = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(reviews.length, 1, 'only the rated claim');
  const [review] = reviews;
  assert.equal(review['@type'], 'ClaimReview');
  assert.equal(review.claimReviewed, plan.claim);
  assert.equal(review.reviewRating.alternateName, 'Unverifiable');
  assert.equal(review.itemReviewed.datePublished, plan.date);
  assert.ok(JSON.stringify(review).includes(LINK), 'the source link is cited');
  await page.locator('.notice', { hasText: 'as ClaimReview' }).waitFor();

  // The Library counts the checked claims.
  await page.getByRole('button', { name: /^Library/ }).click();
  const row = page.locator('.lib-row', { hasText: plan.title });
  await row.locator('.lib-checked', { hasText: '1 of 2 claims checked' }).waitFor();
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await context.close();
}

test('the project’s article: rate a claim, add a source, refuse javascript:, undo, filter, reload', async () => {
  await journey('own');
});

test('the seed article: “Trump and Putin are last known to have spoken in early February” rated Unverifiable with one source', { skip: sharedMissing('articles', 'seed-ceasefire.txt') }, async () => {
  await journey('seed');
});
