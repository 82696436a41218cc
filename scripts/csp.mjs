// trunk post_build hook: writes a Content-Security-Policy <meta> into the built index.html.
// trunk loads the wasm with an inline module script and the split step adds an inline preload
// script, so script-src carries their sha256 instead of 'unsafe-inline', and style-src those
// of the inlined stylesheets; 'wasm-unsafe-eval' lets the browser compile the wasm.
// connect-src: this origin (the emulator, or a CDN with the API forwarded) and the
// platform's published cluster hosts; a build for another API origin adds it with
// GC_CONNECT_SRC="https://api.example.com" make dist.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
// The stylesheets index.html inlines (no request before the first paint).
const styleHashes = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));

export const CLUSTER_HOSTS = ['https://*.capillarytech.com', 'https://*.capillarytech.cn.com'];
const extra = (process.env.GC_CONNECT_SRC || '').split(/\s+/).filter(Boolean);

const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  `style-src 'self' ${styleHashes.join(' ')}`.trim(),
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src 'self' ${[...CLUSTER_HOSTS, ...extra].join(' ')}`,
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
html = html.replace(/(<meta charset="utf-8"\s*\/?>)/i, `$1\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
writeFileSync(file, html);
writeFileSync(join(dir, 'csp.txt'), policy + '\n');
console.log(`csp: ${hashes.length} inline script and ${styleHashes.length} style hash(es); connect-src 'self' ${[...CLUSTER_HOSTS, ...extra].join(' ')}`);
