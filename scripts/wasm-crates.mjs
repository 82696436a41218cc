// Where the release wasm's bytes go, by crate: the shell and each page's file, as the split
// step builds them (scripts/split-wasm.mjs) but keeping function names. For the README's size
// breakdown and for finding what to cut; not part of any build.
//
//   node scripts/wasm-crates.mjs [top]    after make dist; top: crates listed per module (12)
//   node scripts/wasm-crates.mjs --file F.wasm [top]   one module built with names (wasm-opt -g)
//
// Sizes are code bytes after wasm-opt -Oz (function bodies), attributed to the crate that
// defines each function; a generic function instantiated for another crate's type counts for
// the crate that wrote the generic code (`<T as tachys::view::Render>::build` is tachys).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeIntoMain, readUleb, sections } from './wasm-merge.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fileArg = process.argv[2] === '--file' ? process.argv[3] : null;
const TOP = Number(process.argv[fileArg ? 4 : 2] || 12);
const FEATURES = ['bulk-memory', 'mutable-globals', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'multivalue']
  .map((f) => `--enable-${f}`);
const input = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'wasm32-unknown-unknown/release/group-console.wasm');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
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
  if (name.startsWith('__wbg') || name.startsWith('__wbindgen')) return 'wasm_bindgen';
  // A split point's entry: the page's view, with what the optimiser inlined into it.
  if (name.startsWith('__wasm_split_')) return 'group_console';
  const asTrait = name.match(/^<(?:&(?:mut )?)?(?:[A-Z]\w*|\(\)) as ([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (asTrait) return asTrait[1];
  let s = name;
  while (/^[<&*[(]|^(dyn|impl|mut|const) /.test(s)) s = s.replace(/^([<&*[(]|(dyn|impl|mut|const) )/, '');
  return (s.match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/) || [])[1] || 'other';
}

/** `label: code …, data …, the largest crates`. */
function report(label, bufs) {
  const fns = bufs.flatMap(functions);
  const code = fns.reduce((n, f) => n + f.size, 0);
  const by = new Map();
  for (const f of fns) by.set(crateOf(f.name), (by.get(crateOf(f.name)) || 0) + f.size);
  const data = bufs.flatMap((b) => sections(b).filter((s) => s.id === 11).map((s) => s.end - s.start)).reduce((a, n) => a + n, 0);
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([c, n]) => `${c} ${(n / 1024).toFixed(1)} (${Math.round((100 * n) / code)}%)`);
  console.log(`${label}: code ${(code / 1024).toFixed(1)} KB, data ${(data / 1024).toFixed(1)} KB — ${top.join(', ')}`);
}

const optimise = (from, to) => new Promise((resolve, reject) => {
  const p = spawn('wasm-opt', ['-Oz', '-g', ...FEATURES, from, '-o', to], { stdio: 'ignore' });
  p.on('error', reject);
  p.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`wasm-opt ${from} failed`))));
});

if (fileArg) {
  report(fileArg, [readFileSync(fileArg)]);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'gc-crates-'));
try {
  run(join(ROOT, 'tools/wasm-split/target/release/gc-wasm-split'), [input, work, 'main']);
  const { splits } = JSON.parse(readFileSync(join(work, 'split.json'), 'utf8'));
  const pages = Object.keys(splits);
  const count = new Map();
  for (const list of Object.values(splits)) for (const m of list) count.set(m, (count.get(m) || 0) + 1);
  const inMain = [...count].filter(([, n]) => n === pages.length).map(([m]) => m);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--keep-debug', '--out-name', 'main', '--out-dir', join(work, 'bg'), join(work, 'main.wasm')]);
  mergeIntoMain(join(work, 'bg/main_bg.wasm'), inMain.map((m) => join(work, m)), join(work, 'shell.wasm'), { features: [...FEATURES, '-g'] });
  const modules = [...count.keys()].filter((m) => !inMain.includes(m));
  const jobs = [['shell.wasm', 'opt-shell.wasm'], ...modules.map((m) => [m, `opt-${m}`])];
  const queue = [...jobs];
  // wasm-opt is the slow part: one per core, as the build does it.
  await Promise.all(Array.from({ length: availableParallelism() }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await optimise(join(work, job[0]), join(work, job[1]));
  }));
  const shell = readFileSync(join(work, 'opt-shell.wasm'));
  report('shell', [shell]);
  for (const page of pages) {
    const own = splits[page].filter((m) => !inMain.includes(m));
    report(`${page}'s file (${own.length} modules)`, own.map((m) => readFileSync(join(work, `opt-${m}`))));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
