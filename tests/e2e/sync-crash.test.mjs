// Sync when things go wrong, against pouchdb-server on disk (so it can be killed and started
// again): the server killed in the middle of a batch while two annotators work, then one's tab
// closed; everything arrives once, on both sides. The same person on two profiles changing one annotation offline: CouchDB's conflict is
// shown on both ("Edited on another device"), the newer change shown, the other kept, and the
// choice converges both. Screenshots and axe on the Sync dialog and the conflict, light and
// dark, wide and narrow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp, screenshot, listed, waitSaved, audit } from './harness.mjs';
import { article, openArticle, setUpTeam, connect, mark, show, openFromLibrary, stored, syncStatus, waitStatus } from './sync-common.mjs';

const env = useAppServer({ couch: { disk: true } });
/** The team's users and databases, made once (in the first test: the server starts in a hook). */
const team = () => (env.team ??= setUpTeam(env.couch));
test('the server killed in the middle of a batch, then the tab closed: everything arrives once', { timeout: 120_000 }, async () => {
  await team();
  const a = await article();
  const ana = await openApp(env.browser, env.server.url);
  const title = await openArticle(ana.page, a);
  await connect(ana.page, { name: 'Ana', user: 'ana', password: 'ana-pass' });
  await waitStatus(ana.page, 'Synced');
  // Ben works on the same article, in his own profile.
  const ben = await openApp(env.browser, env.server.url);
  await connect(ben.page, { name: 'Ben', user: 'ben', password: 'ben-pass' });
  await openFromLibrary(ben.page, title);
  await waitStatus(ben.page, 'Synced');

  // Work waits offline, so that it goes as one batch when the network is back.
  await ana.context.setOffline(true);
  const marks = [...a.ana, ...a.offline];
  for (const m of marks) await mark(ana.page, m);
  await waitStatus(ana.page, `Offline — ${marks.length} changes wait`, 20000);
  await waitSaved(ana.page);

  // The batch leaves; the server dies under it.
  const killed = new Promise((resolve) => {
    ana.page.on('request', (request) => {
      if (request.url().endsWith('/_bulk_docs') && request.method() === 'POST') resolve(env.couch.kill());
    });
  });
  await ana.context.setOffline(false);
  const late = new Promise((_, fail) => setTimeout(() => fail(new Error('no _bulk_docs within 20 s of going online')), 20000));
  await Promise.race([killed, late]);
  await waitStatus(ana.page, /^Offline — \d+ changes? wait$/, 20000);
  // Ben keeps working while the server is down: his change waits too.
  await mark(ben.page, a.offlineBen);
  await waitStatus(ben.page, 'Offline — 1 change wait', 40000);
  await waitSaved(ben.page);

  // The tab goes away too; the server comes back; a new tab carries on from what was stored.
  await ana.page.close();
  await env.couch.restart();
  const page = await ana.context.newPage();
  page.on('pageerror', (err) => ana.problems.push(`page error: ${err.message}`));
  await page.goto(env.server.url);
  await page.locator('.doc-title', { hasText: title }).waitFor();
  await waitStatus(page, 'Synced', 40000);

  await waitStatus(ben.page, 'Synced', 40000);

  // Everything arrived once: in the database, and on each side.
  const inDb = await stored(env.couch, 'team');
  assert.equal(inDb.length, marks.length + 1, inDb.join('\n'));
  assert.equal(new Set(inDb).size, inDb.length, 'nothing doubled');
  await show(ben.page, 'Ana');
  await ben.page.waitForFunction(
    (n) => document.querySelectorAll('aside .ann-list li').length === n, marks.length, { timeout: 5000 },
  );
  const seen = (await listed(ben.page)).map(([, t]) => t).sort();
  assert.deepEqual(seen, marks.map(([t]) => t).sort());
  await show(page, 'Ben');
  await page.locator('aside .ann-list li .ann-text', { hasText: a.offlineBen[0] }).waitFor({ timeout: 5000 });
  assert.deepEqual((await listed(page)).map(([, t]) => t), [a.offlineBen[0]]);
  assert.deepEqual(ana.problems, []);
  assert.deepEqual(ben.problems, []);
  await ana.context.close();
  await ben.context.close();
});

test('one annotation changed on two devices offline: the conflict is shown, both kept, the choice converges', { timeout: 120_000 }, async () => {
  await team();
  const a = await article();
  const [needle] = a.ana[0];
  const laptop = await openApp(env.browser, env.server.url);
  const title = await openArticle(laptop.page, a);
  // A fresh database for this journey: the other test's work is not in the way.
  await env.couch.createDatabase('pairs', { members: ['ana', 'ben'] });
  await connect(laptop.page, { name: 'Ana', user: 'ana', password: 'ana-pass', database: '/db/pairs' });
  await mark(laptop.page, a.ana[0]);
  await waitStatus(laptop.page, 'Synced');
  const desk = await openApp(env.browser, env.server.url);
  await connect(desk.page, { name: 'Ana', user: 'ana', password: 'ana-pass', database: '/db/pairs' });
  await openFromLibrary(desk.page, title);
  await desk.page.locator('aside .ann-list li .ann-text', { hasText: needle }).waitFor();
  await waitStatus(desk.page, 'Synced');

  // Both offline; the laptop makes it a claim, then the desk a quote.
  await laptop.context.setOffline(true);
  await desk.context.setOffline(true);
  const relabel = async (page, key) => {
    await page.locator('aside .ann-list li', { hasText: needle }).click();
    await page.keyboard.press(key);
  };
  await relabel(laptop.page, '1');
  await new Promise((ok) => setTimeout(ok, 50));
  await relabel(desk.page, '2');
  await waitSaved(laptop.page);
  await waitSaved(desk.page);

  // Back online, one after the other: CouchDB keeps both; each device shows the newer.
  await laptop.context.setOffline(false);
  await waitStatus(laptop.page, 'Synced', 20000);
  await desk.context.setOffline(false);
  await waitStatus(desk.page, 'Synced', 20000);
  const doc = await env.couch.request('GET', `/pairs/_all_docs?include_docs=true&conflicts=true`, { auth: true });
  const annotation = doc.body.rows.find((r) => r.id.startsWith('annotation:')).doc;
  assert.equal(annotation._conflicts?.length, 1, 'CouchDB holds the two versions');
  for (const device of [laptop, desk]) {
    const box = device.page.getByRole('region', { name: 'Edited on another device' });
    await device.page.locator('aside .ann-list li', { hasText: needle }).click();
    await box.waitFor({ timeout: 10000 });
    assert.deepEqual(await listed(device.page), [['Quote', needle]], 'the newer change is shown');
    assert.match(await box.textContent(), /The other: Claim/);
  }
  for (const [colorScheme, width] of [['light', 1400], ['dark', 1400], ['light', 420], ['dark', 420]]) {
    await laptop.page.emulateMedia({ colorScheme });
    await laptop.page.setViewportSize({ width, height: 900 });
    await laptop.page.getByRole('region', { name: 'Edited on another device' }).scrollIntoViewIfNeeded();
    await screenshot(laptop.page, `sync-conflict-${colorScheme}-${width}`);
    await audit(laptop.page, `conflict, ${colorScheme}, ${width}`);
  }
  await laptop.page.setViewportSize({ width: 1400, height: 1000 });

  // The laptop keeps its own (the other one there): both devices converge on it.
  await laptop.page.getByRole('button', { name: 'Keep the other' }).click();
  for (const device of [laptop, desk]) {
    await device.page.waitForFunction(
      () => document.querySelector('aside .ann-list li .tag')?.textContent === 'Claim', null, { timeout: 10000 },
    );
    await waitStatus(device.page, 'Synced', 20000);
    assert.equal(await device.page.getByRole('region', { name: 'Edited on another device' }).count(), 0);
  }
  const after = await env.couch.request('GET', `/pairs/_all_docs?include_docs=true&conflicts=true`, { auth: true });
  const settled = after.body.rows.find((r) => r.id.startsWith('annotation:')).doc;
  assert.equal(settled.label, 'claim');
  assert.equal(settled._conflicts, undefined, 'the other leaf is gone from the database');
  assert.deepEqual(laptop.problems, []);
  assert.deepEqual(desk.problems, []);
  await laptop.context.close();
  await desk.context.close();
});

test('the Sync dialog and the header, light and dark, wide and narrow', { timeout: 120_000 }, async () => {
  await team();
  for (const [colorScheme, width] of [['light', 1400], ['dark', 1400], ['light', 420], ['dark', 420]]) {
    const { page, problems, context } = await openApp(env.browser, env.server.url, { viewport: { width, height: 900 }, colorScheme });
    await connect(page, { name: 'Ana', user: 'ana', password: 'ana-pass', close: false });
    const dialog = page.getByRole('dialog', { name: 'Sync' });
    assert.equal(await dialog.getByLabel('Database URL').inputValue(), '/db/team', 'the fields keep what connected');
    assert.equal(await dialog.getByLabel('User name').inputValue(), 'ana');
    await screenshot(page, `sync-dialog-${colorScheme}-${width}`);
    await audit(page, `Sync dialog, ${colorScheme}, ${width}`);
    await page.getByRole('dialog', { name: 'Sync' }).getByRole('button', { name: 'Close' }).click();
    await waitStatus(page, 'Synced');
    // On a narrow screen too, the header's words are on screen, not past its right edge.
    const status = await syncStatus(page).boundingBox();
    assert.ok(status && status.x >= 0 && status.x + status.width <= width, `Synced in view at ${width} px: ${JSON.stringify(status)}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than the window');
    await screenshot(page, `sync-header-${colorScheme}-${width}`);
    await audit(page, `header, ${colorScheme}, ${width}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
