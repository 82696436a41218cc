// The reward-group catalogue against the emulator, as a marketer uses it: the list (pages,
// filter, search, sort, back), one group's page and its edit form, the rename warning, both
// reward path prefixes, and a new group's link to its page. Seeded: 25 reward groups
// 2387–2411, five inactive (2390 Coffee Club among them); 2401 Weekend Treats rank 1, 2402
// Travel Perks rank 2. The tests run in order: the first one counts the seeded 25.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, eventually, sleep, clearRequests as clearLog } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const rewardGroup = async (id) => (await emulatorJson(server.url, 'reward-groups')).find((g) => g.id === id);
const requests = async (method) => (await emulatorJson(server.url, 'requests')).filter((r) => r.method === method && r.path.startsWith('/api_gateway/'));
const clearRequests = () => clearLog(server.url);
const rowNames = (page) => page.locator('tbody tr th').allTextContents();
const pager = (page) => page.locator('.pager__shown');

/** A new page with the demo credentials saved. */
async function signedIn() {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  return page;
}

async function openCatalogue(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reward groups' }).click();
  await page.getByRole('heading', { name: 'Reward groups', level: 1 }).waitFor();
  await page.getByRole('table').waitFor();
}

test('the list: page 2, inactive only, search by name, sort by name, back', async () => {
  const page = await signedIn();
  await openCatalogue(page);
  await eventually(async () => (await pager(page).textContent()) === 'Showing 1–10 of 25 reward groups', { message: 'first page' });
  const first = await rowNames(page);
  assert.equal(first.length, 10);
  assert.deepEqual(first.slice(0, 3), ['Dining Delights', 'Green Choices', 'Weekend Treats'], 'rank 1 first, ties by id');
  assert.equal(await page.getByRole('link', { name: 'Previous' }).count(), 0, 'no Previous on the first page');

  await page.getByRole('link', { name: 'Next' }).click();
  await eventually(async () => (await pager(page).textContent()) === 'Showing 11–20 of 25 reward groups', { message: 'page 2' });
  assert.equal(new URL(page.url()).search, '?page=2');
  const second = await rowNames(page);
  assert.equal(second.filter((n) => first.includes(n)).length, 0, 'page 2 shows other groups');

  await page.getByLabel('Inactive').check();
  await eventually(async () => (await pager(page).textContent()) === 'Showing 1–5 of 5 reward groups', { message: 'inactive only' });
  assert.equal(new URL(page.url()).search, '?active=false');
  const states = await page.locator('tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(states, ['No', 'No', 'No', 'No', 'No']);

  await page.getByLabel('Search by name').fill('coffee');
  await eventually(async () => JSON.stringify(await rowNames(page)) === '["Coffee Club"]', { message: 'the search' });
  assert.equal(new URL(page.url()).search, '?active=false&q=coffee');
  const lists = await requests('GET');
  const last = new URLSearchParams(lists.at(-1).query);
  assert.equal(last.get('name'), 'coffee');
  assert.equal(last.get('active'), 'false');
  assert.equal(last.get('page'), '0');

  await page.getByLabel('Search by name').fill('no such reward');
  await page.getByText('No inactive reward group has “no such reward” in its name.').waitFor();
  await page.getByRole('link', { name: 'Show all reward groups' }).click();
  await eventually(async () => (await pager(page).textContent()) === 'Showing 1–10 of 25 reward groups', { message: 'everything again' });
  assert.equal(await page.getByLabel('Search by name').inputValue(), '');

  await page.getByLabel('Name', { exact: true }).check();
  await eventually(async () => (await rowNames(page))[0] === 'Airport Fast Track', { message: 'name order' });
  assert.equal(new URL(page.url()).search, '?sort=name');
  await page.getByText(/Sorted by name in the console: .* all 25 matching reward groups were read/).waitFor();
  const byName = await rowNames(page);
  assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

  await page.goBack();
  await eventually(async () => new URL(page.url()).search === '' && (await rowNames(page))[0] === 'Dining Delights', { message: 'back to rank order' });
  await page.goBack();
  await eventually(async () => new URL(page.url()).search === '?active=false&q=no+such+reward', { message: 'back to the empty search' });
  await page.getByText('No inactive reward group has “no such reward” in its name.').waitFor();
  assert.equal(await page.getByLabel('Search by name').inputValue(), 'no such reward', 'the field follows the address');

  // A shared link opens the same list.
  const other = await signedIn();
  await other.goto(`${server.url}/reward-groups?page=2&active=true`);
  await eventually(async () => (await pager(other).textContent()) === 'Showing 11–20 of 20 reward groups', { message: 'a shared link' });
  assert.ok(await other.getByLabel('Active', { exact: true }).isChecked());
});

test('open a group from the list and change its rank', async () => {
  const page = await signedIn();
  await openCatalogue(page);
  await page.getByRole('link', { name: 'Travel Perks' }).click();
  await page.getByRole('heading', { name: 'Travel Perks', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/reward-groups/2402');
  await clearRequests();
  await page.getByLabel('Rank').fill('7');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Changes saved.').waitFor();
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'no warning without a rename');
  const puts = await requests('PUT');
  assert.equal(puts.length, 1);
  assert.deepEqual(puts[0].body, { name: 'Travel Perks', rank: 7, isActive: true });
  const saved = await rewardGroup(2402);
  assert.equal(saved.rank, 7);
  assert.equal(saved.unlinkedByRename, 0);
  assert.match(await page.locator('.facts').textContent(), /Rank7/);
});

/** A signed-in page on reward group `id` (titled `name`), with the request log cleared. */
async function groupPage(id, name) {
  const page = await signedIn();
  await page.goto(`${server.url}/reward-groups/${id}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await clearRequests();
  return page;
}

/** Types a new name and saves: the warning shows, with the keyboard on its Cancel. */
async function askToRename(page, name) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const warning = page.getByRole('alertdialog', { name: 'Renaming unlinks rewards' });
  await warning.waitFor();
  await eventually(
    () => page.evaluate(() => !!document.activeElement?.closest('[role=alertdialog]') && document.activeElement.textContent.trim() === 'Cancel'),
    { message: 'focus moves to the warning\'s Cancel' },
  );
  return warning;
}

test('a rename warns first, is sent only once confirmed, and unlinks the rewards', async () => {
  const page = await groupPage(2402, 'Travel Perks');
  const warning = await askToRename(page, 'Travel Perks Plus');
  assert.match(await warning.textContent(), /Renaming “Travel Perks” to “Travel Perks Plus” unlinks every reward attached to this group/);
  assert.equal((await requests('PUT')).length, 0, 'nothing sent before confirming');

  await warning.getByRole('button', { name: 'Rename and unlink rewards' }).click();
  await page.getByRole('heading', { name: 'Travel Perks Plus', level: 1 }).waitFor();
  const puts = await requests('PUT');
  assert.equal(puts.length, 1);
  assert.equal(puts[0].body.name, 'Travel Perks Plus');
  const saved = await rewardGroup(2402);
  assert.equal(saved.name, 'Travel Perks Plus');
  assert.equal(saved.unlinkedByRename, 1);
});

test('a rename cancelled (button or Escape) sends nothing', async () => {
  const page = await groupPage(2401, 'Weekend Treats');
  const warning = await askToRename(page, 'Weekend Treats 2');
  await warning.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await askToRename(page, 'Weekend Treats 2');
  await page.keyboard.press('Escape');
  await eventually(async () => (await page.getByRole('alertdialog').count()) === 0, { message: 'Escape closes the warning' });
  await sleep(300);
  assert.equal((await requests('PUT')).length, 0, 'no PUT');
  const group = await rewardGroup(2401);
  assert.equal(group.name, 'Weekend Treats');
  assert.equal(group.unlinkedByRename, 0);
});

test('both reward path prefixes: every catalogue call follows Settings', async () => {
  const page = await signedIn();
  for (const prefix of ['/api_gateway/rewards/core/v1', '/api_gateway/core/v1']) {
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Reward API path').selectOption(prefix);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    await clearRequests();
    await openCatalogue(page);
    await eventually(async () => (await pager(page).textContent()).startsWith('Showing 1–10 of'), { message: 'the list' });
    await page.goto(`${server.url}/reward-groups/2403`);
    await page.getByRole('heading', { name: 'Birthday Bonus', level: 1 }).waitFor();
    await page.getByLabel('Active').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    const log = await requests('GET').then(async (gets) => [...gets, ...(await requests('PUT'))]);
    assert.ok(log.some((r) => r.method === 'GET' && r.path === `${prefix}/group`), `the list on ${prefix}`);
    assert.ok(log.some((r) => r.method === 'GET' && r.path === `${prefix}/group/2403`), `the group on ${prefix}`);
    assert.ok(log.some((r) => r.method === 'PUT' && r.path === `${prefix}/group/2403`), `the update on ${prefix}`);
    assert.deepEqual(log.filter((r) => !r.path.startsWith(`${prefix}/`)), [], `every reward call on ${prefix}`);
    assert.equal((await rewardGroup(2403)).isActive, false);
    // Back to active for the next prefix.
    await page.getByLabel('Active').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await eventually(async () => (await rewardGroup(2403)).isActive === true, { message: 'active again' });
  }
});

test('a reward group created here links to its page', async () => {
  const page = await signedIn();
  await openCatalogue(page);
  await page.getByRole('link', { name: 'New reward group' }).click();
  await page.getByRole('heading', { name: 'New reward group', level: 1 }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('E2E Platinum');
  await page.getByLabel('Rank').fill('4');
  await page.getByRole('button', { name: 'Create reward group' }).click();
  const link = page.getByRole('link', { name: /^Open reward group \d+$/ });
  await link.waitFor();
  const id = Number((await link.textContent()).match(/\d+/)[0]);
  assert.equal((await rewardGroup(id)).name, 'E2E Platinum');
  await link.click();
  await page.getByRole('heading', { name: 'E2E Platinum', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/reward-groups/${id}`);
  assert.equal(await page.getByLabel('Rank').inputValue(), '4');
  // Recent work on the Find page links there too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find a group' }).click();
  const recent = page.locator('.recent__list').getByRole('link', { name: 'E2E Platinum' });
  assert.equal(await recent.getAttribute('href'), `/reward-groups/${id}`);
});

test('an unknown reward group is a clear not-found page', async () => {
  const page = await signedIn();
  await page.goto(`${server.url}/reward-groups/999999`);
  await page.getByRole('heading', { name: 'Reward group not found', level: 1 }).waitFor();
  await page.getByText('The platform has no reward group with ID 999999.').waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).count(), 0);
});
