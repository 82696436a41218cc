// A first visit of `/` can be used from the first paint: index.html's static shell shows the
// home page's search box as a plain form before the console's code arrives. What is typed
// there is the console's once it takes over, and Enter searches through the address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, pagesManifest, DIST, hold } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const manifest = pagesManifest(DIST);
const fileOf = (page) => `**/${manifest.pages[page].files[0]}`;

const box = (page) => page.getByRole('searchbox', { name: 'Search groups' });
const activeId = (page) => page.evaluate(() => document.activeElement?.id);

test('typing in the search box before the console has loaded: the console takes it over, focus and all', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const release = await hold(page, fileOf('home'));
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await page.getByRole('status').filter({ hasText: 'Loading the console…' }).waitFor();
  await page.getByRole('heading', { name: 'Find a group', level: 1 }).waitFor();
  const staticHint = await page.locator('#shell-search-text-msg').textContent();
  await box(page).click();
  await box(page).pressSequentially('Sha');
  assert.equal(await page.locator('#shell-search-text-count').textContent(), '3/50');
  // The home page's code is held: this is index.html's box, and nothing was searched.
  assert.equal(await activeId(page), 'shell-search-text');
  assert.equal(new URL(page.url()).search, '');

  release();
  await page.locator('#loading-shell').waitFor({ state: 'detached' });
  assert.equal(await box(page).inputValue(), 'Sha');
  assert.equal(await activeId(page), 'search-text', 'the console\'s box has the focus');
  // The static box said what the console's says.
  assert.equal(await page.locator('#search-text-msg').textContent(), staticHint);
  assert.equal(await page.locator('#search-text-count').textContent(), '3/50');
  // Typing goes on in the console's box, and the search runs as it does for typing there.
  await page.keyboard.type('rma');
  assert.equal(await box(page).inputValue(), 'Sharma');
  await page.getByRole('row').filter({ hasText: 'family_sharma' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Sharma');
});

test('Enter in the search box before the console has loaded searches through the address', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  let first = true;
  let release;
  const released = new Promise((r) => { release = r; });
  // Only the first load's file is held: Enter leaves that page for /?q=….
  await page.route(fileOf('home'), async (route) => {
    if (first) { first = false; await released; }
    await route.continue().catch(() => {});
  });
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await box(page).fill('Sharma');
  await box(page).press('Enter');
  await page.waitForURL(/\/\?q=Sharma$/);
  release();
  await page.getByRole('row').filter({ hasText: 'family_sharma' }).waitFor();
  assert.equal(await box(page).inputValue(), 'Sharma');
  assert.equal(await page.locator('#loading-shell').count(), 0);
});

test('the static shell shows the search box on `/` only', async () => {
  const page = await newPage(b.browser);
  // The shell's own wasm is held: elsewhere than `/` the static shell goes as soon as the
  // console mounts, before the page's code has arrived.
  const release = await hold(page, `**/${manifest.shell.find((f) => f.endsWith('_bg.wasm'))}`);
  await page.goto(`${server.url}/settings`, { waitUntil: 'commit' });
  await page.getByRole('status').filter({ hasText: 'Loading the console…' }).waitFor();
  assert.equal(await box(page).count(), 0);
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0);
  release();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  assert.equal(await page.locator('#loading-shell').count(), 0);
});

test('a home page whose code cannot be downloaded still says so: the static shell makes way', async () => {
  const page = await newPage(b.browser);
  await page.route(fileOf('home'), (route) => route.abort());
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: 'This page could not be loaded', level: 1 }).waitFor();
  assert.equal(await page.locator('#loading-shell').count(), 0);
  assert.equal(await box(page).count(), 0);
});
