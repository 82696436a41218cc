// The Members tab against the emulator: the list from the platform, and each action with its
// confirmation and its result — remove by mobile, remove the primary member (the group
// becomes inactive), move two members (both groups' counts change), permissions, delete a
// group, and this browser's activity log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, emulatorJson } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const group = async (id) => (await emulatorJson(server.url, 'groups')).find((g) => g.id === id);
const row = (page, name) => page.getByRole('row').filter({ hasText: name });

async function openMembers(page, id) {
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/${id}/members`);
  await page.getByRole('table', { name: 'Members of this group' }).waitFor();
}

test('the Members tab lists the members with their identifiers, role and permissions', async () => {
  const page = await newPage(b.browser);
  await openMembers(page, 3920001);
  const priya = await row(page, 'Priya Sharma').textContent();
  assert.match(priya, /919876500001/);
  assert.match(priya, /priya\.sharma@example\.com/);
  assert.match(priya, /Primary member/);
  assert.match(priya, /Redeem: allowed/);
  assert.match(await page.locator('.pager').textContent(), /Showing 1–3 of 3 members/);
  await page.getByLabel('Order').selectOption({ label: 'Primary member first' });
  await page.waitForURL(/order=primary/);
  await page.waitForFunction(() => /Priya Sharma/.test(document.querySelector('table.members-list tbody tr')?.textContent || ''));
});

test('remove a member by mobile: the confirmation says what happens, then the list and counts change', async () => {
  const page = await newPage(b.browser);
  await openMembers(page, 3920001);
  await row(page, 'Arjun').getByRole('button', { name: /^Remove / }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove a member' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /stop sharing the group's points/);
  await dialog.getByRole('radio', { name: 'Mobile: 919876500002' }).check();
  await dialog.getByRole('button', { name: 'Remove member' }).click();
  await dialog.getByText(/was removed from the group/).waitFor();
  const requests = (await emulatorJson(server.url, 'requests')).filter((r) => r.method === 'DELETE');
  assert.match(requests.at(-1).query, /identifierName=mobile&identifierValue=919876500002/);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await page.getByText('Showing 1–2 of 2 members').waitFor();
  const g = await group(3920001);
  assert.equal(g.activeMembers, 2);
  assert.ok(!g.activeMemberIds.includes(700100002));
});

test('removing the primary member needs the external ID typed, and the group then shows as inactive', async () => {
  const page = await newPage(b.browser);
  await openMembers(page, 3920004);
  await row(page, 'Linh').getByRole('button', { name: /^Remove / }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove a member' });
  assert.match(await dialog.textContent(), /deactivates the whole group.*cannot be undone/s);
  const remove = dialog.getByRole('button', { name: 'Remove the primary member and deactivate the group' });
  await remove.click();
  assert.match(await dialog.textContent(), /Type family_nguyen exactly to confirm/);
  assert.equal((await group(3920004)).groupStatus, 'ACTIVE', 'nothing was sent');
  await dialog.getByLabel(/Type the group's external ID/).fill('family_nguyen');
  await remove.click();
  await dialog.getByText(/The group is now inactive/).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await page.getByText('This group is inactive.').waitFor();
  assert.equal((await group(3920004)).groupStatus, 'INACTIVE');
  // An inactive group offers no changes.
  assert.equal(await page.getByRole('button', { name: 'Move selected (0)' }).count(), 0);
});

test('move a member: points stay behind, both groups change, one result per member', async () => {
  const page = await newPage(b.browser);
  await openMembers(page, 3920001);
  await page.getByRole('checkbox', { name: 'Kavya Sharma' }).check();
  const before = await group(3920007);
  await page.getByRole('button', { name: 'Move selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move members to another group' });
  assert.match(await dialog.textContent(), /Points stay behind/);
  await dialog.getByRole('searchbox', { name: 'Find the group to move them to' }).fill('team_open');
  await dialog.getByRole('radio', { name: /team_open/ }).check();
  await dialog.getByText(/Moving to/).waitFor();
  await dialog.getByRole('button', { name: 'Move 1 member' }).click();
  await dialog.getByRole('heading', { name: 'Result' }).waitFor();
  assert.match(await dialog.locator('.outcomes').textContent(), /Kavya.*Moved/);
  const after = await group(3920007);
  assert.equal(after.activeMembers, before.activeMembers + 1);
  assert.ok(after.activeMemberIds.includes(700100003));
  assert.ok(!(await group(3920001)).activeMemberIds.includes(700100003));
});

test('moving two members at once, and the primary member is refused before sending', async () => {
  const page = await newPage(b.browser);
  await openMembers(page, 3920007);
  const from = await group(3920007);
  await page.getByRole('checkbox', { name: 'All on this page' }).check();
  await page.getByRole('button', { name: /^Move selected \(\d+\)$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Move members to another group' });
  await dialog.getByRole('searchbox', { name: 'Find the group to move them to' }).fill('family_lindqvist');
  await dialog.getByRole('radio', { name: /family_lindqvist/ }).check();
  await dialog.getByText(/is the primary member and cannot be moved/).waitFor();
  assert.ok(await dialog.getByRole('button', { name: /^Move \d+ members$/ }).isDisabled());
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('checkbox', { name: /^Grace/ }).uncheck();
  const count = from.activeMembers - 1;
  await page.getByRole('button', { name: `Move selected (${count})` }).click();
  await dialog.getByRole('searchbox', { name: 'Find the group to move them to' }).fill('family_lindqvist');
  await dialog.getByRole('radio', { name: /family_lindqvist/ }).check();
  const target = await group(3920003);
  await dialog.getByRole('button', { name: `Move ${count} members` }).click();
  await dialog.getByRole('heading', { name: 'Result' }).waitFor();
  assert.equal((await dialog.locator('.outcomes li').allTextContents()).filter((t) => /Moved/.test(t)).length, count);
  assert.equal((await group(3920003)).activeMembers, target.activeMembers + count);
  assert.equal((await group(3920007)).activeMembers, 1);
});

test('change a member\'s permissions: what will be sent is shown, then the list shows the new ones', async () => {
  const page = await newPage(b.browser);
  await openMembers(page, 3920001);
  await row(page, 'Priya').getByRole('button', { name: /^Permissions of / }).click();
  const dialog = page.getByRole('dialog', { name: 'Change permissions' });
  await dialog.getByRole('group', { name: 'Points transfer' }).getByRole('radio', { name: 'Block' }).check();
  assert.match(await dialog.textContent(), /Transfer: allowed → Redeem: allowed · Transfer: blocked|→ Redeem: allowed · Transfer: blocked/);
  await dialog.getByRole('button', { name: 'Save permissions' }).click();
  await dialog.getByRole('heading', { name: 'Result' }).waitFor();
  assert.match(await dialog.locator('.outcomes').textContent(), /Changed/);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await page.waitForFunction(() => /Transfer: blocked/.test(document.querySelector('table.members-list')?.textContent || ''));
  const put = (await emulatorJson(server.url, 'requests')).filter((r) => r.method === 'PUT').at(-1);
  assert.deepEqual(put.body[0].permissions, ['allow_points_redemption', 'block_points_transfer']);
});

test('delete a group: typed external ID, then the page says it is deleted and the recent list marks it', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3920002`);
  await page.getByRole('button', { name: 'Delete group' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete this group' });
  assert.match(await dialog.textContent(), /cannot be undone/);
  await dialog.getByLabel(/Type the group's external ID/).fill('family_okafor');
  await dialog.getByRole('button', { name: 'Delete the group' }).click();
  await dialog.getByText('The group was deleted.', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await page.getByText('This group was deleted.').waitFor();
  assert.equal((await group(3920002)).groupStatus, 'DELETED');
  await page.goto(`${server.url}/`);
  await page.locator('.recent__item--gone').filter({ hasText: 'Okafor' }).getByText('Deleted', { exact: true }).waitFor();
  // The activity log under History says what was done from this browser.
  await page.goto(`${server.url}/groups/3920002/history`);
  const log = page.getByRole('table', { name: 'Your actions on this group' });
  await log.waitFor();
  assert.match(await log.textContent(), /Deleted the group.*Done/s);
});
