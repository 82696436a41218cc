// The release build's sizes (make dist prints them; bench/run.mjs records them): the shell,
// which every first visit downloads, and for each page what its first visit downloads (the
// shell and the page's file), from the manifest the split step writes (dist/pages.json).
//
//   node scripts/wasm-size.mjs [dist]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** dist/pages.json: `{shell: [files], pages: {<file>: {path, files, modules}}, parts: {<name>:
 *  {page, path, query?, files, modules} | {page, within, files, modules}}, inShell}`. */
export function pagesManifest(dist = 'dist') {
  const file = join(dist, 'pages.json');
  if (!existsSync(file)) throw new Error(`no ${file}: run make dist`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

export const gzip = (buf) => gzipSync(buf, { level: 9 });
export const brotli = (buf) => brotliCompressSync(buf, {
  params: { [zc.BROTLI_PARAM_QUALITY]: zc.BROTLI_MAX_QUALITY, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length },
});

function sizes(dist, files) {
  let raw = 0;
  let gz = 0;
  let br = 0;
  for (const f of files) {
    const buf = readFileSync(join(dist, f));
    raw += buf.length;
    gz += gzip(buf).length;
    br += brotli(buf).length;
  }
  return { files: files.length, raw, gzip: gz, brotli: br };
}

export function wasmReport(dist = 'dist') {
  const manifest = pagesManifest(dist);
  const shellWasm = manifest.shell.filter((f) => f.endsWith('.wasm'));
  const shell = { file: shellWasm[0], ...sizes(dist, shellWasm), js: sizes(dist, manifest.shell.filter((f) => f.endsWith('.js'))) };
  const pages = Object.entries(manifest.pages).map(([page, p]) => {
    const own = sizes(dist, p.files);
    return { page, path: p.path, names: p.files, modules: p.modules.length, ...own, withShellGzip: own.gzip + shell.gzip, withShellBrotli: own.brotli + shell.brotli };
  }).sort((a, b) => a.page.localeCompare(b.page));
  // A deep link to a page's part (a group tab, a search) downloads the page's file and the
  // part's; a dialog's part comes on top of its tab's.
  const entries = Object.entries(manifest.parts || {});
  const part = ([name, p]) => {
    const own = sizes(dist, p.files);
    const under = p.within ? part([p.within, manifest.parts[p.within]]) : pages.find((x) => x.page === p.page);
    const [gzip, brotli] = p.within ? [under.withPageGzip, under.withPageBrotli] : [under.withShellGzip, under.withShellBrotli];
    return { part: name, page: p.page, path: p.query ? `${p.path}?…` : p.path, within: p.within, names: p.files, modules: p.modules.length, ...own, withPageGzip: own.gzip + gzip, withPageBrotli: own.brotli + brotli };
  };
  const parts = entries.map(part);
  const total = sizes(dist, readdirSync(dist).filter((f) => f.endsWith('.wasm')));
  return { shell, pages, parts, total, inShell: manifest.inShell.length, home: firstVisit(dist, manifest, '/') };
}

/** Every file a first visit of `path` (a page's address without a query) downloads, each
 *  compressed on its own as a server sends it: index.html (its CSS and scripts inline), the
 *  files it names (the icon, config.json, the JS, the shell's wasm, the link module) and the
 *  page's file that its preload script adds. (bench/run.mjs counts what a browser fetched.) */
export function firstVisit(dist, manifest, path) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<link\b[^>]*\bhref="\/([^"?#]+)"/g)].map((m) => m[1]);
  const page = Object.values(manifest.pages).find((p) => p.path === path);
  const files = [...new Set(['index.html', ...named, ...manifest.shell, ...(page ? page.files : [])])].filter((f) => existsSync(join(dist, f)));
  return { path, names: files, ...sizes(dist, files) };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = wasmReport(process.argv[2] || 'dist');
  const s = r.shell;
  console.log(`wasm shell ${s.file}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli (with ${r.inShell} modules every page needs)`);
  for (const p of r.pages) {
    console.log(`  first visit of ${p.path} (${p.page}): shell + ${p.files} file of ${p.modules} modules = ${kb(p.withShellGzip)} gzip, ${kb(p.withShellBrotli)} brotli`);
  }
  for (const p of r.parts.filter((p) => p.path)) {
    console.log(`  first visit of ${p.path} (${p.page} + part ${p.part}): shell + page + ${p.files} file of ${p.modules} modules = ${kb(p.withPageGzip)} gzip, ${kb(p.withPageBrotli)} brotli`);
  }
  for (const p of r.parts.filter((p) => p.within)) {
    console.log(`  dialog part ${p.part} (within ${p.within}): ${kb(p.gzip)} gzip, ${kb(p.brotli)} brotli on top; with the tab ${kb(p.withPageGzip)} gzip, ${kb(p.withPageBrotli)} brotli`);
  }
  const h = r.home;
  console.log(`  first visit of ${h.path}, every file it downloads (${h.names.join(', ')}): ${kb(h.gzip)} gzip, ${kb(h.brotli)} brotli`);
  console.log(`  all ${r.total.files} wasm files: ${kb(r.total.raw)} raw, ${kb(r.total.gzip)} gzip`);
}
