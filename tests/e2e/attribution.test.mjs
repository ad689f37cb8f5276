// Who said what, end to end: quotes and claims linked to the actors who said them by keyboard
// alone and by mouse alone, on the project's own article and on the shared seed article where
// ../shared exists; the links survive a reload, an export and an import into a fresh profile;
// deleting a source says what lost it; across a library the same person is one person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useAppServer, openApp, screenshot, dragSelect, fixturePath, sharedPath, sharedMissing, waitSaved, artifacts,
} from './harness.mjs';
import { markByKeyboard, openFileByKeyboard } from './keys.mjs';

const env = useAppServer();

/**
 * What to mark in an article and who said what: actors as [needle, context] (the needle where
 * `context` starts), then [label key, text, who to type in the picker, the person's name].
 */
const ARTICLES = {
  own: {
    file: () => fixturePath('article-spokesman.txt'),
    title: 'article-spokesman',
    actors: [
      ['Piet Haverkamp', 'Piet Haverkamp'],
      ['Valmora foreign ministry', 'Valmora foreign ministry'],
      ['Marchetti', 'Marchetti said'],
    ],
    said: [
      ['1', 'Negotiators from Valmora and Eastreach agreed on a two-week ferry truce on Sunday', 'minis', 'Valmora foreign ministry'],
      ['2', 'The premier was received by President Lund late last night and the documents were signed before dawn', 'haver', 'Piet Haverkamp'],
      ['1', 'getting the harbour unions to agree is the next stage', 'marc', 'Marchetti'],
      ['2', 'The exact date of the meeting has not been fixed. Both sides know that this conversation is needed', 'haver', 'Piet Haverkamp'],
    ],
    speaker: 'Piet Haverkamp',
  },
  seed: {
    file: () => sharedPath('articles', 'seed-ceasefire.txt'),
    title: 'seed-ceasefire',
    actors: [
      ['Kremlin', 'Kremlin said'],
      ['Dmitry Peskov', 'Dmitry Peskov'],
      ['Russia', 'Russia reciprocated'],
    ],
    said: [
      ['1', 'The American deligation to Moscow spoke personally with Russian President Vladimir Putin about a Ukraine War ceasefire', 'krem', 'Kremlin'],
      ['2', 'was received by President Putin late last night and provided additional information to Russia. Putin conveyed information and additional signals to President Trump via Witkoff', 'pesk', 'Dmitry Peskov'],
      ['1', 'a direct conversation — likely by telephone at this stage — between the two leads is the next logical step', 'russ', 'Russia'],
      ['2', 'The exact time of the conversation between the two presidents has not yet been agreed upon', 'pesk', 'Dmitry Peskov'],
    ],
    speaker: 'Dmitry Peskov',
  },
};

/** How many times `needle` occurs in `text` before `at`. */
function occurrenceAt(text, needle, at) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0 && i < at; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

function status(page) {
  return page.locator('[role="status"][aria-live="polite"]').textContent();
}

/** The sidebar's entries as [label, who said it (or ''), text]. */
function entries(page) {
  return page.locator('aside .ann-list li').evaluateAll((items) => items.map((li) => [
    li.querySelector('.tag').textContent,
    li.querySelector('.ann-source')?.textContent ?? '',
    li.querySelector('.ann-text').textContent,
  ]));
}

/** The exported Gloss JSON of the open article, kept (as `name`) past the page's context. */
async function exportJson(page, name) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Gloss JSON' }).click(),
  ]);
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, name);
  await copyFile(await download.path(), path);
  return { path, json: JSON.parse(await readFile(path, 'utf8')) };
}

/** The rows of "Who said what" as [name, total, quote texts]. */
async function whoRows(page, scope) {
  await page.getByRole('button', { name: 'Who said what' }).click();
  await page.getByRole('radio', { name: scope }).check();
  const rows = await page.locator('.who-row-entry').evaluateAll((rows) => rows.map((row) => [
    row.querySelector('.who-name-cell').textContent,
    Number(row.querySelector('.who-total-cell').textContent),
    [...row.querySelectorAll('.who-quote')].map((b) => b.textContent),
  ]));
  await page.keyboard.press('Escape');
  return rows;
}

/** Every linked entry names its person, and every quote or claim of the plan is linked. */
async function assertLinked(page, plan, where) {
  const listed = await entries(page);
  for (const [key, needle, , person] of plan.said) {
    const label = { 1: 'Claim', 2: 'Quote' }[key];
    const entry = listed.find(([l, , text]) => l === label && text.includes(needle.slice(0, 40)));
    assert.ok(entry, `${where}: “${needle.slice(0, 40)}…” is listed (${JSON.stringify(listed)})`);
    assert.equal(entry[1], `— ${person}`, `${where}: “${needle.slice(0, 40)}…” shows who said it`);
  }
}

async function byKeyboard(name) {
  const plan = ARTICLES[name];
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  const text = await openFileByKeyboard(page, plan.file(), plan.title);
  for (const [needle, context] of plan.actors) {
    const occurrence = occurrenceAt(text, needle, text.indexOf(context));
    await markByKeyboard(page, text, ['3', needle, occurrence]);
  }
  for (const [key, needle, typed, person] of plan.said) {
    await markByKeyboard(page, text, [key, needle, 0]);
    await page.keyboard.press('s');
    const filter = page.getByRole('combobox', { name: 'Who said it?' });
    await filter.waitFor();
    assert.ok(await filter.evaluate((el) => el === document.activeElement), 'S puts the focus in the picker');
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    assert.match(await status(page), new RegExp(`now attributed to ${person}`));
    assert.equal(await filter.count(), 0, 'the picker closes');
    assert.ok(
      await page.evaluate(() => !!document.activeElement?.closest?.('.doc-text')),
      'the focus is back in the article',
    );
  }
  // Escape cancels the picker and keeps the quote selected.
  await page.keyboard.press('s');
  await page.getByRole('combobox', { name: 'Who said it?' }).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('combobox', { name: 'Who said it?' }).count(), 0);
  assert.equal(await page.locator('.details .tag').textContent(), 'Quote', 'still selected');
  // A screen reader hears who said a quote when it is selected (J / K move through them).
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  assert.match(await status(page), new RegExp(`said by ${plan.speaker}`));
  await assertLinked(page, plan, `${name}, marked by keyboard`);
  await screenshot(page, `attribution-keyboard-${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `attribution-keyboard-${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });

  // "Who said what" shows the speaker with both quotes.
  const rows = await whoRows(page, 'This article');
  const speaker = rows.find(([n]) => n === plan.speaker);
  assert.ok(speaker, `${plan.speaker} has a row (${JSON.stringify(rows)})`);
  assert.equal(speaker[1], 2, 'both quotes');
  assert.deepEqual(rows[0][0], plan.speaker, 'the most quoted first');

  // Reload: the links are stored.
  await waitSaved(page);
  await page.reload();
  await page.locator('.doc-title', { hasText: plan.title }).waitFor();
  await assertLinked(page, plan, `${name}, after reload`);

  // Export, and import into a fresh profile: the same links.
  const { path, json } = await exportJson(page, `attribution-${name}.gloss.json`);
  assert.equal(json.version, 5);
  const doc = json.documents[0];
  const byId = new Map(doc.annotations.map((a) => [a.id, a]));
  const linked = doc.annotations.filter((a) => a.source);
  assert.equal(linked.length, plan.said.length, 'every link exported');
  for (const a of linked) {
    const actor = byId.get(a.source);
    assert.equal(actor?.label, 'actor', 'a source is an actor of the same article');
    assert.ok(json.entities.some((e) => e.id === actor.entity), 'its person is in the file');
  }
  assert.deepEqual(problems, []);
  await context.close();

  const fresh = await openApp(env.browser, env.server.url);
  await fresh.page.getByLabel('Import annotations').setInputFiles(path);
  await fresh.page.locator('.doc-title', { hasText: plan.title }).waitFor();
  await assertLinked(fresh.page, plan, `${name}, imported into a fresh profile`);
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
}

test('the project’s article: who said what, by keyboard alone; kept through reload, export and import', async () => {
  await byKeyboard('own');
});

test('the seed article: both quotations to Dmitry Peskov and the ceasefire claims to their speakers, by keyboard alone', { skip: sharedMissing('articles', 'seed-ceasefire.txt') }, async () => {
  await byKeyboard('seed');
});

async function byMouse(name) {
  const plan = ARTICLES[name];
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await page.getByLabel('Open file').setInputFiles(plan.file());
  await page.locator('.doc-title', { hasText: plan.title }).waitFor();
  const text = await page.locator('article').evaluate((el) => el.textContent);
  for (const [needle, context] of plan.actors) {
    await dragSelect(page, needle, occurrenceAt(text, needle, text.indexOf(context)));
    await page.getByRole('button', { name: 'Actor', exact: true }).click();
  }
  let clickInText = false;
  for (const [key, needle, , person] of plan.said) {
    await dragSelect(page, needle);
    await page.getByRole('button', { name: { 1: 'Claim', 2: 'Quote' }[key], exact: true }).click();
    await page.getByRole('button', { name: 'Source', exact: true }).click();
    if (clickInText) {
      // A click on the actor's highlight in the article picks it.
      await page.locator('.doc-text .m-actor', { hasText: person.split(' ').pop() }).first().click();
    } else {
      await page.getByRole('option', { name: new RegExp(person) }).click();
    }
    clickInText = !clickInText;
    assert.match(await status(page), new RegExp(`now attributed to ${person}`));
  }
  await assertLinked(page, plan, `${name}, marked by mouse`);
  // Selecting the speaker outlines what they said.
  await page.locator('.ann-button', { hasText: plan.speaker }).first().click();
  assert.ok(await page.locator('.doc-text .rel').count() >= 2, 'the quotes are outlined');
  // Remove source, then undo with the toolbar.
  const quote = page.locator('.ann-button', { hasText: plan.said[1][1].slice(0, 30) });
  await quote.click();
  await page.getByRole('button', { name: 'Remove source' }).click();
  assert.equal(await page.locator('.details .links-none').textContent(), 'no source yet');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.equal(await page.locator('.details .links-name').textContent(), plan.speaker);
  // Deleting the speaker unlinks both quotes, in one step, and says so.
  await page.locator('.ann-button', { hasText: plan.speaker }).first().click();
  await page.getByRole('button', { name: 'Delete annotation' }).click();
  assert.match(await status(page), /2 quotes lost their source/);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await assertLinked(page, plan, `${name}, after undoing the delete`);
  assert.deepEqual(problems, []);
  await context.close();
}

test('the project’s article: who said what, by mouse alone; remove, undo, delete a source', async () => {
  await byMouse('own');
});

test('the seed article: who said what, by mouse alone', { skip: sharedMissing('articles', 'seed-ceasefire.txt') }, async () => {
  await byMouse('seed');
});

test('across a library the same person is one person, whatever the mention says', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await page.getByLabel('Open file').setInputFiles(fixturePath('article-spokesman.txt'));
  await page.locator('.doc-title', { hasText: 'article-spokesman' }).waitFor();
  await dragSelect(page, 'Lund spokesman Piet Haverkamp');
  await page.keyboard.press('3');
  await page.getByLabel('Open file').setInputFiles(fixturePath('article-spokesman-followup.txt'));
  await page.locator('.doc-title', { hasText: 'article-spokesman-followup' }).waitFor();
  await dragSelect(page, 'presidential spokesman Piet Haverkamp');
  await page.keyboard.press('3');
  await dragSelect(page, 'Haverkamp', 1);
  await page.keyboard.press('3');
  // Both mentions here are the person of the first article, named without the title.
  for (const n of [0, 1]) {
    await page.locator('aside .ann-button').nth(n).click();
    assert.equal(await page.getByRole('textbox', { name: 'Person' }).inputValue(), 'Piet Haverkamp');
  }
  // Renaming reaches the other article.
  await page.getByRole('textbox', { name: 'Person' }).fill('Pieter Haverkamp');
  await page.getByRole('textbox', { name: 'Person' }).press('Enter');
  assert.match(await status(page), /Renamed Piet Haverkamp to Pieter Haverkamp/);
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.locator('.lib-title', { hasText: /^article-spokesman$/ }).click();
  await page.locator('.doc-title', { hasText: /^article-spokesman$/ }).waitFor();
  await page.locator('aside .ann-button').first().click();
  assert.equal(await page.getByRole('textbox', { name: 'Person' }).inputValue(), 'Pieter Haverkamp');
  // A quote in each article, linked to him: the library's "Who said what" has one row for him.
  await dragSelect(page, 'The premier was received by President Lund late last night');
  await page.keyboard.press('2');
  await page.keyboard.press('s');
  await page.keyboard.type('haver');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.locator('.lib-title', { hasText: 'article-spokesman-followup' }).click();
  await page.locator('.doc-title', { hasText: 'article-spokesman-followup' }).waitFor();
  await dragSelect(page, 'The crossings will reopen on Friday if the weather allows.');
  await page.keyboard.press('2');
  await page.keyboard.press('s');
  await page.keyboard.type('haver');
  await page.keyboard.press('Enter');
  const rows = await whoRows(page, 'Library');
  const his = rows.filter(([n]) => /Haverkamp/.test(n));
  assert.equal(his.length, 1, `one row for him across the library (${JSON.stringify(rows)})`);
  assert.equal(his[0][1], 2, 'a quote from each article');
  assert.deepEqual(problems, []);
  await context.close();
});
