// Suggestions end to end (issue 16's "Done when"), on the project's own article and on the shared
// seed article where ../shared exists: open the article, press "Suggest", then "Accept all" for
// quotes and for actors. Both direct quotations must be accepted and linked to the spokesman by
// name, the named actors must be marked, and nothing accepted may be wrong: every accepted quote
// is one the article's expected set allows (with the right speaker, or none), every accepted
// actor is a name the set allows. Read back from the Gloss JSON export, as a person would get it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useAppServer, openApp, screenshot, fixturePath, sharedPath, sharedMissing, artifacts } from './harness.mjs';

const env = useAppServer();

/**
 * What each article must give. `direct`: the two direct quotations (marks excluded) and their
 * speaker; `indirect`: content clauses an indirect-speech rule may find, with the speaker it may
 * name (or none); `actors`: names that must be marked; `names`: every name that may be, with the
 * words that must follow it where the name is an actor only there (a country that speaks).
 */
const ARTICLES = {
  own: {
    file: () => fixturePath('article-spokesman.txt'),
    title: 'article-spokesman',
    direct: [
      ['The premier was received by President Lund late last night and the documents were signed before dawn.', 'Piet Haverkamp'],
      ['The exact date of the meeting has not been fixed. Both sides know that this conversation is needed.', 'Piet Haverkamp'],
    ],
    indirect: [
      ['Negotiators from Valmora and Eastreach agreed on a two-week ferry truce on Sunday, and the next step is a meeting between Premier Odile Marchetti and President Casimir Lund', 'Valmora foreign ministry'],
      ['the talks had gone well', 'Piet Haverkamp'],
      ['While the outline of a truce has been agreed, getting the harbour unions to agree is the next stage', 'Odile Marchetti'],
    ],
    actors: ['Piet Haverkamp', 'Odile Marchetti', 'Casimir Lund'],
    names: ['Odile Marchetti', 'Marchetti', 'Casimir Lund', 'Lund', 'Piet Haverkamp', 'Valmora foreign ministry'],
  },
  seed: {
    file: () => sharedPath('articles', 'seed-ceasefire.txt'),
    title: 'seed-ceasefire',
    direct: [
      ['was received by President Putin late last night and provided additional information to Russia. Putin conveyed information and additional signals to President Trump via Witkoff', 'Dmitry Peskov'],
      ['The exact time of the conversation between the two presidents has not yet been agreed upon. However, after Mr. Witkoff delivers all the details received in Moscow to his head of state, we will decide on the timing of the conversation… Both parties recognize that this dialogue is needed.', 'Dmitry Peskov'],
    ],
    indirect: [
      ['The American deligation to Moscow spoke personally with Russian President Vladimir Putin about a Ukraine War ceasefire and the next step is a call directly between President Donald Trump and Putin', 'Kremlin'],
      ['a direct conversation — likely by telephone at this stage — between the two leads is the next logical step', 'Russia'],
      ['they did indeed speak to Russian President Putin directly', null],
    ],
    actors: ['Witkoff', 'Peskov', 'Trump', 'Putin'],
    names: ['Vladimir Putin', 'Putin', 'Donald Trump', 'Trump', 'Kremlin', 'Dmitry Peskov', 'Steve Witkoff', 'Witkoff', ['Russia', ' reciprocated']],
  },
};

/** The exported Gloss JSON of the open article, copied before the page's context closes. */
async function exportJson(page, name) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Gloss JSON' }).click(),
  ]);
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, name);
  await copyFile(await download.path(), path);
  return JSON.parse(await readFile(path, 'utf8'));
}

/** Code points shared by two half-open spans. */
const shared = (a, b) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

async function suggestAndAcceptAll(name) {
  const plan = ARTICLES[name];
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await page.getByLabel('Open file').setInputFiles(plan.file());
  await page.locator('.doc-title', { hasText: plan.title }).waitFor();
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  const quotes = page.getByRole('button', { name: /^Accept all quotes/ });
  const actors = page.getByRole('button', { name: /^Accept all actors/ });
  await quotes.waitFor();
  await page.locator('article:not([aria-busy="true"])').waitFor();
  await screenshot(page, `suggest-done-${name}-suggested`);
  await quotes.click();
  await actors.click();
  await screenshot(page, `suggest-done-${name}-accepted`);
  const json = await exportJson(page, `suggest-done-${name}.gloss.json`);
  assert.deepEqual(problems, [], 'no console error or page error');
  await context.close();

  const doc = json.documents.find((d) => d.title === plan.title);
  assert.ok(doc, `the export holds ${plan.title}`);
  const cps = [...doc.text];
  const byId = new Map(doc.annotations.map((a) => [a.id, a]));
  const entityName = new Map((json.entities ?? []).map((e) => [e.id, e.name]));
  /** Who a quote is attributed to: its actor's person, or the mention's own words. */
  const speaker = (q) => {
    const actor = q.source && byId.get(q.source);
    if (!actor) return null;
    return entityName.get(actor.entity) ?? actor.text;
  };
  const spanOf = (needle) => {
    const at = doc.text.indexOf(needle);
    assert.ok(at >= 0, `“${needle.slice(0, 40)}…” is in the article`);
    const start = [...doc.text.slice(0, at)].length;
    return { start, end: start + [...needle].length };
  };
  const accepted = doc.annotations.filter((a) => a.label === 'quote');
  const actorMarks = doc.annotations.filter((a) => a.label === 'actor');

  // Both direct quotations, exactly, linked to the speaker by name.
  for (const [words, who] of plan.direct) {
    const q = accepted.find((a) => a.text === words);
    assert.ok(q, `${name}: “${words.slice(0, 40)}…” accepted exactly (quotes: ${JSON.stringify(accepted.map((a) => a.text))})`);
    assert.equal(speaker(q), who, `${name}: “${words.slice(0, 40)}…” is linked to ${who}`);
  }
  // The named actors are marked.
  for (const who of plan.actors) {
    assert.ok(actorMarks.some((a) => a.text.includes(who)), `${name}: ${who} is marked (${JSON.stringify(actorMarks.map((a) => a.text))})`);
  }
  // Nothing wrong: every quote is a direct one above or overlaps half of an allowed indirect
  // one, with that one's speaker (or none); every actor is an allowed name.
  for (const q of accepted) {
    if (plan.direct.some(([words]) => words === q.text)) continue;
    const fit = plan.indirect.find(([words]) => {
      const span = spanOf(words);
      return shared(span, q) * 2 >= Math.max(span.end - span.start, q.end - q.start);
    });
    assert.ok(fit, `${name}: accepted quote “${q.text}” is not one the article has`);
    const who = speaker(q);
    assert.ok(who === null || who === fit[1], `${name}: “${q.text.slice(0, 40)}…” is attributed to ${who}, not ${fit[1]}`);
  }
  for (const a of actorMarks) {
    const after = cps.slice(a.end, a.end + 20).join('');
    const allowed = plan.names.some((n) => (Array.isArray(n) ? n[0] === a.text && after.startsWith(n[1]) : n === a.text));
    assert.ok(allowed, `${name}: accepted actor “${a.text}” (before “${after}”) is not a name the article has`);
  }
  return { accepted, actorMarks };
}

test('Suggest then Accept all on the project\'s own article: both quotes by Piet Haverkamp, the named actors, nothing wrong', async () => {
  const { accepted, actorMarks } = await suggestAndAcceptAll('own');
  assert.ok(accepted.length >= 2 && actorMarks.length >= 3);
});

test('Suggest then Accept all on the seed article: both quotes by Dmitry Peskov, Witkoff, Peskov, Trump and Putin, nothing wrong', { skip: sharedMissing('articles', 'seed-ceasefire.txt') }, async () => {
  const { accepted, actorMarks } = await suggestAndAcceptAll('seed');
  assert.ok(accepted.length >= 2 && actorMarks.length >= 4);
});
