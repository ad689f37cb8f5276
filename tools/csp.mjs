// Trunk post-build hook: gives the built index.html a strict Content-Security-Policy.
// Trunk writes one inline module script (the wasm loader); its SHA-256 goes into the policy, so
// no other inline script can run. Applied to release builds (`make dist`); `trunk serve` adds its
// own live-reload script and is left without the policy.
// GLOSS_DB_ORIGIN (e.g. `https://couch.example.org`), if set at build time, is allowed in
// connect-src beside 'self', for a CouchDB served from another origin (docs/DEPLOY.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const profile = process.env.TRUNK_PROFILE ?? 'release';
const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (profile !== 'release') process.exit(0);
if (!staging) {
  console.error('csp.mjs: no TRUNK_STAGING_DIR');
  process.exit(1);
}
const dbOrigin = (process.env.GLOSS_DB_ORIGIN ?? '').trim().replace(/\/+$/, '');
if (dbOrigin && !/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(dbOrigin)) {
  console.error(`csp.mjs: GLOSS_DB_ORIGIN must be an origin such as https://couch.example.org, not ${dbOrigin}`);
  process.exit(1);
}
const file = join(staging, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);
export const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  `connect-src 'self'${dbOrigin ? ` ${dbOrigin}` : ''}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(/(<meta charset="utf-8"\s*\/?>)/i, `$1\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
if (!html.includes('Content-Security-Policy')) {
  console.error('csp.mjs: could not place the policy (no <meta charset="utf-8">)');
  process.exit(1);
}
writeFileSync(file, html);
console.log(`csp.mjs: policy with ${hashes.length} inline script hash(es)${dbOrigin ? `, connect-src also ${dbOrigin}` : ''}`);
