// Teams through CouchDB's replication model, against a real CouchDB-compatible server
// (pouchdb-server, in memory, started and stopped here): two browser profiles as two annotators
// on the seed article, marking at the same time and each seeing the other's layer within 2 s;
// one goes offline, keeps working, comes back and everything arrives once; a reload resumes
// from the checkpoint; a wrong password, a database one may only read and one one is not a
// member of: clear messages, local work kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp, screenshot, waitSaved } from './harness.mjs';
import {
  article, openArticle, setUpTeam, connect, mark, show, listedTexts, openFromLibrary, stored, syncStatus, waitStatus,
} from './sync-common.mjs';

const env = useAppServer({ couch: true });
/** The team's users and databases, made once (in the first test: the server starts in a hook). */
const team = () => (env.team ??= setUpTeam(env.couch));

/** Two annotators' pages, each in its own profile (context). */
async function twoAnnotators() {
  const ana = await openApp(env.browser, env.server.url);
  const ben = await openApp(env.browser, env.server.url);
  return { ana, ben };
}

test('two annotators mark the same article at once and each sees the other’s layer within 2 s', { timeout: 120_000 }, async () => {
  await team();
  const a = await article();
  const { ana, ben } = await twoAnnotators();

  // Ana opens the article and connects; Ben connects and finds it in his library.
  const title = await openArticle(ana.page, a);
  assert.equal(await connect(ana.page, { name: 'Ana', user: 'ana', password: 'ana-pass' }), 'Connected.');
  await waitStatus(ana.page, 'Synced');
  assert.equal(await connect(ben.page, { name: 'Ben', user: 'ben', password: 'ben-pass' }), 'Connected.');
  await openFromLibrary(ben.page, title);
  await waitStatus(ben.page, 'Synced');

  // Both mark at the same time.
  await Promise.all([
    (async () => { for (const m of a.ana) await mark(ana.page, m); })(),
    (async () => { for (const m of a.ben) await mark(ben.page, m); })(),
  ]);
  // Each sees the other's layer, read-only, with the Showing switch.
  await show(ben.page, 'Ana');
  await ben.page.waitForFunction(
    (n) => document.querySelectorAll('aside .ann-list li').length === n, a.ana.length, { timeout: 5000 },
  );
  assert.deepEqual(await listedTexts(ben.page), a.ana.map(([t]) => t).sort());
  await show(ana.page, 'Ben');
  await ana.page.waitForFunction(
    (n) => document.querySelectorAll('aside .ann-list li').length === n, a.ben.length, { timeout: 5000 },
  );
  assert.deepEqual(await listedTexts(ana.page), a.ben.map(([t]) => t).sort());

  // Within 2 s of the key press, a new mark is on the other's screen.
  await show(ana.page, 'Everyone');
  await show(ben.page, 'Everyone');
  const everyone = [...a.ana, ...a.ben].map(([t]) => t);
  for (const [by, seer, m] of [[ana.page, ben.page, a.anaLater], [ben.page, ana.page, a.benLater]]) {
    if (by === ben.page) await show(ben.page, 'Ben');
    if (by === ana.page) await show(ana.page, 'Ana');
    const pressed = Date.now();
    await mark(by, m);
    await seer.locator('aside .ann-list li .ann-text', { hasText: m[0] }).first().waitFor({ timeout: 2000 });
    const took = Date.now() - pressed;
    assert.ok(took <= 2000, `seen after ${took} ms`);
    everyone.push(m[0]);
    await show(by, 'Everyone');
  }
  await waitStatus(ana.page, 'Synced');
  await waitStatus(ben.page, 'Synced');
  assert.deepEqual(await listedTexts(ana.page), [...everyone].sort());
  assert.deepEqual(await listedTexts(ben.page), [...everyone].sort());

  // The database holds each annotation once, in its author's name.
  const inDb = await stored(env.couch, 'team');
  assert.equal(inDb.length, everyone.length, inDb.join('\n'));
  assert.equal(inDb.filter((s) => s.startsWith('Ana ')).length, a.ana.length + 1);
  assert.equal(inDb.filter((s) => s.startsWith('Ben ')).length, a.ben.length + 1);

  // A reload resumes from the checkpoint: nothing doubled, still synced.
  await waitSaved(ben.page);
  await ben.page.reload();
  await ben.page.locator('.doc-title', { hasText: title }).waitFor();
  await waitStatus(ben.page, 'Synced');
  await show(ben.page, 'Everyone');
  assert.deepEqual(await listedTexts(ben.page), [...everyone].sort());

  await screenshot(ana.page, 'sync-two-annotators');
  assert.deepEqual(ana.problems, []);
  assert.deepEqual(ben.problems, []);
  await ana.context.close();
  await ben.context.close();
});

test('offline, one keeps working; back online everything arrives once', { timeout: 120_000 }, async () => {
  await team();
  const a = await article();
  // A database of its own: the first journey's work is not in the way.
  await env.couch.createDatabase('outage', { members: ['ana', 'ben'] });
  const { ana, ben } = await twoAnnotators();
  const title = await openArticle(ana.page, a);
  await connect(ana.page, { name: 'Ana', user: 'ana', password: 'ana-pass', database: '/db/outage' });
  await connect(ben.page, { name: 'Ben', user: 'ben', password: 'ben-pass', database: '/db/outage' });
  await openFromLibrary(ben.page, title);
  await waitStatus(ana.page, 'Synced');
  const before = (await stored(env.couch, 'outage')).length;

  // Ana's network goes; she keeps marking, and the header says what waits.
  await ana.context.setOffline(true);
  for (const m of a.offline) await mark(ana.page, m);
  await waitStatus(ana.page, `Offline — ${a.offline.length} changes wait`, 20000);
  await screenshot(ana.page, 'sync-offline');
  // Meanwhile Ben marks too.
  await mark(ben.page, a.offlineBen);
  await waitStatus(ben.page, 'Synced');
  // Her work is kept in the browser: a reload while offline still has it.
  await waitSaved(ana.page);

  // Back online: everything arrives, once.
  await ana.context.setOffline(false);
  await waitStatus(ana.page, 'Synced', 20000);
  await show(ben.page, 'Ana');
  await ben.page.waitForFunction(
    (n) => document.querySelectorAll('aside .ann-list li').length === n, a.offline.length, { timeout: 5000 },
  );
  assert.deepEqual(await listedTexts(ben.page), a.offline.map(([t]) => t).sort());
  await show(ana.page, 'Ben');
  await ana.page.locator('aside .ann-list li .ann-text', { hasText: a.offlineBen[0] }).waitFor({ timeout: 5000 });
  assert.deepEqual(await listedTexts(ana.page), [a.offlineBen[0]]);
  const after = await stored(env.couch, 'outage');
  assert.equal(after.length, before + a.offline.length + 1, after.join('\n'));
  assert.equal(new Set(after).size, after.length, 'nothing doubled');

  // Network failures while offline are expected; nothing else went wrong.
  assert.deepEqual(ana.problems, []);
  assert.deepEqual(ben.problems, []);
  await ana.context.close();
  await ben.context.close();
});

test('a wrong password, a database one may only read, one one is not a member of: said, and nothing lost', { timeout: 120_000 }, async () => {
  await team();
  const a = await article();
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openArticle(page, a);
  await mark(page, a.ben[0]);
  await waitSaved(page);

  const wrong = await connect(page, { name: 'Ben', user: 'ben', password: 'not-his', close: false });
  assert.equal(wrong, 'Sync failed: the database did not accept this user name and password');
  await screenshot(page, 'sync-wrong-password');
  await page.getByRole('dialog', { name: 'Sync' }).getByRole('button', { name: 'Close' }).click();

  const notMember = await connect(page, { name: 'Ben', user: 'ben', password: 'ben-pass', database: '/db/private' });
  assert.match(notMember, /^Sync failed: you are signed in as ben, who is not a member of this database/);

  assert.equal(await connect(page, { name: 'Ben', user: 'ben', password: 'ben-pass', database: '/db/reference' }), 'Connected.');
  await waitStatus(page, /^Sync failed: you may not write to this database/);
  await screenshot(page, 'sync-read-only');
  assert.deepEqual(await stored(env.couch, 'reference'), [], 'nothing written');

  // The local work is all there, after a reload too.
  assert.deepEqual(await listedTexts(page), [a.ben[0][0]]);
  await page.reload();
  await page.locator('.doc-title', { hasText: a.title }).waitFor();
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listedTexts(page), [a.ben[0][0]]);
  await waitStatus(page, /^Sync failed: you may not write/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('what was known of the database cannot be read: said, sync waits for Connect, nothing lost', { timeout: 120_000 }, async () => {
  await team();
  const a = await article();
  await env.couch.createDatabase('unreadable', { members: ['ana'] });
  const { page, problems, context } = await openApp(env.browser, env.server.url);
  await openArticle(page, a);
  await connect(page, { name: 'Ana', user: 'ana', password: 'ana-pass', database: '/db/unreadable' });
  await mark(page, a.ana[0]);
  await waitStatus(page, 'Synced');
  await waitSaved(page);
  // What the browser stored of the sync is spoiled (as a faulty disk or an old build might).
  await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('gloss');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('meta', 'readwrite');
      tx.objectStore('meta').put('{ not json', 'sync');
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }));
  await page.reload();
  await page.locator('.notice.error', { hasText: /^What this browser knew of the sync database could not be read/ }).waitFor();
  assert.equal(await syncStatus(page).count(), 0, 'sync does not start by itself');
  await page.locator('aside .ann-list li').first().waitFor();
  assert.deepEqual(await listedTexts(page), [a.ana[0][0]], 'the work is all there');
  // Connect reads the database again from the start: still one copy of the annotation.
  await connect(page, { name: 'Ana', user: 'ana', password: 'ana-pass', database: '/db/unreadable' });
  await waitStatus(page, 'Synced');
  assert.equal((await stored(env.couch, 'unreadable')).length, 1);
  assert.deepEqual(await listedTexts(page), [a.ana[0][0]]);
  assert.deepEqual(problems, []);
  await context.close();
});
