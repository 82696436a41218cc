// `make bench`: size, load, rendering and parsing figures of the release console, each paired
// in the same run with its reference so the result is a ratio that holds on a noisy machine.
// Prints a table, writes bench/results.json and bench/results.md (the README includes the latter).
//
//   BENCH_RUNS=5         runs per figure (median, min–max)
//   BENCH_LH_RUNS=3      Lighthouse runs per preset (0 skips Lighthouse)
//   BENCH_IMPORT_RUNS=3  runs of the import of 1,000 rows (tools/testkit.mjs importThousand; 0 skips it)
//   GC_SERVER_BIN, GC_DIST   the server and the release dist/ (defaults: target/debug/gc-server, dist/)
//   BENCH_COMMIT         the commit dist/ was built from, when not this work tree's HEAD
//   BENCH_ONLY=screens   only the screens' rows (search results, a Members tab page, the History
//                        tab's transactions and points ledger, the reward-group catalogue, each
//                        against bench/tables-reference.html): no wasm
//                        report (so no dist/pages.json needed), first visits, member loads, import
//                        or Lighthouse; writes bench/out/results-screens.{json,md} and leaves
//                        bench/results.* as they are
//   BENCH_ONLY=group     only the group page's loads against bench/reference.html (goals 3–5)
//                        and their traces: no wasm report, first visits, screens, import or
//                        Lighthouse; writes bench/out/results-group.{json,md}, results.* stay
//   BENCH_TRACE=0        skips the traced loads of the group page (where response → painted goes);
//                        they write their traces to bench/out/trace-*.json.gz (DevTools opens them)
//   BENCH_TRACE_RUNS=1   traced loads per page and group (when more, the one with the median total)
//   node bench/run.mjs --markdown   re-renders results.md from results.json, measuring nothing
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROME_PATH, DEMO, DIST, ROUTES, SERVER_BIN, importThousand, launchBrowser, startServer } from '../tools/testkit.mjs';
import { OPENED_PARTS, partAddress } from '../scripts/routes.mjs';
import { wasmReport } from '../scripts/wasm-size.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const OUT = join(BENCH, 'out');
const RUNS = int(process.env.BENCH_RUNS, 5);
const LH_RUNS = int(process.env.BENCH_LH_RUNS, 3);
const IMPORT_RUNS = int(process.env.BENCH_IMPORT_RUNS, 3);
const ONLY = process.env.BENCH_ONLY || '';
if (ONLY && ONLY !== 'screens' && ONLY !== 'group') throw new Error(`BENCH_ONLY=${ONLY}: the parts that run alone are "screens" and "group"`);
const TRACE = process.env.BENCH_TRACE !== '0';
const TRACE_RUNS = Math.max(1, int(process.env.BENCH_TRACE_RUNS, 1));
/** Paths of the platform's API: its answers are a page's data, not the console's weight. */
const API_PATHS = /^\/(v2|v3\/oauth|api_gateway)\//;
/** The group's GET, whose answer the members list is read from. */
const GROUP_GET = '/v2/userGroup2';
/** The group a route's `:id` opens when every page is visited (the docs' example). */
const SAMPLE_GROUP = 3918893;
const GROUPS = [
  { id: 5000000, members: 30000 },
  { id: 5000300, members: 300 },
];
const SCROLL = { steps: 200, step: 300 };
/** Screens measured "API answer in hand → first table rows painted" against
 *  bench/tables-reference.html: the console's address, the API path whose answer the rows are
 *  made of, and the rows (the same selector in both pages). */
const SCREENS = [
  // "a" is in 13 of the emulator's seeded groups (names, external IDs, e-mails): a full first page of 10.
  { key: 'search', title: 'search results', path: '/?q=a', api: '/v2/userGroup2/search', rows: 'table.results-table tbody tr' },
  { key: 'members', title: 'Members tab page', path: '/groups/5000000/members', api: '/v2/userGroup2/members', rows: 'table.members-list tbody tr' },
  { key: 'transactions', title: 'History: transactions', path: '/groups/5000000/history', api: '/v2/userGroup2/transactions', rows: 'section[aria-labelledby=transactions-title] tbody tr' },
  // The 1,503-entry ledger's first page of 10, a page of the History tab like the transactions.
  { key: 'ledger', title: 'History: points ledger', path: '/groups/5000000/history', api: '/v2/pointsLedger/getCustomerLedgerInfo', rows: 'section[aria-labelledby=ledger-title] tbody tr' },
  // The catalogue's first page in the platform's order (rank), from the reward host (the demo's: this origin).
  { key: 'rewards', title: 'Reward groups', path: '/reward-groups', api: '/api_gateway/core/v1/group', rows: 'table.catalogue-table tbody tr' },
  // A reward group's rewards: "Gaming Zone"'s full page of 100 by their rank in it, read after the
  // group's own GET with the Brand ID of the signed-in settings (the demo's, 25).
  { key: 'groupRewards', title: 'Reward group: its rewards', path: '/reward-groups/2410', api: '/api_gateway/core/v1/reward/list/brand/25', rows: 'table.rewards-table tbody tr' },
];
const VIEWPORT = { width: 1280, height: 900 };
const USER = DEMO.username;
const PASSWORD_MD5 = createHash('md5').update(DEMO.password).digest('hex');
const AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD_MD5}`).toString('base64')}`;

function int(v, d) {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : d;
}
const log = (...a) => console.error('[bench]', ...a);

// ------------------------------------------------------------------ statistics
function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median: round(median), min: round(v[0]), max: round(v[v.length - 1]), n: v.length };
}
function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (x) => Math.round(x * 100) / 100;
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);

// ------------------------------------------------------------------ machine
function machine(browserVersion) {
  let cpu = cpus()[0]?.model || 'unknown';
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  let nproc = cpus().length;
  try { nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()); } catch { /* keep os.cpus */ }
  let os = '';
  try { os = (readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m) || [])[1] || ''; } catch { /* none */ }
  return {
    date: new Date().toISOString(),
    nproc,
    cpu,
    memoryGiB: Math.round(Number(readFileSyncSafe('/proc/meminfo').match(/MemTotal:\s+(\d+)/)?.[1] || 0) / 1048576),
    os,
    chromium: browserVersion,
    node: process.version,
    loadAverageAtStart: loadavg().map((x) => round(x)),
    commit: process.env.BENCH_COMMIT || gitCommit(),
  };
}
/** The commit measured: BENCH_COMMIT when the dist/ was built elsewhere, else HEAD (+ "dirty"). */
function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: BENCH, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch { return 'unknown'; }
}
function readFileSyncSafe(p) { try { return readFileSync(p, 'utf8'); } catch { return ''; } }

// ------------------------------------------------------------------ 1. sizes
// scripts/wasm-size.mjs: the shell, each page's first visit, all files (from dist/pages.json).

// ------------------------------------------------------------------ pages
async function newContext(browser, { signedIn }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (signedIn) {
    // What Settings → Save stores (src/state.rs): public settings in localStorage, the
    // password's MD5 in sessionStorage ("Remember" off).
    await context.addInitScript(({ settings, secrets }) => {
      try {
        localStorage.setItem('gc.settings', settings);
        sessionStorage.setItem('gc.secrets', secrets);
      } catch { /* about:blank */ }
    }, {
      // brandId: the demo's brand, which a reward group's rewards are listed by.
      settings: JSON.stringify({ authMode: 'basic', username: USER, remember: false, brandId: 25 }),
      secrets: JSON.stringify({ passwordMd5: PASSWORD_MD5 }),
    });
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.benchErrors = errors;
  return { context, page };
}

async function waitForMark(page, name, timeout = 60000) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout, polling: 50 });
}

/** Records every response of `page` from now on: `{url, status, bytes}` (bytes on the wire). */
async function recordRequests(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const reqs = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId) || {};
    reqs.set(e.requestId, { ...r, url: e.response.url, status: e.response.status, encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '' });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId) || {};
    reqs.set(e.requestId, { ...r, bytes: e.encodedDataLength });
  });
  return () => {
    const all = [...reqs.values()].filter((r) => r.url && !r.url.startsWith('data:'));
    const isApi = (r) => API_PATHS.test(new URL(r.url).pathname);
    const sum = (list) => list.reduce((n, r) => n + (r.bytes || 0), 0);
    const own = all.filter((r) => !isApi(r));
    return {
      bytes: sum(own),
      requests: own.length,
      apiBytes: sum(all.filter(isApi)),
      apiRequests: all.filter(isApi).length,
      resources: all.map((r) => ({ path: new URL(r.url).pathname, status: r.status, encoding: r.encoding, bytes: r.bytes })),
    };
  };
}

/** A cold first visit of `/`: bytes on the wire, paint and time to a usable input. */
async function firstVisit(browser, base) {
  const { context, page } = await newContext(browser, { signedIn: false });
  // In-page timestamps (no polling from here): when the first text input exists (index.html's
  // static search box, a plain form: typing and Enter work before the wasm), when the
  // console's own search box exists (the wasm's home page built), and when the first keystroke
  // reaches an input.
  await context.addInitScript(() => {
    const sel = 'main input[type=text], main input[type=search], main input:not([type])';
    const obs = new MutationObserver(() => {
      if (!window.__benchInputAt && document.querySelector(sel)) window.__benchInputAt = performance.now();
      if (!window.__benchConsoleInputAt && document.getElementById('search-text')) {
        window.__benchConsoleInputAt = performance.now();
        obs.disconnect();
      }
    });
    obs.observe(document, { childList: true, subtree: true });
    addEventListener('input', () => { window.__benchKeyAt ??= performance.now(); }, true);
  });
  const requests = await recordRequests(context, page);
  await page.goto(`${base}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__benchInputAt, null, { timeout: 60000, polling: 50 });
  const sel = 'main input[type=text], main input[type=search], main input:not([type])';
  const sentAt = await page.evaluate(() => performance.now());
  await page.locator(sel).first().press('5');
  await page.waitForFunction((s) => document.querySelector(s)?.value === '5', sel, { timeout: 10000 });
  await page.waitForFunction(() => window.__benchConsoleInputAt, null, { timeout: 60000, polling: 50 });
  await page.waitForLoadState('networkidle');
  const t = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    mounted: performance.getEntriesByName('gc-app-mounted')[0]?.startTime,
    inputReady: window.__benchInputAt,
    consoleInput: window.__benchConsoleInputAt,
    keystroke: window.__benchKeyAt,
    domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
  }));
  const r = requests();
  await context.close();
  return { ...t, keystrokeLatency: t.keystroke - sentAt, ...r, errors: page.benchErrors };
}

/** A cold first visit of each page of the route table, signed in (a parameter is a seeded
 *  group): what it downloads until the network is idle. */
async function everyPage(browser, base) {
  const out = [];
  // Every page, and every address that opens a part of a page (a group tab with a file of its
  // own; the Find page's searches, by a search for the sample group).
  for (const r of [...ROUTES, ...OPENED_PARTS.map((p) => ({ file: `${p.page} + ${p.name}`, path: p.path, query: p.query }))]) {
    const path = partAddress(r, SAMPLE_GROUP);
    const { context, page } = await newContext(browser, { signedIn: true });
    const requests = await recordRequests(context, page);
    await page.goto(`${base}${path}`, { waitUntil: 'commit' });
    await page.locator('main h1').first().waitFor({ timeout: 60000 });
    await page.waitForLoadState('networkidle');
    out.push({ page: r.file, path, ...requests(), errors: page.benchErrors });
    await context.close();
  }
  return out;
}

/** One load of a group's members, in the console or in the reference page. */
async function groupLoad(browser, base, kind, group, api) {
  const { context, page } = await newContext(browser, { signedIn: true });
  let apiUrl = null;
  page.on('request', (r) => {
    // The group's GET (the Members tab then asks /v2/userGroup2/members for its page).
    if (new URL(r.url()).pathname === GROUP_GET) apiUrl ??= { url: r.url(), auth: r.headers().authorization };
  });
  const url = kind === 'console'
    ? `${base}/groups/${group.id}/members`
    : referenceUrl(base, api);
  await page.goto(url, { waitUntil: 'commit' });
  await waitForMark(page, 'gc-rows-painted');
  const m = await page.evaluate((path) => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
    const res = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === path);
    return {
      response: at('gc-group-response'),
      parsed: at('gc-group-parsed'),
      painted: at('gc-rows-painted'),
      apiStart: res?.startTime,
      apiResponseEnd: res?.responseEnd,
      apiBytes: res?.encodedBodySize,
      apiBodyBytes: res?.decodedBodySize,
      rowsInDom: document.querySelectorAll('.members-table tbody tr:not(.members-table__pad)').length,
      firstRow: [...(document.querySelector('.members-table tbody tr:not(.members-table__pad)')?.cells || [])].map((td) => td.textContent.trim()),
    };
  }, GROUP_GET);
  if (!m.rowsInDom) throw new Error(`${kind} ${group.id}: no member rows in the DOM (${page.benchErrors.join('; ')})`);
  const out = {
    parse: m.parsed - m.response,
    responseToPainted: m.painted - m.response,
    bodyToText: m.response - m.apiResponseEnd,
    requestToPainted: m.painted - m.apiStart,
    navigationToPainted: m.painted,
    rowsInDom: m.rowsInDom,
    firstRow: m.firstRow,
    apiBytes: m.apiBytes,
    apiBodyBytes: m.apiBodyBytes,
  };
  if (kind === 'console') {
    out.api = apiUrl;
    // The browser's own parser on the same text, in the same page, just after the console's
    // parse: the first call (cold, as the console's is) and the median of five more.
    const target = api || apiUrl;
    out.jsonParse = await page.evaluate(async ({ url, auth }) => {
      const text = await (await fetch(url, { headers: { Accept: 'application/json', Authorization: auth } })).text();
      const times = [];
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        const v = JSON.parse(text);
        times.push(performance.now() - t0);
        if (!v) throw new Error('empty');
      }
      const warm = times.slice(1).sort((a, b) => a - b);
      return { first: times[0], warm: warm[warm.length >> 1], chars: text.length };
    }, target);
  }
  out.scroll = await scrollFrames(page);
  await context.close();
  return out;
}

/** Scrolls the members box through the list, one step per frame; frame times from rAF. */
async function scrollFrames(page) {
  return page.evaluate(async ({ steps, step }) => {
    const box = document.querySelector('.members-table__scroll');
    // On the Members tab the table is in a closed <details>: opened first, as a user would,
    // or nothing would scroll (in both pages).
    const details = box.closest('details');
    if (details) details.open = true;
    box.scrollIntoView({ block: 'center' });
    const max = box.scrollHeight - box.clientHeight;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    await frame();
    const deltas = [];
    let prev = await frame();
    for (let i = 1; i <= steps; i++) {
      box.scrollTop = (i * step) % (max + 1);
      const ts = await frame();
      deltas.push(ts - prev);
      prev = ts;
    }
    // Settled: the rows under the box's top are the ones its scroll position says.
    await frame();
    await frame();
    const first = box.querySelector('tbody tr:not(.members-table__pad)');
    const expected = Math.max(0, Math.floor(box.scrollTop / 40) - 8) + 2;
    return { deltas, firstRowIndex: Number(first?.getAttribute('aria-rowindex')), expectedFirstRowIndex: expected };
  }, SCROLL).then((r) => {
    const s = [...r.deltas].sort((a, b) => a - b);
    return {
      frames: s.length,
      p50: round(percentile(s, 50)),
      p95: round(percentile(s, 95)),
      max: round(s[s.length - 1]),
      over50: s.filter((d) => d > 50).length,
      rowsFollow: Math.abs(r.firstRowIndex - r.expectedFirstRowIndex) <= 1,
    };
  });
}

// ------------------------------------------------------------------ the group page: same page, and where the time goes
/** The reference page's address for the console's group GET. */
const referenceUrl = (base, api) => `${base}/__bench/reference.html#${new URLSearchParams({ url: api.url, auth: api.auth })}`;

/** Init script of both pages: an outline of the page (elements, sorted attributes, form
 *  controls' values, text) taken in the animation frame that marks gc-rows-painted. */
function outlineAtPainted() {
  if (window !== window.top) return;
  const outline = () => {
    const lines = [];
    const walk = (n, depth) => {
      const tag = n.localName;
      if (tag === 'script' || tag === 'noscript' || tag === 'style' || tag === 'link' || tag === 'meta') return;
      const pad = '  '.repeat(depth);
      const attrs = [...n.attributes].map((a) => `${a.name}="${a.value}"`).sort();
      if (tag === 'select' || tag === 'textarea') attrs.push(`.value="${n.value}"`);
      if (tag === 'input') attrs.push(n.type === 'radio' || n.type === 'checkbox' ? `.checked=${n.checked}` : `.value="${n.value}"`);
      lines.push(`${pad}<${tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`);
      let text = '';
      const flush = () => {
        if (text.trim()) lines.push(`${pad}  "${text.replace(/\s+/g, ' ').trim()}"`);
        text = '';
      };
      for (const c of n.childNodes) {
        if (c.nodeType === 3) text += c.data;
        else if (c.nodeType === 1) { flush(); walk(c, depth + 1); }
      }
      flush();
    };
    walk(document.body, 0);
    return lines;
  };
  const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    if (name === 'gc-rows-painted') window.__benchOutline = outline();
    return entry;
  };
}

/** One untimed load of each page with the outline taken at gc-rows-painted: whether the
 *  reference paints the same page as the console (the first difference if not). */
async function samePage(browser, base, group, api) {
  const outline = async (kind) => {
    const { context, page } = await newContext(browser, { signedIn: true });
    await page.addInitScript(outlineAtPainted);
    await page.goto(kind === 'console' ? `${base}/groups/${group.id}/members` : referenceUrl(base, api), { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__benchOutline, null, { timeout: 60000, polling: 50 });
    const lines = await page.evaluate(() => window.__benchOutline);
    await context.close();
    return lines;
  };
  const c = await outline('console');
  const f = await outline('reference');
  const at = c.findIndex((line, i) => line !== f[i]);
  const same = at < 0 && c.length === f.length;
  const diffAt = same ? -1 : at < 0 ? Math.min(c.length, f.length) : at;
  return {
    same,
    elements: c.filter((l) => l.trimStart().startsWith('<')).length,
    ...(same ? {} : { firstDifference: { line: diffAt + 1, console: c.slice(Math.max(0, diffAt - 3), diffAt + 3), reference: f.slice(Math.max(0, diffAt - 3), diffAt + 3) } }),
  };
}

/** Categories of the traced loads: DevTools' timeline, V8's execution, compilation (wasm's
 *  lazy compilation included) and GC, Blink's lifecycle, the pages' marks. */
const TRACE_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'v8', 'v8.execute', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'disabled-by-default-v8.compile',
  'disabled-by-default-v8.gc', 'blink', 'blink.user_timing', 'loading', 'toplevel', '__metadata',
];
/** The same with V8's sampling CPU profiler (its code logging costs time, so the breakdown
 *  comes from a run without it). */
const PROFILE_CATEGORIES = [...TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'];

/** One traced load of the group page (console or reference): the trace's events, also written
 *  to bench/out/trace-<kind>-<group>.json.gz. */
async function tracedLoad(browser, base, kind, group, api, categories, label) {
  const { context, page } = await newContext(browser, { signedIn: true });
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => { for (const x of e.value) events.push(x); });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: categories, excludedCategories: ['*'] },
  });
  await page.goto(kind === 'console' ? `${base}/groups/${group.id}/members` : referenceUrl(base, api), { waitUntil: 'commit' });
  await waitForMark(page, 'gc-rows-painted');
  // The frame that paints the rows, then the trace's end.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  writeFileSync(join(OUT, `trace-${label}-${group.id}.json.gz`), gzipSync(JSON.stringify({ traceEvents: events })));
  return events;
}

/** The kinds the main thread's time is told in, in the order they are printed. */
const TRACE_KINDS = [
  ['wasmCompile', 'wasm compile'],
  ['script', 'script'],
  ['jsCompile', 'JS compile'],
  ['style', 'style'],
  ['layout', 'layout'],
  ['paint', 'paint'],
  ['gc', 'GC'],
  ['other', 'other'],
  ['idle', 'idle'],
];
/** Trace event names → kind, read off Chromium 156's traces of both pages (the names with the
 *  most time are kept in results.json, `eventNames`). An event in no rule (a task's own
 *  bookkeeping, FlushInstructionCache, ParseHTML, a fetch started by script…) counts as its
 *  nearest classified ancestor's, as DevTools counts it, and as "other" at the top. "script"
 *  is JS and wasm running, with the DOM calls they make (self time of FunctionCall,
 *  RunMicrotasks…); "wasm compile" is V8 compiling a wasm function on its first call. */
const TRACE_RULES = [
  ['wasmCompile', (n, c) => (n.startsWith('wasm.') && n !== 'wasm.GrowMemory') || /^V8\.Wasm/.test(n) || (n === 'V8.LogCode' && c.includes('wasm'))],
  ['gc', (n) => /^(MinorGC|MajorGC|V8\.GC\w*|BlinkGC\..*|ThreadState::.*|CppGC\..*)$/.test(n)],
  ['jsCompile', (n) => /^(V8\.(Compile|Parse|Optimize|Maglev|Turbofan|FinalizeBaseline|ScriptCompiler|Deserialize)\w*|v8\.(compile|parseOnBackground|compileModule)\w*|CompileScript|CompileCode|CacheScript)$/.test(n)],
  ['style', (n) => /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|Document::(recalcStyle|updateStyle|rebuildLayoutTree|updateActiveStyle)|CSSParserImpl::.*|StyleElement::.*|StyleEngine::.*|SlotAssignmentEngine::.*)$/.test(n)],
  ['layout', (n) => /^(Layout|UpdateLayout|LocalFrameView::(performLayout|performPostLayoutTasks|UpdateLayout)|InlineNode::.*|LayoutView::.*)$/.test(n)],
  ['paint', (n) => /^(Paint|PaintImage|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintSetup|CullRectUpdate|Blink\.(PrePaint|Paint|CompositingInputs|CompositeCommit)\.UpdateTime|LocalFrameView::Run\w*LifecyclePhase|PaintArtifactCompositor::\w+|PaintController::\w+)$/.test(n)],
  ['script', (n) => /^(FunctionCall|EvaluateScript|v8\.(callFunction|run|execute|evaluateModule|newInstance|callModuleMethod)|V8\.Execute|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|FireIdleCallback|XHRReadyStateChange|XHRLoad|V8\.(StackGuard|HandleInterrupts|InvokeApiInterruptCallbacks|BytecodeBudgetInterrupt\w*)|wasm\.GrowMemory)$/.test(n)],
];
function traceKind(name, cat) {
  for (const [kind, test] of TRACE_RULES) if (test(name, cat || '')) return kind;
  return null;
}

/** The page's main thread and its marks' moments (trace µs), from the user timing events. */
function traceMarks(events) {
  const marks = events.filter((e) => (e.cat || '').includes('blink.user_timing') && e.name?.startsWith('gc-'));
  const response = marks.find((e) => e.name === 'gc-group-response');
  const painted = response && marks.find((e) => e.name === 'gc-rows-painted' && e.ts >= response.ts);
  if (!painted) throw new Error('the trace has no gc-group-response then gc-rows-painted mark');
  return { pid: response.pid, tid: response.tid, response: response.ts, painted: painted.ts };
}

/** The main thread's spans (complete events and begin/end pairs) as a tree, each with a kind. */
function mainThreadSpans(events, pid, tid) {
  const spans = [];
  const open = [];
  const own = events.filter((e) => e.pid === pid && e.tid === tid && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E')).sort((a, b) => a.ts - b.ts);
  for (const e of own) {
    if (e.ph === 'X') spans.push({ name: e.name, cat: e.cat, ts: e.ts, end: e.ts + (e.dur || 0) });
    else if (e.ph === 'B') open.push(e);
    else {
      const b = open.pop();
      if (b) spans.push({ name: b.name, cat: b.cat, ts: b.ts, end: e.ts });
    }
  }
  spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const stack = [];
  for (const s of spans) {
    while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
    s.parent = stack.at(-1) || null;
    if (s.parent) (s.parent.children ||= []).push(s);
    stack.push(s);
  }
  for (const s of spans) {
    let k = traceKind(s.name, s.cat);
    for (let p = s.parent; !k && p; p = p.parent) k = traceKind(p.name, p.cat);
    s.kind = k || 'other';
  }
  return spans;
}

/** Milliseconds of the main thread's self time by kind between t0 and t1 (trace µs), idle
 *  being what no task covers, and the event names with the most self time. */
function breakdown(spans, t0, t1) {
  const kinds = Object.fromEntries(TRACE_KINDS.map(([k]) => [k, 0]));
  const names = new Map();
  const add = (s, a, b) => {
    const d = Math.min(b, t1) - Math.max(a, t0);
    if (d <= 0) return;
    kinds[s.kind] += d;
    const key = `${s.name} (${s.kind})`;
    names.set(key, (names.get(key) || 0) + d);
  };
  let lazy = 0;
  for (const s of spans) {
    if (s.end <= t0 || s.ts >= t1) continue;
    if (s.name === 'wasm.CompileLazy' && s.ts >= t0) lazy++;
    let cur = s.ts;
    for (const c of s.children || []) {
      add(s, cur, c.ts);
      cur = Math.max(cur, c.end);
    }
    add(s, cur, s.end);
  }
  kinds.idle = Math.max(0, t1 - t0 - Object.values(kinds).reduce((a, b) => a + b, 0));
  const ms = (us) => round(us / 1000);
  return {
    ms: ms(t1 - t0),
    kinds: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, ms(v)])),
    wasmLazyCompiles: lazy,
    eventNames: [...names.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([name, us]) => ({ name, ms: ms(us) })),
  };
}

/** Where a traced load's main thread spent gc-group-response → gc-rows-painted, and the frame
 *  that then paints the rows (gc-rows-painted is marked in that frame's animation callback,
 *  before its style, layout and paint: up to the end of the task that holds the mark). */
function traceBreakdown(events) {
  const m = traceMarks(events);
  const spans = mainThreadSpans(events, m.pid, m.tid);
  const frame = spans.find((s) => !s.parent && s.ts <= m.painted && s.end >= m.painted);
  return {
    responseToPainted: breakdown(spans, m.response, m.painted),
    paintingFrame: frame ? breakdown(spans, m.painted, frame.end) : null,
  };
}

/** The functions with the most self time between the marks, from the CPU profiler's samples of
 *  the page's main thread in the trace (V8's "Profile" and "ProfileChunk" events). */
function profileFunctions(events, n = 10) {
  const m = traceMarks(events);
  const profile = events.find((e) => e.name === 'Profile' && e.pid === m.pid && e.tid === m.tid)
    || events.find((e) => e.name === 'Profile' && e.pid === m.pid);
  if (!profile) return null;
  const frames = new Map();
  const samples = [];
  const deltas = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== profile.pid || e.id !== profile.id) continue;
    const d = e.args?.data || {};
    for (const node of d.cpuProfile?.nodes || []) frames.set(node.id, node.callFrame);
    for (const x of d.cpuProfile?.samples || []) samples.push(x);
    for (const x of d.timeDeltas || []) deltas.push(x);
  }
  let t = profile.args.data.startTime;
  const times = deltas.map((d) => (t += d));
  const self = new Map();
  const sampled = { wasm: 0, js: 0, other: 0 };
  // The wrappers between JS and wasm (js-to-wasm, wasm-to-js) count as JS.
  const isWasm = (f) => (f.codeType === 'wasm' || /\.wasm$|^wasm:/.test(f.url || '')) && !/^(js-to-wasm|wasm-to-js)/.test(f.functionName);
  for (let i = 0; i + 1 < samples.length; i++) {
    const d = Math.min(times[i + 1], m.painted) - Math.max(times[i], m.response);
    if (d <= 0) continue;
    const f = frames.get(samples[i]) || { functionName: '(unknown)' };
    const kind = isWasm(f) ? 'wasm' : /^\(/.test(f.functionName) ? 'other' : 'js';
    sampled[kind] += d;
    if (kind === 'other') continue;
    let where = '';
    if (f.url?.startsWith('wasm:')) where = f.url;
    else if (f.url) where = `${basename(new URL(f.url).pathname)}${kind === 'js' ? `:${(f.lineNumber ?? 0) + 1}` : ''}`;
    const key = JSON.stringify([f.functionName || '(anonymous)', where, kind]);
    self.set(key, (self.get(key) || 0) + d);
  }
  const wasmFrames = [...frames.values()].filter(isWasm);
  return {
    top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, us]) => {
      const [name, where, kind] = JSON.parse(key);
      return { name, where, kind, selfMs: round(us / 1000) };
    }),
    sampledMs: Object.fromEntries(Object.entries(sampled).map(([k, v]) => [k, round(v / 1000)])),
    wasmFunctions: wasmFrames.length,
    wasmFunctionsNamed: wasmFrames.filter((f) => !/^(wasm-function\[\d+\]|\$func\d+)$/.test(f.functionName)).length,
  };
}

/** Several traced loads' breakdowns as one: the load whose total is the median (so its kinds
 *  add up to its total), with every load's total and kinds under `runs`. */
function medianBreakdown(list) {
  if (list.length === 1) return list[0];
  const mid = [...list].sort((a, b) => a.ms - b.ms)[(list.length - 1) >> 1];
  return { ...mid, runs: list.map((x) => ({ ms: x.ms, kinds: x.kinds, wasmLazyCompiles: x.wasmLazyCompiles })) };
}

/** For each group: TRACE_RUNS traced loads of the console and of the reference, alternately
 *  (the breakdown of the load with the median total), and one more of the console with the
 *  CPU profiler (its functions). Not timed runs: tracing slows the pages. */
async function groupTraces(browser, base, api) {
  const out = {};
  for (const g of GROUPS) {
    log(`trace ${g.id}`);
    const runs = { console: [], reference: [] };
    for (let i = 0; i < TRACE_RUNS; i++) {
      const order = i % 2 ? ['reference', 'console'] : ['console', 'reference'];
      for (const kind of order) runs[kind].push(traceBreakdown(await tracedLoad(browser, base, kind, g, api[g.id], TRACE_CATEGORIES, kind)));
    }
    const side = (list) => ({
      responseToPainted: medianBreakdown(list.map((x) => x.responseToPainted)),
      paintingFrame: list.every((x) => x.paintingFrame) ? medianBreakdown(list.map((x) => x.paintingFrame)) : null,
      runs: list.length,
    });
    const c = side(runs.console);
    const f = side(runs.reference);
    let functions = null;
    try {
      functions = profileFunctions(await tracedLoad(browser, base, 'console', g, api[g.id], PROFILE_CATEGORIES, 'console-profile'));
      // The glue's imports: `_3b` since the split step shortens their names (wasm-merge.mjs).
      for (const x of functions?.top || []) if (/^__wbg_|^_[0-9a-z]+$/.test(x.name) || x.name === '(anonymous)') x.calls = glueCall(x.where);
    } catch (e) {
      log(`profile ${g.id}: ${e.message}`);
    }
    out[g.id] = { console: c, reference: f, consoleFunctions: functions };
    log(`trace ${g.id}: response → painted ${fmt(c.responseToPainted.ms)} vs ${fmt(f.responseToPainted.ms)} ms traced; console ${traceWords(c.responseToPainted)}`);
  }
  return out;
}

/** What a wasm-bindgen import (`_3b`, once `__wbg_…`, in the build's JS at file:line) does: its body's
 *  first line, e.g. "new Intl.DateTimeFormat(arg0, arg1)". */
function glueCall(where) {
  const m = /^(.+\.js):(\d+)$/.exec(where || '');
  if (!m) return '';
  const body = readFileSyncSafe(join(DIST, m[1])).split('\n')[Number(m[2])] || '';
  return body.trim().replace(/^(const ret = |return )/, '').replace(/;$/, '').slice(0, 80);
}

/** "wasm compile 46.6 ms (1,413 functions), script 70 ms, …": the kinds with any time. */
function traceWords(b) {
  return TRACE_KINDS.filter(([k]) => b.kinds[k] >= 0.01 || (k === 'wasmCompile' && b.wasmLazyCompiles))
    .map(([k, label]) => `${label} ${fmt(b.kinds[k])} ms${k === 'wasmCompile' && b.wasmLazyCompiles ? ` (${b.wasmLazyCompiles.toLocaleString('en-US')} functions)` : ''}`)
    .join(', ');
}

// ------------------------------------------------------------------ screens' rows
/** Init script of both pages: polls in requestAnimationFrame for the rows and keeps the time
 *  they are first there (the frame that paints them), and, for context, when a
 *  MutationObserver first sees them in the DOM (not held to frames). */
function watchRows(sel) {
  if (window !== window.top) return;
  const poll = () => {
    const n = document.querySelectorAll(sel).length;
    if (n) window.__benchRows = { at: performance.now(), n };
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  const obs = new MutationObserver(() => {
    if (document.querySelector(sel)) { window.__benchRowsInDom = performance.now(); obs.disconnect(); }
  });
  obs.observe(document, { childList: true, subtree: true });
}

/** One load of a screen, in the console or in the reference page given the console's request
 *  (`api`: its URL and Authorization, and whether the Members tab shows its checkboxes). */
async function screenLoad(browser, base, kind, screen, api) {
  const { context, page } = await newContext(browser, { signedIn: true });
  await page.addInitScript(watchRows, screen.rows);
  let asked = null;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === screen.api) asked ??= { url: r.url(), auth: r.headers().authorization };
  });
  const url = kind === 'console'
    ? `${base}${screen.path}`
    : `${base}/__bench/tables-reference.html#${new URLSearchParams({ screen: screen.key, url: api.url, auth: api.auth, pick: api.pick ? '1' : '' })}`;
  await page.goto(url, { waitUntil: 'commit' });
  try {
    await page.waitForFunction(() => window.__benchRows, null, { timeout: 60000, polling: 50 });
  } catch (e) {
    throw new Error(`${kind} ${screen.key}: no rows (${screen.rows}) in 60 s: ${page.benchErrors.join('; ') || e.message}`);
  }
  const m = await page.evaluate(({ path, sel }) => {
    const rows = window.__benchRows;
    // The answer the rows were made of: the last one of that path in hand before they showed.
    const answers = performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname === path && e.responseEnd > 0 && e.responseEnd <= rows.at);
    const res = answers.at(-1);
    const first = document.querySelector(sel);
    return {
      painted: rows.at,
      inDom: window.__benchRowsInDom,
      rows: rows.n,
      answers: answers.length,
      apiStart: res?.startTime,
      apiResponseEnd: res?.responseEnd,
      apiBytes: res?.encodedBodySize,
      apiBodyBytes: res?.decodedBodySize,
      firstRow: [...first.cells].map((td) => td.textContent.trim()),
      pick: !!document.querySelector('table.members-list th.members-list__pick'),
    };
  }, { path: screen.api, sel: screen.rows });
  await context.close();
  if (!Number.isFinite(m.apiResponseEnd)) throw new Error(`${kind} ${screen.key}: no ${screen.api} answer before the rows`);
  return {
    answerToPainted: m.painted - m.apiResponseEnd,
    answerToInDom: m.inDom - m.apiResponseEnd,
    requestToPainted: m.painted - m.apiStart,
    navigationToPainted: m.painted,
    rows: m.rows,
    answers: m.answers,
    apiBytes: m.apiBytes,
    apiBodyBytes: m.apiBodyBytes,
    firstRow: m.firstRow,
    ...(kind === 'console' ? { api: asked && { ...asked, pick: m.pick } } : {}),
    errors: page.benchErrors,
  };
}

const SCREEN_KEYS = ['answerToPainted', 'answerToInDom', 'requestToPainted', 'navigationToPainted'];

/** Each screen in the console and in the reference, alternately, RUNS times. */
async function screensBench(browser, base) {
  // Warm-up (not counted): the server, the OS's file cache, and the request the console makes.
  const api = {};
  for (const s of SCREENS) {
    const w = await screenLoad(browser, base, 'console', s, null);
    if (!w.api?.url) throw new Error(`the console requested no ${s.api} on ${s.path}`);
    api[s.key] = w.api;
    log(`warm-up ${s.key}: ${w.rows} rows from ${w.api.url.replace(base, '')}`);
  }
  const per = Object.fromEntries(SCREENS.map((s) => [s.key, { console: [], reference: [] }]));
  for (let run = 0; run < RUNS; run++) {
    const line = [];
    for (const s of SCREENS) {
      const order = run % 2 ? ['reference', 'console'] : ['console', 'reference'];
      for (const kind of order) per[s.key][kind].push(await screenLoad(browser, base, kind, s, api[s.key]));
      const c = per[s.key].console.at(-1);
      const f = per[s.key].reference.at(-1);
      line.push(`${s.key} ${fmt(c.answerToPainted)} vs ${fmt(f.answerToPainted)} ms`);
    }
    log(`screens run ${run + 1}/${RUNS}: answer → rows painted ${line.join(', ')}`);
  }
  return SCREENS.map((s) => {
    const { console: c, reference: f } = per[s.key];
    const side = (runs) => ({
      ...Object.fromEntries(SCREEN_KEYS.map((k) => [k, stats(runs.map((x) => x[k]))])),
      rows: stats(runs.map((x) => x.rows)),
      firstRow: runs[0].firstRow,
      errors: [...new Set(runs.flatMap((x) => x.errors))],
    });
    const sameRow = JSON.stringify(c[0].firstRow) === JSON.stringify(f[0].firstRow);
    if (!sameRow) log(`${s.key}: the first rows differ:\n  console   ${JSON.stringify(c[0].firstRow)}\n  reference ${JSON.stringify(f[0].firstRow)}`);
    return {
      key: s.key,
      title: s.title,
      path: s.path,
      rowsSelector: s.rows,
      apiUrl: api[s.key].url.replace(base, ''),
      apiBytes: c[0].apiBytes,
      apiBodyBytes: c[0].apiBodyBytes,
      sameFirstRow: sameRow,
      console: side(c),
      reference: side(f),
      ratios: Object.fromEntries(SCREEN_KEYS.map((k) => [k, stats(c.map((x, i) => ratio(x[k], f[i][k])))])),
    };
  });
}

// ------------------------------------------------------------------ 5. Lighthouse
async function lighthouse(url, preset, i) {
  const bin = join(BENCH, 'node_modules/lighthouse/cli/index.js');
  if (!existsSync(bin)) throw new Error('bench/node_modules has no lighthouse: STEPS="npm-bench" scripts/setup.sh');
  const out = join(OUT, `lighthouse-${preset}-${i}.json`);
  const args = [
    bin, url, '--quiet', '--output=json', `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ...(preset === 'mobile-applied' ? ['--throttling-method=devtools'] : []),
  ];
  await new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 180000);
    p.on('exit', (code) => { clearTimeout(timer); code === 0 ? resolve() : reject(new Error(`lighthouse ${preset} exited ${code}: ${err.slice(-2000)}`)); });
  });
  const lhr = JSON.parse(readFileSync(out, 'utf8'));
  if (lhr.runtimeError) throw new Error(`lighthouse ${preset}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (c) => (lhr.categories[c]?.score == null ? NaN : Math.round(lhr.categories[c].score * 100));
  const metric = (a) => lhr.audits[a]?.numericValue;
  const failing = Object.values(lhr.categories).flatMap((c) => c.auditRefs
    .filter((r) => r.weight > 0 && lhr.audits[r.id]?.score !== null && lhr.audits[r.id]?.score < 1)
    .map((r) => `${c.id}:${r.id}`));
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    speedIndex: metric('speed-index'),
    failing,
    formFactor: lhr.configSettings.formFactor,
    throttling: lhr.configSettings.throttlingMethod,
  };
}

// ------------------------------------------------------------------ 6. import
async function importBench(browser, base) {
  if (!IMPORT_RUNS) return { skipped: 'skipped (BENCH_IMPORT_RUNS=0)' };
  const runs = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const { context, page } = await newContext(browser, { signedIn: true });
    try {
      runs.push(await importThousand(page, base));
    } catch (e) {
      // Its failure is the import's news, not a reason to lose every other figure.
      const error = String(e.message || e).split('\n')[0];
      log(`import failed: ${error}`);
      return { skipped: `the import failed: ${error}`, runs };
    } finally {
      await context.close();
    }
  }
  return { ms: stats(runs), runs };
}

// ------------------------------------------------------------------ the table
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const fmtMs = (s) => (s ? `${fmt(s.median)} ms (${fmt(s.min)}–${fmt(s.max)})` : 'n/a');
const fmtX = (s) => (s ? `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : 'n/a');
function fmt(x) {
  if (!Number.isFinite(x)) return 'n/a';
  if (Number.isInteger(x) || Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** The goals of the performance issue, each with this run's figure and whether it is met.
 *  Goals 3 and 5 belong to the group page's rework; they are measured all the same. */
function goals(r) {
  const out = [];
  const add = (goal, figure, target, met) => out.push({ goal, figure, target, met });
  const x = (s) => (s ? `${s.median.toFixed(2)}×` : 'n/a');
  const fv = r.firstVisit;
  if (fv) {
    const pages = [{ path: '/', bytes: fv.bytes.median, requests: fv.requests.median }, ...(r.pages || []).filter((p) => p.path !== '/')];
    const heaviest = pages.reduce((a, p) => (p.bytes > a.bytes ? p : a));
    const most = pages.reduce((a, p) => (p.requests > a.requests ? p : a));
    add('1. first visit of any page: bytes on the wire', `${kb(heaviest.bytes)} (\`${heaviest.path}\`)`, '≤ 200 KB', heaviest.bytes <= 200 * 1024);
    add('1. first visit of any page: requests', `${most.requests} (\`${most.path}\`)`, '≤ 12', most.requests <= 12);
    add('1. first visit of `/`: bytes on the wire', kb(fv.bytes.median), '≤ 150 KB', fv.bytes.median <= 150 * 1024);
    const lh = r.lighthouse?.presets || {};
    const score = (name) => Object.entries(lh).find(([k]) => k.startsWith(name))?.[1]?.performance;
    const mobile = score('mobile');
    const desktop = score('desktop');
    add('1. Lighthouse mobile performance on `/` (median)', mobile ? `${mobile.median} (${mobile.min}–${mobile.max})` : 'not run', '≥ 98', mobile ? mobile.median >= 98 : null);
    add('1. Lighthouse desktop performance on `/` (median)', desktop ? `${desktop.median} (${desktop.min}–${desktop.max})` : 'not run', '100', desktop ? desktop.median >= 100 : null);
    add('2. navigation → interactive, ÷ the static shell\'s first paint', `${x(fv.interactiveOverFcp)} (${fmt(fv.inputReady.median)} ms ÷ ${fmt(fv.fcp.median)} ms)`, '≤ 2×', fv.interactiveOverFcp.median <= 2);
  }
  if (r.groups?.length === 2) {
    const [big, small] = r.groups;
    for (const g of [big, small]) {
      add(`3. ${g.members.toLocaleString('en-US')} members: response → first rows painted ÷ plain JavaScript (group page rework)`, x(g.ratios.responseToPainted), '≤ 1.5×', g.ratios.responseToPainted.median <= 1.5);
    }
    add('4. parse of the 30,000-member answer ÷ JSON.parse', `${x(big.ratios.parse)} (${fmt(big.console.parse.median)} ms ÷ ${fmt(big.reference.parse.median)} ms)`, '≤ 2×', big.ratios.parse.median <= 2);
    add('4. parse of the 300-member answer', `${fmt(small.console.parse.median)} ms`, '≤ 2 ms', small.console.parse.median <= 2);
    add('5. deep link → 30,000 rows painted ÷ plain JavaScript (route data; group page rework)', x(big.ratios.navigationToPainted), '≤ 2×', big.ratios.navigationToPainted.median <= 2);
  }
  for (const sc of r.screens || []) {
    const ok = sc.ratios.answerToPainted ? sc.ratios.answerToPainted.median <= 2 : null;
    add(`6. ${sc.title}: answer → rows painted ÷ plain JavaScript`, `${x(sc.ratios.answerToPainted)} (${fmt(sc.console.answerToPainted?.median)} ms ÷ ${fmt(sc.reference.answerToPainted?.median)} ms)`, '≤ 2×', ok);
  }
  return out;
}

function markdown(r) {
  const L = [];
  const m = r.machine;
  L.push(`Commit ${m.commit}, run ${m.date.slice(0, 10)} on ${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; ${m.chromium} headless, loopback; node ${m.node}; load average at start ${m.loadAverageAtStart.join(' / ')}.`);
  L.push(`Medians of ${r.runs} runs (min–max); each ratio is console ÷ reference taken within the same run. Release build served by gc-server (brotli/gzip).`);
  L.push('');
  L.push('| goal | this run | target | met |');
  L.push('|---|---|---|---|');
  for (const g of goals(r)) L.push(`| ${g.goal} | ${g.figure} | ${g.target} | ${g.met === null ? '—' : g.met ? '✓' : '✗'} |`);
  L.push('');
  if (r.wasm) {
    L.push('Bytes on the wire are what the browser received, compressed as gc-server sends them (the build\'s brotli-11 copies); gzip -9 sizes of the wasm are in the first rows below.');
    L.push('');
  }
  L.push('| figure | console | reference | ratio |');
  L.push('|---|---|---|---|');
  if (r.wasm) figuresOfTheWholeBench(L, r);
  if (r.groups) groupRows(L, r);
  for (const sc of r.screens || []) {
    const c = sc.console;
    const f = sc.reference;
    const rows = c.rows?.median === f.rows?.median ? `${fmt(c.rows?.median)} rows` : `${fmt(c.rows?.median)} / ${fmt(f.rows?.median)} rows`;
    L.push(`| **${sc.title}** (\`${sc.path}\`; ${rows} from \`${sc.apiUrl.split('?')[0]}\`, ${kb(sc.apiBodyBytes)} JSON, ${kb(sc.apiBytes)} on the wire${sc.sameFirstRow ? '' : '; **the first rows differ**'}) | | | |`);
    L.push(`| ${sc.title}: answer in hand → first rows painted | ${fmtMs(c.answerToPainted)} | ${fmtMs(f.answerToPainted)} | ${fmtX(sc.ratios.answerToPainted)} |`);
    L.push(`| ${sc.title}: answer in hand → rows in the DOM (not held to frames) | ${fmtMs(c.answerToInDom)} | ${fmtMs(f.answerToInDom)} | ${fmtX(sc.ratios.answerToInDom)} |`);
    L.push(`| ${sc.title}: request sent → first rows painted | ${fmtMs(c.requestToPainted)} | ${fmtMs(f.requestToPainted)} | ${fmtX(sc.ratios.requestToPainted)} |`);
    L.push(`| ${sc.title}: navigation → first rows painted (console includes loading the wasm) | ${fmtMs(c.navigationToPainted)} | ${fmtMs(f.navigationToPainted)} | ${fmtX(sc.ratios.navigationToPainted)} |`);
  }
  if (r.wasm) restOfTheWholeBench(L, r);
  traceSection(L, r);
  return L.join('\n');
}

/** After the table: how the traces were read, and the console's functions with the most self
 *  time between the marks (CPU profile). */
function traceSection(L, r) {
  const traced = (r.groups || []).filter((g) => g.trace);
  if (!traced.length) return;
  if (L.at(-1) !== '') L.push('');
  const loads = traced[0].trace.console.runs || 1;
  L.push(`Where response → painted goes: ${loads > 1 ? `${loads} traced loads of each page per group (shown: the load with the median total; all in results.json)` : 'one traced load of each page per group'}, outside the timed runs (tracing slows both pages, so its milliseconds run above the medians), main thread only, each event\'s self time between the two marks: "wasm compile" is V8 compiling a wasm function on its first call (lazy compilation; how many in brackets), "script" JS and wasm running with the DOM calls they make, "JS compile" V8 parsing and compiling JavaScript; the frame that paints the rows comes after gc-rows-painted, which is marked in its animation callback. The traces (the last load of each) are in bench/out/trace-*.json.gz; DevTools' Performance panel opens them.`);
  for (const g of traced) {
    const p = g.trace.consoleFunctions;
    if (!p?.top?.length) continue;
    const n = g.members.toLocaleString('en-US');
    L.push('');
    const names = p.wasmFunctions && !p.wasmFunctionsNamed
      ? 'The release wasm carries no function names (no name section), so V8 calls its functions by index, `wasm-function[N]`, in the shell (`…_bg.wasm`) or in one of the page\'s chunk modules (`wasm://wasm/<hash>`, instantiated from the page\'s file). '
      : '';
    L.push(`Console, ${n} members: the 10 functions with the most self time between gc-group-response and gc-rows-painted (CPU profile, one more traced load; sampled: wasm ${fmt(p.sampledMs.wasm)} ms, JS ${fmt(p.sampledMs.js)} ms, other ${fmt(p.sampledMs.other)} ms). ${names}A wasm function's self time includes its lazy compilation, a JS binding's the browser work it asks for (\`clientHeight\`: a forced layout).`);
    L.push('');
    L.push('| # | function | in | kind | self |');
    L.push('|---|---|---|---|---|');
    p.top.forEach((x, i) => L.push(`| ${i + 1} | \`${x.name}\`${x.calls ? ` (\`${x.calls.replace(/\|/g, '\\|')}\`)` : ''} | ${x.where ? `\`${x.where}\`` : ''} | ${x.kind} | ${fmt(x.selfMs)} ms |`));
  }
}

/** The rows of the whole bench before the screens': sizes, first visits, member loads. */
function figuresOfTheWholeBench(L, r) {
  const w = r.wasm;
  L.push(`| wasm shell \`${w.shell.file.replace(/-[0-9a-f]{12,16}(_bg)?\.wasm$/, '$1.wasm')}\` raw / gzip -9 / brotli 11 | ${kb(w.shell.raw)} / ${kb(w.shell.gzip)} / ${kb(w.shell.brotli)} | | |`);
  for (const p of w.pages) {
    L.push(`| first visit of page \`${p.page}\`: shell + ${p.files} file of ${p.modules} modules, gzip -9 / brotli 11 | ${kb(p.withShellGzip)} / ${kb(p.withShellBrotli)} | | |`);
  }
  L.push(`| all ${w.total.files} wasm files raw / gzip -9 / brotli 11 | ${kb(w.total.raw)} / ${kb(w.total.gzip)} / ${kb(w.total.brotli)} | | |`);
  const fv = r.firstVisit;
  L.push(`| first visit of \`/\`, cold cache: the console's files, bytes on the wire / requests | ${kb(fv.bytes.median)} / ${fv.requests.median} | | |`);
  for (const p of r.pages || []) {
    L.push(`| first visit of \`${p.path}\` (signed in): the console's files${p.apiRequests ? ` (+ ${p.apiRequests} API ${p.apiRequests > 1 ? 'answers' : 'answer'}, ${kb(p.apiBytes)})` : ''} | ${kb(p.bytes)} / ${p.requests} | | |`);
  }
  L.push(`| navigation → first contentful paint (static shell in index.html) | | ${fmtMs(fv.fcp)} | |`);
  L.push(`| navigation → app mounted (\`gc-app-mounted\`) | ${fmtMs(fv.mounted)} | FCP | ${fmtX(fv.mountedOverFcp)} |`);
  L.push(`| navigation → first input on screen (interactive: index.html's search box, a plain form) | ${fmtMs(fv.inputReady)} | FCP | ${fmtX(fv.interactiveOverFcp)} |`);
  if (fv.consoleInput) L.push(`| navigation → the console's own search box (wasm: shell and home page's file) | ${fmtMs(fv.consoleInput)} | FCP | ${fmtX(fv.consoleInputOverFcp)} |`);
  L.push(`| navigation → first keystroke handled (includes the driver's round trip) | ${fmtMs(fv.keystroke)} | | |`);
}

/** The group page's rows (goals 3–5): each group's loads, scrolling and traces. */
function groupRows(L, r) {
  for (const g of r.groups) {
    const n = g.members.toLocaleString('en-US');
    const c = g.console;
    const f = g.reference;
    const same = [
      g.samePage && (g.samePage.same ? 'the reference paints the same page' : `**the pages differ** (line ${g.samePage.firstDifference.line} of the outline)`),
      g.sameFirstRow === false ? '**the first rows differ**' : null,
    ].filter(Boolean).join('; ');
    L.push(`| **${n} members** (group ${g.id}, ${kb(g.apiBodyBytes)} JSON, ${kb(g.apiBytes)} on the wire${same ? `; ${same}` : ''}) | | | |`);
    L.push(`| ${n}: body received → text in hand | ${fmtMs(c.bodyToText)} | ${fmtMs(f.bodyToText)} | ${fmtX(g.ratios.bodyToText)} |`);
    L.push(`| ${n}: parse (wasm vs JSON.parse), response → parsed | ${fmtMs(c.parse)} | ${fmtMs(f.parse)} | ${fmtX(g.ratios.parse)} |`);
    L.push(`| ${n}: parse, same text in the console's page: wasm vs JSON.parse (first call) | ${fmtMs(c.parse)} | ${fmtMs(g.jsonParseFirst)} | ${fmtX(g.ratios.parseSamePage)} |`);
    L.push(`| ${n}: response → first rows painted | ${fmtMs(c.responseToPainted)} | ${fmtMs(f.responseToPainted)} | ${fmtX(g.ratios.responseToPainted)} |`);
    L.push(`| ${n}: request sent → first rows painted | ${fmtMs(c.requestToPainted)} | ${fmtMs(f.requestToPainted)} | ${fmtX(g.ratios.requestToPainted)} |`);
    L.push(`| ${n}: navigation → first rows painted (console includes loading the wasm) | ${fmtMs(c.navigationToPainted)} | ${fmtMs(f.navigationToPainted)} | ${fmtX(g.ratios.navigationToPainted)} |`);
    L.push(`| ${n}: scroll ${SCROLL.steps} × ${SCROLL.step} px, frame p50 / p95 / max | ${fmt(c.scrollP50.median)} / ${fmt(c.scrollP95.median)} / ${fmt(c.scrollMax.median)} ms | ${fmt(f.scrollP50.median)} / ${fmt(f.scrollP95.median)} / ${fmt(f.scrollMax.median)} ms | p95 ${fmtX(g.ratios.scrollP95)} |`);
    L.push(`| ${n}: scroll frames over 50 ms (of ${SCROLL.steps}); rows follow the scroll | ${fmt(c.scrollOver50.median)}; ${c.rowsFollow ? 'yes' : '**no**'} | ${fmt(f.scrollOver50.median)}; ${f.rowsFollow ? 'yes' : '**no**'} | |`);
    const t = g.trace;
    if (t) {
      const a = t.console.responseToPainted;
      const b = t.reference.responseToPainted;
      const loads = t.console.runs > 1 ? `the median of ${t.console.runs} traced loads each` : 'one traced load each';
      L.push(`| ${n}: where response → painted goes (${loads}, main thread, self time) | ${traceWords(a)}; ${fmt(a.ms)} ms traced | ${traceWords(b)}; ${fmt(b.ms)} ms traced | ${fmt(ratio(a.ms, b.ms))}× |`);
      const pa = t.console.paintingFrame;
      const pb = t.reference.paintingFrame;
      if (pa && pb) L.push(`| ${n}: then the frame that paints them (from gc-rows-painted to its task's end) | ${traceWords(pa)}; ${fmt(pa.ms)} ms | ${traceWords(pb)}; ${fmt(pb.ms)} ms | |`);
    }
  }
  if (r.groups.length === 2) {
    const [big, small] = r.groups;
    const grow = (k) => ratio(big.console[k]?.median, small.console[k]?.median);
    const growRef = (k) => ratio(big.reference[k]?.median, small.reference[k]?.median);
    L.push(`| growth 300 → 30,000 members (100×): parse / response → painted | ${fmt(grow('parse'))}× / ${fmt(grow('responseToPainted'))}× | ${fmt(growRef('parse'))}× / ${fmt(growRef('responseToPainted'))}× | |`);
  }
}

/** The rows of the whole bench after the screens', and Lighthouse's table. */
function restOfTheWholeBench(L, r) {
  const fv = r.firstVisit;
  if (r.import?.ms) L.push(`| import 1,000 rows against the emulator | ${fmtMs(r.import.ms)} | | |`);
  else L.push(`| import 1,000 rows | ${r.import?.skipped || 'n/a'} | | |`);
  L.push('');
  const failed = (fv.resources || []).filter((x) => !(x.status >= 200 && x.status < 400));
  if (failed.length) {
    L.push(`Requests that failed on a first visit (each is an error in the browser console, which costs Lighthouse's best-practices \`errors-in-console\`): ${failed.map((x) => `\`${x.path}\` ${x.status ?? 'no answer'}`).join(', ')}.`);
    L.push('');
  }
  if (r.lighthouse?.skipped) {
    L.push(`Lighthouse: ${r.lighthouse.skipped}`);
  } else if (r.lighthouse) {
    L.push(`Lighthouse ${r.lighthouse.version} on \`/\` of the release build, offline, median of ${r.lighthouse.runs} runs per preset (min–max):`);
    L.push('');
    L.push('| preset | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |');
    L.push('|---|---|---|---|---|---|---|---|---|');
    for (const [name, p] of Object.entries(r.lighthouse.presets)) {
      if (p.error) { L.push(`| ${name} | error: ${p.error.replace(/\|/g, '/')} | | | | | | | |`); continue; }
      const sc = (s) => (s ? (s.min === s.max ? `${s.median}` : `${s.median} (${s.min}–${s.max})`) : 'n/a');
      L.push(`| ${name} | ${sc(p.performance)} | ${sc(p.accessibility)} | ${sc(p.bestPractices)} | ${sc(p.seo)} | ${fmt(p.fcp?.median)} ms | ${fmt(p.lcp?.median)} ms | ${fmt(p.tbt?.median)} ms | ${fmt(p.cls?.median)} |`);
    }
    const failing = [...new Set(Object.values(r.lighthouse.presets).flatMap((p) => p.failing || []))];
    L.push('');
    L.push(`Audits below full score in any run: ${failing.length ? failing.map((f) => `\`${f}\``).join(', ') : 'none'}.`);
  }
}

// ------------------------------------------------------------------ main
async function main() {
  if (process.argv.includes('--markdown')) {
    // Re-renders bench/results.md (and prints it) from bench/results.json without measuring.
    const md = markdown(JSON.parse(readFileSync(join(BENCH, 'results.json'), 'utf8')));
    writeFileSync(join(BENCH, 'results.md'), `${md}\n`);
    console.log(md);
    return;
  }
  mkdirSync(OUT, { recursive: true });
  log(`server ${SERVER_BIN}, dist ${DIST}, ${RUNS} runs${ONLY ? `, only the ${ONLY}` : ''}`);
  const wasm = ONLY ? null : wasmReport(DIST);

  // A copy of dist/ with the reference page beside it under /__bench/, with the console's
  // own stylesheets, so one server (compressing like a CDN) serves both.
  const site = mkdtempSync(join(tmpdir(), 'gc-bench-'));
  cpSync(DIST, site, { recursive: true });
  mkdirSync(join(site, '__bench'));
  const indexHtml = readFileSync(join(DIST, 'index.html'), 'utf8');
  const styles = [...indexHtml.matchAll(/<style[^>]*>[\s\S]*?<\/style>|<link[^>]*rel="stylesheet"[^>]*>/g)].map((x) => x[0]).join('\n    ');
  writeFileSync(join(site, '__bench/reference.html'),
    readFileSync(join(BENCH, 'reference.html'), 'utf8').replace('<!-- console-css -->', styles));
  cpSync(join(BENCH, 'reference.js'), join(site, '__bench/reference.js'));
  writeFileSync(join(site, '__bench/tables-reference.html'),
    readFileSync(join(BENCH, 'tables-reference.html'), 'utf8').replace('<!-- console-css -->', styles));
  cpSync(join(BENCH, 'tables-reference.js'), join(site, '__bench/tables-reference.js'));

  const server = await startServer([], { dist: site });
  const { browser, close } = await launchBrowser();
  const results = { machine: machine(`Chromium ${browser.version()}`), runs: RUNS, ...(ONLY ? { only: ONLY } : { wasm }) };
  try {
    const base = server.url;
    if (ONLY === 'screens') {
      log('screens');
      results.screens = await screensBench(browser, base);
    } else {
      // Warm-up (not counted): the OS's file cache, the server, and the API URL the console asks.
      const api = {};
      for (const g of GROUPS) {
        const w = await groupLoad(browser, base, 'console', g, null);
        if (!w.api?.url) throw new Error(`the console requested no /v2/userGroup2 for group ${g.id}`);
        api[g.id] = w.api;
        log(`warm-up ${g.id}: ${w.api.url.replace(base, '')}`);
      }
      if (!ONLY) await firstVisit(browser, base);
      // The reference paints what the console paints (untimed loads, an outline of each page
      // taken at gc-rows-painted).
      const pages = {};
      for (const g of GROUPS) {
        pages[g.id] = await samePage(browser, base, g, api[g.id]);
        if (pages[g.id].same) log(`${g.id}: the reference paints the console's page (${pages[g.id].elements} elements)`);
        else log(`${g.id}: the pages differ at line ${pages[g.id].firstDifference.line}:\n  console   ${pages[g.id].firstDifference.console.join('\n            ')}\n  reference ${pages[g.id].firstDifference.reference.join('\n            ')}`);
      }

      const fv = [];
      const per = Object.fromEntries(GROUPS.map((g) => [g.id, { console: [], reference: [] }]));
      for (let run = 0; run < RUNS; run++) {
        if (!ONLY) fv.push(await firstVisit(browser, base));
        for (const g of GROUPS) {
          // Alternate who goes first, so neither always gets the quieter moment.
          const order = run % 2 ? ['reference', 'console'] : ['console', 'reference'];
          for (const kind of order) per[g.id][kind].push(await groupLoad(browser, base, kind, g, api[g.id]));
        }
        const c = per[GROUPS[0].id].console.at(-1);
        const f = per[GROUPS[0].id].reference.at(-1);
        const small = GROUPS.at(-1);
        log(`run ${run + 1}/${RUNS}: ${fv.length ? `first visit ${kb(fv.at(-1).bytes)}, input ready ${fmt(fv.at(-1).inputReady)} ms; ` : ''}` +
          `${GROUPS[0].members}: parse ${fmt(c.parse)} vs ${fmt(f.parse)} ms, response → painted ${fmt(c.responseToPainted)} vs ${fmt(f.responseToPainted)} ms; ` +
          `${small.members}: response → painted ${fmt(per[small.id].console.at(-1).responseToPainted)} vs ${fmt(per[small.id].reference.at(-1).responseToPainted)} ms`);
      }

      if (!ONLY) results.firstVisit = {
        bytes: stats(fv.map((x) => x.bytes)),
        requests: stats(fv.map((x) => x.requests)),
        resources: fv[0].resources,
        fcp: stats(fv.map((x) => x.fcp)),
        domContentLoaded: stats(fv.map((x) => x.domContentLoaded)),
        mounted: stats(fv.map((x) => x.mounted)),
        inputReady: stats(fv.map((x) => x.inputReady)),
        keystroke: stats(fv.map((x) => x.keystroke)),
        keystrokeLatency: stats(fv.map((x) => x.keystrokeLatency)),
        mountedOverFcp: stats(fv.map((x) => ratio(x.mounted, x.fcp))),
        interactiveOverFcp: stats(fv.map((x) => ratio(x.inputReady, x.fcp))),
        consoleInput: stats(fv.map((x) => x.consoleInput)),
        consoleInputOverFcp: stats(fv.map((x) => ratio(x.consoleInput, x.fcp))),
        errors: [...new Set(fv.flatMap((x) => x.errors))],
      };

      results.groups = GROUPS.map((g) => {
        const { console: c, reference: f } = per[g.id];
        const keys = ['bodyToText', 'parse', 'responseToPainted', 'requestToPainted', 'navigationToPainted'];
        const side = (runs) => ({
          ...Object.fromEntries(keys.map((k) => [k, stats(runs.map((x) => x[k]))])),
          scrollP50: stats(runs.map((x) => x.scroll.p50)),
          scrollP95: stats(runs.map((x) => x.scroll.p95)),
          scrollMax: stats(runs.map((x) => x.scroll.max)),
          scrollOver50: stats(runs.map((x) => x.scroll.over50)),
          rowsFollow: runs.every((x) => x.scroll.rowsFollow),
          rowsInDom: stats(runs.map((x) => x.rowsInDom)),
        });
        const paired = (k) => stats(c.map((x, i) => ratio(x[k], f[i][k])));
        const sameFirstRow = JSON.stringify(c[0].firstRow) === JSON.stringify(f[0].firstRow);
        if (!sameFirstRow) log(`${g.id}: the first rows differ:\n  console   ${JSON.stringify(c[0].firstRow)}\n  reference ${JSON.stringify(f[0].firstRow)}`);
        return {
          id: g.id,
          members: g.members,
          apiUrl: api[g.id].url.replace(base, ''),
          firstRow: c[0].firstRow,
          sameFirstRow,
          samePage: pages[g.id],
          apiBytes: c[0].apiBytes,
          apiBodyBytes: c[0].apiBodyBytes,
          jsonChars: c[0].jsonParse.chars,
          console: side(c),
          reference: side(f),
          jsonParseFirst: stats(c.map((x) => x.jsonParse.first)),
          jsonParseWarm: stats(c.map((x) => x.jsonParse.warm)),
          ratios: {
            ...Object.fromEntries(keys.map((k) => [k, paired(k)])),
            parseSamePage: stats(c.map((x) => ratio(x.parse, x.jsonParse.first))),
            parseSamePageWarm: stats(c.map((x) => ratio(x.parse, x.jsonParse.warm))),
            scrollP95: stats(c.map((x, i) => ratio(x.scroll.p95, f[i].scroll.p95))),
          },
        };
      });

      if (TRACE) {
        const traces = await groupTraces(browser, base, api);
        for (const g of results.groups) g.trace = traces[g.id];
      }
      // The rest of the bench (BENCH_ONLY=group stops here).
      if (!ONLY) {
        log('screens');
        results.screens = await screensBench(browser, base);

        log('every page');
        results.pages = await everyPage(browser, base);

        log('import');
        results.import = await importBench(browser, base);

        if (LH_RUNS > 0) {
          const version = JSON.parse(readFileSync(join(BENCH, 'node_modules/lighthouse/package.json'), 'utf8')).version;
          const presets = {};
          // Beside the goal's default (simulated throttling), the same mobile settings applied
          // to the load itself: the simulation counts every request that ended before the
          // unthrottled load's largest paint as if that paint waited for it, and on loopback
          // the wasm files end before the static shell's first paint.
          for (const preset of ['desktop', 'mobile', 'mobile-applied']) {
            const runs = [];
            let error = null;
            for (let i = 0; i < LH_RUNS; i++) {
              log(`lighthouse ${preset} ${i + 1}/${LH_RUNS}`);
              try { runs.push(await lighthouse(`${base}/`, preset, i)); } catch (e) { error = e.message; log(error); }
            }
            const label = {
              desktop: 'desktop (--preset=desktop)',
              mobile: 'mobile (default: simulated slow 4G, 4× CPU)',
              'mobile-applied': 'mobile, applied throttling (--throttling-method=devtools; not a goal)',
            }[preset];
            presets[label] = runs.length ? {
              ...Object.fromEntries(['performance', 'accessibility', 'bestPractices', 'seo', 'fcp', 'lcp', 'tbt', 'cls', 'speedIndex']
                .map((k) => [k, stats(runs.map((x) => x[k]))])),
              failing: [...new Set(runs.flatMap((x) => x.failing))],
              runs: runs.length,
              ...(error ? { lastError: error } : {}),
            } : { error };
          }
          results.lighthouse = { version, runs: LH_RUNS, url: '/', presets };
        } else {
          results.lighthouse = { skipped: 'skipped (BENCH_LH_RUNS=0)' };
        }
      }
    }
  } finally {
    await close();
    await server.stop();
    rmSync(site, { recursive: true, force: true });
  }
  results.machine.loadAverageAtEnd = loadavg().map((x) => round(x));

  const md = markdown(results);
  // A part alone is not the bench's result: it goes to bench/out/, results.* stay.
  const [json, mdFile] = ONLY
    ? [join(OUT, `results-${ONLY}.json`), join(OUT, `results-${ONLY}.md`)]
    : [join(BENCH, 'results.json'), join(BENCH, 'results.md')];
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(mdFile, `${md}\n`);
  console.log(md);
  log(`wrote ${json.replace(`${BENCH}/`, 'bench/')} and ${mdFile.replace(`${BENCH}/`, 'bench/')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
