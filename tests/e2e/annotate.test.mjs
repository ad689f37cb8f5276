// Marking claims, quotes and actors the way a person does: open a file, drag-select text,
// press keys, click highlights, undo and redo, and check what the page shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useAppServer, openApp, screenshot, articleText, dragSelect, dragBetween, listed, fixturePath,
  sharedPath, sharedMissing,
} from './harness.mjs';

const env = useAppServer();

// In tests/fixtures/article-harbour.txt.
const QUOTE_1 = '“We expect the first dredger on site by the second week of June, and the channel open to the larger trawlers before the herring season starts in September.”';
const QUOTE_2_START = '“Eleven weeks is what they promised';
const QUOTE_2_END = 'a summer of work then.”';
const CLAIM_IN_QUOTE = 'Our members lost a summer of work then.';

async function openFile(page, path) {
  await page.getByLabel('Open file').setInputFiles(path);
}

async function status(page) {
  return page.locator('[role="status"][aria-live="polite"]').textContent();
}

async function exportJson(page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Gloss JSON' }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

test('mark an article: actors, both quotations, a claim inside a quote, relabel, delete, undo, redo', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openFile(page, fixturePath('article-harbour.txt'));
  await page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  assert.equal(await page.locator('.doc-date').textContent(), '2026-05-19');
  const text = await articleText(page);
  assert.ok(text.startsWith('Dredging of the silted inner harbour at Saltmere'), 'date marker removed');

  // Actors, by mouse selection and the 3 key (last in the text first: the list is in text order).
  for (const name of ['Beatrix Nwosu', 'Teodor Marsh', 'Oona Halloran']) {
    const selected = await dragSelect(page, name);
    assert.equal(selected, name, `the mouse selected ${name}`);
    await page.keyboard.press('3');
    assert.match(await status(page), new RegExp(`Actor added: “${name}”`));
  }
  // Both direct quotations, with the 2 key and the Q key.
  assert.equal(await dragSelect(page, QUOTE_1), QUOTE_1);
  await page.keyboard.press('2');
  const quote2 = await dragBetween(page, QUOTE_2_START, QUOTE_2_END);
  assert.ok(quote2.startsWith(QUOTE_2_START) && quote2.endsWith(QUOTE_2_END), quote2);
  await page.keyboard.press('q');
  // A claim inside the second quote, with the toolbar button.
  await dragSelect(page, CLAIM_IN_QUOTE);
  await page.getByRole('button', { name: 'Claim', exact: true }).click();

  let list = await listed(page);
  assert.deepEqual(list.map(([label]) => label), ['Actor', 'Actor', 'Quote', 'Actor', 'Quote', 'Claim']);
  assert.deepEqual(list[0], ['Actor', 'Oona Halloran']);
  assert.deepEqual(list[1], ['Actor', 'Teodor Marsh']);
  assert.ok(list[2][1].startsWith(QUOTE_1.slice(0, 100)) && list[2][1].endsWith('…'), 'quote 1, excerpted');
  assert.deepEqual(list[3], ['Actor', 'Beatrix Nwosu']);
  assert.ok(list[4][1].startsWith(QUOTE_2_START) && list[4][1].endsWith('…'), 'long quote excerpted');
  assert.equal(list[5][1], CLAIM_IN_QUOTE);
  // The nested claim paints both labels, and the ellipsis inside the quote stays in it.
  const claimSegment = page.locator('article span.m-claim');
  assert.equal(await claimSegment.count(), 1);
  assert.match(await claimSegment.getAttribute('class'), /m-quote/);
  assert.equal(await claimSegment.textContent(), CLAIM_IN_QUOTE);
  assert.ok(await page.locator('article span.m-quote', { hasText: 'land their catch…' }).count() >= 1);
  assert.equal(await articleText(page), text, 'the article still holds exactly the text');

  // Relabel: click Marsh's highlight, press 1.
  await page.locator('article span.m-actor', { hasText: 'Teodor Marsh' }).click();
  assert.match(await status(page), /Selected Actor: “Teodor Marsh”/);
  await page.keyboard.press('1');
  list = await listed(page);
  assert.deepEqual(list[1], ['Claim', 'Teodor Marsh']);
  // Undo and redo the relabel.
  await page.keyboard.press('Control+z');
  assert.deepEqual((await listed(page))[1], ['Actor', 'Teodor Marsh']);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual((await listed(page))[1], ['Claim', 'Teodor Marsh']);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  assert.deepEqual((await listed(page))[1], ['Claim', 'Teodor Marsh']);

  // Delete with the key, undo with the button, redo with the button.
  await page.keyboard.press('Delete');
  list = await listed(page);
  assert.equal(list.length, 5);
  assert.ok(!list.some(([, t]) => t === 'Teodor Marsh'));
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.equal((await listed(page)).length, 6);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  assert.equal((await listed(page)).length, 5);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();

  // Counts and the filter.
  assert.equal(await page.getByRole('button', { name: 'Quote 2' }).count(), 1);
  await page.getByRole('button', { name: 'Claim 2' }).click();
  assert.deepEqual((await listed(page)).map(([l]) => l), ['Claim', 'Claim']);
  await page.getByRole('button', { name: /^All/ }).click();

  // Clicking an entry selects it; a click on the claim inside the quote cycles outward.
  await page.locator('article span.m-claim.m-quote').click();
  assert.match(await status(page), /Selected Claim: “Our members lost/);
  await page.locator('article span.m-claim.m-quote').click();
  assert.match(await status(page), /Selected Quote: ““Eleven weeks/);
  await page.keyboard.press('Tab');
  assert.match(await status(page), /Selected Claim: “Our members lost/);

  await screenshot(page, 'annotate-article');
  assert.deepEqual(problems, []);
  await context.close();
});

test('typographic punctuation: a trailing possessive is left out, single quotes and figures are kept', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openFile(page, fixturePath('article-harbour.txt'));
  await page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  // Selecting “The Minister” of “The Minister’s decision” gives the name, not its possessive.
  assert.equal(await dragSelect(page, 'The Minister'), 'The Minister');
  await page.keyboard.press('3');
  assert.match(await status(page), /Actor added: “The Minister”/);
  // Single typographic quotes around a coined phrase, kept as selected.
  await dragSelect(page, '‘silt tax’');
  await page.keyboard.press('2');
  // A checkable claim with decimal figures: “6.5” and “3.8” are not cut at the point.
  await dragSelect(page, 'from 6.5 metres to 3.8 metres at low tide');
  await page.keyboard.press('1');
  // Part of a possessive: snapping takes the rest of “ministry”, never the “’s”.
  await dragSelect(page, 'minist', 1);
  await page.keyboard.press('3');
  // With “Whole words” unticked the possessive is kept, as selected.
  await page.getByRole('checkbox', { name: 'Whole words' }).uncheck();
  await dragSelect(page, 'town’s');
  await page.keyboard.press('3');
  await page.getByRole('checkbox', { name: 'Whole words' }).check();
  assert.deepEqual(await listed(page), [
    ['Actor', 'town’s'],
    ['Actor', 'ministry'],
    ['Actor', 'The Minister'],
    ['Claim', 'from 6.5 metres to 3.8 metres at low tide'],
    ['Quote', '‘silt tax’'],
  ]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('odd selections give hints and change nothing', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await page.keyboard.press('1');
  assert.match(await page.locator('.notice.hint').textContent(), /Select some text in the article first/);
  // White space only: the blank line between two paragraphs.
  await page.locator('article').evaluate((article) => {
    const br = article.querySelector('.br');
    const range = document.createRange();
    range.selectNodeContents(br);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.keyboard.press('2');
  assert.match(await page.locator('.notice.hint').textContent(), /only white space/);
  // A selection outside the article (the sidebar's heading).
  await page.locator('aside h2').evaluate((h) => getSelection().selectAllChildren(h));
  await page.keyboard.press('3');
  assert.match(await page.locator('.notice.hint').textContent(), /inside the article/);
  assert.equal((await listed(page)).length, 0);
  // Typing into the article never changes its text.
  const before = await articleText(page);
  await page.locator('article span.seg').first().click();
  await page.keyboard.type('xyz');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Backspace');
  assert.equal(await articleText(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('unicode fixture: flag, emoji, accents, CJK and Arabic are never cut; keyboard marking; offsets match the golden file', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openFile(page, fixturePath('unicode-mix.txt'));
  await page.locator('.doc-title', { hasText: 'unicode-mix' }).waitFor();
  const text = await articleText(page);
  assert.ok(!text.includes('\r'), 'CRLF became LF');

  // Exact characters: select only the flag's second half and the colon; snapping takes the whole flag.
  await page.getByRole('checkbox', { name: 'Whole words' }).uncheck();
  await page.locator('article').evaluate((article) => {
    const node = [...article.querySelectorAll('span.seg')].map((s) => s.firstChild).find((n) => n && n.data.includes('🇳🇴'));
    const at = node.data.indexOf('🇳🇴');
    const range = document.createRange();
    range.setStart(node, at + 2); // between the two regional indicators
    range.setEnd(node, at + 5); // after the colon
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.keyboard.press('3');
  assert.deepEqual((await listed(page))[0], ['Actor', '🇳🇴:']);
  await page.getByRole('checkbox', { name: 'Whole words' }).check();

  // Mouse: the ZWJ sequence with the word after it; a CJK name; a name with a combining diaeresis.
  assert.equal(await dragSelect(page, '👩‍🔬 teams'), '👩‍🔬 teams');
  await page.keyboard.press('3');
  await dragSelect(page, '東京大学');
  await page.keyboard.press('a');
  await dragSelect(page, 'Sven Jo\u0308rgensen');
  await page.getByRole('button', { name: 'Actor', exact: true }).click();
  await dragSelect(page, 'early');
  await page.keyboard.press('2');
  // Right to left: a selection from inside the first Arabic word to inside the second takes both.
  await page.locator('article').evaluate((article) => {
    const name = 'سلمى حداد';
    const node = [...article.querySelectorAll('span.seg')].map((s) => s.firstChild).find((n) => n && n.data.includes(name));
    const at = node.data.indexOf(name);
    const range = document.createRange();
    range.setStart(node, at + 2);
    range.setEnd(node, at + 7);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.keyboard.press('3');
  // Keyboard only: caret before “Renée” (decomposed), Shift+ArrowRight three times, then Q.
  await page.locator('article').evaluate((article) => {
    const node = [...article.querySelectorAll('span.seg')].map((s) => s.firstChild).find((n) => n && n.data.includes('Rene'));
    const range = document.createRange();
    range.setStart(node, node.data.indexOf('Rene'));
    range.collapse(true);
    article.focus();
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('q');
  const list = await listed(page);
  assert.deepEqual(list.map(([l, t]) => [l, t]), [
    ['Actor', '🇳🇴:'],
    ['Actor', '👩‍🔬 teams'],
    ['Actor', '東京大学'],
    ['Quote', 'Rene\u0301e'],
    ['Actor', 'Sven Jo\u0308rgensen'],
    ['Actor', 'سلمى حداد'],
    ['Quote', 'early'],
  ]);
  assert.equal(await articleText(page), text, 'the article still holds exactly the text');

  // The exported offsets are the golden code points, one less after the CRLF (Gloss keeps LF).
  const golden = JSON.parse(await readFile(fixturePath('unicode-mix.offsets.json'), 'utf8'));
  const doc = (await exportJson(page)).documents[0];
  assert.equal(doc.text, golden.text.replaceAll('\r\n', '\n'));
  let matched = 0;
  for (const g of golden.spans) {
    const a = doc.annotations.find((x) => x.text === g.exact);
    if (!a) continue;
    const crlfBefore = golden.text.slice(0, g.utf16_start).split('\r\n').length - 1;
    assert.deepEqual([a.label, a.start, a.end], [g.label.toLowerCase(), g.cp_start - crlfBefore, g.cp_end - crlfBefore], g.exact);
    matched += 1;
  }
  assert.equal(matched, 5, 'the ZWJ, CJK, diaeresis, Arabic and quoted spans are golden spans');
  await screenshot(page, 'annotate-unicode');
  assert.deepEqual(problems, []);
  await context.close();
});

test('new article form: errors keep the dialog; a date marker becomes the date', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await page.getByRole('button', { name: 'New article', exact: true }).click();
  await page.getByLabel('Article text').fill('   \n  ');
  await page.getByRole('button', { name: 'Load article' }).click();
  assert.match(await page.locator('.dialog [role="alert"]').textContent(), /no text to annotate/);
  await page.getByLabel('Title').fill('Budget vote');
  await page.getByLabel('Article text').fill(' date 2024-02-29 The council approved the budget.\n\nIt passed 7–2.');
  await page.getByRole('button', { name: 'Load article' }).click();
  await page.locator('.doc-title', { hasText: 'Budget vote' }).waitFor();
  assert.equal(await page.locator('.doc-date').textContent(), '2024-02-29');
  assert.equal(await articleText(page), 'The council approved the budget.\n\nIt passed 7–2.');
  // An impossible date stays text.
  await page.getByRole('button', { name: 'New article', exact: true }).click();
  await page.getByLabel('Article text').fill('date 2025-02-30 Text');
  await page.getByRole('button', { name: 'Load article' }).click();
  await page.locator('.doc-title', { hasText: 'date 2025-02-30 Text' }).waitFor();
  assert.equal(await page.locator('.doc-date').count(), 0);
  // A binary file is refused with a message.
  await page.getByLabel('Open file').setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x01]) });
  assert.match(await page.locator('.notice.error').textContent(), /“photo.txt” was not opened. This file is not text/);
  assert.equal(await articleText(page), 'date 2025-02-30 Text', 'the open article is unchanged');
  // The ? key shows the shortcuts; Escape closes them.
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the sidebar selects and scrolls; resize and notes by keyboard and buttons, with undo', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url, { viewport: { width: 1200, height: 500 } });
  await openFile(page, fixturePath('article-harbour.txt'));
  await page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  await dragSelect(page, 'Our members lost');
  await page.keyboard.press('1');
  await dragSelect(page, 'Teodor Marsh');
  await page.keyboard.press('3');
  // Scroll to the top, then pick the claim in the list: it is selected and scrolled into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('aside .ann-button', { hasText: 'Our members lost' }).click();
  const claim = page.locator('article span.sel');
  assert.equal(await claim.textContent(), 'Our members lost');
  const box = await claim.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 500, `in view: ${JSON.stringify(box)}`);
  // Keyboard resize: Alt+→ grows the end by a word, Alt+Shift+→ shrinks the start.
  await page.keyboard.press('Alt+ArrowRight');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Our members lost a']);
  await page.keyboard.press('Alt+Shift+ArrowRight');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'members lost a']);
  await page.getByRole('button', { name: 'Extend start' }).click();
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Our members lost a']);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Our members lost a']);
  await page.keyboard.press('Control+z');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Our members lost']);
  // A note, then undo it.
  await page.getByLabel('Note').fill('union figure, check');
  await page.getByLabel('Note').press('Tab');
  assert.match(await page.locator('aside .ann-note').textContent(), /union figure, check/);
  await page.locator('article span.sel').click();
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('aside .ann-note').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// The real article this product was specified from, when it is beside the project (it is not
// part of a clone): its date marker and title are recognised and a few spans can be marked.
const SEED = ['articles', 'seed-ceasefire.txt'];
test('the shared seed article opens with its date and can be marked', { skip: sharedMissing(...SEED) }, async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openFile(page, sharedPath(...SEED));
  await page.locator('.doc-title', { hasText: 'seed-ceasefire' }).waitFor();
  assert.equal(await page.locator('.doc-date').textContent(), '2025-03-14');
  assert.ok((await articleText(page)).startsWith('The American deligation to Moscow'), 'date marker removed');
  await dragSelect(page, 'Dmitry Peskov');
  await page.keyboard.press('3');
  await dragSelect(page, 'Both parties recognize that this dialogue is needed.');
  await page.keyboard.press('1');
  const quote = await dragBetween(page, '“The exact time of the conversation', 'this dialogue is needed.”');
  assert.ok(quote.startsWith('“The exact time') && quote.endsWith('needed.”'), quote);
  await page.keyboard.press('2');
  assert.deepEqual((await listed(page)).map(([label]) => label), ['Actor', 'Quote', 'Claim']);
  assert.equal(await page.locator('article span.m-claim.m-quote').textContent(), 'Both parties recognize that this dialogue is needed.');
  assert.deepEqual(problems, []);
  await context.close();
});
