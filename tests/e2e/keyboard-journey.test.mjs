// The keyboard-first promise, end to end: an article opened, marked completely with the
// keyboard alone (claims, quotes, actors, nested ones too) without the caret ever going back to
// the top, and exported from the keyboard. On the project's own article always; on the shared
// seed article where ../shared exists. Screenshots of the fully marked article, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useAppServer, openApp, screenshot, listed, fixturePath, sharedPath, sharedMissing } from './harness.mjs';
import { caret, markByKeyboard, openFileByKeyboard } from './keys.mjs';

const env = useAppServer();

async function journey(name, file, title, targets, exportName) {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  const text = await openFileByKeyboard(page, file, title);
  let furthest = 0;
  for (const target of targets) {
    const at = await markByKeyboard(page, text, target);
    furthest = Math.max(furthest, at);
  }
  assert.equal((await listed(page)).length, targets.length, `${name}: every target marked once`);
  assert.ok(furthest > text.length / 2, `${name}: the caret worked its way down the article`);
  await screenshot(page, `keyboard-journey-${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `keyboard-journey-${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  // Export from the keyboard: back through the toolbar to Export, open it, choose Gloss JSON.
  for (let step = 0; (await page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Export'; step++) {
    assert.ok(step < 40, 'Shift+Tab reaches Export');
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.press('Enter');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), exportName);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  const annotations = exported.documents[0].annotations;
  assert.equal(annotations.length, targets.length);
  const labels = { 1: 'claim', 2: 'quote', 3: 'actor' };
  for (const [key, needle] of targets) {
    assert.ok(
      annotations.some((a) => a.label === labels[key] && a.text.replace(/^[“‘"]|[”’"]$/g, '') === needle),
      `${name}: “${needle}” is exported as a ${labels[key]} on exactly its words (exported: ${JSON.stringify(annotations.map((a) => [a.label, a.text]))})`,
    );
  }
  assert.deepEqual(problems, []);
  await context.close();
}

test('the project’s article marked completely with the keyboard alone, then exported', async () => {
  await journey('harbour', fixturePath('article-harbour.txt'), 'article-harbour', [
    ['1', 'Dredging of the silted inner harbour at Saltmere will begin in June'],
    ['3', 'Fisheries Minister Oona Halloran'],
    ['3', 'Oona Halloran'],
    ['2', 'The boats that feed this town have been sitting on mud for five months, and that ends now'],
    ['1', 'The ministry’s register lists 212 fishing vessels at Saltmere'],
    ['3', 'Teodor Marsh'],
    ['2', 'We expect the first dredger on site by the second week of June'],
    ['3', 'Beatrix Nwosu'],
    ['2', 'Eleven weeks is what they promised in 2019 as well, and it took seven months'],
    ['1', 'it took seven months'],
    ['1', '74 of its members were laid off'],
    ['3', 'Ivo Lindahl'],
    ['3', 'Sanna Kivelä'],
    ['1', 'landings fell by 31 per cent between January and April'],
  ], 'article-harbour.gloss.json');
});

test('the seed article marked with the keyboard alone, then exported', { skip: sharedMissing('articles', 'seed-ceasefire.txt') }, async () => {
  await journey('seed', sharedPath('articles', 'seed-ceasefire.txt'), 'seed-ceasefire', [
    ['1', 'The American deligation to Moscow spoke personally with Russian President Vladimir Putin about a Ukraine War ceasefire'],
    ['3', 'Vladimir Putin'],
    ['3', 'Donald Trump'],
    ['3', 'Putin', 2],
    ['3', 'Dmitry Peskov'],
    ['3', 'Steve Witkoff'],
    ['2', 'was received by President Putin late last night and provided additional information to Russia'],
    ['3', 'Putin', 4],
    ['3', 'Putin', 5],
    ['2', 'path to peace'],
    ['3', 'Putin', 6],
  ], 'seed-ceasefire.gloss.json');
});
