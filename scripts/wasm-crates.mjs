// Where the release wasm's bytes go, by crate: the shell and each page's file, as the split
// step builds them (scripts/split-wasm.mjs) but keeping function names. For the README's size
// breakdown and for finding what to cut; not part of any build.
//
//   node scripts/wasm-crates.mjs [top] [--json F]   after make dist; top: crates listed per module (12)
//   node scripts/wasm-crates.mjs --file F.wasm [top]   one module built with names (wasm-opt -g)
//
// It reads cargo's unsplit wasm, $CARGO_TARGET_DIR/wasm32-unknown-unknown/release/group-console.wasm
// (default target/), and redoes the split, merge and wasm-opt -Oz -g itself. If the dist/ of that
// build is at hand ($GC_DIST, default dist/), the shell's and pages' module lists are checked
// against its pages.json, so a report does not describe another build than the one served; without a
// pages.json the check is skipped (said on stderr). --json F also writes every crate's bytes per
// file to F (for tables). E.g. on a copy of a build:
//   CARGO_TARGET_DIR=/work/base/target GC_DIST=/work/base/dist node scripts/wasm-crates.mjs
//
// It takes minutes (some 125 wasm-opt runs; 2.5–4 min on two cores, more under load) and the
// report needs all of them, so progress goes to stderr as it goes. Any failure, signal or
// early exit says so on stderr and exits non-zero; a run that stops without the report is never
// silent (short of SIGKILL).
//
// Sizes are code bytes after wasm-opt -Oz (function bodies), attributed to the crate that
// defines each function; a generic function instantiated for another crate's type counts for
// the crate that wrote the generic code (`<T as tachys::view::Render>::build` is tachys).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { carriage, dropExports, mergeIntoMain, readUleb, sections, UNUSED_EXPORTS } from './wasm-merge.mjs';
import { PARTS } from './routes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const T0 = Date.now();
const elapsed = () => `${((Date.now() - T0) / 1000).toFixed(0)} s`;
/** Progress and diagnostics: stderr, so stdout is the report alone. */
const say = (msg) => console.error(`wasm-crates: ${msg} (${elapsed()})`);

let fileArg = null;
let jsonOut = null;
let TOP = 12;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--file' || a === '--json') {
    if (!process.argv[i + 1]) fail(`${a} needs a file name`);
    if (a === '--file') fileArg = process.argv[++i]; else jsonOut = process.argv[++i];
  } else if (/^\d+$/.test(a)) TOP = Number(a);
  else fail(`unknown argument ${a}; usage: node scripts/wasm-crates.mjs [top] [--json F] | --file F.wasm [top]`);
}
const FEATURES = ['bulk-memory', 'mutable-globals', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'multivalue']
  .map((f) => `--enable-${f}`);
const input = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'wasm32-unknown-unknown/release/group-console.wasm');

function fail(msg) {
  console.error(`wasm-crates: ${msg}`);
  process.exit(1);
}

/** Why a child did not succeed, with what it said (minus wasm-opt's warnings about rustc's
 *  extended name subsections, as in split-wasm.mjs). */
function childError(cmd, args, { error, status, signal, stderr }) {
  const said = (stderr || '').split('\n').filter((l) => l && !/^warning: unknown name subsection/.test(l)).join('\n');
  const how = error ? (error.code === 'ENOENT' ? 'not found (source scripts/env.sh; make setup)' : String(error))
    : signal ? `killed by ${signal}` : `exit ${status}`;
  return new Error(`${cmd} ${args.join(' ')}: ${how}${said ? `\n${said}` : ''}`);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error || r.status !== 0) throw childError(cmd, args, r);
  return r.stdout;
}

/** `{name, size}` of every function body, named from the name section. */
function functions(buf) {
  const list = sections(buf);
  let imported = 0;
  const imp = list.find((s) => s.id === 2);
  if (imp) {
    let [count, at] = readUleb(buf, imp.start);
    for (; count > 0; count--) {
      for (let k = 0; k < 2; k++) { const [len, from] = readUleb(buf, at); at = from + len; }
      const kind = buf[at++];
      if (kind === 0) { [, at] = readUleb(buf, at); imported++; } else if (kind === 1) { at++; const f = buf[at++]; [, at] = readUleb(buf, at); if (f & 1) [, at] = readUleb(buf, at); } else if (kind === 2) { const f = buf[at++]; [, at] = readUleb(buf, at); if (f & 1) [, at] = readUleb(buf, at); } else at += 2;
    }
  }
  const names = new Map();
  for (const s of list.filter((x) => x.id === 0)) {
    let [len, at] = readUleb(buf, s.start);
    if (buf.subarray(at, at + len).toString() !== 'name') continue;
    at += len;
    while (at < s.end) {
      const sub = buf[at];
      const [size, from] = readUleb(buf, at + 1);
      if (sub === 1) {
        let [count, p] = readUleb(buf, from);
        for (; count > 0; count--) {
          let idx; let l;
          [idx, p] = readUleb(buf, p);
          [l, p] = readUleb(buf, p);
          names.set(idx, buf.subarray(p, p + l).toString());
          p += l;
        }
      }
      at = from + size;
    }
  }
  const code = list.find((s) => s.id === 10);
  const out = [];
  if (!code) return out;
  let [count, at] = readUleb(buf, code.start);
  for (let i = 0; i < count; i++) {
    const [size, body] = readUleb(buf, at);
    out.push({ name: names.get(imported + i) || '', size });
    at = body + size;
  }
  return out;
}

/** A Rust symbol as a path: the main module's names come demangled (wasm-bindgen), the
 *  others mangled, legacy (`_ZN…E`) or v0 (`_R…`). */
function demangle(name) {
  if (name.startsWith('_R')) {
    // v0: the first crate root (`C`, an optional `s<disambiguator>_`, `<length><name>`).
    const m = name.match(/C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/);
    return m ? `${m[2].slice(0, Number(m[1]))}::` : name;
  }
  if (!name.startsWith('_ZN')) return name;
  const parts = [];
  let at = 3;
  while (at < name.length && name[at] !== 'E') {
    const len = name.slice(at).match(/^\d+/)?.[0];
    if (!len) break;
    at += len.length;
    parts.push(name.slice(at, at + Number(len)));
    at += Number(len);
  }
  const codes = { LT: '<', GT: '>', RF: '&', BP: '*', C: ',', SP: '@', LP: '(', RP: ')' };
  return parts.filter((p) => !/^h[0-9a-f]{16}$/.test(p)).join('::')
    .replace(/\$([A-Z]{1,2})\$/g, (m, c) => codes[c] ?? m)
    .replace(/\$u([0-9a-f]+)\$/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\.\./g, '::')
    .replace(/^_</, '<');
}

/** The crate a symbol's code comes from: its path's first name; for `<T as Trait>::f`,
 *  the trait's crate (the generic code is the trait implementation's). */
function crateOf(symbol) {
  const name = demangle(symbol);
  // wasm-bindgen's imports and the glue its CLI writes (externref shims, closure adapters)
  if (/^__wbg|^__wbindgen|^__externref_|externref shim(_\d+)?$|^Closure\(/.test(name)) return 'wasm_bindgen';
  // A split point's entry: the page's view, with what the optimiser inlined into it.
  if (name.startsWith('__wasm_split_')) return 'group_console';
  // (the type: a capitalised name, (), a primitive such as str, char, i64 or *mut T, or [T])
  const asTrait = name.match(/^<(?:&(?:mut )?)?(?:[A-Z]\w*|\(\)|str|char|bool|[iu](?:8|16|32|64|128|size)|f32|f64|\*(?:const|mut) \w+|\[\w+\]) as ([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (asTrait) return asTrait[1];
  let s = name;
  while (/^[<&*[(]|^(dyn|impl|mut|const) /.test(s)) s = s.replace(/^([<&*[(]|(dyn|impl|mut|const) )/, '');
  return (s.match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/) || [])[1] || 'other';
}

/** `label: code …, data …, the largest crates`; returns `{code, data, crates}` (bytes). */
function report(label, bufs) {
  const fns = bufs.flatMap(functions);
  const code = fns.reduce((n, f) => n + f.size, 0);
  const by = new Map();
  for (const f of fns) by.set(crateOf(f.name), (by.get(crateOf(f.name)) || 0) + f.size);
  const data = bufs.flatMap((b) => sections(b).filter((s) => s.id === 11).map((s) => s.end - s.start)).reduce((a, n) => a + n, 0);
  const sorted = [...by].sort((a, b) => b[1] - a[1]);
  const top = sorted.slice(0, TOP).map(([c, n]) => `${c} ${(n / 1024).toFixed(1)} (${Math.round((100 * n) / code)}%)`);
  console.log(`${label}: code ${(code / 1024).toFixed(1)} KB, data ${(data / 1024).toFixed(1)} KB — ${top.join(', ')}`);
  return { code, data, crates: Object.fromEntries(sorted) };
}

// A run that ends without its report must say so: an await left pending when the event loop
// empties ends node with exit 13 and, in node 20, no message at all; a signal (a timeout's
// SIGTERM, ^C) ends it as silently and leaves the work directory behind.
let stage = 'starting';
let reported = false;
let work = null;
const children = new Set();
function cleanUp() {
  for (const c of children) c.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
  work = null;
}
process.on('exit', (code) => {
  cleanUp();
  // node 20 passes 0 for an unsettled await and sets process.exitCode to 13
  const status = code || process.exitCode || 0;
  if (!reported) {
    console.error(`wasm-crates: stopped without the report (exit ${status}${status === 13 ? ': an await never settled' : ''}) during ${stage} after ${elapsed()}`);
    if (!status) process.exitCode = 1;
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`wasm-crates: ${sig}`);
    process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[sig]);
  });
}

const optimise = (from, to) => new Promise((resolve, reject) => {
  const args = ['-Oz', '-g', ...FEATURES, from, '-o', to];
  const p = spawn('wasm-opt', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(p);
  let stderr = '';
  p.stderr.on('data', (d) => { stderr += d; });
  p.on('error', (error) => { children.delete(p); reject(childError('wasm-opt', args, { error })); });
  p.on('close', (status, signal) => {
    children.delete(p);
    if (status === 0) resolve(); else reject(childError('wasm-opt', args, { status, signal, stderr }));
  });
});

/** Fails if `dist`'s pages.json (the split step's manifest) lists other modules per page or in
 *  the shell than this split: then the wasm read is not the build in dist. */
function checkAgainstDist(dist, splits, inMain, own) {
  const file = join(dist, 'pages.json');
  if (!existsSync(file)) {
    say(`no ${file}: not checked against a dist (set GC_DIST to the build's dist/)`);
    return;
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const names = (list) => list.map((m) => m.replace(/\.wasm$/, '')).sort().join(' ');
  const diff = [];
  if (names(manifest.inShell || []) !== names(inMain)) diff.push('the shell');
  const listed = { ...manifest.pages, ...manifest.parts };
  const expand = (list) => list.flatMap((g) => manifest.merged?.[g] || [g]);
  for (const point of new Set([...Object.keys(splits), ...Object.keys(listed)])) {
    if (names(expand(listed[point]?.modules || [])) !== names(splits[point] ? own(point) : [])) diff.push(point);
  }
  if (diff.length) {
    throw new Error(`${input} is not the build in ${dist}: ${file} lists other modules for ${diff.join(', ')} (set GC_DIST and CARGO_TARGET_DIR to the same build)`);
  }
  say(`the split matches ${file}`);
}

async function main() {
  if (fileArg) {
    report(fileArg, [readFileSync(fileArg)]);
    reported = true;
    return;
  }
  if (!existsSync(input)) throw new Error(`no ${input}: make dist first, or set CARGO_TARGET_DIR`);
  work = mkdtempSync(join(tmpdir(), 'gc-crates-'));
  stage = 'the split (gc-wasm-split)';
  say(`splitting ${input}`);
  run(join(ROOT, 'tools/wasm-split/target/release/gc-wasm-split'), [input, work, 'main']);
  const { splits } = JSON.parse(readFileSync(join(work, 'split.json'), 'utf8'));
  // The split points: a page each, and the parts of a page that travel apart (as split-wasm.mjs).
  const parts = PARTS.filter((p) => splits[p.name]);
  const pages = Object.keys(splits).filter((s) => !parts.some((p) => p.name === s));
  if (!pages.length) throw new Error(`${input} has no split points: was it built with --features split (make dist)?`);
  const count = new Map();
  for (const list of Object.values(splits)) for (const m of list) count.set(m, 0);
  for (const page of pages) for (const m of splits[page]) count.set(m, count.get(m) + 1);
  const inMain = [...count].filter(([, n]) => n === pages.length).map(([m]) => m);
  // What each file carries (as split-wasm.mjs decides it), in the splitter's own modules.
  const { files, groups } = carriage(splits, pages, parts, inMain);
  const own = (point) => files[point].flatMap((g) => groups[g]);
  checkAgainstDist(process.env.GC_DIST || join(ROOT, 'dist'), splits, inMain, own);
  stage = 'wasm-bindgen';
  say(`${count.size} modules for ${pages.length} pages; wasm-bindgen`);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--keep-debug', '--out-name', 'main', '--out-dir', join(work, 'bg'), join(work, 'main.wasm')]);
  stage = 'wasm-merge';
  say(`merging ${inMain.length} modules into the shell`);
  dropExports(join(work, 'bg/main_bg.wasm'), UNUSED_EXPORTS);
  mergeIntoMain(join(work, 'bg/main_bg.wasm'), inMain.map((m) => join(work, m)), join(work, 'shell.wasm'), { features: [...FEATURES, '-g'] });
  const modules = [...count.keys()].filter((m) => !inMain.includes(m));
  const jobs = [['shell.wasm', 'opt-shell.wasm'], ...modules.map((m) => [m, `opt-${m}`])];
  const queue = [...jobs];
  let done = 0;
  let failed = false;
  stage = 'wasm-opt';
  const workers = Math.max(1, availableParallelism());
  say(`wasm-opt -Oz -g on ${jobs.length} modules, ${workers} at a time`);
  // wasm-opt is the slow part: one per core, as the build does it. After a failure no new job
  // starts, and the error is thrown once the running ones are done.
  const results = await Promise.allSettled(Array.from({ length: workers }, async () => {
    for (let job = queue.shift(); job && !failed; job = queue.shift()) {
      try {
        await optimise(join(work, job[0]), join(work, job[1]));
      } catch (e) {
        failed = true;
        throw e;
      }
      done++;
      if (done % 10 === 0 || done === jobs.length) say(`wasm-opt ${done}/${jobs.length}`);
    }
  }));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  stage = 'the report';
  const out = { input, pages: {} };
  out.shell = report('shell', [readFileSync(join(work, 'opt-shell.wasm'))]);
  for (const point of Object.keys(splits)) {
    const mine = own(point);
    const what = pages.includes(point) ? `${point}'s file` : `part ${point}'s file`;
    out.pages[point] = report(`${what} (${mine.length} modules)`, mine.map((m) => readFileSync(join(work, `opt-${m}`))));
  }
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(out, null, 2)}\n`);
  reported = true;
  say('done');
}

try {
  await main();
} catch (e) {
  console.error(`wasm-crates: ${e.message}`);
  process.exitCode = 1;
  reported = true; // said why
} finally {
  cleanUp();
}
