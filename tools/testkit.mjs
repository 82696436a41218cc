// What the end-to-end tests and the bench both need, in one place: the real server (gc-server)
// on a free loopback port, Debian's Chromium driven by playwright-core with the flags this
// machine needs, signing in, the route table and the build's manifest, and the import of many
// rows (a test of the import page and a figure of the bench).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BIN = process.env.GC_SERVER_BIN || join(ROOT, 'target/debug/gc-server');
export const DIST = process.env.GC_DIST || join(ROOT, 'dist');
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
export { ROUTES, routeRegExp } from '../scripts/routes.mjs';
export { pagesManifest } from '../scripts/wasm-size.mjs';

/** The demo account (gc-server's defaults). */
export const DEMO = { username: 'marketer', password: 'loyalty' };

/** The header every call of the emulator's /__emulator/ control routes needs (a page of
 *  another site cannot send it: that would take a preflight, which those routes never answer). */
export const EMULATOR_CONTROL = { 'X-GC-Emulator-Control': '1' };

/** A call of an emulator control route, e.g. emulatorFetch(base, 'requests', { method: 'DELETE' }). */
export function emulatorFetch(base, path, init = {}) {
  return fetch(`${base}/__emulator/${path}`, { ...init, headers: { ...EMULATOR_CONTROL, ...init.headers } });
}

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
  const dataDir = mkdtempSync(join(tmpdir(), 'gc-browser-'));
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROMIUM_ARGS });
  return {
    browser,
    async close() { await browser.close(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** Saves demo credentials in Settings, as a marketer would. */
export async function signIn(page, base, { username = DEMO.username, password = DEMO.password, remember = false } = {}) {
  await page.goto(`${base}/settings`);
  await page.getByLabel('Authentication').selectOption('basic');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const box = page.getByLabel('Remember on this device');
  if ((await box.isChecked()) !== remember) await box.click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
}

/** A CSV file of `n` valid rows, external IDs `${prefix}_0001`… */
export function csvRows(n, prefix) {
  const lines = ['externalId,groupName,maxGroupSize,ug_status'];
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(4, '0');
    lines.push(`${prefix}_${id},"Bench group ${i}, family",${1 + (i % 30)},Active`);
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Imports `rows` (1,000) rows on a signed-in page, with the page's default concurrency (2):
 * resolves to the milliseconds from "Start import" to "Import finished", and throws if any row
 * failed. Every call uses new external IDs, so runs can share a server.
 */
export async function importThousand(page, baseUrl, { rows = 1000, concurrency = 2 } = {}) {
  const prefix = `bench_${Date.now().toString(36)}`;
  await page.goto(`${baseUrl}/groups/import`);
  // An import left by an earlier run would be shown instead of the file input.
  const discard = page.getByRole('button', { name: /^(Discard|New import)$/ });
  if (await discard.count()) await discard.first().click();
  await page.getByLabel('CSV file').setInputFiles({
    name: `${prefix}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csvRows(rows, prefix)),
  });
  await page.getByText(`${rows} rows, all ready to import.`).waitFor({ timeout: 30000 });
  await page.getByLabel('Concurrency').fill(String(concurrency));
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Start import' }).click();
  await page.getByRole('heading', { name: /^Import finished/ }).waitFor({ timeout: 300000 });
  const ms = Date.now() - t0;
  const progress = (await page.locator('.import-progress__text').textContent()).trim();
  if (!progress.startsWith(`${rows} of ${rows} done · 0 failed`)) throw new Error(`import had failures: ${progress}`);
  return ms;
}
