// The release build splits the console into the shell and one wasm file per page
// (scripts/split-wasm.mjs, which lists them in dist/pages.json): the shell works before a
// page's code arrives, a slow page file is announced, and one that cannot be downloaded gets
// a message and a way out, not a frozen console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, signIn, DIST, ROUTES, pagesManifest, hold } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const manifest = pagesManifest(DIST);
const fileOf = (page) => manifest.pages[page].files[0];
const IMPORT_FILE = `**/${fileOf('group_import')}`;

test('the build has a shell and a file per page, as the manifest says', () => {
  for (const f of manifest.shell) assert.ok(existsSync(join(DIST, f)), `no ${f}`);
  for (const r of ROUTES) {
    const p = manifest.pages[r.file];
    assert.ok(p, `no page ${r.file} in pages.json`);
    assert.equal(p.path, r.path);
    assert.equal(p.files.length, 1, `${r.file}: ${p.files}`);
    assert.match(p.files[0], new RegExp(`^page_${r.file}-[0-9a-f]{16}\\.wasm$`));
    assert.ok(existsSync(join(DIST, p.files[0])), `no ${p.files[0]}`);
  }
});

test('a first visit fetches the page it opens, once; another page when the pointer reaches its link', async () => {
  const page = await newPage(b.browser);
  const requests = [];
  let configs = 0;
  const pageOf = new Map(Object.entries(manifest.pages).map(([name, p]) => [`/${p.files[0]}`, name]));
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.wasm')) requests.push(path);
    if (path === '/config.json') configs++;
  });
  await page.goto(`${server.url}/settings`);
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  const pages = () => requests.filter((p) => pageOf.has(p)).map((p) => pageOf.get(p));
  assert.deepEqual(pages(), ['settings_page']);
  // The shell and the page's file: nothing else.
  assert.deepEqual(requests.filter((p) => !pageOf.has(p)), manifest.shell.filter((f) => f.endsWith('.wasm')).map((f) => `/${f}`));
  // index.html preloads the page's file; the console's own fetch uses that copy.
  const preloaded = await page.locator('link[rel=preload][as=fetch]').evaluateAll((ls) => ls.map((l) => new URL(l.href).pathname));
  assert.ok(preloaded.includes(`/${fileOf('settings_page')}`), preloaded.join(', '));
  assert.equal(new Set(requests).size, requests.length, `downloaded twice: ${requests.join(', ')}`);
  // config.json too is preloaded by index.html, and that copy is the one the console reads.
  assert.equal(configs, 1, 'config.json fetched once');

  const importLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import groups' });
  const fetched = page.waitForRequest((r) => r.url().endsWith(`/${fileOf('group_import')}`));
  await importLink.hover();
  await fetched;
  assert.deepEqual(pages(), ['settings_page', 'group_import']);
});

test('a deep link to a group asks for the group while the page\'s code downloads, once', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const order = [];
  const gets = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/v2/userGroup2') { gets.push(u.search); order.push('group GET'); }
  });
  // The group page's file is held until the group's GET has gone out (or 10 s have passed).
  await page.route(`**/${fileOf('group_view')}`, async (route) => {
    for (let i = 0; i < 200 && !gets.length; i++) await new Promise((r) => setTimeout(r, 50));
    order.push('page file');
    await route.continue();
  });
  await page.goto(`${server.url}/groups/3918893/members`);
  await page.getByRole('heading', { name: 'uatUserGroup10Transactions', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Members', level: 2 }).waitFor();
  assert.deepEqual(order, ['group GET', 'page file']);
  assert.equal(gets.length, 1, `one GET of the group: ${gets.join(', ')}`);
  assert.match(gets[0], /[?&]id=3918893(&|$)/);
});

test('a slow page file: the shell stays usable and says the page is loading', async () => {
  const page = await newPage(b.browser);
  const release = await hold(page, IMPORT_FILE);
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

test('a page file that cannot be downloaded: a message and Reload, and the rest still works', async () => {
  const page = await newPage(b.browser);
  await page.route(IMPORT_FILE, (route) => route.abort());
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
  await page.unroute(IMPORT_FILE);
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('heading', { name: 'Import groups from a CSV file', level: 1 }).waitFor();
});

// The group page's tabs but the Overview travel in files of their own (core/routes.json's parts).
const partOf = (name) => manifest.parts[name].files[0];

test('a group\'s tabs: the Overview comes with the page, each other tab in its own file, fetched when wanted', async () => {
  const tabParts = Object.entries(manifest.parts).filter(([, p]) => p.path && !p.query);
  assert.deepEqual(tabParts.map(([name]) => name).sort(), ['group_history', 'group_members', 'group_points']);
  for (const [name, p] of tabParts) {
    assert.equal(p.page, 'group_view');
    assert.match(p.files[0], new RegExp(`^part_${name}-[0-9a-f]{16}\\.wasm$`));
    assert.ok(existsSync(join(DIST, p.files[0])), `no ${p.files[0]}`);
    // What the page's file carries is not sent again with a tab.
    for (const m of p.modules) assert.ok(!manifest.pages.group_view.modules.includes(m), `${name}: ${m} is in the page's file too`);
  }
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const wasm = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/part_')) wasm.push(p.slice(1)); });
  await page.goto(`${server.url}/groups/3918893`);
  await page.getByRole('heading', { name: 'uatUserGroup10Transactions', level: 1 }).waitFor();
  await page.getByText('Group ID').first().waitFor();
  assert.deepEqual(wasm, [], 'the Overview fetches no tab');

  // Pointing at a tab fetches its code; opening it before the code is there says "Loading…"
  // under the tabs, with the group's header still on screen; then the tab shows.
  const tabs = page.getByRole('tablist', { name: 'Group' });
  const release = await hold(page, `**/${partOf('group_points')}`);
  const fetched = page.waitForRequest((r) => r.url().endsWith(`/${partOf('group_points')}`));
  await tabs.getByRole('tab', { name: 'Points' }).hover();
  await fetched;
  await tabs.getByRole('tab', { name: 'Points' }).click();
  const loading = page.getByRole('status').filter({ hasText: 'Loading…' });
  await loading.waitFor();
  assert.ok(await page.getByRole('heading', { name: 'uatUserGroup10Transactions', level: 1 }).isVisible(), 'the header stays while the tab loads');
  assert.equal(await tabs.getByRole('tab', { name: 'Points' }).getAttribute('aria-selected'), 'true');
  release();
  await page.getByRole('heading', { name: 'Points by program', level: 2 }).waitFor();
  await loading.waitFor({ state: 'hidden' });
  assert.deepEqual(wasm, [partOf('group_points')]);

  // A deep link to a tab preloads its file with the page's, and fetches it once.
  const deep = await newPage(b.browser);
  await signIn(deep, server.url);
  const got = [];
  deep.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) got.push(p.slice(1)); });
  await deep.goto(`${server.url}/groups/3918893/history`);
  await deep.getByRole('heading', { name: 'Transactions', level: 2 }).waitFor();
  const preloaded = await deep.locator('link[rel=preload][as=fetch]').evaluateAll((ls) => ls.map((l) => new URL(l.href).pathname.slice(1)));
  assert.ok(preloaded.includes(partOf('group_history')), preloaded.join(', '));
  assert.deepEqual(got.filter((f) => f.startsWith('part_')), [partOf('group_history')]);
  assert.equal(new Set(got).size, got.length, `downloaded twice: ${got.join(', ')}`);
});

test('a tab whose file cannot be downloaded: a message and Reload, and the other tabs still open', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const MEMBERS_FILE = `**/${partOf('group_members')}`;
  await page.route(MEMBERS_FILE, (route) => route.abort());
  await page.goto(`${server.url}/groups/3918893`);
  await page.getByRole('heading', { name: 'uatUserGroup10Transactions', level: 1 }).waitFor();
  const tabs = page.getByRole('tablist', { name: 'Group' });
  await tabs.getByRole('tab', { name: 'Members' }).click();
  await page.getByRole('alert').filter({ hasText: "could not download this tab's code" }).waitFor();
  await tabs.getByRole('tab', { name: 'Points' }).click();
  await page.getByRole('heading', { name: 'Points by program', level: 2 }).waitFor();
  assert.ok(!page.consoleLog.some((l) => l.startsWith('pageerror')), page.consoleLog.join('\n'));

  // Opening the tab again tries again; once the network is back, Reload brings the tab.
  await tabs.getByRole('tab', { name: 'Members' }).click();
  await page.getByRole('alert').filter({ hasText: "could not download this tab's code" }).waitFor();
  await page.unroute(MEMBERS_FILE);
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('heading', { name: 'Members', level: 2 }).waitFor();
});

// The Find page's searches, look-ups and results travel in a part of their own, 'find': a first
// visit of `/` shows the forms and recent work without it; reaching a form fetches it, and an
// address with a search preloads it with the page's file.
test('the Find page\'s searches: a part of their own, fetched when a form is reached or the address holds a search', async () => {
  const find = manifest.parts.find;
  assert.ok(find, 'no part find in pages.json');
  assert.equal(find.page, 'home');
  assert.equal(find.path, '/');
  assert.equal(find.query, true);
  assert.match(find.files[0], /^part_find-[0-9a-f]{16}\.wasm$/);
  for (const m of find.modules) assert.ok(!manifest.pages.home.modules.includes(m), `find: ${m} is in the page's file too`);

  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const wasm = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) wasm.push(p.slice(1)); });
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: 'Find a group', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Recent groups', level: 2 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok(!wasm.includes(partOf('find')), `a bare / fetched the find part: ${wasm.join(', ')}`);
  const preloaded = await page.locator('link[rel=preload][as=fetch]').evaluateAll((ls) => ls.map((l) => new URL(l.href).pathname.slice(1)));
  assert.ok(!preloaded.includes(partOf('find')), preloaded.join(', '));

  // Pointing at the search fetches the part; a search then shows its results.
  const fetched = page.waitForRequest((r) => r.url().endsWith(`/${partOf('find')}`));
  await page.getByRole('searchbox', { name: 'Search groups' }).hover();
  await fetched;
  await page.getByRole('searchbox', { name: 'Search groups' }).fill('Sharma');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'family_sharma' }).waitFor();
  assert.equal(wasm.filter((f) => f === partOf('find')).length, 1, wasm.join(', '));

  // An address with a search preloads the part with the page's file, and fetches it once.
  const deep = await newPage(b.browser);
  await signIn(deep, server.url);
  const got = [];
  deep.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.wasm')) got.push(p.slice(1)); });
  await deep.goto(`${server.url}/?q=sharma`);
  await deep.getByRole('row').filter({ hasText: 'family_sharma' }).waitFor();
  const deepPreloaded = await deep.locator('link[rel=preload][as=fetch]').evaluateAll((ls) => ls.map((l) => new URL(l.href).pathname.slice(1)));
  assert.ok(deepPreloaded.includes(partOf('find')), deepPreloaded.join(', '));
  assert.equal(new Set(got).size, got.length, `downloaded twice: ${got.join(', ')}`);
});

test('the find part cannot be downloaded: the search says so with Reload, a look-up fails with Retry, and the page still works', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const FIND_FILE = `**/${partOf('find')}`;
  await page.route(FIND_FILE, (route) => route.abort());
  await page.goto(`${server.url}/?q=sharma`);
  await page.getByRole('alert').filter({ hasText: "could not download this page's code" }).waitFor();
  // A look-up: the request cannot be made, said as a network failure with Retry; what was typed stays.
  await page.getByRole('textbox', { name: "The customer's ID" }).fill('700100001');
  await page.getByRole('button', { name: 'Show groups' }).click();
  const retry = page.getByRole('button', { name: 'Retry' });
  await retry.waitFor();
  assert.equal(await page.getByRole('textbox', { name: "The customer's ID" }).inputValue(), '700100001');
  assert.ok(!page.consoleLog.some((l) => l.startsWith('pageerror')), page.consoleLog.join('\n'));
  // Once the network is back, Retry brings the part and the customer's groups.
  await page.unroute(FIND_FILE);
  await retry.click();
  await page.getByText(/Priya Sharma \(customer 700100001\) is in 1 group/).waitFor();
});

// The Points tab's dialogs (core DIALOG_PARTS) travel apart from the tab: few who open the tab
// open a dialog. Pointing at a button fetches its dialog's file; a file that cannot be
// downloaded says so inside the dialog, and the tab stays usable.
test('the Points tab\'s dialogs: each in its own file, fetched when its button is pointed at', async () => {
  const dialogs = Object.entries(manifest.parts).filter(([, p]) => p.within);
  assert.deepEqual(dialogs.map(([name]) => name).sort(), ['points_decide', 'points_goodwill', 'points_issue', 'points_move']);
  for (const [name, p] of dialogs) {
    assert.equal(p.within, 'group_points');
    assert.match(p.files[0], new RegExp(`^part_${name}-[0-9a-f]{16}\\.wasm$`));
    // What the page's and the tab's files carry is not sent again with a dialog.
    for (const m of p.modules) {
      assert.ok(!manifest.pages.group_view.modules.includes(m) && !manifest.parts.group_points.modules.includes(m), `${name}: ${m} twice`);
    }
  }
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const wasm = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/part_points_')) wasm.push(p.slice(1)); });
  await page.route(`**/${partOf('points_goodwill')}`, (route) => route.abort());
  await page.goto(`${server.url}/groups/3920001/points`);
  await page.getByRole('heading', { name: 'Points by program', level: 2 }).waitFor();
  assert.deepEqual(wasm, [], 'the tab fetches no dialog');

  const fetched = page.waitForRequest((r) => r.url().endsWith(`/${partOf('points_move')}`));
  await page.getByRole('button', { name: 'Move points', exact: true }).hover();
  await fetched;
  await page.getByRole('button', { name: 'Move points', exact: true }).click();
  const move = page.getByRole('dialog', { name: 'Move points' });
  await move.getByLabel('Member', { exact: true }).waitFor();
  await page.keyboard.press('Escape');
  assert.deepEqual(wasm, [partOf('points_move')]);

  await page.getByRole('button', { name: 'Give goodwill points' }).click();
  const goodwill = page.getByRole('dialog', { name: 'Give goodwill points' });
  await goodwill.getByRole('alert').filter({ hasText: "could not download this dialog's code" }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Move points', exact: true }).click();
  await move.getByLabel('Member', { exact: true }).waitFor();
});
