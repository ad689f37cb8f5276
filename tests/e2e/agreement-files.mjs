// Two annotators' Gloss JSON exports of one article, and the agreement figures the reference
// implementations give for them: for an end-to-end test that imports both files into the
// browser through the UI ("Import annotations"), opens "Compare annotators" and compares the
// figures shown (three decimals) with the expected ones.
//
// The files are written by the native test, not here:
//
//   cargo test -p gloss-core --test agreement_imports
//
// (part of `make test-native`, which `make test` runs before the end-to-end tests). For each
// article it writes target/agreement/<name>.ana.gloss.json and <name>.ben.gloss.json: the
// article opened as "Open file" opens it, in two browsers (two document ids), Ana's and Ben's
// marks signed with their names (`created_by`), each exported as Gloss JSON version 5. The same
// test imports both into one library and checks Gloss's figures against the expected file.
//
// Articles (`name`):
// - `ceasefire-like`: tests/fixtures/agreement/ceasefire-like.txt, the project's own;
// - `seed`: ../shared/articles/seed-ceasefire.txt (GLOSS_SHARED stands for ../shared when set),
//   kept outside the repository: without it the native test writes no seed files, and
//   `agreementFiles('seed')` returns null so the caller can skip, saying why.
// Marks: tests/fixtures/agreement/<name>.marks.json; expected figures:
// tests/fixtures/agreement/<name>.expected.json (written by tests/agreement/reference.py, see
// docs/AGREEMENT.md). In `expected.figures`, each figure has `label` (claim, quote, actor or
// all), `annotators` (["Ana", "Ben"]), `measure` (exact_f1, overlap_f1, cohen_kappa, alpha_u),
// `value`, `observed`, `expected` (null where undefined or, for F1, not applicable) and `units`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const written = join(root, 'target', 'agreement');
const fixtures = join(root, 'tests', 'fixtures', 'agreement');
const WRITER = 'cargo test -p gloss-core --test agreement_imports';

/** Where a marks file's article is (a path from the repository root). */
function articlePath(article) {
  const shared = process.env.GLOSS_SHARED;
  if (shared && article.startsWith('../shared/')) {
    return join(shared, article.slice('../shared/'.length));
  }
  return join(root, article);
}

/**
 * `{ana, ben, expected, files}` for `seed` or `ceasefire-like`: the two Gloss JSON exports as
 * strings, the parsed expected file, and the paths of the two exports (to hand to a file
 * input). `null` when the article is not there (the seed in a clone without ../shared).
 * Throws when the article is there but the exports are not: run WRITER first.
 */
export async function agreementFiles(name) {
  if (!['seed', 'ceasefire-like'].includes(name)) {
    throw new Error(`no agreement article ${name}`);
  }
  const marks = JSON.parse(await readFile(join(fixtures, `${name}.marks.json`), 'utf8'));
  if (!existsSync(articlePath(marks.article))) return null;
  const files = {
    ana: join(written, `${name}.ana.gloss.json`),
    ben: join(written, `${name}.ben.gloss.json`),
  };
  for (const path of Object.values(files)) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`${WRITER}\` first`);
  }
  const expected = JSON.parse(await readFile(join(fixtures, `${name}.expected.json`), 'utf8'));
  return {
    ana: await readFile(files.ana, 'utf8'),
    ben: await readFile(files.ben, 'utf8'),
    expected,
    files,
  };
}
