#!/usr/bin/env node
// Gloss benchmark: drives the release build (dist/) in headless Chromium on generated news-like
// workloads and prints a table (stdout and bench/RESULTS.md). Where ../shared/bench-peers/ is
// beside the project, the peers (JavaScript annotation libraries) run in the same run and the
// same browser, interleaved with Gloss on the 200,000-character workloads, and the table shows
// each figure as a ratio Gloss ÷ best peer.
//
//   node bench/bench.mjs [--runs 5] [--only 200k-2000,…] [--smoke] [--no-peers] [--paint spans|highlights]
//                        [--peers ta4-spans,…] [--peer-timeout 30000] [--md PATH]
//
// --smoke: the 20k workload once, no peers, no markdown written (make test). --md: where the
// markdown goes (default bench/RESULTS.md; a partial run, e.g. with --only, belongs elsewhere).
// Workloads come from the peers' deterministic generator (../shared/bench-peers/gen.mjs) when it
// is beside the project, so the 200,000-character ones are the very files the peers load (this
// is checked byte for byte); otherwise (a plain clone) from Gloss's own generator (bench/gen.mjs,
// same file shape) and there are no peers. GLOSS_SHARED points to another shared folder
// (GLOSS_SHARED=/nonexistent runs as a plain clone). Each workload is turned into a Gloss JSON
// file and imported through "Import annotations", as a person would.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, shared as sharedRoot } from '../tests/e2e/harness.mjs';
import { glossRun, emptyPage } from './gloss-run.mjs';
import { PEERS, PEER_SIZES, FREEZE_MS, preparePeers, servePeers, runPeer } from './peers.mjs';
import { report } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const shared = join(sharedRoot, 'bench-peers');
const withShared = existsSync(join(shared, 'gen.mjs'));
const generator = withShared ? join(shared, 'gen.mjs') : join(here, 'gen.mjs');
// Generated files are kept per generator and per version of it.
const generatorId = `${withShared ? 'peers' : 'gloss'}-${createHash('sha256').update(readFileSync(generator)).digest('hex').slice(0, 8)}`;
if (!withShared) process.stderr.write(`bench: no ${shared}/gen.mjs: workloads from bench/gen.mjs, no peers\n`);
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? true : all[i + 1]] : null)).filter(Boolean));
const smoke = Boolean(args.smoke);
const RUNS = Number(args.runs ?? (smoke ? 1 : 5));
const withPeers = withShared && !smoke && !args['no-peers'] && existsSync(join(shared, 'build.mjs'));
const peerKeys = typeof args.peers === 'string' ? args.peers.split(',') : PEERS;
const freezeMs = Number(args['peer-timeout'] ?? FREEZE_MS);
const mdPath = typeof args.md === 'string' ? resolve(args.md) : smoke ? null : join(here, 'RESULTS.md');

const WORKLOADS = [
  { key: '20k-500', chars: 20000, n: 500 },
  { key: '200k-500', chars: 200000, n: 500 },
  { key: '200k-2000', chars: 200000, n: 2000 },
  { key: '200k-10000', chars: 200000, n: 10000 },
  { key: '1M-10000', chars: 1000000, n: 10000 },
].filter((w) => (smoke ? w.key === '20k-500' : !args.only || String(args.only).split(',').includes(w.key)));

function workloadFile(w) {
  const dir = join(root, 'target', 'bench', `workloads-${generatorId}`, `${w.chars}`);
  const file = join(dir, `workload-${w.n}.json`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('node', [generator, '--chars', String(w.chars), '--sizes', String(w.n), '--out', dir], { stdio: 'ignore' });
  }
  return file;
}

/** The workload as Gloss JSON (one article), with the text each offset pair covers. */
function asGloss(w, data) {
  const cps = [...data.text];
  const at = new Date(0).toISOString();
  return JSON.stringify({
    format: 'gloss',
    version: 1,
    exported_at: at,
    documents: [{
      id: randomUUID(),
      title: `Workload ${w.key}`,
      date: null,
      text: data.text,
      text_sha256: createHash('sha256').update(data.text, 'utf8').digest('hex'),
      annotations: data.annotations.map((a) => ({
        id: randomUUID(),
        label: a.label.toLowerCase(),
        start: a.start,
        end: a.end,
        text: cps.slice(a.start, a.end).join(''),
        note: '',
        created_at: at,
        updated_at: at,
      })),
    }],
  });
}

function distSize() {
  const dist = join(root, 'dist');
  let raw = 0;
  let gz = 0;
  for (const f of readdirSync(dist)) {
    if (!/\.(wasm|js)$/.test(f)) continue;
    const body = readFileSync(join(dist, f));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { raw: raw / 1024, gz: gz / 1024 };
}

const log = (line) => process.stderr.write(`${line}\n`);
const ms = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

// The peers: copied, installed and built under target/bench/peers/, served on loopback.
let peers = null;
if (withPeers) {
  try {
    const prepared = preparePeers(shared);
    peers = { ...prepared, server: await servePeers(prepared.dir) };
  } catch (e) {
    log(`bench: the peers could not be prepared (${String(e).split('\n')[0]}): Gloss only`);
  }
}

const server = await serveDist();
// `--paint spans|highlights`: the way the article paints annotations (see src/dom/paint.rs).
const pageUrl = typeof args.paint === 'string' ? `${server.url}?paint=${args.paint}` : server.url;
const browser = await launch();
const chromium = browser.version();
const results = [];
const peerResults = [];
const floor = [];
const sameFiles = [];
const dead = new Set(); // peers that failed: their remaining runs and larger N are skipped
try {
  for (let i = 0; i < RUNS; i++) floor.push(await emptyPage(browser, pageUrl));
  log(`empty page: JS ${ms(floor[0].js)} + wasm ${ms(floor[0].wasm)} MiB (Blink ${ms(floor[0].blink)})`);
  for (const w of WORKLOADS) {
    const source = workloadFile(w);
    const data = JSON.parse(readFileSync(source, 'utf8'));
    const file = join(root, 'target', 'bench', `gloss-${w.key}.gloss.json`);
    writeFileSync(file, asGloss(w, data));
    const peerN = peers && w.chars === 200000 && PEER_SIZES.includes(w.n);
    if (peerN) {
      const same = readFileSync(source).equals(readFileSync(join(peers.dir, 'data', `workload-${w.n}.json`)));
      sameFiles.push({ key: w.key, same });
      if (!same) log(`bench: ${w.key}: Gloss's workload file differs from the peers' data/workload-${w.n}.json`);
    }
    // Gloss keeps one annotation per (label, span): the generator's rare duplicates merge.
    const unique = new Set(data.annotations.map((a) => `${a.label}:${a.start}:${a.end}`)).size;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await glossRun(browser, pageUrl, w, file, unique);
      if (r.errors.length) throw new Error(`${w.key}: page errors: ${r.errors.join('; ')}`);
      runs.push(r);
      log(`${w.key} run ${i + 1}/${RUNS}: import ${ms(r.import, 0)} ms (longest task ${ms(r.importLongestTask, 0)}, key ${ms(r.keyDuringImport, 0)}), open ${ms(r.open, 0)} ms, add ${ms(r.add)} ms, undo ${ms(r.undo)} ms`);
      if (!peerN) continue;
      for (const key of peerKeys) {
        if (dead.has(key)) continue;
        const p = await runPeer(browser, peers.server.url, key, w.n, { freezeMs });
        p.run = i + 1;
        peerResults.push(p);
        log(`  ${key} N=${w.n} run ${i + 1}: ${p.status}, load ${ms(p.load, 0)} ms, add ${ms(p.add)} ms, JS heap ${ms(p.jsHeap)} MiB${p.error ? `: ${p.error}` : ''}`);
        if (p.status !== 'ok') {
          dead.add(key);
          log(`  -> ${key}: ${p.status}; its remaining runs and larger N are skipped`);
        }
      }
    }
    results.push({ w, chars: [...data.text].length, runs, bytes: Buffer.byteLength(data.text) });
  }
} finally {
  await browser.close();
  await server.close();
  await peers?.server.close();
}

const date = new Date().toISOString();
mkdirSync(join(root, 'target', 'bench'), { recursive: true });
writeFileSync(join(root, 'target', 'bench', 'results.json'), JSON.stringify({ date, runs: RUNS, chromium, results, floor, peerResults, sameFiles }, null, 1));
const workloadsNote = !withShared
  ? 'Gloss\'s own generator (bench/gen.mjs); ../shared/bench-peers is not beside the project, so there are no peers'
  : `the peers' generator (../shared/bench-peers/gen.mjs)${sameFiles.length ? `; the 200k files are byte for byte the peers' data files: ${sameFiles.map((s) => `${s.key} ${s.same ? 'yes' : '**no**'}`).join(', ')}` : ''}`;
const machine = `${execFileSync('nproc').toString().trim()} cores, ${(Number(execFileSync('awk', ['/MemTotal/ {print $2}', '/proc/meminfo']).toString()) / 1048576).toFixed(1)} GiB; Chromium ${chromium} (headless, software raster), viewport 1280×800`;
const paintedWith = typeof args.paint === 'string' ? args.paint : 'default (spans)';
const md = report({ date, runs: RUNS, paintedWith, workloadsNote, machine, results, floor, size: distSize(), peerResults, peerKeys, manifest: peers?.manifest });
console.log(md);
if (mdPath) {
  // RESULTS.md carries the hand-written notes; another file (a partial run, the other way of
  // painting) points to them.
  const mainResults = mdPath === join(here, 'RESULTS.md');
  const notes = !mainResults
    ? `\nSee bench/NOTES.md (appended to bench/RESULTS.md) for how this is measured and what it means.\n`
    : existsSync(join(here, 'NOTES.md')) ? `\n${readFileSync(join(here, 'NOTES.md'), 'utf8')}` : '';
  writeFileSync(mdPath, md + notes);
  log(`wrote ${mdPath}`);
}
