// The test database server speaks the parts of CouchDB's HTTP API that Gloss's sync uses
// (crates/gloss-core/src/sync/wire.rs, src/sync/http.rs), and where it differs from CouchDB 3,
// the difference is pinned here so that a new pouchdb-server version cannot change it unseen
// (the list is in couch.mjs). No browser: plain HTTP against startCouch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startCouch } from './couch.mjs';

let couch;
const cookies = {};

before(async () => {
  couch = await startCouch();
  for (const name of ['alice', 'bob', 'eve']) await couch.createUser(name, name);
  await couch.createDatabase('team', { members: ['alice', 'bob'] });
  await couch.createDatabase('reference', { members: ['alice', 'bob'], readOnlyFor: ['bob'] });
  for (const name of ['alice', 'bob', 'eve']) cookies[name] = await couch.login(name, name);
});

after(() => couch?.stop());

const changesPath = (db, query) =>
  `/${db}/_changes?style=all_docs&include_docs=true&conflicts=true&${query}`;

test('the admin party is over: anonymous is no admin, the admin is', async () => {
  const anonymous = await couch.request('GET', '/_session');
  assert.deepEqual(anonymous.body.userCtx, { name: null, roles: [] });
  const admin = await couch.request('GET', '/_session', { auth: true });
  assert.deepEqual(admin.body.userCtx, { name: 'admin', roles: ['_admin'] });
  const config = await couch.request('PUT', '/_config/admins/mallory', { body: '"x"' });
  assert.equal(config.status, 401);
});

test('_session: POST sets an AuthSession cookie, GET names its user, DELETE clears it, a wrong password is 401', async () => {
  const login = await couch.request('POST', '/_session', { body: { name: 'alice', password: 'alice' } });
  assert.equal(login.status, 200);
  assert.deepEqual(login.body, { ok: true, name: 'alice', roles: [] });
  assert.match(login.headers.get('set-cookie'), /^AuthSession=[^;]+; Path=\/; HttpOnly/);
  const cookie = /AuthSession=[^;]+/.exec(login.headers.get('set-cookie'))[0];

  const who = await couch.request('GET', '/_session', { cookie });
  assert.equal(who.body.userCtx.name, 'alice');
  assert.equal(who.body.info.authenticated, 'cookie');

  const out = await couch.request('DELETE', '/_session', { cookie });
  assert.equal(out.status, 200);
  assert.match(out.headers.get('set-cookie'), /AuthSession=; Path=\/; Expires=Thu, 01 Jan 1970/);

  const wrong = await couch.request('POST', '/_session', { body: { name: 'alice', password: 'nope' } });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error, 'unauthorized');
});

test('_security members: a member reads, a signed-in non-member and anonymous get 401 (CouchDB 3: 403 for the signed-in one)', async () => {
  assert.equal((await couch.request('GET', '/team', { cookie: cookies.alice })).status, 200);
  assert.equal((await couch.request('GET', '/team', { auth: { name: 'bob', password: 'bob' } })).status, 200);
  for (const [who, options] of [['eve', { cookie: cookies.eve }], ['anonymous', {}]]) {
    for (const path of ['/team', changesPath('team', 'limit=5'), '/team/anything']) {
      const res = await couch.request('GET', path, options);
      assert.equal(res.status, 401, `${who} ${path}`);
      assert.equal(res.body.error, 'unauthorized');
    }
  }
});

test('_bulk_docs by a non-member: 201 with an "unauthorized" error per document, and nothing stored', async () => {
  const res = await couch.request('POST', '/team/_bulk_docs', {
    cookie: cookies.eve,
    body: { docs: [{ _id: 'eve-1', text: 'x' }, { _id: 'eve-2', text: 'y' }] },
  });
  assert.equal(res.status, 201);
  assert.deepEqual(res.body.map((r) => [r.id, r.error]), [['eve-1', 'unauthorized'], ['eve-2', 'unauthorized']]);
  assert.equal((await couch.request('GET', '/team/eve-1', { auth: true })).status, 404);
});

test('a database read-only for bob: his writes are refused "forbidden", alice writes, bob reads', async () => {
  const bulk = await couch.request('POST', '/reference/_bulk_docs', {
    cookie: cookies.bob,
    body: { docs: [{ _id: 'ref-bob', text: 'b' }] },
  });
  assert.equal(bulk.status, 201);
  assert.equal(bulk.body[0].error, 'forbidden');
  assert.match(bulk.body[0].reason, /read-only for bob/);

  const put = await couch.request('PUT', '/reference/ref-bob', { cookie: cookies.bob, body: { text: 'b' } });
  assert.equal(put.status, 403);

  const asAlice = await couch.request('POST', '/reference/_bulk_docs', {
    cookie: cookies.alice,
    body: { docs: [{ _id: 'ref-alice', text: 'a' }] },
  });
  assert.equal(asAlice.body[0].ok, true);
  const read = await couch.request('GET', '/reference/ref-alice', { cookie: cookies.bob });
  assert.equal(read.status, 200);
  assert.equal(read.body.text, 'a');
  assert.equal((await couch.request('GET', '/reference/ref-bob', { auth: true })).status, 404);
});

test('_bulk_docs new_edits:false stores the given revision; the same batch again stores it once', async () => {
  const doc = { _id: 'art-1', _rev: '1-aaaa', text: 'one', _revisions: { start: 1, ids: ['aaaa'] } };
  for (let i = 0; i < 2; i++) {
    const res = await couch.request('POST', '/team/_bulk_docs', {
      cookie: cookies.alice,
      body: { new_edits: false, docs: [doc] },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, []);
  }
  const stored = await couch.request('GET', '/team/art-1?revs_info=true', { cookie: cookies.alice });
  assert.equal(stored.body._rev, '1-aaaa');
  assert.deepEqual(stored.body._revs_info, [{ rev: '1-aaaa', status: 'available' }]);
  const feed = await couch.request('GET', changesPath('team', 'limit=100'), { cookie: cookies.alice });
  assert.equal(feed.body.results.filter((r) => r.id === 'art-1').length, 1);
  assert.deepEqual(feed.body.results.find((r) => r.id === 'art-1').changes, [{ rev: '1-aaaa' }]);
});

test('two revisions from one parent: a conflict shown by conflicts=true and fetched by open_revs', async () => {
  const parent = { _id: 'ann-1', _rev: '1-p', label: 'Quote', _revisions: { start: 1, ids: ['p'] } };
  const mine = { _id: 'ann-1', _rev: '2-bbbb', label: 'Claim', _revisions: { start: 2, ids: ['bbbb', 'p'] } };
  const theirs = { _id: 'ann-1', _rev: '2-cccc', label: 'Source', _revisions: { start: 2, ids: ['cccc', 'p'] } };
  for (const docs of [[parent], [mine], [theirs]]) {
    await couch.request('POST', '/team/_bulk_docs', { cookie: cookies.alice, body: { new_edits: false, docs } });
  }
  const feed = await couch.request('GET', changesPath('team', 'limit=100'), { cookie: cookies.alice });
  const change = feed.body.results.find((r) => r.id === 'ann-1');
  assert.deepEqual(change.changes.map((c) => c.rev).sort(), ['2-bbbb', '2-cccc']);
  // The winner is the higher revision id, as CouchDB picks it; the other is listed.
  assert.equal(change.doc._rev, '2-cccc');
  assert.deepEqual(change.doc._conflicts, ['2-bbbb']);

  const revs = encodeURIComponent(JSON.stringify(['2-bbbb', '2-cccc', '3-nope']));
  const open = await couch.request('GET', `/team/ann-1?open_revs=${revs}`, { cookie: cookies.alice });
  assert.equal(open.status, 200);
  assert.deepEqual(open.body, [
    { ok: { _id: 'ann-1', _rev: '2-bbbb', label: 'Claim' } },
    { ok: { _id: 'ann-1', _rev: '2-cccc', label: 'Source' } },
    { missing: '3-nope' },
  ]);
});

test('changes longpoll: answers at once when changes are there, and when a write comes', async () => {
  const first = await couch.request('GET', changesPath('team', 'feed=longpoll&since=0&limit=1&timeout=1000'), {
    cookie: cookies.alice,
  });
  assert.equal(first.body.results.length, 1);
  assert.ok(first.body.last_seq !== undefined);

  const now = await couch.request('GET', '/team', { cookie: cookies.alice });
  const since = now.body.update_seq;
  const started = Date.now();
  const waiting = couch.request('GET', changesPath('team', `feed=longpoll&since=${since}&limit=10&timeout=10000`), {
    cookie: cookies.alice,
  });
  await new Promise((ok) => setTimeout(ok, 500));
  await couch.request('PUT', '/team/late', { cookie: cookies.alice, body: { text: 'late' } });
  const page = await waiting;
  assert.ok(Date.now() - started >= 500, 'it waited for the write');
  assert.deepEqual(page.body.results.map((r) => r.id), ['late']);
  assert.equal(page.body.results[0].doc.text, 'late');
  assert.equal(page.body.last_seq, page.body.results[0].seq);
});

test('changes longpoll ignores timeout: with nothing new it only sends "{"results":[" and newline heartbeats (CouchDB 3 answers an empty page)', async () => {
  const now = await couch.request('GET', '/team', { cookie: cookies.alice });
  const path = changesPath('team', `feed=longpoll&since=${now.body.update_seq}&limit=10&timeout=300&heartbeat=400`);
  const chunks = await new Promise((ok, fail) => {
    const got = [];
    const started = Date.now();
    const req = http.get(`${couch.url}${path}`, { headers: { cookie: cookies.alice } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => got.push(chunk));
      res.on('end', () => fail(new Error(`answered after ${Date.now() - started} ms: ${got.join('')}`)));
    });
    req.on('error', () => {});
    setTimeout(() => {
      req.destroy();
      ok(got.join(''));
    }, 1500);
  });
  assert.match(chunks, /^\{"results":\[\n\n+$/);
  assert.ok(chunks.split('\n').length >= 3, 'at least two heartbeats in 1.5 s');
});

test('on disk: documents, users, the admin and a session cookie outlive a kill and a restart on the same port', async () => {
  const disk = await startCouch({ disk: true });
  try {
    await disk.createUser('alice', 'alice');
    await disk.createDatabase('team', { members: ['alice'] });
    const cookie = await disk.login('alice', 'alice');
    await disk.request('PUT', '/team/kept', { cookie, body: { text: 'kept' } });
    const { pid, port } = disk;
    await disk.kill();
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
    await disk.restart();
    assert.notEqual(disk.pid, pid);
    assert.equal(disk.port, port);
    const doc = await disk.request('GET', '/team/kept', { cookie });
    assert.equal(doc.status, 200);
    assert.equal(doc.body.text, 'kept');
    assert.equal((await disk.request('GET', '/team', { cookie: cookies.eve })).status, 401);
    assert.equal((await disk.request('GET', '/_session', { auth: true })).body.userCtx.name, 'admin');
  } finally {
    await disk.stop();
  }
});

test('in memory: a restart keeps nothing', async () => {
  const memory = await startCouch();
  try {
    await memory.request('PUT', '/scratch', { auth: true });
    await memory.restart();
    assert.equal((await memory.request('GET', '/scratch', { auth: true })).status, 404);
  } finally {
    await memory.stop();
  }
});
