// Menus, dialogs and focus, with the keyboard and the mouse as a person uses them: the Export
// menu button (WAI-ARIA menu button pattern), focus into, around and back out of every dialog,
// opening a file from the keyboard and going on with keys, and the Library's filter starting
// empty. Screenshots of the menu and each dialog, light and dark, go to target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp, screenshot, waitSaved, fixturePath } from './harness.mjs';

const env = useAppServer();

/** The focused element, described: role or tag, and its accessible name as far as we need it. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const role = el.getAttribute('role') ?? el.tagName.toLowerCase();
    const name = el.getAttribute('aria-label') ?? (el.labels?.[0] ?? el).textContent.trim();
    return `${role}: ${name}`;
  });
}

/** The name of the dialog the focus is in (null when it is outside every dialog). */
function focusedDialog(page) {
  return page.evaluate(() => {
    const dialog = document.activeElement?.closest('[role="dialog"]');
    return dialog ? document.getElementById(dialog.getAttribute('aria-labelledby'))?.textContent ?? '?' : null;
  });
}

const exportButton = (page) => page.getByRole('button', { name: 'Export', exact: true });
const exportMenu = (page) => page.getByRole('menu', { name: 'Export formats' });

test('the Export menu: arrows move through it, Escape, Tab, a click outside and a choice close it', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  const button = exportButton(page);
  assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');

  // Opened with the mouse: focus on the first item; the arrows, Home and End move and wrap.
  await button.click();
  await exportMenu(page).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const formats = ['Gloss JSON', 'W3C Web Annotation', 'brat standoff', 'doccano JSONL', 'Label Studio JSON', 'CSV'];
  assert.deepEqual(
    await exportMenu(page).getByRole('menuitem').allTextContents(),
    [...formats, 'ClaimReview', 'Label Studio labelling config', 'Export library'],
  );
  assert.equal(await focused(page), 'menuitem: Gloss JSON', 'focus moves to the first item');
  const moves = [
    ['ArrowDown', 'W3C Web Annotation'],
    ['ArrowUp', 'Gloss JSON'],
    ['ArrowUp', 'Export library'],
    ['ArrowDown', 'Gloss JSON'],
    ['End', 'Export library'],
    ['Home', 'Gloss JSON'],
    ['ArrowRight', 'Gloss JSON'],
    ['End', 'Export library'],
  ];
  for (const [key, item] of moves) {
    await page.keyboard.press(key);
    assert.equal(await focused(page), `menuitem: ${item}`, `after ${key}`);
  }
  await screenshot(page, 'menu-export-keyboard-light');

  // "Export library" shows the same formats for the whole library in the menu's place
  // (ArrowRight, or choosing it); ArrowLeft or "Back" returns.
  const libraryMenu = page.getByRole('menu', { name: 'Export library formats' });
  await page.keyboard.press('ArrowRight');
  await libraryMenu.waitFor();
  assert.deepEqual(await libraryMenu.getByRole('menuitem').allTextContents(), [...formats, 'Back']);
  assert.equal(await focused(page), 'menuitem: Gloss JSON', 'the first library format has the focus');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await screenshot(page, 'menu-export-library-light');
  await page.keyboard.press('ArrowLeft');
  await exportMenu(page).waitFor();
  assert.equal(await focused(page), 'menuitem: Gloss JSON');
  await exportMenu(page).getByRole('menuitem', { name: 'Export library' }).click();
  await libraryMenu.waitFor();
  await libraryMenu.getByRole('menuitem', { name: 'Back' }).click();
  await exportMenu(page).waitFor();
  await page.keyboard.press('Home');

  // Escape closes it and gives the focus back to the button; nothing else happens.
  await page.keyboard.press('Escape');
  await exportMenu(page).waitFor({ state: 'detached' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(page), 'button: Export');

  // From the keyboard: Enter opens it on the first item, ArrowUp on the button on the last.
  await page.keyboard.press('Enter');
  await exportMenu(page).waitFor();
  assert.equal(await focused(page), 'menuitem: Gloss JSON');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowUp');
  await exportMenu(page).waitFor();
  assert.equal(await focused(page), 'menuitem: Export library');

  // Tab closes it and goes on to the control after the button.
  await page.keyboard.press('Tab');
  await exportMenu(page).waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'input: Import annotations');

  // A click outside closes it.
  await button.click();
  await exportMenu(page).waitFor();
  await page.locator('.doc-title').click({ position: { x: 5, y: 5 } });
  await exportMenu(page).waitFor({ state: 'detached' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');

  // Choosing an item closes it: with the mouse, and with the keyboard (focus back on the button).
  await button.click();
  const [article] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Gloss JSON' }).click(),
  ]);
  assert.match(article.suggestedFilename(), /\.gloss\.json$/);
  await exportMenu(page).waitFor({ state: 'detached' });
  await button.focus();
  await page.keyboard.press('ArrowUp');
  await exportMenu(page).waitFor();
  assert.equal(await focused(page), 'menuitem: Export library');
  await page.keyboard.press('Enter');
  await page.getByRole('menu', { name: 'Export library formats' }).waitFor();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'menuitem: W3C Web Annotation');
  const [library] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(library.suggestedFilename(), 'gloss-library.w3c.json');
  await exportMenu(page).waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'button: Export');

  assert.deepEqual(problems, []);
  await context.close();
});

test('the Export menu never stays open behind a dialog', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  // `?` typed while the menu is open opens the shortcuts over it: the menu goes.
  await exportButton(page).click();
  await exportMenu(page).waitFor();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  assert.equal(await exportMenu(page).count(), 0, 'no menu behind the dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await exportMenu(page).count(), 0, 'and none after it');
  assert.equal(await focused(page), 'button: Export', 'focus back where the menu was opened from');

  // The Library opened while the menu is open (the mouse on its button): the menu goes too.
  await exportButton(page).click();
  await exportMenu(page).waitFor();
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('dialog', { name: /Library/ }).waitFor();
  assert.equal(await exportMenu(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Tab and Shift+Tab, twice around: the focus never leaves the dialog named `name`, and the
 * stops it makes going forward are those going back, reversed.
 */
async function assertFocusTrapped(page, name) {
  const inside = new RegExp(name);
  const count = await page.getByRole('dialog', { name }).evaluate((dialog) =>
    [...dialog.querySelectorAll('button, input, textarea, select, a[href], [tabindex]')]
      .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0).length);
  assert.ok(count >= 1, `${name}: something to focus`);
  const forward = [];
  for (let i = 0; i < 2 * count + 1; i++) {
    await page.keyboard.press('Tab');
    assert.match((await focusedDialog(page)) ?? 'outside', inside, `${name}: Tab ${i + 1} stays inside`);
    forward.push(await focused(page));
  }
  assert.equal(forward[count], forward[0], `${name}: Tab comes round after ${count} stops`);
  const back = [];
  for (let i = 0; i < 2 * count + 1; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.match((await focusedDialog(page)) ?? 'outside', inside, `${name}: Shift+Tab ${i + 1} stays inside`);
    back.push(await focused(page));
  }
  assert.deepEqual(back.slice(0, count), [...forward.slice(0, count + 1)].reverse().slice(1, count + 1));
}

test('every dialog takes the focus, keeps it inside and gives it back to what opened it', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await waitSaved(page);

  // New article: the Title field first; Escape gives the focus back to the button.
  const newArticle = page.getByRole('button', { name: 'New article', exact: true });
  await newArticle.click();
  await page.getByRole('dialog', { name: 'New article' }).waitFor();
  assert.equal(await focused(page), 'input: Title');
  await assertFocusTrapped(page, 'New article');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'button: New article');
  // Opened with Enter, left with Cancel: the same.
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'New article' }).waitFor();
  assert.equal(await focused(page), 'input: Title');
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await focused(page), 'button: New article');

  // Library: the filter first; Close gives the focus back to the Library button.
  const libraryButton = page.getByRole('button', { name: /^Library/ });
  await libraryButton.click();
  const library = page.getByRole('dialog', { name: /Library/ });
  await library.locator('.lib-row').first().waitFor();
  assert.equal(await focused(page), 'input: Filter by title');
  await assertFocusTrapped(page, 'Library');
  await library.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.match(await focused(page), /^button: Library/);

  // Shortcuts from the ? button: back to it.
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  assert.equal(await focusedDialog(page), 'Keyboard shortcuts');
  await assertFocusTrapped(page, 'Keyboard shortcuts');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'button: Shortcuts');

  // Shortcuts from `?` typed in the article: back to the article, where the keys go on working.
  await page.locator('.doc-text').click();
  const inArticle = await focused(page);
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  assert.equal(await focusedDialog(page), 'Keyboard shortcuts');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focused(page), inArticle);
  assert.ok(await page.locator('.doc-text').evaluate((el) => el === document.activeElement));
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await page.keyboard.press('Escape');

  assert.deepEqual(problems, []);
  await context.close();
});

test('a file opened from the keyboard leaves the focus where ? and the label keys work', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  // Tab to "Open file" from the start of the page, as a keyboard user does.
  await page.locator('h1').click();
  for (let i = 0; i < 10 && (await focused(page)) !== 'input: Open file'; i++) {
    await page.keyboard.press('Tab');
  }
  const open = page.getByLabel('Open file');
  assert.equal(await focused(page), 'input: Open file');
  await open.setInputFiles(fixturePath('article-harbour.txt'));
  await page.locator('.doc-title', { hasText: 'article-harbour' }).waitFor();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'input: Open file', 'focus back on the control');
  // A label key is a shortcut there, not ignored as typing: with nothing selected it says so.
  await page.keyboard.press('1');
  await page.locator('.notice', { hasText: /select/i }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Library filter starts empty every time the Library opens', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  const libraryButton = page.getByRole('button', { name: /^Library/ });
  const library = page.getByRole('dialog', { name: /Library/ });
  const filter = library.getByRole('searchbox', { name: 'Filter by title' });
  await libraryButton.click();
  await library.locator('.lib-row').first().waitFor();
  await filter.fill('no such title');
  await library.getByText('No title matches the filter.').waitFor();
  assert.equal(await library.locator('.lib-row').count(), 0);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await libraryButton.click();
  await library.waitFor();
  assert.equal(await filter.inputValue(), '');
  assert.equal(await library.locator('.lib-row').count(), 1, 'the sample is listed again');
  assert.equal(await library.getByText('No title matches the filter.').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('renaming in the Library: focus to the title field, then back to the Rename button', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await waitSaved(page);
  await page.getByRole('button', { name: /^Library/ }).click();
  const library = page.getByRole('dialog', { name: /Library/ });
  await library.locator('.lib-row').first().waitFor();
  const rename = library.getByRole('button', { name: /^Rename/ });
  await rename.focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'input: New title');
  await page.keyboard.type('Bridge reopens');
  await page.keyboard.press('Enter');
  await library.getByRole('button', { name: 'Bridge reopens', exact: true }).waitFor();
  assert.equal(await focused(page), 'button: Rename “Bridge reopens”');
  await page.keyboard.press('Enter');
  await library.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await focused(page), 'button: Rename “Bridge reopens”');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`screenshots: the Export menu and each dialog, ${colorScheme}`, async () => {
    const { page, problems, context } = await openApp(env.browser, env.server.url, { colorScheme });
    await waitSaved(page);
    await exportButton(page).click();
    await exportMenu(page).waitFor();
    await screenshot(page, `menu-export-${colorScheme}`);
    await page.keyboard.press('Escape');
    const dialogs = [
      ['New article', () => page.getByRole('button', { name: 'New article', exact: true }).click(), 'dialog-new-article'],
      ['Keyboard shortcuts', () => page.getByRole('button', { name: 'Shortcuts' }).click(), 'dialog-shortcuts'],
      [/Library/, () => page.getByRole('button', { name: /^Library/ }).click(), 'dialog-library'],
    ];
    for (const [name, open, file] of dialogs) {
      await open();
      await page.getByRole('dialog', { name }).waitFor();
      await screenshot(page, `${file}-${colorScheme}`);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
