// The release wasm's sizes (make dist prints them; bench/run.mjs records them): the shell,
// which every first visit downloads and which has the 150 KB gzip budget, and for each page
// what its first visit downloads (shell + the page's chunk + the chunks it shares with other
// pages), read from the link module scripts/split-wasm.mjs wrote.
//
//   node scripts/wasm-size.mjs [dist]      WASM_GZIP_BUDGET=153600 (bytes) overrides the budget
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET = Number(process.env.WASM_GZIP_BUDGET || 153600); // 150 KB

function sizes(dist, files) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of files) {
    const buf = readFileSync(join(dist, f));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
    brotli += brotliCompressSync(buf, {
      params: { [zc.BROTLI_PARAM_QUALITY]: zc.BROTLI_MAX_QUALITY, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length;
  }
  return { files: files.length, raw, gzip, brotli };
}

/** page → the wasm files its first visit fetches (its own module, then the shared chunks),
 *  read from wasm-split-cli's link module. */
export function pageModules(linkJs) {
  const chunkFile = new Map([...linkJs.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)]
    .map((m) => [m[1], m[2]]));
  const pages = {};
  for (const m of linkJs.matchAll(/export const __wasm_split_load_(\w+?) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g)) {
    const own = m[2].match(/new URL\("\.\/([^"]+)"/);
    const deps = m[3].split(',').map((c) => c.trim()).filter(Boolean).map((c) => chunkFile.get(c));
    pages[m[1]] = [...(own ? [own[1]] : []), ...deps];
  }
  return pages;
}

export function wasmReport(dist = 'dist') {
  const all = readdirSync(dist);
  const shellFile = all.find((f) => /^group-console-[0-9a-f]{12,16}_bg\.wasm$/.test(f));
  if (!shellFile) throw new Error(`no group-console-<hash>_bg.wasm in ${dist}: run make dist`);
  const shell = { file: shellFile, ...sizes(dist, [shellFile]), budgetGzip: BUDGET };
  shell.withinBudget = shell.gzip <= BUDGET;

  const pages = [];
  const linkFile = all.find((f) => /^wasm-split-[0-9a-f]{16}\.js$/.test(f));
  if (linkFile) {
    for (const [page, files] of Object.entries(pageModules(readFileSync(join(dist, linkFile), 'utf8')))) {
      const own = sizes(dist, files);
      pages.push({ page, names: files, ...own, withShellGzip: own.gzip + shell.gzip });
    }
    pages.sort((a, b) => a.page.localeCompare(b.page));
  }
  const total = sizes(dist, all.filter((f) => f.endsWith('.wasm')));
  return { shell, pages, total };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = wasmReport(process.argv[2] || 'dist');
  const s = r.shell;
  console.log(`wasm shell ${s.file}: ${s.raw} bytes raw, ${s.gzip} bytes gzip (budget ${BUDGET}${s.withinBudget ? '' : ', OVER'})`);
  for (const p of r.pages) {
    console.log(`  first visit of page ${p.page}: shell + ${p.files} modules = ${kb(p.withShellGzip)} gzip`);
  }
  console.log(`  all ${r.total.files} modules: ${kb(r.total.raw)} raw, ${kb(r.total.gzip)} gzip`);
  if (!s.withinBudget) console.error(`WARNING: the shell is over the 150 KB gzip budget by ${s.gzip - BUDGET} bytes`);
}
