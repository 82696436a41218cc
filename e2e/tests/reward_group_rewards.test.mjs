// The rewards in a reward group against the emulator (issue 25, §7), as a marketer uses them:
// "Family Movie Night" (2389) lists its four rewards by their rank in it, unranked last; a
// rename names them before anything is sent, and after it the emulator's rewards no longer
// carry the old name (the one also in "Kids Corner" stays there); without a brand ID the page
// says what to set; a failed list keeps the general warning. axe on each state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, eventually, armFault, clearRequests, axeViolations } from '../lib.mjs';
import { DEMO } from '../../tools/testkit.mjs';

const LIST = '/api_gateway/core/v1/reward/list/brand/25';
let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** The brand's rewards linked to `name`, asked of the emulator as the platform's API. */
async function rewardsOf(name) {
  const md5 = createHash('md5').update(DEMO.password).digest('hex');
  const auth = `Basic ${Buffer.from(`${DEMO.username}:${md5}`).toString('base64')}`;
  const res = await fetch(`${server.url}${LIST}?${new URLSearchParams({ groupName: name })}`, { headers: { Authorization: auth } });
  assert.equal(res.status, 200);
  return (await res.json()).rewardList;
}

const listRequests = async () => (await emulatorJson(server.url, 'requests')).filter((r) => r.path === LIST);
const puts = async () => (await emulatorJson(server.url, 'requests')).filter((r) => r.method === 'PUT');

/** A signed-in page, with the demo's brand (25) in Settings unless `brand` is false. */
async function signedIn({ brand = true } = {}) {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  if (brand) {
    await page.getByLabel('Brand ID').fill('25');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
  }
  return page;
}

/** Each row as [rank in this group, reward, state, overall rank, also in]. */
const rows = (page) => page.locator('table.rewards-table tbody tr').evaluateAll((trs) =>
  trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));

async function openGroup(page, id, name) {
  await page.goto(`${server.url}/reward-groups/${id}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

test('a reward group lists its rewards by their rank in it, unranked last', async () => {
  const page = await signedIn();
  await clearRequests(server.url);
  await openGroup(page, 2389, 'Family Movie Night');
  await page.getByRole('heading', { name: 'Rewards in this group', level: 2 }).waitFor();
  await page.locator('table.rewards-table tbody tr').first().waitFor();
  assert.deepEqual(await rows(page), [
    ['1', 'Free Movie TicketID 5002', 'Live', '3', 'Kids Corner (rank 3)'],
    ['2', 'Popcorn ComboID 5001', 'Live', '12', '—'],
    ['3', 'Streaming MonthID 5005', 'Ended (disabled)', '20', '—'],
    ['—', 'Drive-in PassID 5004', 'Upcoming', '—', '—'],
  ]);
  await page.getByText('4 rewards of brand 25 are linked to “Family Movie Night”, listed by their rank in this group; rewards without a rank come last.').waitFor();
  const asked = await listRequests();
  assert.equal(asked.length, 1, 'one page holds them');
  const q = new URLSearchParams(asked[0].query);
  assert.deepEqual([asked[0].method, q.get('groupName'), q.get('page'), q.get('size')], ['GET', 'Family Movie Night', '0', '100']);
  assert.deepEqual(await axeViolations(page), [], 'axe on the list');

  // The bench's group: a full page of 100, ranked ones first in rank order.
  await openGroup(page, 2410, 'Gaming Zone');
  await eventually(async () => (await rows(page)).length === 100, { message: 'a hundred rows' });
  const ranks = (await rows(page)).map((r) => r[0]);
  assert.deepEqual(ranks.slice(0, 3), ['1', '2', '3']);
  assert.deepEqual(ranks.slice(90), Array(10).fill('—'), 'the ten unranked last');
  await page.close();
});

test('a rename names the rewards first, and after it the rewards no longer carry the old name', async () => {
  const page = await signedIn();
  await openGroup(page, 2389, 'Family Movie Night');
  await page.locator('table.rewards-table tbody tr').first().waitFor();
  await clearRequests(server.url);
  await page.getByLabel('Name', { exact: true }).fill('Family Film Night');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const warning = page.getByRole('alertdialog', { name: 'Renaming unlinks rewards' });
  await warning.waitFor();
  assert.equal(
    (await warning.locator('#rename-detail').textContent()).trim(),
    'Renaming unlinks 4 rewards: Free Movie Ticket, Popcorn Combo, Streaming Month, Drive-in Pass. The platform attaches rewards to a reward group by its name, so renaming “Family Movie Night” to “Family Film Night” unlinks them from this group. Nothing has been sent yet.',
  );
  await eventually(() => page.evaluate(() => document.activeElement?.id === 'rename-cancel'), { message: 'the keyboard on Cancel' });
  assert.deepEqual(await axeViolations(page), [], 'axe on the warning that names the rewards');
  assert.equal((await puts()).length, 0, 'nothing sent before confirming');

  await warning.getByRole('button', { name: 'Rename and unlink rewards' }).click();
  await page.getByRole('heading', { name: 'Family Film Night', level: 1 }).waitFor();
  // The page reads the list under the new name: nothing is linked to it.
  await page.getByText('No reward of brand 25 is linked to “Family Film Night”.').waitFor();
  assert.equal((await puts()).length, 1);
  assert.deepEqual(await rewardsOf('Family Movie Night'), [], 'no reward carries the old name');
  assert.deepEqual(await rewardsOf('Family Film Night'), [], 'nor the new one: a rename unlinks');
  const kids = await rewardsOf('Kids Corner');
  const ticket = kids.find((r) => r.name === 'Free Movie Ticket');
  assert.deepEqual(ticket.groups, [{ groupName: 'Kids Corner', groupRank: 3 }], 'its other group stays');
  const group = (await emulatorJson(server.url, 'reward-groups')).find((g) => g.id === 2389);
  assert.equal(group.unlinkedByRename, 1);
  assert.deepEqual(await axeViolations(page), [], 'axe after the rename');

  // Renamed back, the group has no rewards: the question is a plain one.
  await page.getByLabel('Name', { exact: true }).fill('Family Movie Night');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const plain = page.getByRole('alertdialog', { name: 'Rename this reward group?' });
  await plain.waitFor();
  await plain.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByRole('heading', { name: 'Family Movie Night', level: 1 }).waitFor();
  await page.getByText('No reward of brand 25 is linked to “Family Movie Night”.').waitFor();
  await page.close();
});

test('without a brand ID the page says what to set, and a failed list keeps the general warning', async () => {
  const page = await signedIn({ brand: false });
  await clearRequests(server.url);
  await openGroup(page, 2395, 'Kids Corner');
  await page.getByText("Set the brand ID in Settings to list this group's rewards.").waitFor();
  assert.equal(await page.locator('table.rewards-table').count(), 0, 'no table');
  assert.equal(await page.getByRole('link', { name: 'Open Settings' }).getAttribute('href'), '/settings');
  assert.equal((await listRequests()).length, 0, 'nothing asked without a brand');
  assert.deepEqual(await axeViolations(page), [], 'axe without a brand');
  await page.close();

  const other = await signedIn();
  await armFault(server.url, { kind: 'html500', path: LIST });
  await openGroup(other, 2395, 'Kids Corner');
  const alert = other.locator('section[aria-labelledby=linked-rewards-title] [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /HTTP 500/);
  assert.deepEqual(await axeViolations(other), [], 'axe on the failed list');
  await other.getByLabel('Name', { exact: true }).fill('Kids Club');
  await other.getByRole('button', { name: 'Save changes' }).click();
  const warning = other.getByRole('alertdialog', { name: 'Renaming unlinks rewards' });
  await warning.waitFor();
  assert.match(await warning.textContent(), /Renaming “Kids Corner” to “Kids Club” unlinks every reward attached to this group\. Nothing has been sent yet\. The console could not read which ones/);
  await warning.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await puts()).length, 0, 'a cancelled rename sends nothing');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await eventually(async () => (await rows(other)).length === 2, { message: 'the list after Retry' });
  assert.deepEqual((await rows(other)).map((r) => r[1]), ['Kids Snack PackID 5003', 'Free Movie TicketID 5002']);
  await other.close();
});
