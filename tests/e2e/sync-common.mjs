// What the sync journeys share: the team's server (users and databases, set up the way an
// administrator would), the article and what each annotator marks in it, and a person's steps
// (connect in "Sync", mark, show another's layer, read the header).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dragSelect, fixturePath, listed, sharedMissing, sharedPath } from './harness.mjs';

/** A string as a pattern matching it exactly. */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The seed article when ../shared is there, else the project's own article in its shape; with
 * what Ana and Ben mark in it (name and key: 1 claim, 2 quote, 3 actor).
 */
export async function article() {
  if (!sharedMissing('articles', 'seed-ceasefire.txt')) {
    return {
      file: sharedPath('articles', 'seed-ceasefire.txt'),
      title: 'seed-ceasefire',
      text: await readFile(sharedPath('articles', 'seed-ceasefire.txt'), 'utf8'),
      ana: [['Vladimir Putin', '3'], ['Dmitry Peskov', '3']],
      ben: [['Steve Witkoff', '3'], ['Donald Trump', '3']],
      anaLater: ['path to peace', '2'],
      benLater: ['no date for when this next call might take place has been settled', '1'],
      offline: [['the Russian position remained unchanged', '1'], ['Middle East Envoy', '3']],
      offlineBen: ['Kremlin food chain', '1'],
      burst: 'Putin',
    };
  }
  return {
    file: fixturePath('article-spokesman.txt'),
    title: 'article-spokesman',
    text: await readFile(fixturePath('article-spokesman.txt'), 'utf8'),
    ana: [['Odile Marchetti', '3'], ['Piet Haverkamp', '3']],
    ben: [['Casimir Lund', '3'], ['Valmora foreign ministry', '3']],
    anaLater: ['two-week ferry truce', '1'],
    benLater: ['the talks had gone well', '1'],
    offline: [['the harbour unions', '3'], ['cautious remarks', '1']],
    offlineBen: ['Both sides know that this conversation is needed', '1'],
    burst: 'Lund',
  };
}

/** "Open file" with the article; once it shows, its title. */
export async function openArticle(page, a) {
  await page.getByLabel('Open file').setInputFiles(a.file);
  await page.locator('.doc-title', { hasText: a.title }).waitFor();
  return a.title;
}

/** The team's server: Ana and Ben members of `team`, Ben read-only in `reference`, only Ana in
 * `private`. */
export async function setUpTeam(couch) {
  await couch.createUser('ana', 'ana-pass');
  await couch.createUser('ben', 'ben-pass');
  await couch.createDatabase('team', { members: ['ana', 'ben'] });
  await couch.createDatabase('reference', { members: ['ana', 'ben'], readOnlyFor: ['ben'] });
  await couch.createDatabase('private', { members: ['ana'] });
}

/** The header's word on sync. */
export function syncStatus(page) {
  return page.locator('[data-testid="sync-status"]');
}

/** Waits until the header says exactly `words` (a string or a pattern). */
export async function waitStatus(page, words, timeout = 15000) {
  const want = typeof words === 'string' ? new RegExp(`^${escape(words)}$`) : words;
  try {
    await syncStatus(page).filter({ hasText: want }).waitFor({ timeout });
  } catch (e) {
    const now = await syncStatus(page).textContent().catch(() => '(no status)');
    throw new Error(`the header did not say ${want} within ${timeout} ms: it says “${now}”`, { cause: e });
  }
}

/**
 * "Sync" → Your name, Database URL, User name, Password → Connect; returns what the dialog
 * says, and closes it when asked.
 */
export async function connect(page, { name, user, password, database = '/db/team', close = true }) {
  await page.getByRole('button', { name: 'Sync', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync' });
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByLabel('Database URL').fill(database);
  await dialog.getByLabel('User name').fill(user);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  const said = dialog.locator('.sync-message, .sync-now-status').filter({ hasText: /^(Connected\.|Sync failed: .*)$/ });
  await said.first().waitFor({ timeout: 15000 });
  const words = await said.first().textContent();
  if (close) {
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  return words;
}

/** Selects `needle` with the mouse and presses the label's key. */
export async function mark(page, [needle, key]) {
  assert.equal(await dragSelect(page, needle), needle, `selected ${needle}`);
  await page.keyboard.press(key);
}

/** "Showing: … ▾" → `who` (a name, listed as "Ana: 2" or "Ben (you): 3", or "Everyone"). */
export async function show(page, who, timeout = 5000) {
  await page.getByRole('button', { name: /^Showing: / }).click({ timeout });
  const item = new RegExp(`^${escape(who)}( \\(you\\))?(: \\d+)?$`);
  await page.getByRole('menuitem', { name: item }).click();
}

/** The marked texts the sidebar lists, sorted (the label left out). */
export async function listedTexts(page) {
  return (await listed(page)).map(([, text]) => text).sort();
}

/** Opens the article titled `title` from the Library, once it is there. */
export async function openFromLibrary(page, title, timeout = 10000) {
  await page.getByRole('button', { name: /^Library/ }).click();
  const dialog = page.getByRole('dialog', { name: /Library/ });
  await dialog.getByRole('button', { name: title, exact: true }).click({ timeout });
  await page.locator('.doc-title', { hasText: title }).waitFor();
}

/** Every live annotation document in a database, as (annotator, label, start, end) strings. */
export async function stored(couch, database) {
  const answer = await couch.request('GET', `/${database}/_all_docs?include_docs=true`, { auth: true });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.rows
    .filter((row) => row.id.startsWith('annotation:'))
    .map(({ doc }) => `${doc.created_by} ${doc.label} ${doc.start}-${doc.end}`)
    .sort();
}
