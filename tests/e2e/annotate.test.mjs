// Marking claims, quotes and actors the way a person does: open a file, drag-select text,
// press keys, click highlights, undo and redo, and check what the page shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useAppServer, openApp, screenshot, articleText, dragSelect, dragBetween, listed, sharedPath,
} from './harness.mjs';

const env = useAppServer();

const QUOTE_1 = '“was received by President Putin late last night and provided additional information to Russia. Putin conveyed information and additional signals to President Trump via Witkoff”';
const QUOTE_2_START = '“The exact time of the conversation';
const QUOTE_2_END = 'this dialogue is needed.”';
const CLAIM_IN_QUOTE = 'Both parties recognize that this dialogue is needed.';

async function openFile(page, path) {
  await page.getByLabel('Open file').setInputFiles(path);
}

async function status(page) {
  return page.locator('[role="status"][aria-live="polite"]').textContent();
}

test('mark the seed article: actors, both quotations, a claim inside a quote, relabel, delete, undo, redo', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openFile(page, sharedPath('articles', 'seed-ceasefire.txt'));
  await page.locator('.doc-title', { hasText: 'seed-ceasefire' }).waitFor();
  assert.equal(await page.locator('.doc-date').textContent(), '2025-03-14');
  const text = await articleText(page);
  assert.ok(text.startsWith('The American deligation to Moscow'), 'date marker removed');

  // Actors, by mouse selection and the 3 key.
  for (const name of ['Steve Witkoff', 'Dmitry Peskov', 'President Donald Trump']) {
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
  assert.deepEqual(list.map(([label]) => label), ['Actor', 'Actor', 'Actor', 'Quote', 'Quote', 'Claim']);
  assert.deepEqual(list[0], ['Actor', 'President Donald Trump']);
  assert.deepEqual(list[1], ['Actor', 'Dmitry Peskov']);
  assert.deepEqual(list[2], ['Actor', 'Steve Witkoff']);
  assert.ok(list[3][1].startsWith(QUOTE_1.slice(0, 100)), 'quote 1');
  assert.ok(list[4][1].startsWith(QUOTE_2_START) && list[4][1].endsWith('…'), 'long quote excerpted');
  assert.equal(list[5][1], CLAIM_IN_QUOTE);
  // The nested claim paints both labels; “Witkoff” inside quote 1 is plain quote (not an actor).
  const claimSegment = page.locator('article span.m-claim');
  assert.equal(await claimSegment.count(), 1);
  assert.match(await claimSegment.getAttribute('class'), /m-quote/);
  assert.equal(await claimSegment.textContent(), CLAIM_IN_QUOTE);
  assert.equal(await articleText(page), text, 'the article still holds exactly the text');

  // Relabel: click Peskov's highlight, press 1.
  await page.locator('article span.m-actor', { hasText: 'Dmitry Peskov' }).click();
  assert.match(await status(page), /Selected Actor: “Dmitry Peskov”/);
  await page.keyboard.press('1');
  list = await listed(page);
  assert.deepEqual(list[1], ['Claim', 'Dmitry Peskov']);
  // Undo and redo the relabel.
  await page.keyboard.press('Control+z');
  assert.deepEqual((await listed(page))[1], ['Actor', 'Dmitry Peskov']);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual((await listed(page))[1], ['Claim', 'Dmitry Peskov']);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  assert.deepEqual((await listed(page))[1], ['Claim', 'Dmitry Peskov']);

  // Delete with the key, undo with the button, redo with the button.
  await page.keyboard.press('Delete');
  list = await listed(page);
  assert.equal(list.length, 5);
  assert.ok(!list.some(([, t]) => t === 'Dmitry Peskov'));
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
  assert.match(await status(page), /Selected Claim: “Both parties/);
  await page.locator('article span.m-claim.m-quote').click();
  assert.match(await status(page), /Selected Quote: ““The exact time/);
  await page.keyboard.press('Tab');
  assert.match(await status(page), /Selected Claim: “Both parties/);

  await screenshot(page, 'annotate-seed');
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

test('unicode golden text: emoji, flag and accents are never cut; keyboard-only marking', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openFile(page, sharedPath('articles', 'unicode-golden.txt'));
  await page.locator('.doc-title', { hasText: 'unicode-golden' }).waitFor();
  const text = await articleText(page);
  assert.ok(!text.includes('\r'), 'CRLF became LF');

  // Exact characters: select only the flag's second half and the colon; snapping takes the whole flag.
  await page.getByRole('checkbox', { name: 'Whole words' }).uncheck();
  await page.locator('article').evaluate((article) => {
    const node = [...article.querySelectorAll('span.seg')].map((s) => s.firstChild).find((n) => n && n.data.includes('🇺🇦'));
    const at = node.data.indexOf('🇺🇦');
    const range = document.createRange();
    range.setStart(node, at + 2); // between the two regional indicators
    range.setEnd(node, at + 5); // after the colon
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.keyboard.press('3');
  assert.deepEqual((await listed(page))[0], ['Actor', '🇺🇦:']);
  await page.getByRole('checkbox', { name: 'Whole words' }).check();

  // Mouse: the family emoji with the word after it.
  await dragSelect(page, '👨‍👩‍👧 families');
  await page.keyboard.press('1');
  // Keyboard only: caret before “Café”, Shift+ArrowRight over it, then Q.
  await page.locator('article').evaluate((article) => {
    const node = [...article.querySelectorAll('span.seg')].map((s) => s.firstChild).find((n) => n && n.data.includes('Cafe'));
    const range = document.createRange();
    range.setStart(node, node.data.indexOf('Cafe'));
    range.collapse(true);
    article.focus();
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('q');
  const list = await listed(page);
  assert.deepEqual(list.map(([l, t]) => [l, t]), [
    ['Actor', '🇺🇦:'],
    ['Quote', 'Cafe\u0301'],
    ['Claim', '👨‍👩‍👧 families'],
  ]);
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
  await openFile(page, sharedPath('articles', 'seed-ceasefire.txt'));
  await page.locator('.doc-title', { hasText: 'seed-ceasefire' }).waitFor();
  await dragSelect(page, 'Both parties recognize');
  await page.keyboard.press('1');
  await dragSelect(page, 'Witkoff');
  await page.keyboard.press('3');
  // Scroll to the top, then pick the claim in the list: it is selected and scrolled into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('aside .ann-button', { hasText: 'Both parties recognize' }).click();
  const claim = page.locator('article span.sel');
  assert.equal(await claim.textContent(), 'Both parties recognize');
  const box = await claim.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 500, `in view: ${JSON.stringify(box)}`);
  // Keyboard resize: Alt+→ grows the end by a word, Alt+Shift+→ shrinks the start.
  await page.keyboard.press('Alt+ArrowRight');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Both parties recognize that']);
  await page.keyboard.press('Alt+Shift+ArrowRight');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'parties recognize that']);
  await page.getByRole('button', { name: 'Extend start' }).click();
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Both parties recognize that']);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Both parties recognize that']);
  await page.keyboard.press('Control+z');
  assert.deepEqual((await listed(page)).find(([l]) => l === 'Claim'), ['Claim', 'Both parties recognize']);
  // A note, then undo it.
  await page.getByLabel('Note').fill('said on Friday');
  await page.getByLabel('Note').press('Tab');
  assert.match(await page.locator('aside .ann-note').textContent(), /said on Friday/);
  await page.locator('article span.sel').click();
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('aside .ann-note').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
