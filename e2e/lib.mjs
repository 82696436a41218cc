// End-to-end helpers: the server, the browser and signing in come from tools/testkit.mjs
// (shared with the bench); what only the tests need is here.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST, sleep, emulatorFetch } from '../tools/testkit.mjs';

export {
  ROOT, SERVER_BIN, DIST, CHROMIUM_ARGS, ROUTES, routeRegExp, pagesManifest, startServer, launchBrowser, signIn, sleep,
  importThousand, EMULATOR_CONTROL, emulatorFetch,
} from '../tools/testkit.mjs';

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

/** Holds the page's requests for `glob` until the returned function is called. */
export async function hold(page, glob) {
  let release;
  const released = new Promise((r) => { release = r; });
  await page.route(glob, async (route) => { await released; await route.continue().catch(() => {}); });
  return release;
}

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
  const res = await emulatorFetch(base, 'faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ count: 1, ...fault }),
  });
  if (!res.ok) throw new Error(`arming fault failed: ${res.status} ${await res.text()}`);
}

export async function emulatorJson(base, path) {
  const res = await emulatorFetch(base, path);
  if (!res.ok) throw new Error(`/__emulator/${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Empties the emulator's request log. */
export async function clearRequests(base) {
  const res = await emulatorFetch(base, 'requests', { method: 'DELETE' });
  if (!res.ok) throw new Error(`clearing the request log failed: ${res.status} ${await res.text()}`);
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

const axeSource = createRequire(import.meta.url)('axe-core').source;

/** Serious and critical axe violations on the page as it is now, within `selector` if given
 *  (page.evaluate, not addScriptTag: the console's CSP blocks inline scripts, as it should). */
export async function axeViolations(page, selector = null) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((s) => window.axe.run(s ?? document, { resultTypes: ['violations'] }), selector);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
