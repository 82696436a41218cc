// Merges wasm modules that the splitter cut apart back into one (scripts/split-wasm.mjs
// decides which): code every page needs joins the main module, so a first visit instantiates
// it with the shell instead of fetching it as separate modules.
//
// The splitter's page and shared modules import only the main module's memory, function table
// and a few globals (module "__wasm_split"), export nothing, and reach each other's functions
// through the shared table. binaryen's wasm-merge joins modules and links one module's imports
// to another's exports by name: the inputs' imports are renamed to come from the main module,
// which exports those very names, so the merged module keeps the main module's single memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The module name the splitter's modules import the main module's memory, table and globals from. */
export const SPLIT_MODULE = '__wasm_split';
const KIND = { table: 1, memory: 2, global: 3 };

/** The unsigned LEB128 number at `at`, and where it ends. */
export function readUleb(buf, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

export function uleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

export const wasmName = (s) => [...uleb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, body) => Buffer.from([id, ...uleb(body.length), ...body]);

/** The sections of a module: `{id, headerStart, start, end}` (`start..end` is the body). */
export function sections(buf) {
  if (buf.length < 8 || buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const out = [];
  let at = 8;
  while (at < buf.length) {
    const id = buf[at];
    const [size, body] = readUleb(buf, at + 1);
    out.push({ id, headerStart: at, start: body, end: body + size });
    at = body + size;
  }
  return out;
}

function readLimits(buf, at) {
  const flags = buf[at];
  const [min, next] = readUleb(buf, at + 1);
  if (!(flags & 1)) return [{ flags, min }, next];
  const [max, end] = readUleb(buf, next);
  return [{ flags, min, max }, end];
}

const writeLimits = ({ flags, min, max }) => [flags, ...uleb(min), ...(flags & 1 ? uleb(max) : [])];

/** wasm-streams' JavaScript classes (IntoUnderlyingSource, …Sink, …ByteSource), which
 *  wasm-bindgen exports because server_fn's browser client depends on wasm-streams (Leptos
 *  turns that on; the console has no server functions and never makes one). Nothing creates
 *  these objects, so their methods are never called. */
export const UNUSED_EXPORTS = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;

/** Rewrites the main module `file` (after wasm-bindgen) without the exports `re` matches, so
 *  wasm-opt drops the code only they reach (some 1.4 KB of the shell, compressed); returns
 *  their names. The JavaScript glue keeps its classes, which nothing calls. */
export function dropExports(file, re) {
  const buf = readFileSync(file);
  const s = sections(buf).find((x) => x.id === 7);
  if (!s) return [];
  let [count, at] = readUleb(buf, s.start);
  const kept = [];
  const dropped = [];
  for (; count > 0; count--) {
    const from = at;
    const [len, name] = readUleb(buf, at);
    const field = buf.subarray(name, name + len).toString();
    [, at] = readUleb(buf, name + len + 1);
    if (re.test(field)) dropped.push(field);
    else kept.push(buf.subarray(from, at));
  }
  const body = Buffer.concat([Buffer.from(uleb(kept.length)), ...kept]);
  writeFileSync(file, Buffer.concat([buf.subarray(0, s.headerStart), Buffer.from([7, ...uleb(body.length)]), body, buf.subarray(s.end)]));
  return dropped;
}

/** Renames the main module's imports from its JavaScript glue (`module`, wasm-bindgen's
 *  `./<stem>_bg.js`) to short names, `module` itself to `m`, in `file` and in the glue `js`;
 *  returns the glue rewritten. wasm-bindgen names each import after its JavaScript function
 *  and a hash of 16 hex digits that keeps names from different crates apart: some 250 such
 *  names were 4 KB of the shell's gzip, the hashes not compressible. The short names are as
 *  unique (`_` and a counter); the glue keeps every function, under its new key. Throws if the glue
 *  does not define each import exactly once, so a wasm-bindgen that writes its glue otherwise
 *  stops the build instead of breaking the console. */
export function shortImportNames(file, js, module) {
  const buf = readFileSync(file);
  const s = sections(buf).find((x) => x.id === 2);
  if (!s) return js;
  const renamed = new Map();
  let [count, at] = readUleb(buf, s.start);
  const out = [Buffer.from(uleb(count))];
  for (; count > 0; count--) {
    const [modLen, modAt] = readUleb(buf, at);
    const mod = buf.subarray(modAt, modAt + modLen).toString();
    const [fieldLen, fieldAt] = readUleb(buf, modAt + modLen);
    const field = buf.subarray(fieldAt, fieldAt + fieldLen).toString();
    let end = fieldAt + fieldLen;
    const kind = buf[end++];
    if (kind === 0) [, end] = readUleb(buf, end);
    else if (kind === 1 || kind === 2) {
      if (kind === 1) end++;
      const flags = buf[end++];
      [, end] = readUleb(buf, end);
      if (flags & 1) [, end] = readUleb(buf, end);
    } else end += 2;
    if (mod === module) {
      // A letter first: `1e: …` would not be a valid key in the glue's object.
      if (!renamed.has(field)) renamed.set(field, `_${renamed.size.toString(36)}`);
      out.push(Buffer.from(wasmName('m')), Buffer.from(wasmName(renamed.get(field))), buf.subarray(fieldAt + fieldLen, end));
    } else {
      out.push(buf.subarray(at, end));
    }
    at = end;
  }
  const body = Buffer.concat(out);
  writeFileSync(file, Buffer.concat([buf.subarray(0, s.headerStart), Buffer.from([2, ...uleb(body.length)]), body, buf.subarray(s.end)]));
  // The glue: `const import0 = { <name>: function(…) {…}, … }` and `"<module>": import0` in the
  // object of imports it hands to the instantiation.
  const from = js.indexOf('const import0 = {');
  const to = js.indexOf(`"${module}": import0`);
  if (from < 0 || to < from) throw new Error(`shortImportNames: the glue has no import object for ${module}`);
  let imports = js.slice(from, to);
  for (const [name, short] of renamed) {
    const re = new RegExp(`^(\\s+)${name}(: )`, 'gm');
    const found = imports.match(re)?.length || 0;
    if (found !== 1) throw new Error(`shortImportNames: the glue defines ${name} ${found} times`);
    imports = imports.replace(re, `$1${short}$2`);
  }
  const glue = js.slice(0, from) + imports + '"m": import0' + js.slice(to + `"${module}": import0`.length);
  // The rewritten glue must still parse (a module: checked by node without running it).
  const check = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: glue, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`shortImportNames: the rewritten glue does not parse:\n${check.stderr}`);
  return glue;
}

/** The imports of a split module: `{module, field, kind, desc}`. A function import (which
 *  the splitter never writes into these modules) is refused. */
export function imports(buf) {
  const s = sections(buf).find((x) => x.id === 2);
  if (!s) return [];
  let [count, at] = readUleb(buf, s.start);
  const out = [];
  const str = () => {
    const [len, from] = readUleb(buf, at);
    at = from + len;
    return buf.subarray(from, from + len).toString();
  };
  for (; count > 0; count--) {
    const module = str();
    const field = str();
    const kind = buf[at++];
    let desc;
    if (kind === KIND.table) {
      const refType = buf[at++];
      [desc, at] = readLimits(buf, at);
      desc.refType = refType;
    } else if (kind === KIND.memory) {
      [desc, at] = readLimits(buf, at);
    } else if (kind === KIND.global) {
      desc = { valType: buf[at], mutable: buf[at + 1] };
      at += 2;
    } else {
      throw new Error(`wasm-merge: import ${module}.${field} is a function; only tables, memories and globals can be shared`);
    }
    out.push({ module, field, kind, desc });
  }
  return out;
}

/** An import section: every import of `list` (as `imports` reads them) from `module`. */
function importSection(list, module) {
  const body = [...uleb(list.length)];
  for (const imp of list) {
    body.push(...wasmName(module), ...wasmName(imp.field), imp.kind);
    if (imp.kind === KIND.table) body.push(imp.desc.refType, ...writeLimits(imp.desc));
    else if (imp.kind === KIND.memory) body.push(...writeLimits(imp.desc));
    else body.push(imp.desc.valType, imp.desc.mutable);
  }
  return section(2, body);
}

/** `buf` with every import's module name replaced by `module`. */
function renameImportModule(buf, module) {
  const s = sections(buf).find((x) => x.id === 2);
  if (!s) return buf;
  return Buffer.concat([buf.subarray(0, s.headerStart), importSection(imports(buf), module), buf.subarray(s.end)]);
}

/** Refuses what this merge cannot join: exports, a start function, imports from elsewhere. */
function checkSplitModule(buf, file) {
  const list = sections(buf);
  const exported = list.find((x) => x.id === 7);
  if ((exported && readUleb(buf, exported.start)[0] > 0) || list.some((x) => x.id === 8)) {
    throw new Error(`wasm-merge: ${file} has exports or a start function`);
  }
  const other = imports(buf).find((imp) => imp.module !== SPLIT_MODULE);
  if (other) throw new Error(`wasm-merge: ${file} imports ${other.module}.${other.field}`);
}

/**
 * Merges the split modules `files` into the main module `main` (after wasm-bindgen, which
 * exports the memory, table and globals they import), written to `out`. `wasmMerge` is the
 * wasm-merge binary, `features` its --enable-… flags.
 */
export function mergeIntoMain(main, files, out, { wasmMerge = 'wasm-merge', features = [] } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'gc-merge-'));
  try {
    const args = [main, 'main'];
    for (const [i, file] of files.entries()) {
      const buf = readFileSync(file);
      checkSplitModule(buf, file);
      writeFileSync(join(work, `${i}.wasm`), renameImportModule(buf, 'main'));
      args.push(join(work, `${i}.wasm`), `m${i}`);
    }
    const r = spawnSync(wasmMerge, [...args, ...features, '-o', out], { encoding: 'utf8' });
    if (r.error?.code === 'ENOENT') throw new Error(`${wasmMerge} not found: run make setup`);
    if (r.status !== 0) throw new Error(`wasm-merge failed (exit ${r.status}): ${r.stderr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A module that imports `list` (imports of split modules, one per field) from `from` and
 *  exports each under its field name: what the split modules' imports are linked to when they
 *  are merged with each other, so the merged module imports each shared thing once. */
function importsAsExports(list, from) {
  const next = { [KIND.table]: 0, [KIND.memory]: 0, [KIND.global]: 0 };
  const exported = [...uleb(list.length)];
  for (const imp of list) exported.push(...wasmName(imp.field), imp.kind, ...uleb(next[imp.kind]++));
  return Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), importSection(list, from), section(7, exported)]);
}

/**
 * Merges split modules `files` with each other into `out`: for modules that are always
 * loaded together (the same pages' and parts' files carry them), so a page instantiates one
 * module where it would instantiate several. The result imports the main module's memory,
 * table and globals once (the largest minimum each input asks for) and exports nothing.
 */
export function mergeSiblings(files, out, { wasmMerge = 'wasm-merge', features = [] } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'gc-merge-'));
  try {
    const byField = new Map();
    const args = [];
    for (const [i, file] of files.entries()) {
      const buf = readFileSync(file);
      checkSplitModule(buf, file);
      for (const imp of imports(buf)) {
        const had = byField.get(imp.field);
        if (!had) byField.set(imp.field, imp);
        else if (had.kind !== imp.kind) throw new Error(`wasm-merge: ${imp.field} is imported as two kinds`);
        else if (imp.kind !== KIND.global && imp.desc.min > had.desc.min) had.desc.min = imp.desc.min;
      }
      writeFileSync(join(work, `${i}.wasm`), renameImportModule(buf, 'shared'));
      args.push(join(work, `${i}.wasm`), `m${i}`);
    }
    const stub = join(work, 'shared.wasm');
    writeFileSync(stub, importsAsExports([...byField.values()], SPLIT_MODULE));
    const merged = join(work, 'merged.wasm');
    const r = spawnSync(wasmMerge, [stub, 'shared', ...args, ...features, '-o', merged], { encoding: 'utf8' });
    if (r.error?.code === 'ENOENT') throw new Error(`${wasmMerge} not found: run make setup`);
    if (r.status !== 0) throw new Error(`wasm-merge failed (exit ${r.status}): ${r.stderr}`);
    // The stub's exports are the shared things themselves: nobody imports them from here.
    const buf = readFileSync(merged);
    const exported = sections(buf).find((x) => x.id === 7);
    writeFileSync(out, exported ? Buffer.concat([buf.subarray(0, exported.headerStart), buf.subarray(exported.end)]) : buf);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * What each page's and part's file carries, given the splitter's `splits` (`{point: [module
 * file]}`), the pages, the parts (`[{name, page}]`) and the modules that join the shell: `files`
 * (`{point: [group]}`) and `groups` (`{group: [module file]}`), a group being the modules that
 * are always loaded together, to be merged into one (a group of one keeps its module's name).
 * A part's file holds what its page's file does not. The splitter makes a module for every
 * set of pages and parts that shares code; modules that differ only by parts whose page
 * carries them anyway are loaded together, and are merged.
 */
export function carriage(splits, pages, parts, inShell) {
  // What is loaded before a part's code runs: its page's modules, and a dialog's tab part's.
  const before = new Map(parts.map((p) => [p.name, [p.page, ...(p.within ? [p.within] : [])]]));
  const shell = new Set(inShell);
  const carriers = new Map();
  for (const [point, modules] of Object.entries(splits)) {
    const loaded = before.get(point) || [];
    for (const m of modules) {
      if (shell.has(m) || loaded.some((p) => splits[p].includes(m))) continue;
      carriers.set(m, (carriers.get(m) || new Set()).add(point));
    }
  }
  const byKey = new Map();
  for (const [m, points] of carriers) {
    const key = [...points].sort().join(' ');
    byKey.set(key, [...(byKey.get(key) || []), m]);
  }
  const files = Object.fromEntries(Object.keys(splits).map((p) => [p, []]));
  const groups = {};
  [...byKey].sort(([a], [b]) => a.localeCompare(b)).forEach(([key, modules], i) => {
    const name = modules.length === 1 ? modules[0].replace(/\.wasm$/, '') : `merged_${i}`;
    groups[name] = modules.sort();
    for (const point of key.split(' ')) files[point].push(name);
  });
  return { files, groups };
}

/** A wasm module that only carries `modules` (`[name, bytes]`), each as a custom section of
 *  that name: one file, served and cached like any wasm, that the browser's
 *  `WebAssembly.Module.customSections` takes apart again. */
export function carrierModule(modules) {
  return Buffer.concat([
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    ...modules.map(([name, bytes]) => {
      const body = Buffer.concat([Buffer.from(wasmName(name)), bytes]);
      return Buffer.concat([Buffer.from([0, ...uleb(body.length)]), body]);
    }),
  ]);
}

/** The modules a carrier holds, `[name, bytes]` in order. */
export function carriedModules(buf) {
  return sections(buf).filter((s) => s.id === 0).map((s) => {
    const [len, from] = readUleb(buf, s.start);
    return [buf.subarray(from, from + len).toString(), buf.subarray(from + len, s.end)];
  });
}

/** The names a set of split modules import from the main module. */
export function sharedNames(bufs) {
  return [...new Set(bufs.flatMap((b) => imports(b).map((imp) => imp.field)))].sort();
}
