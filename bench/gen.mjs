#!/usr/bin/env node
// Gloss's own workload generator for the benchmark: seeded and deterministic (same seed, same
// bytes, on any machine), no Math.random, no text from elsewhere.
//
//   node bench/gen.mjs [--seed 20250601] [--chars 200000] [--sizes 500,2000,10000] [--out DIR]
//
// Writes into DIR (default: bench-data in the current folder):
//   workload-<N>.json  {"text": "...", "annotations": [{"id", "label", "start", "end"}]}
//                      labels CLAIM / QUOTE / ACTOR; offsets in Unicode code points,
//                      end-exclusive, 3 to 200 code points long, about 30 % of the spans
//                      overlapping another one (nested, crossing an edge, or covering).
//   manifest.json      the seed, text statistics, per-N statistics, the "add one" span (a few
//                      words in the first paragraph, on screen after opening) and an emoji probe
//                      (a span after the astral emoji nearest the middle of the text).
//
// The same file shapes as the peers' generator (../shared/bench-peers/gen.mjs), so bench.mjs
// reads either. The text for a given seed and length does not depend on the sizes asked for,
// and each N's annotations come from their own stream, so `--sizes 500` alone writes the very
// workload-500.json that `--sizes 500,2000` writes.
//
// The prose is synthetic news from the word lists below: one paragraph per line with a blank
// line between, typographic quotes (“ ” ‘ ’), apostrophes (’), em dashes, accented names and
// places, and one astral-plane emoji (1 code point, 2 UTF-16 units) every 4,000–6,000 characters.

import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function options(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const value = argv[i + 1];
    out[argv[i].slice(2)] = value === undefined || value.startsWith('--') ? true : value;
  }
  return out;
}

const opts = options(process.argv.slice(2));
const SEED = Number(opts.seed ?? 20250601) >>> 0;
const CHARS = Number(opts.chars ?? 200000);
const SIZES = String(opts.sizes ?? '500,2000,10000').split(',').map(Number);
const OUT = resolve(String(opts.out ?? 'bench-data'));
if (!Number.isInteger(CHARS) || CHARS < 1000) throw new Error(`--chars must be a whole number ≥ 1000, not ${opts.chars}`);
if (SIZES.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--sizes must be whole numbers ≥ 10: ${opts.sizes}`);

// ---------- randomness: splitmix32 to spread the seed, sfc32 for the stream ----------

/** A 32-bit mix of `x` (splitmix32's finaliser). */
export function mix32(x) {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97) >>> 0;
  return (x ^ (x >>> 15)) >>> 0;
}

/** A random stream from `seed` and a stream name: `.next()` in [0, 1) and helpers. */
export function stream(seed, name) {
  let h = mix32(seed);
  for (const ch of name) h = mix32(h ^ ch.codePointAt(0));
  let a = mix32(h ^ 0x1);
  let b = mix32(h ^ 0x2);
  let c = mix32(h ^ 0x3);
  let d = 1;
  const next = () => {
    // sfc32: small, fast, passes PractRand far beyond what a benchmark needs.
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // let the state settle
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  return {
    next,
    int,
    one: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** Log-uniform whole number in [lo, hi]: short spans common, long ones rare. */
    logInt: (lo, hi) => Math.min(hi, Math.max(lo, Math.round(lo * (hi / lo) ** next()))),
  };
}

// ---------- the prose ----------

export const GIVEN = ['Maëlle', 'Teodor', 'Ingrid', 'Oisín', 'Saoirse', 'Rasmus', 'Żaneta', 'Florin', 'Ayşe', 'Bartholomew',
  'Nnamdi', 'Ilse', 'Joaquín', 'Liesbeth', 'Mireille', 'Dušan', 'Halvard', 'Yusuf', 'Clémence', 'Ottilie', 'Kaito',
  'Radhika', 'Esmé', 'Vuk', 'Ágnes', 'Cormac', 'Linnea', 'Thiago', 'Wanjiru', 'Gráinne', 'Piotr', 'Sunniva'];
export const FAMILY = ['Achterberg', 'Ní Bhriain', 'Halloran', 'Kivelä', 'Nwosu', 'Marsh', 'Szabó', 'Ferreira', 'Lindahl',
  'Wąsowicz', 'Benedetti', 'Østergaard', 'Van der Berg', 'Çelik', 'Mbatha', 'Quispe', 'Thorsdóttir', 'Haugen',
  'Delacroix-Ruiz', 'Kovačević', 'Eriksdotter', 'O’Leary', 'Ishikawa', 'Bergström', 'Afolabi', 'Duchêne'];
const TITLES = ['the harbour master', 'a spokesperson for', 'the chief engineer at', 'the treasurer of',
  'a senior economist at', 'the chair of', 'a lawyer representing', 'the deputy director of', 'a researcher at',
  'the head of planning at', 'an inspector with', 'the press officer of'];
const BODIES = ['the port authority', 'the fisheries ministry', 'the regional assembly', 'the dockworkers’ union',
  'the coastal survey office', 'the ferry operators’ association', 'the tenants’ federation', 'the water board',
  'the audit commission', 'the chamber of shipping', 'the district hospital', 'the rail safety agency',
  'the schools inspectorate', 'the weather service', 'the grid operator', 'the consumer council'];
export const TOWNS = ['Saltmere', 'Vestrå', 'Kilbrannan', 'Montbérault', 'Ølstykke', 'Port Ferrol', 'Brześnica', 'Aldergate',
  'São Brás', 'Hallingsø', 'Castelnau-d’Aude', 'Ystrad Fawr', 'Løkken Vik', 'Tarrow Quay', 'Île-Rouge'];
export const SUBJECTS = ['the dredging programme', 'ferry fares', 'the sea wall', 'harbour fees', 'the fish auction',
  'night shifts at the docks', 'the flood barrier', 'rents near the waterfront', 'the pilot scheme', 'the ring road',
  'the new lock gates', 'winter heating aid', 'the container terminal', 'bus routes to the coast', 'the desalination plant',
  'the cod quota', 'the lifeboat station', 'school meals', 'the wind farm cable', 'hospital waiting lists'];
const VERBS = ['said', 'told reporters', 'wrote', 'insisted', 'conceded', 'warned', 'pointed out', 'stressed',
  'told the assembly', 'said in a statement', 'argued', 'replied'];
const WHEN = ['on Monday', 'on Tuesday', 'late on Wednesday', 'on Thursday morning', 'on Friday', 'at the weekend',
  'last month', 'in January', 'after the meeting', 'before the vote', 'this week', 'in a radio interview'];
const MOVES = ['grew', 'fell', 'doubled', 'halved', 'slipped', 'climbed', 'held steady', 'dropped'];
const SPANS_OF_TIME = ['three months', 'the past year', 'two winters', 'the last decade', 'six weeks', 'the season'];
const JUDGEMENTS = ['overdue', 'rushed', 'careful', 'unaffordable', 'cautious', 'misleading', 'bold', 'half-finished',
  'fair', 'timid', 'expensive', 'inevitable', 'long awaited', 'badly explained'];
const DEEDS = ['delay', 'fund', 'cancel', 'audit', 'extend', 'reprice', 'pause', 'redesign', 'expand', 'review'];
const PEOPLE = ['skippers', 'dock crews', 'ferry passengers', 'pensioners', 'tenants', 'shopkeepers', 'nurses',
  'apprentices', 'parents', 'lorry drivers', 'students', 'net menders'];
const MONTHS = ['March', 'June', 'September', 'December'];
// Astral-plane pictographs only: each is one code point and two UTF-16 units, no ZWJ or variation selector.
const EMOJI = ['📈', '📉', '🌊', '🐟', '🚢', '🛳', '📣', '🧾', '🏗', '🗞', '🧭', '🪝'];

function prose(rng) {
  const person = () => `${rng.one(GIVEN)} ${rng.one(FAMILY)}`;
  const amount = () => `${rng.one(['€', '£', 'kr '])}${rng.int(2, 480)}${rng.chance(0.5) ? ` ${rng.one(['thousand', 'million'])}` : ''}`;
  const percent = () => `${rng.int(1, 64)}${rng.chance(0.4) ? `.${rng.int(1, 9)}` : ''} per cent`;
  const finding = () => rng.one([
    () => `${rng.one(SUBJECTS)} ${rng.one(MOVES)} by ${percent()} over ${rng.one(SPANS_OF_TIME)}`,
    () => `${rng.one(BODIES)} had spent ${amount()} on ${rng.one(SUBJECTS)} without a tender`,
    () => `${rng.one(PEOPLE)} in ${rng.one(TOWNS)} now pay ${amount()} a year more for ${rng.one(SUBJECTS)}`,
    () => `the plan to ${rng.one(DEEDS)} ${rng.one(SUBJECTS)} was ${rng.one(JUDGEMENTS)}`,
    () => `nobody at ${rng.one(BODIES)} had asked ${rng.one(PEOPLE)} about ${rng.one(SUBJECTS)}`,
    () => `${rng.int(12, 940)} ${rng.one(PEOPLE)} signed the petition against ${rng.one(SUBJECTS)}`,
    () => `${rng.one(BODIES)} will ${rng.one(DEEDS)} ${rng.one(SUBJECTS)} by ${rng.one(MONTHS)} ${rng.int(2026, 2032)}`,
  ])();
  const upper = (s) => s[0].toUpperCase() + s.slice(1);
  return rng.one([
    () => `${person()}, ${rng.one(TITLES)} ${rng.one(BODIES)}, ${rng.one(VERBS)} ${rng.one(WHEN)} that ${finding()}.`,
    () => `“${upper(finding())},” ${person()} ${rng.one(VERBS)}. “We have the figures to show it.”`,
    () => `“${upper(finding())}” — that is how ${person()} put it ${rng.one(WHEN)}.`,
    () => `Figures released ${rng.one(WHEN)} by ${rng.one(BODIES)} suggest that ${finding()}.`,
    () => `In ${rng.one(TOWNS)}, ${rng.one(PEOPLE)} said the decision on ${rng.one(SUBJECTS)} was ${rng.one(JUDGEMENTS)}; ${person()} disagreed.`,
    () => `${person()}’s office ${rng.one(VERBS)} that ${finding()}, which ${rng.one(BODIES)} denied.`,
    () => `Supporters say ${finding()}; opponents reply that ${finding()}.`,
    () => `A banner reading ‘${upper(rng.one(DEEDS))} it properly’ hung outside ${rng.one(BODIES)} in ${rng.one(TOWNS)}.`,
    () => `${upper(rng.one(PEOPLE))} who spoke to this paper were split — some called ${rng.one(SUBJECTS)} ${rng.one(JUDGEMENTS)}, others ${rng.one(JUDGEMENTS)}.`,
  ])();
}

/** Paragraphs of at least `chars` code points in total (joined with blank lines). */
export function article(seed, chars) {
  const rng = stream(seed, 'text');
  const paragraphs = [];
  let total = 0;
  let untilEmoji = rng.int(4000, 6000);
  while (total < chars) {
    const sentences = [];
    for (let n = rng.int(2, 7); n > 0; n--) {
      let s = prose(rng);
      const length = [...s].length + 1;
      if (length >= untilEmoji) {
        s = `One reader’s reply, shared widely ${rng.one(WHEN)}, said only: “${rng.one(JUDGEMENTS)} ${rng.one(EMOJI)}”`;
        untilEmoji = rng.int(4000, 6000);
      } else {
        untilEmoji -= length;
      }
      sentences.push(s);
    }
    const p = sentences.join(' ');
    paragraphs.push(p);
    total += [...p].length + 2;
  }
  return paragraphs;
}

// ---------- the annotations ----------

const isSpace = (c) => c === ' ' || c === '\n';

/**
 * N spans over `cps` (the text's code points), none touching `keep` (the stretch where the
 * benchmark adds one more). About 85 % are disjoint "base" spans, one in each of equal slots of
 * the text, starting on a word where one is near; the rest are partners that each overlap one
 * distinct base span (inside it, across one of its edges, or around it) and stay clear of its
 * neighbours, so about 30 % of all spans overlap another.
 */
function annotations(seed, n, cps, keep) {
  const rng = stream(seed, `annotations-${n}`);
  // Spans are placed on the text without `keep` (length L), then moved past it.
  const gap = keep.end - keep.start;
  const L = cps.length - gap;
  const at = (v) => cps[v < keep.start ? v : v + gap];
  const partnersWanted = Math.round(0.15 * n);
  const k = n - partnersWanted;
  const slot = L / k;
  const labelOf = () => { const x = rng.next(); return x < 0.4 ? 'CLAIM' : x < 0.7 ? 'QUOTE' : 'ACTOR'; };
  const lengthOf = (label, room) => {
    const [lo, hi] = label === 'ACTOR' ? [3, 40] : label === 'QUOTE' ? [10, 200] : [15, 200];
    return Math.max(3, Math.min(rng.logInt(lo, hi), room, 200));
  };
  const base = [];
  for (let i = 0; i < k; i++) {
    const from = Math.floor(i * slot);
    const to = Math.floor((i + 1) * slot) - 1; // leave at least one code point before the next slot
    const label = labelOf();
    const len = lengthOf(label, Math.max(3, Math.floor(0.7 * (to - from)))); // at most 70 % of a slot
    let start = from + Math.floor(rng.next() * Math.max(1, to - from - len + 1));
    // Move to the start of the next word when it is close and the span still fits.
    let w = start;
    while (w < to && !(isSpace(at(w - 1) ?? ' ') && !isSpace(at(w)))) w++;
    if (w - start < 12 && w + len <= to) start = w;
    base.push({ label, start, end: start + len });
  }
  // Partners: distinct base spans, chosen by a partial Fisher–Yates shuffle.
  const order = base.map((_, i) => i);
  const partners = [];
  for (let j = 0; j < partnersWanted && j < k; j++) {
    const pick = j + Math.floor(rng.next() * (k - j));
    [order[j], order[pick]] = [order[pick], order[j]];
    const i = order[j];
    const b = base[i];
    const lo = i > 0 ? base[i - 1].end : 0; // free room around b: [lo, hi)
    const hi = i + 1 < k ? base[i + 1].start : L;
    const blen = b.end - b.start;
    const kind = rng.next();
    let s;
    let e;
    let label;
    if (kind < 0.45 && blen >= 6) { // nested strictly inside
      label = b.label === 'ACTOR' ? 'CLAIM' : 'ACTOR';
      const len = rng.int(3, Math.min(40, blen - 2));
      s = b.start + rng.int(1, blen - 1 - len);
      e = s + len;
    } else if (kind < 0.8) { // across one edge
      label = rng.one(['CLAIM', 'QUOTE', 'ACTOR']);
      if (rng.chance(0.5) && b.start - lo >= 2) {
        s = b.start - rng.int(1, Math.min(50, b.start - lo - 1));
        e = Math.min(b.end - 1, b.start + rng.int(1, Math.max(1, blen - 1)));
      } else {
        s = b.start + rng.int(1, Math.max(1, blen - 1));
        e = Math.min(hi - 1, b.end + rng.int(1, 60));
        if (e <= b.end) e = b.end; // no room after b: end with it
      }
    } else { // around it
      label = 'CLAIM';
      s = b.start - rng.int(0, Math.min(20, Math.max(0, b.start - lo - 1)));
      e = Math.min(hi - 1, b.end + rng.int(1, 30));
      if (e <= b.end) e = Math.min(L, b.end + 1);
    }
    s = Math.max(0, s);
    e = Math.min(L, e);
    if (e - s > 200) e = s + 200;
    if (e - s < 3) { // too short: three code points inside b, or b and one more
      s = b.start;
      e = blen >= 4 ? b.start + 3 : Math.min(L, b.end + 1);
    }
    if (s === b.start && e === b.end) { // the very span of b would merge with it: one more
      if (e < L) e += 1; else s -= 1;
    }
    partners.push({ label, start: s, end: e });
  }
  // Back onto the whole text: a span across the start of `keep` ends before it (or, when that
  // leaves too little, starts after it), everything after it moves by its length.
  const r0 = keep.start;
  const seen = new Set();
  const spans = [];
  for (const sp of [...base, ...partners]) {
    let { start: s, end: e } = sp;
    if (s < r0 && e > r0) {
      if (r0 - s >= 3) e = r0;
      else { e = r0 + (e - s); s = r0; }
    }
    s = s < r0 ? s : s + gap;
    e = e <= r0 ? e : e + gap;
    while (seen.has(`${sp.label}:${s}:${e}`)) e = e < cps.length ? e + 1 : e - 1; // Gloss would merge it
    seen.add(`${sp.label}:${s}:${e}`);
    spans.push({ label: sp.label, start: s, end: e });
  }
  spans.sort((x, y) => x.start - y.start || y.end - x.end);
  for (const sp of spans) {
    const len = sp.end - sp.start;
    const clear = sp.end <= keep.start || sp.start >= keep.end;
    if (!(sp.start >= 0 && sp.end <= cps.length && len >= 3 && len <= 200 && clear)) throw new Error(`generator bug: ${JSON.stringify(sp)}`);
  }
  return spans.map((sp, i) => ({ id: `g${String(i + 1).padStart(5, '0')}`, ...sp }));
}

/**
 * Share of spans that share at least one code point with another. With the spans sorted by
 * start, span i meets an earlier one exactly when the earlier ends reach past its start, and a
 * later one exactly when the next span starts before its end.
 */
function overlapShare(spans) {
  let hits = 0;
  let reach = -Infinity;
  for (let i = 0; i < spans.length; i++) {
    const { start, end } = spans[i];
    if (reach > start || (i + 1 < spans.length && spans[i + 1].start < end)) hits += 1;
    reach = Math.max(reach, end);
  }
  return hits / spans.length;
}

// ---------- main ----------

// Run as a script: write the workloads. Imported (bench/library.mjs): only the exports above.
function main() {

  const paragraphs = article(SEED, CHARS);
  const text = paragraphs.join('\n\n');
  const cps = [...text];
  const L = cps.length;
  const slice = (s, e) => cps.slice(s, e).join('');
  const nextWordStart = (i) => { while (i < L && isSpace(cps[i])) i++; return i; };
  const wordEnd = (i) => { while (i < L && !isSpace(cps[i])) i++; return i; };

  // "Add one": about 40 code points of whole words, a little into the first paragraph. No span
  // of the workloads comes within 8 code points of it, so it is there to be added.
  const addStart = nextWordStart(wordEnd(10));
  const addOne = { id: 'add-1', label: 'CLAIM', start: addStart, end: wordEnd(addStart + 40) };
  addOne.text = slice(addOne.start, addOne.end);
  const keep = { start: Math.max(0, addOne.start - 8), end: Math.min(L, addOne.end + 8) };

  // Emoji probe: a few words after the astral emoji nearest the middle of the text.
  const astral = [];
  cps.forEach((c, i) => { if (c.codePointAt(0) > 0xffff) astral.push(i); });
  const middle = astral.reduce((best, i) => (Math.abs(i - L / 2) < Math.abs(best - L / 2) ? i : best), astral[0] ?? 0);
  const probeStart = nextWordStart(wordEnd(Math.min(L - 1, middle + 30)));
  const probeEnd = wordEnd(Math.min(L, probeStart + 18));
  const probe = {
    id: 'probe-1', label: 'QUOTE', start: probeStart, end: probeEnd, text: slice(probeStart, probeEnd),
    astralCharsBefore: astral.filter((i) => i < probeStart).length,
    // What a UTF-16-based library would show if it read these code-point offsets as UTF-16 units.
    textIfCodePointsReadAsUtf16: text.slice(probeStart, probeEnd),
  };

  const manifest = {
    generator: 'bench/gen.mjs (Gloss)',
    seed: SEED,
    units: 'Unicode code points, end-exclusive',
    text: {
      codePoints: L,
      utf16Units: text.length,
      paragraphs: paragraphs.length,
      emoji: astral.length,
      nonAscii: cps.filter((c) => c.codePointAt(0) > 127).length,
    },
    addOne,
    probe,
    sizes: {},
  };

  mkdirSync(OUT, { recursive: true });
  for (const n of SIZES) {
    const spans = annotations(SEED, n, cps, keep);
    const file = `workload-${n}.json`;
    writeFileSync(join(OUT, file), JSON.stringify({ text, annotations: spans }));
    const lengths = spans.map((s) => s.end - s.start).sort((a, b) => a - b);
    const byLabel = {};
    for (const s of spans) byLabel[s.label] = (byLabel[s.label] ?? 0) + 1;
    manifest.sizes[n] = {
      file,
      count: spans.length,
      overlapFraction: Number(overlapShare(spans).toFixed(4)),
      byLabel,
      length: {
        min: lengths[0],
        median: lengths[lengths.length >> 1],
        p90: lengths[Math.floor(lengths.length * 0.9)],
        max: lengths[lengths.length - 1],
      },
      bytes: statSync(join(OUT, file)).size,
    };
  }
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(JSON.stringify({ out: OUT, text: manifest.text, sizes: manifest.sizes, addOne }, null, 1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
