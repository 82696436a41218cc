// Shared end-to-end helpers: start the real server (gc-server) on a free loopback port,
// drive Debian's Chromium with playwright-core, and wait for things the way a user would.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BIN = process.env.GC_SERVER_BIN || join(ROOT, 'target/debug/gc-server');
export const DIST = process.env.GC_DIST || join(ROOT, 'dist');
export { ROUTES, routeRegExp } from '../scripts/routes.mjs';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Starts gc-server with extra flags; resolves once /healthz answers. */
export async function startServer(args = [], { dist = DIST } = {}) {
  if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} not built: run make test`);
  const proc = spawn(SERVER_BIN, ['--port', '0', '--dist', dist, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gc-server did not start:\n${out}\n${err}`)), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Group Console: (http:\/\/[^\s]+?)\/?\s/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`gc-server exited ${code}:\n${out}\n${err}`)); });
  });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* not yet */ }
    await sleep(50);
  }
  return {
    url,
    proc,
    output: () => out + err,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

/** A fresh browser with its own empty profile. */
export async function launchBrowser() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gc-e2e-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    browser,
    async close() { await browser.close(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** A new page that may talk only to loopback, collecting console output and page errors. */
export async function newPage(browser, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const log = [];
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    return route.abort();
  });
  page.consoleLog = log;
  return page;
}

/** Saves demo credentials in Settings, as a marketer would. */
export async function signIn(page, base, { username = 'marketer', password = 'loyalty', remember = false } = {}) {
  await page.goto(`${base}/settings`);
  await page.getByLabel('Authentication').selectOption('basic');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const box = page.getByLabel('Remember on this device');
  if ((await box.isChecked()) !== remember) await box.click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value (or throws with the last value after `timeout`). */
export async function eventually(fn, { timeout = 10000, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}; last: ${last}`);
    await sleep(50);
  }
}

/** Arms a fault in the emulator: the next `count` matching API requests fail. */
export async function armFault(base, fault) {
  const res = await fetch(`${base}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ count: 1, ...fault }),
  });
  if (!res.ok) throw new Error(`arming fault failed: ${res.status} ${await res.text()}`);
}

export async function emulatorJson(base, path) {
  const res = await fetch(`${base}/__emulator/${path}`);
  return res.json();
}

/** A TCP port that was free a moment ago (for servers that cannot pick their own, like nginx). */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * A copy of dist/ in `dir`/dist, for tests that change what is served: `config` is written as
 * config.json; `stripCsp` drops the CSP <meta> from index.html (tests of other origins).
 */
export async function copyDist(dir, { config, stripCsp = false } = {}) {
  const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
  const out = join(dir, 'dist');
  cpSync(DIST, out, { recursive: true });
  if (config) writeFileSync(join(out, 'config.json'), JSON.stringify(config));
  if (stripCsp) {
    const file = join(out, 'index.html');
    const html = readFileSync(file, 'utf8');
    const stripped = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    if (stripped === html) throw new Error('no CSP <meta> in index.html to strip');
    writeFileSync(file, stripped);
  }
  return out;
}

/** The message under a form field (its hint, or its error when invalid). */
export async function fieldMessage(page, label) {
  const field = page.getByLabel(label, { exact: true });
  const id = (await field.getAttribute('aria-describedby')).split(' ')[0];
  return page.locator(`#${id}`).textContent();
}
