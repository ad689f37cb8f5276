// The benchmark's markdown: Gloss's figures per workload, the new per-edit figures against
// their targets, and Gloss beside the peers measured in the same run (ratio Gloss ÷ best peer).

const finite = (xs) => xs.filter(Number.isFinite);
export const median = (xs) => { const s = finite(xs).sort((a, b) => a - b); if (!s.length) return NaN; const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
/** Nearest-rank 95th percentile. */
export const p95 = (xs) => { const s = finite(xs).sort((a, b) => a - b); return s.length ? s[Math.ceil(0.95 * s.length) - 1] : NaN; };
const num = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
/** "**median** (min–max)" of the finite values; how many are missing, if any. */
const fmt = (xs, d = 1) => {
  const s = finite(xs);
  if (!s.length) return 'n/a';
  const missing = xs.length - s.length;
  return `**${num(median(s), d)}** (${num(Math.min(...s), d)}–${num(Math.max(...s), d)})${missing ? `, ${missing} missing` : ''}`;
};
const col = (runs, k, d) => fmt(runs.map((r) => r[k]), d);
const all = (runs, k) => runs.flatMap((r) => r.samples?.[k] ?? []);
const mark = (ok) => (ok ? ' ✓' : ' ✗');
/** "JS + wasm = total (Blink)", medians (memory barely varies between runs). */
const mem = (runs, js, wasm, blink) => {
  const m = (k) => median(runs.map((r) => r[k] ?? 0));
  return `${num(m(js))} + ${num(m(wasm))} = **${num(m(js) + m(wasm))}** (${num(m(blink))})`;
};
export const budgetMiB = (bytes, n) => (5 * bytes + 1024 * n) / 1048576;

function glossTable(results) {
  let md = '| workload | import Gloss JSON → painted | open from library → painted | add one (key → painted) | undo (key → painted) | click → sidebar shows it | scroll: dropped frames / frames | memory after import: JS heap + wasm (Blink heap) MiB | memory in a fresh page that loads it: JS heap + wasm (Blink heap) MiB | DOM elements |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n';
  for (const { w, runs } of results) {
    md += `| ${w.key} | ${col(runs, 'import', 0)} | ${col(runs, 'open', 0)} | ${col(runs, 'add')} | ${col(runs, 'undo')} | ${col(runs, 'select')} | ${median(runs.map((r) => r.dropped))} / ${median(runs.map((r) => r.frames))} | ${mem(runs, 'jsHeap', 'wasm', 'blink')} | ${mem(runs, 'jsHeapLoad', 'wasmLoad', 'blinkLoad')} | ${median(runs.map((r) => r.dom))} |\n`;
  }
  md += '\nThe add one, undo and click columns are the first sample of each run (as before); the table below has every sample.\n';
  return md;
}

/** An interaction's samples against ≤ 8 ms median and ≤ 16 ms p95. */
const edit = (xs) => {
  const [m, p] = [median(xs), p95(xs)];
  if (!Number.isFinite(m)) return 'n/a';
  const missing = xs.length - finite(xs).length;
  return `**${num(m)}** / ${num(p)}${mark(m <= 8 && p <= 16)}${missing ? ` (${missing} of ${xs.length} not painted)` : ''}`;
};

function targetsTable(results, floor) {
  let md = '\n## Against the targets\n\nEvery sample of every run: **median** / p95 (ms), key or click → painted; ✓ or ✗ against the target. Interactions: median ≤ 8 ms and p95 ≤ 16 ms. Import: ≤ 150 ms at 200k / 2,000. Longest task during the import: ≤ 50 ms (the Long Tasks API reports only tasks over 50 ms; 0 = none). Memory (a fresh page that loads the article, JS heap + wasm): ≤ 5 × the article\'s UTF-8 bytes + 1 KiB per annotation.\n\n';
  md += '| workload | samples per run | add one | undo | redo | relabel | delete | click → shown | import → painted | longest task in the import | longest frame in the import | key during the import → next frame (worst; presses) | memory fresh page / budget (MiB) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n';
  for (const { w, runs, bytes } of results) {
    const per = (k) => Math.round(all(runs, k).length / runs.length);
    const imp = median(runs.map((r) => r.import));
    const importCell = w.key === '200k-2000' ? `**${num(imp, 0)}**${mark(imp <= 150)}` : `**${num(imp, 0)}**`;
    const lt = median(runs.map((r) => r.importLongestTask));
    const keys = runs.map((r) => r.keyDuringImport);
    const frame = median(runs.map((r) => r.importLongestFrame));
    const memory = median(runs.map((r) => r.jsHeapLoad + r.wasmLoad));
    const budget = budgetMiB(bytes, w.n);
    md += `| ${w.key} | ${per('add')} / ${per('undo')} / ${per('redo')} / ${per('relabel')} / ${per('delete')} / ${per('select')} | ${edit(all(runs, 'add'))} | ${edit(all(runs, 'undo'))} | ${edit(all(runs, 'redo'))} | ${edit(all(runs, 'relabel'))} | ${edit(all(runs, 'delete'))} | ${edit(all(runs, 'select'))} | ${importCell} | **${num(lt, 0)}**${mark(lt <= 50)} (max ${num(Math.max(...runs.map((r) => r.importLongestTask)), 0)}) | **${num(frame, 0)}** | ${fmt(keys, 0)}; ${median(runs.map((r) => r.keysDuringImport))} | **${num(memory)}** / ${num(budget)}${mark(memory <= budget)} |\n`;
  }
  md += '\nSamples per run: add / undo / redo / relabel / delete / click. The import is timed only at 200k / 2,000 against its target; the longest frame (Long Animation Frames API: a frame’s tasks and the style, layout and paint they lead to, which the Long Tasks API leaves out; 0 = none over 50 ms) and the key during the import (from the moment the driver sent a Shift press, which means nothing to Gloss, to the end of the next frame after the page handled it; in a second fresh page so that the presses do not touch the import timed here) have no target of their own: with no task over 50 ms a key would be answered within about 50 ms plus a frame. ';
  if (floor.length) {
    const m = (k) => median(floor.map((f) => f[k]));
    md += `**Empty-page floor** (a fresh page with only the built-in sample article, after a forced GC; ${floor.length} run(s)): JS heap ${num(m('js'))} + wasm ${num(m('wasm'))} = **${num(m('js') + m('wasm'))} MiB**, Blink heap ${num(m('blink'))} MiB, ${median(floor.map((f) => f.dom))} DOM elements.`;
  }
  return `${md}\n`;
}

/** Gloss ÷ the best (smallest) peer median. */
const ratio = (gloss, peers) => {
  const best = Math.min(...finite(peers));
  return Number.isFinite(gloss) && Number.isFinite(best) && best > 0 ? `**${(gloss / best).toFixed(2)}×**` : 'n/a';
};

function peersTable(results, peerResults, peerKeys, manifest) {
  const rows = [
    ['load: Gloss open from library → painted; peers load → painted (ms)', (rs) => rs.map((r) => r.open), (ps) => ps.map((p) => p.load), 0],
    ['load: Gloss import Gloss JSON → painted; peers load → painted (ms)', (rs) => rs.map((r) => r.import), (ps) => ps.map((p) => p.load), 0],
    ['add one → painted (ms; Gloss: every sample, from the key)', (rs) => all(rs, 'add'), (ps) => ps.map((p) => p.add), 1],
    ['memory after load: JS heap + wasm (MiB; Gloss: fresh page that loads it)', (rs) => rs.map((r) => r.jsHeapLoad + r.wasmLoad), (ps) => ps.map((p) => p.jsHeap + p.wasm), 1],
    ['Blink heap after load (MiB)', (rs) => rs.map((r) => r.blinkLoad), (ps) => ps.map((p) => p.blink), 1],
    ['DOM elements after load', (rs) => rs.map((r) => r.dom), (ps) => ps.map((p) => p.dom), 0],
  ];
  let md = `\n## Beside the peers (200,000 characters, same run, same browser, runs interleaved)\n\nEach Gloss run of a 200k workload is followed by one run of each peer in a fresh context and page of the same Chromium, driven as the peers' own bench.mjs drives them (its in-page harness, ../shared/bench-peers/). Cells: **median** (min–max) of this run's runs; the last column is Gloss's median ÷ the best peer's median (< 1: Gloss ahead). Peers: ${peerKeys.map((k) => `\`${k}\` = ${peerResults.find((p) => p.key === k && p.peer)?.peer ?? k}`).join('; ')}.\n\n`;
  md += `| figure | N | Gloss | ${peerKeys.join(' | ')} | Gloss ÷ best peer |\n|---|---:|---:|${peerKeys.map(() => '---:').join('|')}|---:|\n`;
  for (const [name, gloss, peer, d] of rows) {
    for (const n of [500, 2000, 10000]) {
      const g = results.find(({ w }) => w.key === `200k-${n}`);
      if (!g) continue;
      const gs = gloss(g.runs);
      const cells = peerKeys.map((k) => {
        const ok = peerResults.filter((p) => p.key === k && p.n === n && p.status === 'ok');
        return ok.length ? peer(ok) : [];
      });
      const statusOf = (k) => {
        const bad = peerResults.filter((p) => p.key === k && p.n === n && p.status !== 'ok').map((p) => p.status);
        return bad.length ? ` (${[...new Set(bad)].join(', ')})` : '';
      };
      const peerCells = peerKeys.map((k, i) => `${cells[i].length ? fmt(cells[i], d) : 'n/a'}${statusOf(k)}`);
      md += `| ${name} | ${n} | ${fmt(gs, d)} | ${peerCells.join(' | ')} | ${ratio(median(gs), cells.map((c) => median(c)))} |\n`;
    }
  }
  const failed = peerResults.filter((p) => p.status !== 'ok');
  md += `\nPeer runs: ${peerResults.length}, ${failed.length ? failed.map((p) => `${p.key} N=${p.n} run ${p.run}: ${p.status}${p.error ? ` (${p.error})` : ''}`).join('; ') : 'all ok'}. A peer whose run fails (freeze: no answer for 30 s; no-paint; crash; error) is reported here and skipped for its remaining runs and larger N, as in the peers' own bench; the rest of the bench goes on.`;
  if (manifest) md += ` Workload: the peers' gen.mjs, seed ${manifest.seed}, ${manifest.text.codePoints.toLocaleString('en')} code points, ${manifest.text.emoji} astral emoji.`;
  return `${md}\n`;
}

/** The whole markdown. */
export function report({ date, runs, paintedWith, workloadsNote, machine, results, floor, size, peerResults, peerKeys, manifest }) {
  let md = `# Gloss benchmark\n\nGenerated by \`make bench\` on ${date}; ${runs} run(s) per workload, fresh page each run; median **bold** (min–max). Times in ms. Annotations painted: ${paintedWith} (src/dom/paint.rs).\n\n`;
  md += `Workloads: ${workloadsNote}.\n\nMachine: ${machine}.\n\n`;
  md += glossTable(results);
  md += `\nDownload (dist/ wasm + js): ${size.raw.toFixed(0)} KiB raw, **${size.gz.toFixed(0)} KiB gzip**.\n\nMemory budget (5 × article UTF-8 + 1 KiB per annotation): ${results.map(({ w, bytes }) => `${w.key}: ${budgetMiB(bytes, w.n).toFixed(1)} MiB`).join(', ')}.\n`;
  md += targetsTable(results, floor);
  if (peerResults.length) md += peersTable(results, peerResults, peerKeys, manifest);
  return md;
}
