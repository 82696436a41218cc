// "Issue points" on the Points tab against the emulator: points issued for a bill of the
// Sharma family raise its balance once (the emulator's wallet, its ledger and the card); a 207
// answer shows the failed item in words with its code and issues nothing; a lost answer is
// looked up in the ledger and never issues twice — found there, nothing more is sent; not
// readable, a resend by choice carries the same reference and its 6006 says the first attempt
// went through; axe on each state of the dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, emulatorJson, armFault, axeViolations } from '../lib.mjs';

const GROUP = 3920001;
const ALLOCATE = '/v2/customers/bulk/manualCurrencyAllocate';
const LEDGER = '/v2/pointsLedger/getCustomerLedgerInfo';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** The group's wallet in program 973 and its ledger's length, as the emulator keeps them. */
async function wallet() {
  const p = await emulatorJson(server.url, `points?group=${GROUP}`);
  const w = p.wallets.find((x) => x.programId === 973);
  return { points: w.loyaltyPoints, available: w.totalAvailablePoints, entries: p.ledgerEntries, newest: p.newestLedgerEntries };
}

async function issueRequests() {
  return (await emulatorJson(server.url, 'requests')).filter((r) => r.method === 'POST' && r.path === ALLOCATE);
}

/** Basic sign-in with the org's ID in Settings, as a marketer would. */
async function signInWithOrg(page) {
  await page.goto(`${server.url}/settings`);
  await page.getByLabel('Authentication').selectOption('basic');
  await page.getByLabel('Username').fill('marketer');
  await page.getByLabel('Password', { exact: true }).fill('loyalty');
  await page.getByLabel('Org ID').fill('100737');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
}

/**
 * Opens the dialog on the Sharma family's Points tab, picks bill `bill` (its newest, by
 * default) and types the strategies; answers the dialog and the points the strategy gives
 * (1 per 10 of the amount).
 */
async function fillIn(page, { bill = 'GC-3920001-000000', award = '111523' } = {}) {
  await page.goto(`${server.url}/groups/${GROUP}/points`);
  await page.getByRole('button', { name: 'Issue points' }).click();
  const dialog = page.getByRole('dialog', { name: 'Issue points' });
  await dialog.getByRole('radio', { name: new RegExp(`^${bill} ·`) }).check();
  const amount = Number(await dialog.getByLabel('Bill amount').inputValue());
  assert.ok(amount > 0, `the bill's amount is filled in: ${amount}`);
  await dialog.getByLabel('Award strategy ID').fill(award);
  await dialog.getByLabel('Expiry strategy ID').fill('111581');
  return { dialog, amount, points: Math.floor(amount / 10) };
}

test('issue points for a bill: the confirmation in words, then the balance rises once', async () => {
  const page = await newPage(b.browser);
  await signInWithOrg(page);
  const start = await wallet();
  const { dialog, amount, points } = await fillIn(page);
  await dialog.getByRole('button', { name: 'Review the issue' }).click();
  const money = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.equal(
    (await dialog.locator('#issue-confirmation').textContent()).trim(),
    `Issue points to The Sharma Family for bill GC-3920001-000000 (${money}) in DocDemoDefaultProgram, computed by `
      + 'award strategy 111523, expiring by 111581? The number of points is decided by the strategy.',
  );
  assert.equal((await wallet()).entries, start.entries, 'nothing sent before the confirmation');
  await dialog.getByRole('button', { name: 'Issue points' }).click();
  await dialog.locator('ul.outcomes li').filter({ hasText: new RegExp(`Issued ${points} points to The Sharma Family \\(event \\d+\\)\\.`) }).waitFor();
  const end = await wallet();
  assert.equal(end.points, start.points + points, 'the wallet rose by the points, once');
  assert.equal(end.entries, start.entries + 1, 'one ledger entry');
  assert.equal(end.newest[0].event, 'BulkAllocatePoints');
  assert.equal(end.newest[0].bill, 2100000000000 + GROUP * 100000);
  assert.equal((await issueRequests()).length, 1);
  // Closing reads the group again: the card shows the new balance.
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  const card = page.locator('.points-card').filter({ hasText: 'DocDemoDefaultProgram' }).locator('.points-card__value');
  const shown = (end.available).toLocaleString('en-US');
  await page.waitForFunction(
    ([sel, want]) => [...document.querySelectorAll(sel)].some((e) => e.textContent.trim() === want),
    ['.points-card__value', shown],
  );
  assert.ok((await card.allTextContents()).map((t) => t.trim()).includes(shown));
  // The activity log under History names it.
  await page.goto(`${server.url}/groups/${GROUP}/history`);
  await page.getByText('Issued points').first().waitFor();
});

test('a 207 answer shows the failed item in words with its code, and nothing is issued', async () => {
  const page = await newPage(b.browser);
  await signInWithOrg(page);
  const start = await wallet();
  const { dialog } = await fillIn(page, { bill: 'GC-3920001-000001', award: '999' });
  await dialog.getByRole('button', { name: 'Review the issue' }).click();
  await dialog.getByRole('button', { name: 'Issue points' }).click();
  await dialog.getByText('The platform answered item by item:').waitFor();
  const item = (await dialog.locator('ul.outcomes li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.equal(item.length, 1);
  assert.match(item[0], /^Not issued Not issued: The platform has no such award strategy\. HTTP 400 · code 8136: Award Strategy not found for id 999$/);
  const end = await wallet();
  assert.equal(end.points, start.points, 'nothing issued');
  assert.equal(end.entries, start.entries);
  // The details can be changed: what was typed is kept, a new confirmation follows.
  await dialog.getByRole('button', { name: 'Change the details' }).click();
  assert.equal(await dialog.getByLabel('Award strategy ID').inputValue(), '999');
});

test('a lost answer is looked up in the ledger: the points were issued once, nothing more is sent', async () => {
  const page = await newPage(b.browser);
  await signInWithOrg(page);
  const start = await wallet();
  const before = (await issueRequests()).length;
  const { dialog, points } = await fillIn(page, { bill: 'GC-3920001-000002' });
  await dialog.getByRole('button', { name: 'Review the issue' }).click();
  // The platform issues the points, then its answer is cut off.
  await armFault(server.url, { kind: 'truncated', method: 'POST', path: ALLOCATE });
  await dialog.getByRole('button', { name: 'Issue points' }).click();
  await dialog.getByText(/^The points were issued: the group's ledger shows/).waitFor();
  assert.match(await dialog.textContent(), new RegExp(`shows ${points} points for bill GC-3920001-000002`));
  assert.equal(await dialog.getByRole('button', { name: 'Send again (same reference)' }).count(), 0);
  const end = await wallet();
  assert.equal(end.points, start.points + points, 'issued once');
  assert.equal(end.entries, start.entries + 1);
  assert.equal((await issueRequests()).length, before + 1, 'sent once');
});

test('a lost answer and an unreadable ledger: sent again by choice with the same reference, 6006 says it was issued, once', async () => {
  const page = await newPage(b.browser);
  await signInWithOrg(page);
  const start = await wallet();
  const before = (await issueRequests()).length;
  const { dialog, points } = await fillIn(page, { bill: 'GC-3920001-000003' });
  await dialog.getByRole('button', { name: 'Review the issue' }).click();
  await armFault(server.url, { kind: 'truncated', method: 'POST', path: ALLOCATE });
  await armFault(server.url, { kind: 'html500', method: 'GET', path: LEDGER });
  await dialog.getByRole('button', { name: 'Issue points' }).click();
  await dialog.getByText(/could not be read to see whether the points were issued/).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the lost answer');
  assert.equal((await issueRequests()).length, before + 1, 'nothing resent on its own');
  await dialog.getByRole('button', { name: 'Send again (same reference)' }).click();
  await dialog.getByText(/An earlier attempt went through/).waitFor();
  const sent = (await issueRequests()).slice(before);
  assert.equal(sent.length, 2);
  assert.equal(sent[0].body[0].uniqueId, sent[1].body[0].uniqueId, 'the same reference');
  const end = await wallet();
  assert.equal(end.points, start.points + points, 'issued once');
  assert.equal(end.entries, start.entries + 1);
});

// A connection dropped after the platform issued the points: Chromium sends the POST again by
// itself on a new connection, and the reference made for the confirmation is what keeps the
// points from being issued twice (the platform answers 6006, read as an earlier attempt).
test('a dropped connection after the issue: the points were issued once, and the dialog says so', async () => {
  const page = await newPage(b.browser);
  await signInWithOrg(page);
  const start = await wallet();
  const before = (await issueRequests()).length;
  const { dialog, points } = await fillIn(page, { bill: 'GC-3920001-000005' });
  await dialog.getByRole('button', { name: 'Review the issue' }).click();
  await armFault(server.url, { kind: 'reset', afterHandler: true, method: 'POST', path: ALLOCATE });
  await dialog.getByRole('button', { name: 'Issue points' }).click();
  await dialog.getByText(/An earlier attempt went through|The points were issued: the group's ledger shows/).waitFor();
  const end = await wallet();
  assert.equal(end.points, start.points + points, 'issued once');
  assert.equal(end.entries, start.entries + 1);
  const sent = (await issueRequests()).slice(before);
  assert.ok(sent.length >= 1 && sent.every((r) => r.body[0].uniqueId === sent[0].body[0].uniqueId), 'one reference');
});

test('axe: the dialog with its checks, its confirmation and its outcome', async () => {
  const page = await newPage(b.browser);
  await signInWithOrg(page);
  await page.goto(`${server.url}/groups/${GROUP}/points`);
  await page.getByRole('button', { name: 'Issue points' }).click();
  const dialog = page.getByRole('dialog', { name: 'Issue points' });
  await dialog.getByRole('radio', { name: /^GC-3920001-000004 ·/ }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the open dialog');
  await dialog.getByRole('button', { name: 'Review the issue' }).click();
  await dialog.getByText('Choose a bill, or enter the target\'s achieved ID.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe with the checks shown');
  await dialog.getByRole('radio', { name: 'A completed target' }).check();
  await dialog.getByLabel("Target's achieved ID").fill('77');
  await dialog.getByLabel('Award strategy ID').fill('111524');
  await dialog.getByLabel('Expiry strategy ID').fill('111581');
  await dialog.getByRole('button', { name: 'Review the issue' }).click();
  await dialog.locator('#issue-confirmation').waitFor();
  assert.match(await dialog.locator('#issue-confirmation').textContent(), /^Issue points to The Sharma Family for target 77 in DocDemoDefaultProgram/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the confirmation');
  const start = await wallet();
  await dialog.getByRole('button', { name: 'Issue points' }).click();
  await dialog.getByText('Issued 500 points to The Sharma Family', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the outcome');
  assert.equal((await wallet()).points, start.points + 500, 'a target: the fixed award');
});
