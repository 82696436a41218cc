// The release build splits the console into the shell and one wasm chunk per page
// (scripts/split-wasm.mjs): the shell works before a page's code arrives, a slow chunk is
// announced, and a chunk that cannot be downloaded gets a message and a way out, not a
// frozen console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { startServer, launchBrowser, newPage, DIST, ROUTES } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const IMPORT_CHUNK = '**/split_group_import-*.wasm';

test('the build has a shell and a chunk per page', () => {
  const files = readdirSync(DIST);
  assert.equal(files.filter((f) => /^group-console-[0-9a-f]{12,16}_bg\.wasm$/.test(f)).length, 1);
  for (const p of ROUTES.map((r) => r.file)) {
    assert.ok(files.some((f) => new RegExp(`^split_${p}-[0-9a-f]{16}\\.wasm$`).test(f)), `no chunk for ${p}`);
  }
});

test('a first visit fetches the page it opens, once; another page when the pointer reaches its link', async () => {
  const page = await newPage(b.browser);
  const requests = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/(split_|chunk_)/.test(path)) requests.push(path);
  });
  await page.goto(`${server.url}/settings`);
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  const pages = () => requests.filter((p) => p.startsWith('/split_')).map((p) => p.match(/^\/split_(\w+?)-/)[1]);
  assert.deepEqual(pages(), ['settings_page']);
  // index.html preloads the page's chunks; the console's own fetch reuses them.
  const preloaded = await page.locator('link[rel=preload][as=fetch]').evaluateAll((ls) => ls.map((l) => new URL(l.href).pathname));
  assert.ok(preloaded.some((p) => p.startsWith('/split_settings_page-')), preloaded.join(', '));
  assert.equal(new Set(requests).size, requests.length, `downloaded twice: ${requests.join(', ')}`);

  const importLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import groups' });
  const fetched = page.waitForRequest((r) => r.url().includes('/split_group_import-'));
  await importLink.hover();
  await fetched;
  assert.deepEqual(pages(), ['settings_page', 'group_import']);
});

test('a slow page chunk: the shell stays usable and says the page is loading', async () => {
  const page = await newPage(b.browser);
  let release;
  const released = new Promise((r) => { release = r; });
  await page.route(IMPORT_CHUNK, async (route) => { await released; await route.continue(); });
  await page.goto(`${server.url}/settings`);
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import groups' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Loading the page…' });
  await status.waitFor();
  // Still the settings page, still working, while the import page's code is on its way.
  await page.getByLabel('Username').fill('still typing');
  release();
  await page.getByRole('heading', { name: 'Import groups from a CSV file', level: 1 }).waitFor();
  await status.waitFor({ state: 'hidden' });
});

test('a page chunk that cannot be downloaded: a message and Reload, and the rest still works', async () => {
  const page = await newPage(b.browser);
  await page.route(IMPORT_CHUNK, (route) => route.abort());
  await page.goto(`${server.url}/groups/import`);
  const alert = page.getByRole('alert').filter({ hasText: "could not download this page's code" });
  await alert.waitFor();
  await page.getByRole('heading', { name: 'This page could not be loaded', level: 1 }).waitFor();
  // The shell has not stopped: other pages open.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New group' }).click();
  await page.getByRole('heading', { name: 'New user group', level: 1 }).waitFor();
  assert.ok(!page.consoleLog.some((l) => l.startsWith('pageerror')), page.consoleLog.join('\n'));

  // Once the network is back, Reload on the failed page brings it.
  await page.goto(`${server.url}/groups/import`);
  await alert.waitFor();
  await page.unroute(IMPORT_CHUNK);
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('heading', { name: 'Import groups from a CSV file', level: 1 }).waitFor();
});
