// trunk post_build hook (before csp.mjs): splits the console's wasm so a first visit downloads
// the shell and the page it opens in two wasm files, not every page.
//
// trunk has no split step of its own, so this redoes the end of its Rust pipeline:
//   1. tools/wasm-split (wasm-split-cli's library) cuts cargo's wasm (built with --features
//      split and --emit-relocs, see index.html and .cargo/config.toml) at the `#[wasm_split]`
//      functions of src/boot/chunks.rs, one per line of the route table, into the main module,
//      a module per page and a module per set of pages sharing code (some 70), and writes
//      split.json: the modules each page needs;
//   2. wasm-bindgen turns the main module into the files trunk wrote (same names, so trunk's
//      loader in index.html is unchanged), keeping the exports the other modules link to,
//      without wasm-streams' classes, which the console never uses, and with its imports from
//      the JavaScript glue under short names instead of wasm-bindgen's hashed ones (both in
//      wasm-merge.mjs);
//   3. what every page needs joins the main module (scripts/wasm-merge.mjs): it is always
//      loaded with it;
//   4. wasm-opt -Oz optimises every module (trunk's own wasm-opt is off: data-wasm-opt="0");
//   5. each page's other modules travel in one file, `page_<file>-<16 hex>.wasm`: a wasm
//      module carrying them as custom sections, taken apart and instantiated by the link
//      module this step writes (`wasm-split-<16 hex>.js`), each module once however many
//      pages' files carry it. Many small files cost more than they save: the browser opens
//      six connections at a time, and a page of some 30 modules waited on rounds of them;
//   6. dist/pages.json, the manifest: every page's path and the files its first visit needs
//      beyond the shell (scripts/wasm-size.mjs, the bench and the end-to-end tests read it),
//      and the parts of a page that travel apart (the group page's tabs but the Overview and
//      their dialogs, the Find page's searches; core/routes.json's `parts`): each part's file
//      holds what it needs beyond its page's;
//   7. index.html preloads the link module and, by a small inline script, the opened page's
//      file, after the shell's own preloads so the shell comes first.
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { carriage, carrierModule, dropExports, mergeIntoMain, mergeSiblings, sharedNames, shortImportNames, SPLIT_MODULE, UNUSED_EXPORTS } from './wasm-merge.mjs';
import { PARTS, ROUTES, routeRegExp } from './routes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const staging = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
const targetDir = process.env.CARGO_TARGET_DIR || 'target';
const input = join(targetDir, 'wasm32-unknown-unknown', profile, 'group-console.wasm');
const SPLITTER = join(ROOT, 'tools/wasm-split/target/release/gc-wasm-split');
// The wasm features rustc enables by default for wasm32-unknown-unknown: binaryen must accept
// them (the split modules carry no target_features section to detect them from).
const FEATURES = ['bulk-memory', 'mutable-globals', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'multivalue']
  .map((f) => `--enable-${f}`);
/** The manifest's name in dist/. */
export const MANIFEST = 'pages.json';

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

/** The tools' versions are stated once (Cargo.toml pins wasm-bindgen, tools/package.json
 *  binaryen): the ones on PATH must be those. */
function checkToolVersions() {
  const lock = readFileSync(join(ROOT, 'Cargo.lock'), 'utf8');
  const bindgen = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
  const haveBindgen = spawnSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).stdout?.trim().split(' ')[1];
  if (haveBindgen !== bindgen) throw new Error(`split-wasm: wasm-bindgen ${haveBindgen} on PATH, Cargo.lock has ${bindgen}: run make setup`);
  const binaryen = JSON.parse(readFileSync(join(ROOT, 'tools/package.json'), 'utf8')).dependencies.binaryen.split('.')[0];
  const haveOpt = spawnSync('wasm-opt', ['--version'], { encoding: 'utf8' }).stdout?.match(/version (\d+)/)?.[1];
  if (haveOpt !== binaryen) throw new Error(`split-wasm: wasm-opt ${haveOpt} on PATH, tools/package.json has binaryen ${binaryen}: run make setup`);
}

/** Runs `jobs` (functions returning promises) as many at once as there are cores: npm's
 *  wasm-opt takes about a second just to start. */
async function parallel(jobs) {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

/** The link module: the main wasm imports `__wasm_split_load_<page>(callback, data)` from it
 *  (wasm_split_helpers' contract: load, then call the table's `callback` with `data` and
 *  whether it worked). A page's file is fetched once and its modules instantiated once each;
 *  only successes are kept, so a failed download is tried again on the next visit. */
function linkModule(stem, shared, pageFiles) {
  return `import { initSync } from "./${stem}.js";

let imports;
function sharedImports() {
  if (imports === undefined) {
    const main = initSync(undefined, undefined);
    imports = { ${SPLIT_MODULE}: { ${shared.map((n) => `${n}: main.${n}`).join(', ')} } };
  }
  return imports;
}

function once(cache, key, start) {
  let p = cache.get(key);
  if (p === undefined) {
    p = start();
    cache.set(key, p);
    p.catch(() => { if (cache.get(key) === p) cache.delete(key); });
  }
  return p;
}

const files = new Map();
const instances = new Map();
function loadFile(file, modules) {
  return once(files, file, async () => {
    const res = await fetch(new URL("./" + file, import.meta.url));
    if (!res.ok) throw new Error(file + ": HTTP " + res.status);
    const carrier = await WebAssembly.compile(await res.arrayBuffer());
    await Promise.all(modules.map((name) => once(instances, name, () =>
      WebAssembly.instantiate(WebAssembly.Module.customSections(carrier, name)[0], sharedImports()))));
  });
}

function loader(file, modules) {
  return async (callback, data) => {
    let success = false;
    try {
      if (file) await loadFile(file, modules);
      success = true;
    } catch (e) {
      console.error(e);
    } finally {
      sharedImports().${SPLIT_MODULE}.__indirect_function_table.get(callback)(data, success);
    }
  };
}
${Object.entries(pageFiles).map(([page, { file, modules }]) => `export const __wasm_split_load_${page} = loader(${JSON.stringify(file)}, ${JSON.stringify(modules)});`).join('\n')}
`;
}

/** An inline script for index.html: `<link rel=preload>` for the file of the page at
 *  location.pathname, fetched as the link module will fetch it (CORS, same-origin
 *  credentials), so the browser uses the preloaded copy instead of downloading twice. */
function preloadScript(manifest) {
  const routes = ROUTES.filter((r) => manifest.pages[r.file].files.length).map((r) => [routeRegExp(r.path), manifest.pages[r.file].files]);
  // A part opened by its path with a query (the Find page's searches) only when there is one.
  const parts = Object.values(manifest.parts).filter((p) => p.path && p.files.length).map((p) => [routeRegExp(p.path), p.files, !!p.query]);
  return `(() => {
  const routes = ${JSON.stringify(routes)};
  const parts = ${JSON.stringify(parts)};
  const path = location.pathname.replace(/(.)\\/$/, '$1');
  const hit = routes.find(([re]) => new RegExp(re).test(path));
  const part = parts.find(([re, , query]) => new RegExp(re).test(path) && (!query || location.search.length > 1));
  for (const f of [...(hit ? hit[1] : []), ...(part ? part[1] : [])]) {
    const l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'fetch';
    l.crossOrigin = 'anonymous';
    l.href = '/' + f;
    document.head.append(l);
  }
})();`;
}

async function main() {
  checkToolVersions();
  const wasmFile = readdirSync(staging).find((f) => /^group-console-[0-9a-f]+_bg\.wasm$/.test(f));
  if (!wasmFile) throw new Error(`split-wasm: no group-console-<hash>_bg.wasm in ${staging}`);
  const stem = wasmFile.replace(/_bg\.wasm$/, ''); // group-console-<hash>, trunk's name

  const work = mkdtempSync(join(tmpdir(), 'gc-split-'));
  try {
    // 1. split, and what each page needs
    run(SPLITTER, [input, work, stem]);
    const { splits } = JSON.parse(readFileSync(join(work, 'split.json'), 'utf8'));
    const pages = ROUTES.map((r) => r.file);
    const points = [...pages, ...PARTS.map((p) => p.name)];
    const missing = points.filter((p) => !splits[p]);
    const unknown = Object.keys(splits).filter((s) => !points.includes(s));
    if (missing.length || unknown.length) {
      throw new Error(`split-wasm: the split points (${Object.keys(splits).join(', ') || 'none'}) are not the route table's pages and parts (${points.join(', ')}); was the wasm built with --features split?`);
    }
    const neededBy = new Map();
    for (const [page, modules] of Object.entries(splits)) {
      for (const m of modules) neededBy.set(m, [...(neededBy.get(m) || []), page]);
    }
    // 3. what every page needs, into the main module (with one page, that page too: the shell
    // would fetch it on every visit anyway)
    const inMain = [...neededBy].filter(([, by]) => pages.every((p) => by.includes(p))).map(([m]) => m);
    // 3b. the other modules: which file carries each, and those always loaded together merged
    // into one (a page instantiates every module of its file, one by one)
    const { files, groups } = carriage(splits, pages, PARTS, inMain);
    const merges = Object.entries(groups).filter(([, members]) => members.length > 1);
    await parallel(merges.map(([name, members]) => async () => mergeSiblings(members.map((m) => join(work, m)), join(work, `${name}.wasm`), { wasmMerge: 'wasm-merge', features: FEATURES })));
    const elsewhere = Object.keys(groups).map((g) => `${g}.wasm`);

    // 2. bindgen the main module under trunk's name, then merge
    const bindgen = join(work, 'bindgen');
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-name', stem, '--out-dir', bindgen, join(work, `${stem}.wasm`)]);
    const mainIn = join(bindgen, `${stem}_bg.wasm`);
    // wasm-streams' classes: exported, never used (wasm-merge.mjs, UNUSED_EXPORTS).
    if (!dropExports(mainIn, UNUSED_EXPORTS).length) console.error('split-wasm: no wasm-streams exports to drop (has Leptos stopped exporting them? UNUSED_EXPORTS can go)');
    // The glue's imports under short names (wasm-merge.mjs, shortImportNames): the main JS is
    // written below from this text.
    const glue = shortImportNames(mainIn, readFileSync(join(bindgen, `${stem}.js`), 'utf8'), `./${stem}_bg.js`);
    const mainMerged = join(work, 'main-merged.wasm');
    if (inMain.length) mergeIntoMain(mainIn, inMain.map((m) => join(work, m)), mainMerged, { wasmMerge: 'wasm-merge', features: FEATURES });

    // 4. optimise
    // GC_WASM_NAMES=1 keeps the function names (wasm-opt -g), so a CPU profile of a build made
    // for it names Rust functions instead of wasm-function[N]; never for a build that is served.
    const optArgs = ['-Oz', ...FEATURES, ...(process.env.GC_WASM_NAMES === '1' ? ['-g'] : [])];
    const opt = (m) => join(work, `opt-${m}`);
    await parallel([
      () => runAsync('wasm-opt', [...optArgs, inMain.length ? mainMerged : mainIn, '-o', join(staging, `${stem}_bg.wasm`)]),
      ...elsewhere.map((m) => () => runAsync('wasm-opt', [...optArgs, join(work, m), '-o', opt(m)])),
    ]);

    // 5. one file per page with the modules it needs beyond the main module
    const manifest = { shell: [], pages: {}, inShell: inMain.map((m) => m.replace(/\.wasm$/, '')).sort() };
    const pageFiles = {};
    const optimised = new Map(elsewhere.map((m) => [m, readFileSync(opt(m))]));
    const carry = (name, modules, kind) => {
      const names = modules.map((m) => m.replace(/\.wasm$/, ''));
      let file = null;
      if (modules.length) {
        const carrier = carrierModule(modules.map((m, i) => [names[i], optimised.get(m)]));
        file = `${kind}_${name}-${hash16(carrier)}.wasm`;
        writeFileSync(join(staging, file), carrier);
      }
      pageFiles[name] = { file, modules: names };
      return { files: file ? [file] : [], modules: names };
    };
    for (const r of ROUTES) manifest.pages[r.file] = { path: r.path, ...carry(r.file, files[r.file].map((g) => `${g}.wasm`), 'page') };
    // A part's file: what it needs beyond the shell and its page's file (its code is called
    // from the page's, so the page's modules are there before any of the part's runs); a
    // dialog's, beyond the tab's part it opens from too.
    manifest.parts = {};
    for (const part of PARTS) {
      const where = part.path ? { path: part.path, ...(part.query ? { query: true } : {}) } : { within: part.within };
      manifest.parts[part.name] = { page: part.page, ...where, ...carry(part.name, files[part.name].map((g) => `${g}.wasm`), 'part') };
    }
    manifest.merged = Object.fromEntries(merges.map(([name, members]) => [name, members.map((m) => m.replace(/\.wasm$/, ''))]));

    // the link module; the main JS imports it by its hashed name
    const shared = sharedNames([...optimised.values()]);
    const linkJs = linkModule(stem, shared, pageFiles);
    const linkName = `wasm-split-${hash16(linkJs)}.js`;
    writeFileSync(join(staging, linkName), linkJs);
    let mainJs = glue;
    const before = mainJs;
    // Only the `from` paths: the same string is also the wasm's import module name (a key).
    mainJs = mainJs.replace(/(\bfrom\s*["'])\.\/__wasm_split\.js(["'])/g, `$1./${linkName}$2`);
    if (mainJs === before) throw new Error('split-wasm: the main JS does not import ./__wasm_split.js');
    writeFileSync(join(staging, `${stem}.js`), mainJs);

    // 6. the manifest
    manifest.shell = [`${stem}.js`, `${stem}_bg.wasm`, linkName];
    writeFileSync(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

    // 7. index.html: integrity of the two files replaced, the link module and the page's file
    // preloaded after the shell's own preloads (trunk writes those last in <head>)
    const indexFile = join(staging, 'index.html');
    let html = readFileSync(indexFile, 'utf8');
    for (const f of [`${stem}.js`, `${stem}_bg.wasm`]) {
      const re = new RegExp(`(href="[^"]*${f.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`);
      html = html.replace(re, `$1${sri(readFileSync(join(staging, f)))}$2`);
    }
    const preload = `<link rel="modulepreload" href="/${linkName}" crossorigin="anonymous" integrity="${sri(Buffer.from(linkJs))}">`
      + `<script>${preloadScript(manifest)}</script>`;
    if (!html.includes('</head>')) throw new Error('split-wasm: index.html has no </head>');
    html = html.replace('</head>', `${preload}</head>`);
    writeFileSync(indexFile, html);

    console.log(`split-wasm: ${neededBy.size} modules: ${inMain.length} joined the shell ${stem}_bg.wasm, the rest in ${ROUTES.length} page files and ${PARTS.length} part files`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
