// The harness's same-origin proxy to the test database server (serveDist({ db })): the page
// signs in and reads through `/db/`, a longpoll is streamed, and "offline" fails the page's
// requests as a dead network does. Plain fetch from the page: no sync UI involved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAppServer, openApp } from './harness.mjs';

const env = useAppServer({ couch: true });

async function setUp() {
  await env.couch.createUser('alice', 'alice').catch(() => {});
  await env.couch.createDatabase('team', { members: ['alice'] }).catch(() => {});
}

const pageFetch = (page, path, init = {}) =>
  page.evaluate(async ([path, init]) => {
    try {
      const res = await fetch(path, { credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, ...init });
      return { status: res.status, body: await res.json() };
    } catch (err) {
      return { error: `${err.name}: ${err.message}` };
    }
  }, [path, init]);

test('through /db/: the session cookie is kept for /db/, members read, writes are counted', async () => {
  await setUp();
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  assert.match(env.server.dbUrl, /^http:\/\/127\.0\.0\.1:\d+\/db\/$/);
  const login = await pageFetch(page, '/db/_session', { method: 'POST', body: JSON.stringify({ name: 'alice', password: 'alice' }) });
  assert.equal(login.status, 200);
  const cookies = await context.cookies();
  assert.deepEqual(cookies.map((c) => [c.name, c.path]), [['AuthSession', '/db/']]);
  const info = await pageFetch(page, '/db/team');
  assert.equal(info.status, 200);
  assert.equal(info.body.db_name, 'team');
  const before = env.server.stats.requests['/team/_bulk_docs'] ?? 0;
  const written = await pageFetch(page, '/db/team/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs: [{ _id: 'p1' }] }) });
  assert.equal(written.body[0].ok, true);
  assert.equal(env.server.stats.requests['/team/_bulk_docs'], before + 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a longpoll is streamed through the proxy and answers when a write comes', async () => {
  await setUp();
  const { context, page, problems } = await openApp(env.browser, env.server.url);
  await pageFetch(page, '/db/_session', { method: 'POST', body: JSON.stringify({ name: 'alice', password: 'alice' }) });
  const seq = (await pageFetch(page, '/db/team')).body.update_seq;
  const waiting = pageFetch(page, `/db/team/_changes?feed=longpoll&since=${seq}&include_docs=true&style=all_docs&conflicts=true&limit=10&timeout=10000`);
  await new Promise((ok) => setTimeout(ok, 500));
  const cookie = await env.couch.login('alice', 'alice');
  await env.couch.request('PUT', '/team/from-elsewhere', { cookie, body: { text: 'x' } });
  const page1 = await waiting;
  assert.deepEqual(page1.body.results.map((r) => r.id), ['from-elsewhere']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline: new requests and an open longpoll fail with a network error, counted apart from problems; online again works', async () => {
  await setUp();
  const { context, page, problems, dbNetworkErrors } = await openApp(env.browser, env.server.url);
  await pageFetch(page, '/db/_session', { method: 'POST', body: JSON.stringify({ name: 'alice', password: 'alice' }) });
  const seq = (await pageFetch(page, '/db/team')).body.update_seq;
  const waiting = pageFetch(page, `/db/team/_changes?feed=longpoll&since=${seq}&limit=10`);
  await new Promise((ok) => setTimeout(ok, 300));
  try {
    env.server.setOffline(true);
    assert.match((await waiting).error, /^TypeError/);
    assert.match((await pageFetch(page, '/db/team')).error, /^TypeError/);
  } finally {
    env.server.setOffline(false);
  }
  assert.equal((await pageFetch(page, '/db/team')).status, 200);
  // The app's own files are served while the database is unreachable.
  assert.equal(await page.evaluate(async () => (await fetch('./index.html')).status), 200);
  await page.waitForTimeout(200);
  assert.deepEqual(problems, []);
  assert.ok(dbNetworkErrors.length >= 1, 'the failed /db/ requests were seen');
  assert.ok(dbNetworkErrors.every((e) => /net::ERR_/.test(e)), dbNetworkErrors.join('\n'));
  await context.close();
});
