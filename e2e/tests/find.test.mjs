// The Find page against the emulator's seeded groups: search by name, mobile and e-mail, an
// empty result, a query refused before sending, paging, as-you-type search, a customer's
// groups, the extended-field filter and recent searches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, fieldMessage, emulatorJson, eventually, clearRequests } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const searchRequests = async () => (await emulatorJson(server.url, 'requests')).filter((r) => r.path === '/v2/userGroup2/search');

async function search(page, text) {
  await page.getByRole('searchbox', { name: 'Search groups' }).fill(text);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

const results = (page) => page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Primary member' }) });

for (const [how, text] of [['name', 'Sharma'], ['mobile', '919876500001'], ['mobile without the country code', '9876500001'], ['e-mail', 'priya.sharma@example.com']]) {
  test(`searching by ${how} finds the Sharma family and opens it`, async () => {
    const page = await newPage(b.browser);
    await signIn(page, server.url);
    await page.goto(`${server.url}/`);
    await search(page, text);
    const row = results(page).getByRole('row').filter({ hasText: 'family_sharma' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    assert.match(cells[0], /The Sharma Family/);
    assert.match(cells[2], /ACTIVE/);
    assert.match(cells[3], /Priya Sharma.*919876500001.*priya\.sharma@example\.com/s);
    assert.equal(cells[4].trim(), '3');
    assert.match(page.url(), /\/\?q=/);
    await row.getByRole('link', { name: 'The Sharma Family' }).click();
    await page.waitForURL(/\/groups\/3920001$/);
    // The group page says what the search said: same name, status and member count.
    await page.getByRole('heading', { name: 'The Sharma Family', level: 1 }).waitFor();
    assert.match(await page.locator('.group-header').textContent(), /Members\s*3/);
  });
}

test('a search that matches nothing says so and suggests what to try', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await search(page, 'zebra-nothing-here');
  const none = page.getByText('No group matches “zebra-nothing-here”.');
  await none.waitFor();
  assert.match(await page.locator('.find__none').textContent(), /mobile number with the country code/);
});

test('a 51-character search is refused next to the box and never sent', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await clearRequests(server.url);
  await search(page, 'x'.repeat(51));
  assert.equal(await fieldMessage(page, 'Search groups'), 'The search text is 51 characters long; at most 50 are allowed.');
  assert.equal(await page.getByRole('searchbox', { name: 'Search groups' }).getAttribute('aria-invalid'), 'true');
  await page.waitForTimeout(700); // longer than the as-you-type pause
  assert.deepEqual(await searchRequests(), []);
});

test('paging through results, with the page in the address', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await search(page, 'a');
  await page.getByText(/^Showing 1–10 of 13 groups$/).waitFor();
  assert.equal(await results(page).locator('tbody tr').count(), 10);
  await page.getByRole('link', { name: 'Next' }).click();
  await page.getByText(/^Showing 11–13 of 13 groups$/).waitFor();
  assert.match(page.url(), /offset=10/);
  assert.equal(await results(page).locator('tbody tr').count(), 3);
  assert.equal(await page.getByRole('link', { name: 'Next' }).count(), 0, 'no Next on the last page');
  await page.goBack();
  await page.getByText(/^Showing 1–10 of 13 groups$/).waitFor();
});

test('searching as you type waits for a pause and shows only the newest answer', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await clearRequests(server.url);
  await page.getByRole('searchbox', { name: 'Search groups' }).pressSequentially('okafor', { delay: 40 });
  await page.waitForURL(/q=okafor$/);
  const row = results(page).getByRole('row').filter({ hasText: 'family_okafor' });
  await row.waitFor();
  await page.waitForTimeout(400); // nothing more goes out once typing has stopped
  const sent = (await searchRequests()).map((r) => new URLSearchParams(r.query).get('q'));
  assert.ok(sent.length <= 2, `one search per pause, not per key: ${sent}`);
  assert.equal(sent.at(-1), 'okafor');
  assert.equal(await results(page).locator('tbody tr').count(), 1);
});

test('groups of a customer, by ID, mobile and e-mail; an unknown customer is said next to the field', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  const box = page.locator('section', { has: page.getByRole('heading', { name: 'Groups of a customer' }) });
  await box.getByRole('textbox', { name: "The customer's ID" }).fill('700100001');
  await box.getByRole('button', { name: 'Show groups' }).click();
  await box.getByText(/Priya Sharma \(customer 700100001\) is in 1 group/).waitFor();
  assert.match(await box.textContent(), /The Sharma Family.*primary member/s);
  await box.getByRole('radio', { name: 'E-mail' }).check();
  await box.getByRole('textbox', { name: "The customer's e-mail" }).fill('priya.sharma@example.com');
  await box.getByRole('button', { name: 'Show groups' }).click();
  await box.getByRole('link', { name: 'The Sharma Family' }).waitFor();
  await box.getByRole('radio', { name: 'Mobile' }).check();
  await box.getByRole('textbox', { name: "The customer's mobile" }).fill('919999999999');
  await box.getByRole('button', { name: 'Show groups' }).click();
  await eventually(async () => (await fieldMessage(page, "The customer's mobile")) === 'No customer has this mobile number. Check the country code.', { message: 'the 8015 message' });
});

test('the extended-field filter finds groups by a field value', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await page.getByText('More filters: an extended field').click();
  await page.getByRole('textbox', { name: 'Extended field' }).fill('family_type');
  await page.getByRole('textbox', { name: 'Value', exact: true }).fill('nuclear');
  await page.getByRole('button', { name: 'Search by field' }).click();
  await results(page).getByRole('row').filter({ hasText: 'family_sharma' }).waitFor();
  assert.match(page.url(), /field=family_type&value=nuclear/);
});

test('a search is remembered one click away', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await search(page, 'Okafor');
  await results(page).getByRole('row').filter({ hasText: 'family_okafor' }).waitFor();
  await page.goto(`${server.url}/`);
  const recent = page.getByRole('list', { name: 'Recent searches' }).getByRole('link', { name: 'Okafor' });
  await recent.click();
  await results(page).getByRole('row').filter({ hasText: 'family_okafor' }).waitFor();
});
