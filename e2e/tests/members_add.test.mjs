// "Add members" against the emulator: a batch where one customer joined meanwhile (its own
// 1636, the others added, the Overview counts updated), a batch past the group's room refused
// before anything is sent, a batch with a member already in it sent without that member once
// the user leaves it out, a join whose answer is cut off (looked up, nobody added twice), and
// the whole path by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, launchBrowser, newPage, signIn, armFault, emulatorJson, eventually } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const joinsOf = async () => (await emulatorJson(server.url, 'requests')).filter((r) => r.method === 'POST' && r.path === '/v2/userGroup2/join');
const groupOf = async (id) => (await emulatorJson(server.url, 'groups')).find((g) => g.id === id);

/** Someone else adds a customer through the API, after the page has loaded the group. */
async function joinBehindTheConsole(groupId, userId) {
  const auth = Buffer.from(`marketer:${createHash('md5').update('loyalty').digest('hex')}`).toString('base64');
  const res = await fetch(`${server.url}/v2/userGroup2/join?id=${groupId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${auth}` },
    body: JSON.stringify([{ userId, primaryMember: false, permissions: [] }]),
  });
  assert.equal(res.status, 200, await res.text());
}

async function openDialog(page, groupId) {
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/${groupId}/members`);
  await page.getByRole('button', { name: 'Add members', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Add members to/ });
  await dialog.getByLabel('Customer IDs').waitFor();
  return dialog;
}

const runTitle = (dialog) => dialog.locator('#add-members-run-title');

test('three customers, one joined meanwhile: its own 1636, the others added, the Overview counts follow', async () => {
  const page = await newPage(b.browser);
  const dialog = await openDialog(page, 3920007);
  await joinBehindTheConsole(3920007, 790000003);
  await dialog.getByLabel('Customer IDs').fill('790000001\n790000002, 790000003');
  await dialog.getByText('3 customers, all ready to add.').waitFor();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  assert.match(await dialog.locator('#add-members-summary').textContent(),
    /^Add 3 customers to .+ as members who may redeem and transfer points\. It will be their default group\. The group will have 5 of 10 members\.$/);
  await dialog.getByRole('button', { name: 'Add 3 customers' }).click();
  await dialog.getByRole('heading', { name: 'Done: 2 added, 1 failed' }).waitFor({ timeout: 20000 });
  const rows = dialog.locator('.import-run tbody tr');
  assert.match(await rows.nth(0).textContent(), /790000001.*added/);
  assert.match(await rows.nth(1).textContent(), /790000002.*added/);
  assert.match(await rows.nth(2).textContent(), /790000003.*failed.*already a member.*code 1636/);
  const group = await groupOf(3920007);
  for (const id of [790000001, 790000002, 790000003]) {
    assert.equal(group.activeMemberIds.filter((m) => m === id).length, 1, `${id} is a member once`);
  }
  // Closing refreshes the group: the Overview counts what the platform has.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('tabpanel').getByText(/5 of 10 members/).waitFor();
});

test('two customers for a group with room for one: refused before anything is sent', async () => {
  const page = await newPage(b.browser);
  const dialog = await openDialog(page, 3920002);
  await dialog.getByLabel('Customer IDs').fill('790000011\n790000012');
  await dialog.getByText('2 customers: 1 cannot be added.').waitFor();
  await dialog.getByText(/Over capacity: The group has room for 1 more member \(at most 4\), and you are adding 2\./).waitFor();
  assert.ok(await dialog.getByRole('button', { name: 'Continue' }).isDisabled());
  assert.equal((await joinsOf()).filter((r) => r.query.includes('id=3920002')).length, 0, 'no join request');
  assert.equal((await groupOf(3920002)).activeMembers, 3);
});

test('a batch with one customer already a member: leave it out, the others are added', async () => {
  const page = await newPage(b.browser);
  // family_lindqvist: 2 of 4, room for the two others.
  const dialog = await openDialog(page, 3920003);
  await dialog.getByLabel('Customer IDs').fill('790000016\n700300002\n790000017');
  await dialog.getByText('3 customers: 1 cannot be added.').waitFor();
  assert.ok(await dialog.getByRole('button', { name: 'Continue' }).isDisabled(), 'not without asking');
  await dialog.getByRole('button', { name: 'Leave out the 1 that cannot be added' }).click();
  assert.match(await dialog.locator('#add-members-summary').textContent(), /^Add 2 customers to Lindqvist Family .* The group will have 4 of 4 members\.$/);
  assert.equal(await dialog.locator('#add-members-left-out').textContent(),
    '1 customer is left out and not sent:700300002: Customer 700300002 is already a member of this group.');
  const before = (await joinsOf()).length;
  await dialog.getByRole('button', { name: 'Add 2 customers' }).click();
  await dialog.getByRole('heading', { name: 'Done: 2 added, 0 failed, 1 left out' }).waitFor({ timeout: 20000 });
  const rows = dialog.locator('.import-run tbody tr');
  assert.match(await rows.nth(0).textContent(), /790000016.*added/);
  assert.match(await rows.nth(1).textContent(), /700300002.*skipped.*already a member of this group/);
  assert.match(await rows.nth(2).textContent(), /790000017.*added/);
  const sent = (await joinsOf()).slice(before);
  assert.equal(sent.length, 1, 'one join');
  assert.deepEqual(sent[0].body.map((i) => i.userId), [790000016, 790000017], 'the member is not sent');
  const group = await groupOf(3920003);
  assert.equal(group.activeMembers, 4);
  for (const id of [790000016, 790000017, 700300002]) {
    assert.equal(group.activeMemberIds.filter((m) => m === id).length, 1, `${id} is a member once`);
  }
});

test('a join whose answer is cut off: the members are looked up, and nobody is added twice', async () => {
  const page = await newPage(b.browser);
  const dialog = await openDialog(page, 3920007);
  const before = (await joinsOf()).length;
  await armFault(server.url, { kind: 'truncated', method: 'POST', path: '/v2/userGroup2/join' });
  await dialog.getByLabel('Customer IDs').fill('820000001\n820000002');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('button', { name: 'Add 2 customers' }).click();
  await dialog.getByRole('heading', { name: 'Done: 2 added, 0 failed' }).waitFor({ timeout: 20000 });
  assert.match(await dialog.locator('.import-run tbody').textContent(), /Already on the platform/);
  assert.equal((await joinsOf()).length - before, 1, 'the join was not sent again');
  const group = await groupOf(3920007);
  for (const id of [820000001, 820000002]) {
    assert.equal(group.activeMemberIds.filter((m) => m === id).length, 1, `${id} is a member once`);
  }
});

/** Presses Tab until `matches` holds for the focused element. */
async function tabTo(page, describe, matches, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return;
  }
  throw new Error(`Tab never reached ${describe}`);
}
const focusedId = (id) => new Function(`return document.activeElement?.id === ${JSON.stringify(id)};`);
const focusedText = (t) => new Function(`return (document.activeElement?.textContent || '').trim() === ${JSON.stringify(t)};`);

test('keyboard only: open, type the IDs, choose the options, confirm, read the results, close', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3920007/members`);
  await page.getByRole('button', { name: 'Add members', exact: true }).waitFor();
  await tabTo(page, 'Add members', focusedText('Add members'));
  await page.keyboard.press('Enter');
  await eventually(() => page.evaluate(focusedId('add-members-ids')), { message: 'focus on Customer IDs' });
  await page.keyboard.type('820000031');
  await tabTo(page, 'Transferring: Allow', focusedId('add-members-transfer-allow'));
  await page.keyboard.press('ArrowRight');
  assert.ok(await page.locator('#add-members-transfer-block').isChecked(), 'Block chosen by arrow key');
  await tabTo(page, 'Continue', focusedText('Continue'));
  await page.keyboard.press('Enter');
  await eventually(() => page.evaluate(focusedId('add-members-confirm')), { message: 'focus on the confirmation' });
  assert.match(await page.locator('#add-members-summary').textContent(), /^Add customer 820000031 to .+ as a member who may redeem and may not transfer points\./);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Done: 1 added, 0 failed' }).waitFor({ timeout: 20000 });
  await eventually(() => page.evaluate(focusedId('add-members-run-title')), { message: 'focus on the results heading' });
  await page.keyboard.press('Escape');
  await eventually(async () => !(await page.getByRole('dialog').isVisible()), { message: 'the dialog closes' });
  const group = await groupOf(3920007);
  assert.ok(group.activeMemberIds.includes(820000031));
});
