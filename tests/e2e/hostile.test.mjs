// Hostile and broken input: the strict Content-Security-Policy holds, markup stays text, absurd
// files are refused with a reason, and nothing already in the library changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useAppServer, openApp, screenshot, dragSelect, listed, waitSaved, articleText } from './harness.mjs';

const env = useAppServer();

/** Opens the app and counts CSP violations from the very start. */
async function openWatched() {
  const app = await openApp(env.browser, env.server.url);
  return app;
}

test('the built app ships a strict policy and boots without a violation', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(env.server.url);
  await page.locator('article').waitFor();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(policy, /\s'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  // An injected inline script is refused by that policy.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  const violations = await page.evaluate(() => window.__violations);
  assert.equal(violations.length, 1, `only the injected script is refused: ${violations}`);
  assert.deepEqual(problems.filter((p) => !p.includes('Content Security Policy')), []);
  await context.close();
});

test('markup in article text, titles and notes is shown as text and can be annotated', async () => {
  const { page, problems, context } = await openWatched();
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const text = 'The site showed <img src=x onerror="alert(1)"> and <script>alert(2)</script> then &amp; a <a href="javascript:alert(3)">link</a>.';
  await page.getByRole('button', { name: 'New article', exact: true }).click();
  await page.getByLabel('Title').fill('<b onmouseover=alert(4)>Bold</b>');
  await page.getByLabel('Article text').fill(text);
  await page.getByRole('button', { name: 'Load article' }).click();
  await page.locator('.doc-title', { hasText: '<b onmouseover=alert(4)>Bold</b>' }).waitFor();
  assert.equal(await articleText(page), text);
  assert.equal(await page.locator('article img, article script, article a, .doc-title b').count(), 0);
  await dragSelect(page, '<script>alert(2)</script>');
  await page.keyboard.press('2');
  assert.deepEqual(await listed(page), [['Quote', '<script>alert(2)</script>']]);
  await page.getByLabel('Note').fill('<img src=y onerror=alert(5)>');
  await page.getByLabel('Note').press('Tab');
  assert.equal(await page.locator('aside .ann-note').textContent(), '<img src=y onerror=alert(5)>');
  assert.equal(await page.locator('aside img').count(), 0);
  await waitSaved(page);
  assert.equal(dialogs, 0, 'no script ran');
  await screenshot(page, 'hostile-markup');
  assert.deepEqual(problems, []);
  await context.close();
});

test('absurd files are refused with a reason within seconds; the library is unchanged', async () => {
  const { page, problems, context } = await openWatched();
  await dragSelect(page, 'Irene Valdés');
  await page.keyboard.press('3');
  await waitSaved(page);
  const dir = await mkdtemp(join(tmpdir(), 'gloss-hostile-'));
  try {
    // A 200 MB file: refused from its size, before it is read.
    const big = join(dir, 'huge.json');
    const handle = await open(big, 'w');
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();
    const million = JSON.stringify({ format: 'gloss', version: 1, documents: [{ id: '00000000-0000-4000-8000-000000000001', title: 'x', text: 'x', annotations: new Array(1_000_000).fill({}) }] });
    const cases = [
      [{ path: big }, 'huge.json', /too large \(200 MB/],
      [{ name: 'million.json', mimeType: 'application/json', buffer: Buffer.from(million) }, 'million.json', /1000000 annotations; Gloss imports at most 200000/],
      [{ name: 'binary.json', mimeType: 'application/json', buffer: Buffer.from([0xff, 0xfe, 0, 0x41, 0x80]) }, 'binary.json', /not UTF-8 text/],
      [{ name: 'nul.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"gloss","version":1,"documents":[{"id":"00000000-0000-4000-8000-000000000002","title":"\u0000","text":"a\u0000b","annotations":[{"id":"00000000-0000-4000-8000-000000000003","label":"claim","start":0,"end":99999999999}]}]}') }, 'nul.json', /not JSON: control character/],
    ];
    for (const [file, name, reason] of cases) {
      const started = Date.now();
      await page.getByLabel('Import annotations').setInputFiles(file.path ?? file);
      const alert = page.getByRole('alert').filter({ hasText: name });
      await alert.waitFor({ timeout: 5000 });
      assert.match(await alert.textContent(), reason, name);
      assert.ok(Date.now() - started < 5000, `${name} answered within seconds`);
      assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']], `${name}: nothing changed`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Opening a non-text file as an article is refused too.
  await page.getByLabel('Open file').setInputFiles({ name: 'utf16.txt', mimeType: 'text/plain', buffer: Buffer.from('\u0048\u0000\u0069\u0000', 'latin1') });
  await page.getByRole('alert').filter({ hasText: 'utf16.txt' }).waitFor();
  await page.reload();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listed(page), [['Actor', 'Irene Valdés']]);
  assert.deepEqual(problems, []);
  await context.close();
});
