// Interchange, end to end: an article marked with the mouse (a span across a paragraph break, a
// note, emoji in another article), exported in all six formats for the article and for the
// library, and each file imported into a fresh browser profile, where exporting Gloss JSON
// again gives the same spans, labels and (where the format carries them) notes. The exports
// are kept in target/interop/exports/<article>/ for `make interop`, which reads them with the
// other tools' own code. Where ../shared exists the seed article is marked and exported too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useAppServer, openApp, dragSelect, dragBetween, listed, waitSaved, screenshot,
  fixturePath, sharedPath, sharedMissing, root,
} from './harness.mjs';

const env = useAppServer();
const exportsDir = process.env.GLOSS_INTEROP_DIR ?? join(root, 'target', 'interop', 'exports');

/** The six formats: menu name, file name ending, whether notes survive the trip. */
const FORMATS = [
  ['Gloss JSON', '.gloss.json', true],
  ['W3C Web Annotation', '.w3c.json', true],
  ['brat standoff', '.zip', true],
  ['doccano JSONL', '.jsonl', false],
  ['Label Studio JSON', '.labelstudio.json', true],
  ['CSV', '.csv', true],
];

async function download(page, item, { library = false } = {}) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  if (library) await page.getByRole('menuitem', { name: 'Export library' }).click();
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item, exact: true }).click(),
  ]);
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

/** The open article's annotations as the Gloss JSON export has them. */
async function exported(page) {
  const { bytes } = await download(page, 'Gloss JSON');
  const [doc] = JSON.parse(bytes.toString('utf8')).documents;
  return {
    title: doc.title,
    date: doc.date,
    text: doc.text,
    spans: doc.annotations.map((a) => [a.label, a.start, a.end, a.text]),
    notes: doc.annotations.filter((a) => a.note).map((a) => [a.label, a.start, a.end, a.note]),
  };
}

async function mark(page, targets) {
  for (const target of targets) {
    const [key, from, to] = target;
    if (to) await dragBetween(page, from, to);
    else await dragSelect(page, from);
    await page.keyboard.press(key);
  }
}

async function addNote(page, label, note) {
  await page.locator(`aside .ann-list li`, { hasText: label }).first().click();
  await page.getByLabel('Note').fill(note);
  await page.getByLabel('Note').blur();
}

const ARTICLES = [
  {
    slug: 'harbour',
    file: fixturePath('article-harbour.txt'),
    targets: [
      ['3', 'Oona Halloran'],
      ['2', '“The boats that feed this town have been sitting on mud for five months, and that ends now,”'],
      ['1', 'The ministry’s register lists 212 fishing vessels at Saltmere'],
      // Across a paragraph break: brat writes it as two fragments, the others as one span.
      ['1', 'down from 260 a decade ago.', 'The Minister’s decision follows a report'],
    ],
    note: ['Oona Halloran', 'Minister since 2024; check the date'],
  },
  {
    slug: 'unicode',
    file: fixturePath('unicode-mix.txt'),
    targets: [
      ['3', 'Ingrid Solberg'],
      ['1', 'the fjord index rose 4.2% in April 📈'],
      // A name written with a combining accent (e + U+0301), as the file has it.
      ['3', 'Rene\u0301e Fontaine'],
    ],
    note: ['Ingrid Solberg', 'Quote “checked” — 👍'],
  },
];

if (!sharedMissing('articles', 'seed-ceasefire.txt')) {
  ARTICLES.push({
    slug: 'seed',
    file: sharedPath('articles', 'seed-ceasefire.txt'),
    targets: [
      ['3', 'Dmitry Peskov'],
      ['3', 'Steve Witkoff'],
      ['2', '“was received by President Putin late last night and provided additional information to Russia.'],
      ['1', 'A delegation of American negotiators arrived in Moscow, Russia for talks on the Ukraine War on Thursday.'],
    ],
    note: ['Dmitry Peskov', 'Kremlin spokesman'],
  });
}

async function openFile(page, file) {
  const before = await page.locator('.doc-title').textContent();
  await page.getByLabel('Open file').setInputFiles(file);
  await page.waitForFunction((t) => document.querySelector('.doc-title')?.textContent !== t, before);
}

async function importFile(page, name, bytes) {
  await page.getByLabel('Import annotations').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

for (const article of ARTICLES) {
  test(`${article.slug}: marked, exported in six formats, each imported into a fresh profile gives the same spans`, async () => {
    const first = await openApp(env.browser, env.server.url);
    await openFile(first.page, article.file);
    await mark(first.page, article.targets);
    await addNote(first.page, article.note[0], article.note[1]);
    await waitSaved(first.page);
    const original = await exported(first.page);
    assert.equal(original.spans.length, article.targets.length, 'every target marked');
    assert.equal(original.notes.length, 1);

    const dir = join(exportsDir, article.slug);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const files = {};
    for (const [item, ending] of FORMATS) {
      const file = await download(first.page, item);
      assert.ok(file.name.endsWith(ending), `${item}: ${file.name} ends with ${ending}`);
      assert.ok(file.name.startsWith(original.title.slice(0, 10)), `${item}: ${file.name} is named after the article`);
      await writeFile(join(dir, file.name), file.bytes);
      files[item] = file;
    }
    const config = await download(first.page, 'Label Studio labelling config');
    assert.match(config.bytes.toString('utf8'), /<Labels name="label" toName="text">/);
    await writeFile(join(dir, config.name), config.bytes);
    await writeFile(join(dir, 'article.txt'), original.text);
    await screenshot(first.page, `interchange-${article.slug}-marked`);
    assert.deepEqual(first.problems, []);
    await first.context.close();

    for (const [item, , notes] of FORMATS) {
      if (item === 'CSV') continue;
      const fresh = await openApp(env.browser, env.server.url);
      if (item === 'W3C Web Annotation') {
        // W3C annotations name their article by its text's hash and do not carry the text: the
        // person opens the article, then imports its annotations.
        await openFile(fresh.page, article.file);
      }
      await importFile(fresh.page, files[item].name, files[item].bytes);
      await fresh.page.locator('.notice', { hasText: /Imported 1 article/ }).waitFor({ timeout: 10000 });
      await waitSaved(fresh.page);
      const back = await exported(fresh.page);
      assert.equal(back.text, original.text, `${item}: the same text`);
      assert.deepEqual(back.spans, original.spans, `${item}: the same spans and labels`);
      if (notes) assert.deepEqual(back.notes, original.notes, `${item}: the same notes`);
      if (item !== 'brat standoff' && item !== 'W3C Web Annotation') {
        assert.equal(back.date, original.date, `${item}: the article's date`);
      }
      // Imported again: nothing new.
      await importFile(fresh.page, files[item].name, files[item].bytes);
      await fresh.page.locator('.notice', { hasText: /Already in your library/ }).waitFor({ timeout: 10000 });
      assert.deepEqual(fresh.problems, [], item);
      await fresh.context.close();
    }
  });
}

test('"Export library" offers the same six formats for every article, and they import as a whole', async () => {
  const first = await openApp(env.browser, env.server.url);
  for (const article of ARTICLES.slice(0, 2)) {
    await openFile(first.page, article.file);
    await mark(first.page, article.targets.slice(0, 2));
  }
  await waitSaved(first.page);
  const names = {};
  const files = {};
  for (const [item] of FORMATS) {
    files[item] = await download(first.page, item, { library: true });
    names[item] = files[item].name;
  }
  assert.match(names['Gloss JSON'], /^gloss-library-\d{4}-\d{2}-\d{2}\.gloss\.json$/);
  assert.deepEqual(
    FORMATS.slice(1).map(([item]) => names[item]),
    ['gloss-library.w3c.json', 'gloss-library.zip', 'gloss-library.jsonl', 'gloss-library.labelstudio.json', 'gloss-library.csv'],
  );
  // Every article is in each file: the sample plus the two opened.
  assert.equal(files['doccano JSONL'].bytes.toString('utf8').trim().split('\n').length, 3);
  assert.equal(JSON.parse(files['Label Studio JSON'].bytes.toString('utf8')).length, 3);
  assert.deepEqual(first.problems, []);
  await first.context.close();

  for (const item of ['doccano JSONL', 'Label Studio JSON', 'brat standoff']) {
    const fresh = await openApp(env.browser, env.server.url);
    await importFile(fresh.page, files[item].name, files[item].bytes);
    // The fresh profile has the sample already: two new articles, the sample unchanged.
    await fresh.page.locator('.notice', { hasText: /Imported 2 articles \(4 annotations added/ }).waitFor({ timeout: 10000 });
    await fresh.page.getByRole('button', { name: /^Library/ }).click();
    assert.equal(await fresh.page.getByRole('dialog').locator('li').count(), 3, `${item}: three articles`);
    assert.deepEqual(fresh.problems, [], item);
    await fresh.context.close();
  }
});

/** brat standoff written here, from the Gloss JSON export, independently of Gloss's writer. */
function bratAnn(doc) {
  const lines = [];
  doc.annotations.forEach((a, i) => {
    const cps = [...doc.text];
    const fragments = [];
    let start = a.start;
    for (let at = a.start; at <= a.end; at++) {
      if (at === a.end || cps[at] === '\n') {
        if (at > start) fragments.push([start, at]);
        start = at + 1;
      }
    }
    const text = fragments.map(([s, e]) => cps.slice(s, e).join('')).join(' ');
    const label = a.label[0].toUpperCase() + a.label.slice(1);
    lines.push(`T${i + 1}\t${label} ${fragments.map(([s, e]) => `${s} ${e}`).join(';')}\t${text}`);
    if (a.note) lines.push(`#${i + 1}\tAnnotatorNotes T${i + 1}\t${a.note}`);
  });
  return lines.join('\n') + '\n';
}

test('a brat .txt and .ann dropped together open as an annotated article', async () => {
  const first = await openApp(env.browser, env.server.url);
  const [harbour] = ARTICLES;
  await openFile(first.page, harbour.file);
  await mark(first.page, harbour.targets);
  await waitSaved(first.page);
  const { bytes } = await download(first.page, 'Gloss JSON');
  const [doc] = JSON.parse(bytes.toString('utf8')).documents;
  await first.context.close();

  const fresh = await openApp(env.browser, env.server.url);
  await fresh.page.evaluate(([text, ann]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([ann], 'harbour.ann', { type: 'text/plain' }));
    transfer.items.add(new File([text], 'harbour.txt', { type: 'text/plain' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [doc.text, bratAnn(doc)]);
  await fresh.page.locator('.notice', { hasText: /Imported 1 article \(4 annotations added/ }).waitFor({ timeout: 10000 });
  assert.equal((await fresh.page.locator('.doc-title').textContent()).trim(), 'harbour');
  const back = await exported(fresh.page);
  assert.deepEqual(back.spans, doc.annotations.map((a) => [a.label, a.start, a.end, a.text]));
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
});

test('files Gloss cannot use are refused with role="alert", naming what is wrong; nothing changes', async () => {
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  const before = await listed(page);
  const text = 'Mayor Irene Valdés said the bridge reopened.';
  const cases = [
    ['broken.zip', Buffer.from('PK\u0003\u0004 this is not really a zip'), /brat standoff/],
    ['table.csv', Buffer.from('\uFEFFarticle_id,title,date,label,start,end,text,prefix,suffix,note,created_at,updated_at\r\n'), /CSV/],
    ['lonely.ann', Buffer.from('T1\tClaim 0 5\tMayor\n'), /\.txt/],
    ['people.json', Buffer.from(JSON.stringify([{ data: { text }, annotations: [{ result: [
      { id: 'a1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 6, end: 18, text: 'Irene Valdés', labels: ['PERSON'] } },
      { id: 'a2', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 5, text: 'Mayor', labels: ['PERSON'] } },
    ] }] }])), /Label “PERSON”: 2 annotations skipped/],
    ['lines.jsonl', Buffer.from(`{"text": "${text}", "label": [[6, 18, "ACTOR"]]}\n{"text": broken\n`), /[Ll]ine 2/],
  ];
  for (const [name, bytes, reason] of cases) {
    await importFile(page, name, bytes);
    const alert = page.getByRole('alert').filter({ hasText: name });
    await alert.waitFor({ timeout: 5000 });
    assert.match(await alert.textContent(), reason, name);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }
  // The good line of the JSONL opened as an article with its actor; the sample is untouched.
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('dialog').getByText('Harbour bridge reopens').click();
  assert.deepEqual(await listed(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});
