// A CouchDB-compatible server for the sync tests: pouchdb-server (npm, pinned in package.json)
// on loopback, started and stopped by the tests by its PID. Production is Apache CouchDB 3.x;
// this speaks the same HTTP API and replication model, with the differences below, measured
// with pouchdb-server 4.2.0 and asserted in couch-server.test.mjs:
//
// - Admin: `PUT /_config/admins/NAME` (CouchDB 3: `/_node/_local/_config/admins/NAME`; pouchdb
//   -server has no `_node/...` paths). Until an admin exists everyone is admin ("admin party").
// - Request bodies are read only with `Content-Type: application/json`; any other type is taken
//   as an empty body (`_users` then says "doc.type must be user", `_security` stores `{}`),
//   where CouchDB 3 answers 415 or parses the JSON anyway. `request()` always sends the type.
// - A signed-in user who is not a member of a database gets 401 `unauthorized` (CouchDB 3: 403
//   `forbidden`); an anonymous one gets 401 on both.
// - `_bulk_docs` by a non-member is answered 201 with `{"error":"unauthorized"}` for each
//   document (CouchDB 3: the whole request 401/403); a write refused by `validate_doc_update`
//   is 201 with `{"error":"forbidden"}` per document, as in CouchDB 3.
// - `_changes?feed=longpoll` ignores `timeout`: with nothing new it never answers by itself (it
//   writes `{"results":[` at once and a newline heartbeat every 6 s, then the first change and
//   `last_seq`); CouchDB 3 closes the request after `timeout` ms with an empty page. A client
//   must abort a longpoll itself. When changes are already there both answer at once.
// - `seq` and `last_seq` are numbers (CouchDB 3: opaque strings such as "3-g1AAAA…").
// - The `AuthSession` cookie has `Path=/; HttpOnly` and no `Version`; a fresh cookie comes back
//   on each authenticated request. Like CouchDB 3, `DELETE /_session` only clears the cookie in
//   the browser: the old value stays valid until it times out (600 s).
// - The cookie secret is made anew at each start unless `couch_httpd_auth/secret` is set, so a
//   restart would sign everyone out (401); CouchDB 3 keeps its secret. startCouch sets one, kept
//   in the config file, so cookies outlive `restart()` as on CouchDB.
// - `GET /_all_dbs` answers anyone (CouchDB 3: admins only). `_node/_local/...` is 404.
// - `_bulk_docs` with `new_edits: false` answers `[]` and stores the given revisions (and a
//   repeated batch once), `?open_revs=[...]` answers `[{ok: doc} | {missing: rev}]` and
//   `conflicts=true` adds `_conflicts`, all as in CouchDB 3 (the losing and winning revision is
//   picked the same way: longest, then highest rev hash).
// - `--in-memory` keeps nothing across a restart; `--dir` stores with leveldown (its prebuilt
//   binary, loaded without running its install script; see .npmrc), and keeps `_users` too.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const serverBin = join(root, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');
const guardScript = join(here, 'couch-guard.cjs');

/** Servers still running in this process: killed by PID if the process exits without stop(). */
const running = new Set();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function freePort() {
  const probe = createServer();
  await new Promise((ok, fail) => probe.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

const basic = ({ name, password }) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

/**
 * Starts pouchdb-server on 127.0.0.1 with an admin (admin party off).
 * - `disk`: store under a temporary folder (kept across `restart()`), else in memory;
 * - `dir`: that folder instead of a temporary one (kept after `stop()`);
 * - `port`: 0 for a free one;
 * - `log`: the server's own log lines on this process's stdout.
 */
export async function startCouch({
  disk = false,
  dir,
  admin = { name: 'admin', password: 'admin' },
  port = 0,
  log = false,
} = {}) {
  const work = dir ?? mkdtempSync(join(tmpdir(), 'gloss-couch-'));
  mkdirSync(work, { recursive: true });
  port = port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    serverBin,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--config', join(work, 'config.json'),
    ...(disk ? ['--dir', join(work, 'data')] : ['--in-memory']),
    ...(log ? [] : ['--no-stdout-logs']),
  ];
  if (disk) mkdirSync(join(work, 'data'), { recursive: true });

  let child;
  let guard;
  let exited;

  async function spawnServer() {
    // Its working folder takes the log file (log.txt) it writes.
    child = spawn(process.execPath, args, {
      cwd: work,
      stdio: ['ignore', log ? 'inherit' : 'ignore', 'pipe'],
    });
    running.add(child.pid);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (log) process.stderr.write(chunk);
    });
    const pid = child.pid;
    exited = new Promise((ok) => child.once('exit', (code, signal) => {
      running.delete(pid);
      ok({ code, signal });
    }));
    guard = spawn(process.execPath, [guardScript, String(process.pid), String(pid)], {
      stdio: 'ignore',
      detached: true,
    });
    guard.unref();
    let gone = false;
    exited.then(() => (gone = true));
    const deadline = Date.now() + 20000;
    for (;;) {
      if (gone) throw new Error(`pouchdb-server exited at start: ${stderr}`);
      try {
        const res = await fetch(`${url}/`);
        if (res.ok) {
          await res.arrayBuffer();
          return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`pouchdb-server did not answer on ${url}: ${stderr}`);
      await sleep(100);
    }
  }

  async function endServer(signal) {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(child.pid, signal);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
    try {
      process.kill(guard.pid, 'SIGKILL');
    } catch {
      // it ended by itself
    }
  }

  /**
   * One HTTP request. `body` is sent as JSON (a string as it is); `cookie` is a Cookie header
   * value (from `login()`); `auth` is `true` for the admin or `{ name, password }` (Basic).
   * Answers `{ status, headers, text, body }`, `body` the parsed JSON or null.
   */
  async function request(method, path, { body, cookie, auth, headers = {}, signal } = {}) {
    const h = { accept: 'application/json', ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (cookie) h.cookie = cookie;
    if (auth) h.authorization = basic(auth === true ? admin : auth);
    const res = await fetch(`${url}${path.startsWith('/') ? path : `/${path}`}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal,
    });
    const text = await res.text();
    let parsed = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  async function must(method, path, options, what) {
    const res = await request(method, path, { auth: true, ...options });
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.body;
  }

  await spawnServer();
  // Admin party off: once an admin exists, only it may change the config, users and security.
  if (!(await request('GET', '/_session', { auth: true })).body?.userCtx?.roles?.includes('_admin')) {
    await must('PUT', `/_config/admins/${encodeURIComponent(admin.name)}`, { auth: false, body: JSON.stringify(admin.password) }, 'creating the admin');
    // A secret kept in the config file: sessions outlive restart(), as on CouchDB 3.
    await must('PUT', '/_config/couch_httpd_auth/secret', { body: JSON.stringify(randomUUID()) }, 'setting the cookie secret');
  }

  const handle = {
    url,
    port,
    dir: work,
    get pid() {
      return child.pid;
    },
    admin,
    request,

    /** A user in `_users` (roles: plain names, e.g. ['team']). */
    createUser(name, password, { roles = [] } = {}) {
      return must('PUT', `/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
        body: { _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user' },
      }, `creating user ${name}`);
    },

    /**
     * A database with `_security` members (names and roles) and admins; with members, anyone
     * else is refused. `readOnlyFor` names users whose writes a `validate_doc_update` design
     * document refuses (`forbidden`), as a read-only layer on CouchDB 3 is set up.
     */
    async createDatabase(name, { members = [], memberRoles = [], admins = [], readOnlyFor = [] } = {}) {
      await must('PUT', `/${name}`, {}, `creating database ${name}`);
      await must('PUT', `/${name}/_security`, {
        body: {
          admins: { names: admins, roles: [] },
          members: { names: members, roles: memberRoles },
        },
      }, `securing database ${name}`);
      if (readOnlyFor.length) {
        const names = JSON.stringify(readOnlyFor);
        await must('PUT', `/${name}/_design/readonly`, {
          body: {
            validate_doc_update: `function (newDoc, oldDoc, userCtx) {
  if (${names}.indexOf(userCtx.name) !== -1) {
    throw({ forbidden: 'This database is read-only for ' + userCtx.name + '.' });
  }
}`,
          },
        }, `making ${name} read-only`);
      }
    },

    /** Signs in through `_session`; answers the Cookie header value `AuthSession=…`. */
    async login(name, password) {
      const res = await request('POST', '/_session', { body: { name, password } });
      const cookie = /AuthSession=[^;]*/.exec(res.headers.get('set-cookie') ?? '')?.[0];
      if (res.status !== 200 || !cookie) throw new Error(`login ${name}: ${res.status} ${res.text}`);
      return cookie;
    },

    /** Ends the server (SIGTERM) and removes its temporary folder. */
    async stop() {
      await endServer('SIGTERM');
      if (!dir) rmSync(work, { recursive: true, force: true });
    },

    /** Kills the server outright (SIGKILL, like a crash); `restart()` brings it back. */
    kill() {
      return endServer('SIGKILL');
    },

    /** Stops (if running) and starts again on the same port and the same folder. */
    async restart() {
      await endServer('SIGTERM');
      await spawnServer();
    },
  };
  return handle;
}
