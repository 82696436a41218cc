// trunk post_build hook (before csp.mjs): splits the console's wasm into the shell and one
// chunk per page, so a first visit downloads the shell and the page it opens, not all of them.
//
// trunk has no split step of its own, so this redoes the end of its Rust pipeline:
//   1. wasm-split-cli cuts cargo's wasm (built with --features split and --emit-relocs, see
//      index.html and .cargo/config.toml) at the `#[wasm_split]` functions of src/app.rs into
//      the main module, one module per page and chunks of code that several pages share,
//      plus a JS link module that fetches them;
//   2. wasm-bindgen turns the main module into the files trunk wrote (same names, so trunk's
//      loader in index.html is unchanged), keeping the exports the chunks link against;
//   3. wasm-opt -Oz optimises every module (trunk's own wasm-opt is off: data-wasm-opt="0");
//   4. chunks and the link module get content-hashed names (`name-<16 hex>.ext`, which the
//      emulator and deploy/nginx.conf cache for a year), and index.html's integrity hashes
//      are recomputed for the two files replaced;
//   5. index.html gets a small inline script that preloads the chunks of the page being
//      opened, so they download alongside the shell rather than after it.
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageModules } from './wasm-size.mjs';
import { ROUTES, routeRegExp } from './routes.mjs';

const staging = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
const targetDir = process.env.CARGO_TARGET_DIR || 'target';
const input = join(targetDir, 'wasm32-unknown-unknown', profile, 'group-console.wasm');
// The wasm features rustc enables by default for wasm32-unknown-unknown: wasm-opt must
// accept them (the split modules carry no target_features section to detect them from).
const FEATURES = ['bulk-memory', 'mutable-globals', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'multivalue'];

function check(cmd, args, { error, status, stderr }) {
  if (error?.code === 'ENOENT') throw new Error(`split-wasm: ${cmd} not found: run make setup`);
  // wasm-opt warns about the extended name subsections rustc writes; they are dropped anyway.
  const lines = (stderr || '').split('\n').filter((l) => l && !/^warning: unknown name subsection/.test(l));
  if (lines.length) console.error(lines.join('\n'));
  if (status !== 0) throw new Error(`split-wasm: ${cmd} ${args.join(' ')} failed (exit ${status})`);
}
const run = (cmd, args) => check(cmd, args, spawnSync(cmd, args, { encoding: 'utf8' }));
const runAsync = (cmd, args) => new Promise((resolve, reject) => {
  const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d) => { stderr += d; });
  p.on('error', (error) => { try { check(cmd, args, { error }); } catch (e) { reject(e); } });
  p.on('close', (status) => { try { check(cmd, args, { status, stderr }); resolve(); } catch (e) { reject(e); } });
});
const hash16 = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);
const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;

// The route table: a page's file is its chunk's name, and the preload script tests its path.
const PRELOAD_ROUTES = ROUTES.map(({ file, path }) => [file, routeRegExp(path)]);

/** An inline script for index.html: `<link rel=preload>` for the chunks of the page at
 *  location.pathname, fetched the way the link module will fetch them (CORS, same-origin
 *  credentials), so the browser reuses them instead of downloading twice. */
function preloadScript(pages) {
  return `(() => {
  const pages = ${JSON.stringify(pages)};
  const routes = ${JSON.stringify(PRELOAD_ROUTES)};
  const path = location.pathname.replace(/(.)\\/$/, '$1');
  const hit = routes.find(([, re]) => new RegExp(re).test(path));
  for (const f of hit ? pages[hit[0]] || [] : []) {
    const l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'fetch';
    l.crossOrigin = 'anonymous';
    l.href = '/' + f;
    document.head.append(l);
  }
})();`;
}

const wasmFile = readdirSync(staging).find((f) => /^group-console-[0-9a-f]+_bg\.wasm$/.test(f));
if (!wasmFile) throw new Error(`split-wasm: no group-console-<hash>_bg.wasm in ${staging}`);
const stem = wasmFile.replace(/_bg\.wasm$/, ''); // group-console-<hash>, trunk's name

const work = mkdtempSync(join(tmpdir(), 'gc-split-'));
try {
  // 1. split
  run('wasm-split-cli', [input, work, '--target', 'web', '--out-name', stem]);
  const splitOut = readdirSync(work);
  if (!splitOut.some((f) => f.startsWith('split_'))) {
    throw new Error('split-wasm: no page modules came out; was the wasm built with --features split?');
  }
  // 2. bindgen the main module under trunk's name
  const bindgen = join(work, 'bindgen');
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-name', stem, '--out-dir', bindgen, join(work, `${stem}.wasm`)]);

  // 3. optimise every module, as many at once as there are cores (npm's wasm-opt takes about
  // a second just to start, and there are some 70 modules)
  const optArgs = ['-Oz', ...FEATURES.map((f) => `--enable-${f}`)];
  const pieces = splitOut.filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  const queue = [[join(bindgen, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`)], ...pieces.map((f) => [join(work, f), join(work, `opt-${f}`)])];
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await runAsync('wasm-opt', [...optArgs, job[0], '-o', job[1]]);
  }));
  let linkJs = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  for (const f of pieces) {
    const buf = readFileSync(join(work, `opt-${f}`));
    const named = f.replace(/\.wasm$/, `-${hash16(buf)}.wasm`);
    writeFileSync(join(staging, named), buf);
    linkJs = linkJs.replaceAll(`"./${f}"`, `"./${named}"`);
  }

  // 4. hashed link module; the main JS imports it by that name
  const linkName = `wasm-split-${hash16(linkJs)}.js`;
  writeFileSync(join(staging, linkName), linkJs);
  let mainJs = readFileSync(join(bindgen, `${stem}.js`), 'utf8');
  const before = mainJs;
  // Only the `from` paths: the same string is also the wasm's import module name (a key).
  mainJs = mainJs.replace(/(\bfrom\s*["'])\.\/__wasm_split\.js(["'])/g, `$1./${linkName}$2`);
  if (mainJs === before) throw new Error('split-wasm: the main JS does not import ./__wasm_split.js');
  writeFileSync(join(staging, `${stem}.js`), mainJs);

  const indexFile = join(staging, 'index.html');
  let html = readFileSync(indexFile, 'utf8');
  // 5. the page a visit opens: its chunks download alongside the shell instead of after it
  const preload = `<script>${preloadScript(pageModules(linkJs))}</script>`;
  html = html.replace(/(\s*)(<script type="module">)/, (_, space, tag) => `${space}${preload}${space}${tag}`);
  for (const f of [`${stem}.js`, `${stem}_bg.wasm`]) {
    const re = new RegExp(`(href="[^"]*${f.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`);
    html = html.replace(re, `$1${sri(readFileSync(join(staging, f)))}$2`);
  }
  writeFileSync(indexFile, html);

  // Sizes: scripts/wasm-size.mjs, which make dist runs next.
  console.log(`split-wasm: shell ${stem}_bg.wasm and ${pieces.length} page and shared modules`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
