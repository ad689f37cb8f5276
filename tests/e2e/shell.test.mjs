// The app shell: the built release opens in Chromium with the sample article, cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp, screenshot, articleText } from './harness.mjs';

const env = useAppServer();

test('first visit shows the sample article in <article>, with its date and the sidebar', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  const text = await articleText(page);
  assert.match(text, /^The Lindqvist harbour bridge in Port Aster reopened/);
  assert.ok(!text.includes('date 2026-10-08'), 'the date marker is not part of the text');
  assert.equal(await page.locator('.doc-date').textContent(), '2026-10-08');
  assert.equal(await page.locator('h1').textContent(), 'Gloss');
  assert.equal(await page.locator('aside').count(), 1);
  for (const name of ['New article', 'Claim', 'Quote', 'Actor']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `button ${name}`);
  }
  await screenshot(page, 'shell-light');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dark colour scheme follows the system setting', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url, { colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(23, 24, 27)');
  await screenshot(page, 'shell-dark');
  assert.deepEqual(problems, []);
  await context.close();
});
