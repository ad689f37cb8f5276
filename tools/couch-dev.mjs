// `make couch`: a CouchDB-compatible server for trying sync locally (pouchdb-server, the test
// server; production is Apache CouchDB 3.x, see docs/DEPLOY.md). On 127.0.0.1:5984, stored under
// target/couch (kept between runs), with admin/admin, users alice/alice and bob/bob, a database
// `team` for both and `reference`, read-only for bob. `make serve` forwards /db/ to it
// (Trunk.toml). Ctrl-C stops it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCouch } from '../tests/e2e/couch.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'target', 'couch');
const port = Number(process.env.COUCH_PORT ?? 5984);
const first = !existsSync(join(dir, 'config.json'));

const couch = await startCouch({ disk: true, dir, port, log: process.env.COUCH_LOG === '1' });
const exists = async (path) => (await couch.request('GET', path, { auth: true })).status === 200;
for (const name of ['alice', 'bob']) {
  if (!(await exists(`/_users/org.couchdb.user:${name}`))) await couch.createUser(name, name);
}
if (!(await exists('/team'))) await couch.createDatabase('team', { members: ['alice', 'bob'] });
if (!(await exists('/reference'))) {
  await couch.createDatabase('reference', { members: ['alice', 'bob'], readOnlyFor: ['bob'] });
}

console.log(`pouchdb-server on ${couch.url} (pid ${couch.pid}), ${first ? 'new' : 'kept'} data in ${dir}`);
console.log('  admin: admin / admin    users: alice / alice, bob / bob');
console.log('  databases: team (alice, bob), reference (read-only for bob)');
console.log('In another terminal: make serve, open http://127.0.0.1:8080, then Sync:');
console.log('  Database URL /db/team (or /db/reference), User name alice, Password alice');
console.log('Ctrl-C stops the server; `rm -rf target/couch` starts afresh.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await couch.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
