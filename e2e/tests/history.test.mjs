// The group page's History tab against the emulator: tier changes in words and in pages,
// transactions filtered by type and by a range of days (To included), paging the 30,000-member
// group one page at a time, back/forward through the filters, and the CSV of the rows shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, clearRequests } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const md5 = (text) => createHash('md5').update(text).digest('hex');
const AUTH = { Authorization: `Basic ${Buffer.from(`marketer:${md5('loyalty')}`).toString('base64')}` };

const section = (page, name) => page.getByRole('region', { name, exact: true });

/** The transactions requests the emulator has seen since the last call. */
async function transactionRequests() {
  const seen = (await emulatorJson(server.url, 'requests')).filter((r) => r.path === '/v2/userGroup2/transactions');
  await clearRequests(server.url);
  return seen.map((r) => new URLSearchParams(r.query));
}

/** The cells of each row of a section's table, as text. */
const cells = (region) => region.locator('tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())));

async function rowCount(region, n) {
  await region.page().waitForFunction(({ id, n }) =>
    document.querySelectorAll(`section[aria-labelledby=${id}] tbody tr`).length === n,
  { id: await region.getAttribute('aria-labelledby'), n });
}

test('3918893: tier changes in words, transactions filtered by type and by days, back and forward', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3918893/history`);
  const tiers = section(page, 'Tier changes');
  await rowCount(tiers, 6);
  assert.equal(await tiers.locator('.pager__shown').textContent(), 'Showing 1–6 of 6 tier changes');
  const tierRows = await cells(tiers);
  assert.deepEqual(tierRows.slice(0, 3).map((r) => r[2]), ['Renewal', 'Upgrade', 'Downgrade'], 'types in words');
  assert.ok(tierRows.every((r) => r[3] === 'DocDemoDefaultProgram'), 'the program by name');
  assert.match(tierRows[1][1], /^.+ → Diamond$/, 'from → to');
  assert.equal(await tiers.getByRole('link', { name: 'Next' }).count(), 0);

  const txns = section(page, 'Transactions');
  await rowCount(txns, 12);
  assert.equal(await txns.locator('.pager__shown').textContent(), 'Showing 1–12 transactions');
  assert.equal(await txns.getByRole('link', { name: 'Next' }).count(), 0, 'a short page is the last');
  await transactionRequests();

  await txns.getByRole('radio', { name: 'Return' }).check();
  await page.waitForURL(/\/groups\/3918893\/history\?type=RETURN$/);
  await rowCount(txns, 1);
  const [ret] = await cells(txns);
  assert.deepEqual([ret[1], ret[3]], ['Return', 'GC-3918893-000009']);
  const [returns] = await transactionRequests();
  assert.equal(returns.get('type'), 'RETURN');

  await txns.getByRole('radio', { name: 'All' }).check();
  await rowCount(txns, 12);
  await txns.getByLabel('From').fill('2026-11-01');
  await page.waitForURL(/\?from=2026-11-01$/);
  await txns.getByLabel('To').fill('2026-11-20');
  await page.waitForURL(/\?from=2026-11-01&to=2026-11-20$/);
  // Every five days at noon UTC: 5, 10, 15 and 20 November; the 20th is included.
  await rowCount(txns, 4);
  assert.deepEqual((await cells(txns)).map((r) => r[3]),
    ['GC-3918893-000002', 'GC-3918893-000003', 'GC-3918893-000004', 'GC-3918893-000005']);
  const sent = await transactionRequests();
  const last = sent[sent.length - 1];
  assert.equal(last.get('startDate'), '2026-11-01');
  assert.equal(last.get('endDate'), '2026-11-21', 'To is sent as the day after');

  // A From after To is refused next to From, and nothing is sent.
  await txns.getByLabel('From').fill('2026-11-25');
  await txns.getByText('From must be on or before To.').waitFor();
  assert.equal(await txns.getByLabel('From').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await transactionRequests(), []);
  assert.match(page.url(), /\?from=2026-11-01&to=2026-11-20$/);

  // Back and forward show each filter again, fields included.
  await page.goBack();
  await page.waitForURL(/\?from=2026-11-01$/);
  assert.equal(await txns.getByLabel('To').inputValue(), '');
  assert.equal(await txns.getByLabel('From').inputValue(), '2026-11-01');
  await page.goBack();
  await page.waitForURL(/\/history$/);
  await rowCount(txns, 12);
  await page.goBack();
  await page.waitForURL(/\?type=RETURN$/);
  await rowCount(txns, 1);
  assert.ok(await txns.getByRole('radio', { name: 'Return' }).isChecked());
  await page.goForward();
  await page.waitForURL(/\/history$/);
  await rowCount(txns, 12);
  assert.ok(await txns.getByRole('radio', { name: 'All' }).isChecked());
});

test('5000000: one page at a time from a shared link, tier changes paged with their total', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await transactionRequests();
  const started = Date.now();
  await page.goto(`${server.url}/groups/5000000/history?type=RETURN&from=2026-01-01&page=3`);
  const txns = section(page, 'Transactions');
  await txns.locator('.pager__shown').getByText('Showing 41–60 transactions').waitFor({ timeout: 20000 });
  const opened = Date.now() - started;
  await rowCount(txns, 20);
  assert.ok((await cells(txns)).every((r) => r[1] === 'Return'));
  assert.ok(await txns.getByRole('radio', { name: 'Return' }).isChecked());
  assert.equal(await txns.getByLabel('From').inputValue(), '2026-01-01');
  let sent = await transactionRequests();
  assert.equal(sent.length, 1, 'only the page shown is fetched');
  assert.deepEqual(Object.fromEntries(sent[0]),
    { id: '5000000', type: 'RETURN', startDate: '2026-01-01', offset: '40', limit: '20' });
  assert.ok(opened < 15000, `the 30,000-member group's history opens quickly (${opened} ms)`);

  await txns.getByRole('link', { name: 'Next' }).click();
  await page.waitForURL(/\?type=RETURN&from=2026-01-01&page=4$/);
  await txns.locator('.pager__shown').getByText('Showing 61–80 transactions').waitFor();
  await txns.getByRole('link', { name: 'Previous' }).click();
  await page.waitForURL(/&page=3$/);
  await txns.locator('.pager__shown').getByText('Showing 41–60 transactions').waitFor();
  sent = await transactionRequests();
  assert.deepEqual(sent.map((q) => q.get('offset')), ['60', '40']);

  const tiers = section(page, 'Tier changes');
  await tiers.locator('.pager__shown').getByText('Showing 1–20 of 32 tier changes').waitFor();
  await rowCount(tiers, 20);
  await tiers.getByRole('link', { name: 'Next' }).click();
  await tiers.locator('.pager__shown').getByText('Showing 21–32 of 32 tier changes').waitFor();
  await rowCount(tiers, 12);
  assert.equal(await tiers.getByRole('link', { name: 'Next' }).count(), 0);
  assert.match(page.url(), /&page=3&tiers=20$/, 'the tier changes\' place joins the address; the transactions stay where they were');
  assert.equal((await transactionRequests()).length, 0, 'paging tier changes fetches no transactions');
});

/** Clicks Export CSV in the section and returns the file's name and text. */
async function exportCsv(page, region) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('Export CSV downloads the rows shown', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3918893/history?type=RETURN`);
  const txns = section(page, 'Transactions');
  await rowCount(txns, 1);
  const res = await fetch(`${server.url}/v2/userGroup2/transactions?id=3918893&type=RETURN`, { headers: AUTH });
  const [t] = (await res.json()).data;
  const file = await exportCsv(page, txns);
  assert.equal(file.name, 'group-3918893-transactions.csv');
  const row = [t.billDetails.billingTime, 'RETURN', t.customerId, t.billDetails.billNumber, t.billDetails.amount, t.pointSummary.issuedPoints];
  assert.equal(file.text, `\ufeffDate,Type,Member,Bill number,Amount,Points\r\n${row.join(',')}\r\n`);

  // The 30,000-member group's second page: exactly its 20 rows.
  await page.goto(`${server.url}/groups/5000000/history?page=2`);
  const big = section(page, 'Transactions');
  await big.locator('.pager__shown').getByText('Showing 21–40 transactions').waitFor({ timeout: 20000 });
  await rowCount(big, 20);
  const shown = (await cells(big)).map((r) => r[3]);
  const lines = (await exportCsv(page, big)).text.trim().split('\r\n').slice(1);
  assert.deepEqual(lines.map((l) => l.split(',')[3]), shown);
  assert.equal(shown[0], 'GC-5000000-000020');
});
