// The forms against the emulator, as a marketer uses them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, armFault, emulatorJson, eventually, clearRequests } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

async function fillCreate(page, { externalId, name = '', size = '6' }) {
  await page.getByRole('link', { name: 'New group' }).first().click();
  await page.getByLabel('External ID').fill(externalId);
  await page.getByLabel('Group name').fill(name);
  await page.getByLabel('Max group size').fill(size);
}

test('create a group, then open its page', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await fillCreate(page, { externalId: 'e2e_family_1', name: 'The Smiths' });
  await page.getByRole('button', { name: 'Add extended field' }).click();
  await page.getByLabel('Field name').fill('ug_status');
  await page.getByLabel('Value').fill('Active');
  await page.getByRole('button', { name: 'Create group' }).click();
  const link = page.getByRole('link', { name: /^Open group \d+$/ });
  await link.waitFor();
  const id = (await link.textContent()).match(/\d+/)[0];
  await link.click();
  await page.getByRole('heading', { name: 'The Smiths', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/groups/${id}`);
  const groups = await emulatorJson(server.url, 'groups');
  assert.equal(groups.filter((g) => g.externalId === 'e2e_family_1').length, 1, 'created exactly once');
});

test('a duplicate external ID is reported on the field', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await fillCreate(page, { externalId: 'uat_ug_10_txn' });
  await page.getByRole('button', { name: 'Create group' }).click();
  const field = page.getByLabel('External ID');
  await eventually(async () => (await field.getAttribute('aria-invalid')) === 'true', { message: 'field marked invalid' });
  const msgId = (await field.getAttribute('aria-describedby')).split(' ')[0];
  assert.match(await page.locator(`#${msgId}`).textContent(), /already exists/);
  assert.equal(await page.getByRole('alert').count(), 0);
});

test('a 500 with an HTML page shows an alert, keeps the values, and Retry succeeds', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await fillCreate(page, { externalId: 'e2e_retry_1', name: 'Retry family', size: '4' });
  await armFault(server.url, { kind: 'html500', method: 'POST', path: '/v2/userGroup2' });
  await page.getByRole('button', { name: 'Create group' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /HTTP 500/);
  assert.equal(await page.getByLabel('External ID').inputValue(), 'e2e_retry_1');
  assert.equal(await page.getByLabel('Group name').inputValue(), 'Retry family');
  assert.equal(await page.getByLabel('Max group size').inputValue(), '4');
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('link', { name: /^Open group \d+$/ }).waitFor();
  const groups = await emulatorJson(server.url, 'groups');
  assert.equal(groups.filter((g) => g.externalId === 'e2e_retry_1').length, 1);
});

test('truncated JSON shows an alert that names it', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await fillCreate(page, { externalId: 'e2e_truncated_1' });
  await armFault(server.url, { kind: 'truncated', method: 'POST', path: '/v2/userGroup2' });
  await page.getByRole('button', { name: 'Create group' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /broke off/);
  assert.equal(await page.getByLabel('External ID').inputValue(), 'e2e_truncated_1');
});

test('edit sends id, name and only the changed fields', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await clearRequests(server.url);
  await page.goto(`${server.url}/groups/3918893/edit`);
  const size = page.getByLabel('Max group size');
  await size.waitFor();
  assert.equal(await size.inputValue(), '6');
  await size.fill('8');
  await page.getByText('Max group size: 6 → 8').waitFor();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: 'Changes saved' }).waitFor();
  const log = await emulatorJson(server.url, 'requests');
  const put = log.find((r) => r.method === 'PUT');
  assert.deepEqual(put.body, { id: 3918893, groupName: 'uatUserGroup10Transactions', maxGroupSize: 8 });
  await page.getByRole('link', { name: 'Back to group 3918893' }).first().click();
  await page.getByText('3 of 8 members').waitFor();
});

test('create a reward group, then the same name again', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reward groups' }).click();
  await page.getByRole('link', { name: 'New reward group' }).click();
  await page.getByRole('heading', { name: 'New reward group', level: 1 }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('E2E Gold');
  await page.getByLabel('Rank').fill('3');
  await page.getByRole('button', { name: 'Create reward group' }).click();
  const card = page.getByRole('status').filter({ hasText: 'Reward group created' });
  await card.waitFor();
  assert.match(await card.textContent(), /E2E Gold/);
  await page.getByRole('button', { name: 'Create reward group' }).click();
  await page.getByText('A reward group with this name already exists.').waitFor();
  const groups = await emulatorJson(server.url, 'reward-groups');
  assert.equal(groups.filter((g) => g.name === 'E2E Gold').length, 1);
});
