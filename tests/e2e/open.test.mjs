// Opening a text file: a short headline on its first line names the article; otherwise the
// file's name does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp, articleText } from './harness.mjs';

const env = useAppServer();

const body = 'The ferry between Port Aster and Vell will stop running at the end of March, the operator said on Monday, after ridership fell by half.';

test('a .txt whose first line is a headline takes it as its title; one without takes its file name', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  const cases = [
    ['ferry.txt', `Ferry service to end in March\n\n${body}\n`, 'Ferry service to end in March'],
    ['ferry-md.md', `# Ferry service to end in March\n\n${body}\n`, 'Ferry service to end in March'],
    ['first-sentence.txt', `${body}\n\nA second paragraph.\n`, 'first-sentence'],
    ['long-first-line.txt', `${'A very long first line that goes on and on about the ferry '.repeat(3)}\n${body}\n`, 'long-first-line'],
  ];
  for (const [name, text, title] of cases) {
    await page.getByLabel('Open file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.locator('.doc-title', { hasText: title }).waitFor();
    assert.equal((await page.locator('.doc-title').textContent()).trim(), title, name);
    // The headline stays in the text: offsets refer to the file as it came.
    assert.ok((await articleText(page)).startsWith(text.trimEnd().slice(0, 20)), `${name}: the text is the file's`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
