// The group page against the emulator's seeded groups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, signIn } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

test('group 3918893 reads as the docs describe it, tab by tab', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3918893`);
  await page.getByRole('heading', { name: 'uatUserGroup10Transactions', level: 1 }).waitFor();
  const panel = page.getByRole('tabpanel');
  assert.match(await panel.textContent(), /3 of 6 members/);
  assert.match(await panel.textContent(), /no mapped hierarchy.*1656/s);
  await page.getByRole('tab', { name: 'Points' }).click();
  await page.waitForURL(/\/groups\/3918893\/points$/);
  await panel.getByText('Diamond').first().waitFor();
  assert.match(await panel.textContent(), /54,500/);
  await page.getByRole('tab', { name: 'Members' }).click();
  await page.getByText('Every membership on the group\'s record, including members who left').click();
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'User ID' }) });
  await table.waitFor();
  assert.equal(await table.locator('tbody tr[aria-rowindex]').count(), 4);
  assert.equal(await table.getByText('Exited').count(), 1);
  // The back button returns to the previous tab, and a deep link opens its tab.
  await page.goBack();
  await page.waitForURL(/\/points$/);
  assert.equal(await page.getByRole('tab', { name: 'Points' }).getAttribute('aria-selected'), 'true');
});

test('the exited filter and the CSV export', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3918893/members`);
  await page.getByText('Every membership on the group\'s record, including members who left').click();
  await page.getByRole('radio', { name: /Exited \(1\)/ }).check();
  const rows = page.locator('tbody tr[aria-rowindex]');
  await page.waitForFunction(() => document.querySelectorAll('tbody tr[aria-rowindex]').length === 1);
  assert.match(await rows.first().textContent(), /564662499/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'group-3918893-members.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.equal(csv, '\ufeffUser ID,Role,Default group,Status\r\n564662499,Member,No,Exited\r\n');
});

test('the 30,000-member group opens and scrolls', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/5000000/members`);
  await page.getByText('Every membership on the group\'s record, including members who left').click();
  await page.getByText(/Showing 30,000 of 30,000 members/).waitFor({ timeout: 20000 });
  const rendered = await page.locator('tbody tr[aria-rowindex]').count();
  assert.ok(rendered < 100, `only the rows in view are rendered (${rendered})`);
  await page.locator('.members-table__scroll').evaluate((el) => { el.scrollTop = 40 * 29990; });
  await page.waitForFunction(() => [...document.querySelectorAll('tbody tr[aria-rowindex]')].some((r) => r.getAttribute('aria-rowindex') === '30001'));
});

test('looking up by external ID lands on the group id URL', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await page.getByRole('radio', { name: 'External ID' }).check();
  await page.getByRole('textbox', { name: 'External ID' }).fill('uat_ug_10_txn');
  await page.getByRole('button', { name: 'Find group' }).click();
  await page.waitForURL(/\/groups\/3918893$/);
  await page.getByRole('heading', { name: 'uatUserGroup10Transactions' }).waitFor();
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'uatUserGroup10Transactions' }).waitFor();
});
