// The points ledger under History, the trackers and promised points on the Points tab, and
// members named in place of their IDs, against the emulator: the Sharma Family's 48 entries a
// page at a time, the filter and page in the address (a shared link, back), days refused before
// anything is sent, the CSV of every entry (names, numbers as numbers, a hostile note made
// text), the 1,503-entry group's export stopped at 1,000, and axe on each state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, clearRequests, armFault, axeViolations } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const md5 = (text) => createHash('md5').update(text).digest('hex');
const AUTH = { Authorization: `Basic ${Buffer.from(`marketer:${md5('loyalty')}`).toString('base64')}` };
const SHARMA = 3920001;

const ledgerOf = (page) => page.getByRole('region', { name: 'Points ledger', exact: true });
const transactionsOf = (page) => page.locator('section[aria-labelledby=transactions-title]');

/** The cells of each row of a section's table, as text. */
const cells = (region) => region.locator('tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())));

async function rowCount(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('section[aria-labelledby=ledger-title] tbody tr').length === n, n);
}

/** The ledger's requests the emulator has seen since the last call. */
async function ledgerRequests() {
  const seen = (await emulatorJson(server.url, 'requests')).filter((r) => r.path === '/v2/pointsLedger/getCustomerLedgerInfo');
  await clearRequests(server.url);
  return seen.map((r) => new URLSearchParams(r.query));
}

/** The group's whole ledger as the platform answers it, newest first. */
async function platformLedger(group) {
  const entries = [];
  for (let page = 0; ; page++) {
    const res = await fetch(`${server.url}/v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=${group}&source=INSTORE&offset=${page}&limit=100&order=DESC`, { headers: AUTH });
    if (res.status === 400) break;
    const body = await res.json();
    entries.push(...body.ledgerEntries);
    if (body.ledgerEntries.length < 100) break;
  }
  return entries;
}

const EVENT_WORDS = {
  PointsTransfer: 'Transfer', AllocateGoodwillPoints: 'Goodwill', BulkAllocatePoints: 'Manual issue',
  UserGroup2Create: 'Group created', PointsExpiry: 'Expired', TransactionAdd: 'Purchase', ReturnBill: 'Return',
  PointsRedemption: 'Redeemed',
};
const number = (text) => Number(text.replace(/,/g, ''));

/** Clicks the ledger's Export CSV and returns the file's name and text once saved. */
async function exportLedger(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    ledgerOf(page).getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** RFC 4180 rows of a CSV text (quotes, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}

test('the Sharma Family: the ledger a page at a time, members named in place of IDs', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await clearRequests(server.url);
  await page.goto(`${server.url}/groups/${SHARMA}/history`);
  const ledger = ledgerOf(page);
  await rowCount(page, 10);
  assert.equal(await ledger.locator('.pager__shown').textContent(), 'Showing 1–10 of 48 entries');
  const txns = transactionsOf(page);
  await txns.getByText('Priya Sharma').first().waitFor();
  const log = await emulatorJson(server.url, 'requests');
  const membersAsked = log.filter((r) => r.path === '/v2/userGroup2/members');
  assert.equal(membersAsked.length, 1, 'the members are read once for the page');
  assert.equal(new URLSearchParams(membersAsked[0].query).get('limit'), '3', 'as many as the group\'s active members');
  const [asked] = await ledgerRequests();
  assert.deepEqual(Object.fromEntries(asked),
    { type: 'USERGROUP2', identifierName: 'id', identifierValue: `${SHARMA}`, source: 'INSTORE', offset: '0', limit: '10', order: 'DESC' });

  // Each row says what the platform's entry says, in words.
  const all = await platformLedger(SHARMA);
  assert.equal(all.length, 48);
  await ledgerRequests(); // the test's own reading, not the console's
  const shown = await cells(ledger);
  shown.forEach((row, i) => {
    const e = all[i];
    assert.equal(row[1], EVENT_WORDS[e.eventName] ?? e.eventName, `event of row ${i}`);
    assert.equal(number(row[7]), Number(e.netPointsOnEvent), `points of row ${i}`);
    const c = e.customerDetails;
    assert.equal(row[2], c ? `${c.firstName} ${c.lastName}Customer ${c.userId}` : '—', `member of row ${i}`);
  });
  assert.equal(shown[9][1], 'Goodwill');
  assert.equal(shown[9][5], 'Billing error', 'the goodwill\'s reason');
  assert.ok(shown.every((r) => !/^-?\d+$/.test(r[2])), 'no bare IDs where a name is known');

  // Paging: the address keeps the ledger's page; only that page is asked for.
  await ledger.getByRole('link', { name: 'Next' }).click();
  await page.waitForURL(/\/history\?ledgerPage=2$/);
  await ledger.locator('.pager__shown').getByText('Showing 11–20 of 48 entries').waitFor();
  const next = await ledgerRequests();
  assert.deepEqual(next.map((q) => [q.get('offset'), q.get('limit')]), [['1', '10']]);
  const second = await cells(ledger);
  assert.equal(second[7][1], 'Transfer');
  assert.equal(second[7][5], 'Cousins\' holiday pool');
  assert.equal(number(second[7][7]), -50);

  // The transactions name current members, and keep the ID of one who left (Dev, 700100004).
  const members = (await cells(txns)).map((r) => r[2]);
  assert.ok(members.includes('Priya SharmaCustomer 700100001'), members.join(' | '));
  assert.ok(members.includes('700100004'), 'a member who left keeps their ID');
  assert.ok(members.every((m) => /^(Priya|Arjun|Kavya) SharmaCustomer 7001000\d\d$|^700100004$/.test(m)), members.join(' | '));
  const again = (await emulatorJson(server.url, 'requests')).filter((r) => r.path === '/v2/userGroup2/members');
  assert.equal(again.length, 0, 'paging the ledger does not read the members again');

  assert.deepEqual(await axeViolations(page), [], 'axe: a page of the ledger');
});

test('filters live in the address: type, days checked before sending, a shared link, back', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/${SHARMA}/history?type=REGULAR`);
  const ledger = ledgerOf(page);
  await rowCount(page, 10);
  await ledger.getByRole('radio', { name: 'Debit' }).check();
  await page.waitForURL(/\?type=REGULAR&ledgerType=debit$/);
  await ledger.locator('.pager__shown').getByText('Showing 1–9 of 9 entries').waitFor();
  assert.ok((await cells(ledger)).every((r) => r[4] === 'Debit'));
  await ledgerRequests();

  // More than 60 days, or one day alone: said next to the field, nothing sent.
  await ledger.getByLabel('Entries from').fill('2026-08-01');
  await ledger.getByText('Choose both days, or neither.').waitFor();
  await ledger.getByLabel('Entries to').fill('2026-10-31');
  await ledger.getByText('Choose at most 60 days.').waitFor();
  assert.equal(await ledger.getByLabel('Entries to').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), [], 'axe: days refused');
  assert.deepEqual(await ledgerRequests(), [], 'nothing sent');
  assert.match(page.url(), /\?type=REGULAR&ledgerType=debit$/);

  await ledger.getByLabel('Entries to').fill('2026-09-29');
  await page.waitForURL(/\?type=REGULAR&ledgerFrom=2026-08-01&ledgerTo=2026-09-29&ledgerType=debit$/);
  await ledger.locator('.pager__shown').getByText('Showing 1–3 of 3 entries').waitFor();
  assert.deepEqual((await cells(ledger)).map((r) => r[1]), ['Transfer', 'Return', 'Redeemed']);
  const sent = (await ledgerRequests()).at(-1);
  assert.equal(sent.get('isFilterBasedOnDate'), 'true');
  assert.equal(sent.get('startDate'), '2026-08-01T00:00:00');
  assert.equal(sent.get('endDate'), '2026-09-29T23:59:59');
  assert.equal(sent.get('ledgerEntryType'), 'DEBIT');
  assert.equal(await page.locator('[role=note]').count(), 0, 'the emulator applies the filter: no notice');

  // A shared link opens the same page, fields included.
  const shared = page.url();
  const other = await newPage(b.browser);
  await signIn(other, server.url);
  await other.goto(shared);
  await other.waitForFunction(() => document.querySelectorAll('section[aria-labelledby=ledger-title] tbody tr').length === 3);
  assert.equal(await ledgerOf(other).getByLabel('Entries from').inputValue(), '2026-08-01');
  assert.ok(await ledgerOf(other).getByRole('radio', { name: 'Debit' }).isChecked());
  assert.ok(await transactionsOf(other).getByRole('radio', { name: 'Regular' }).isChecked(), 'the transactions\' filter too');

  // Nothing in that window of credits: an empty page in words.
  await ledger.getByRole('radio', { name: 'Opening balance' }).check();
  await ledger.getByText('No entries match.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe: no entries');

  // Back shows the filter before, fields included.
  await page.goBack();
  await page.waitForURL(/ledgerType=debit$/);
  await rowCount(page, 3);
  assert.ok(await ledger.getByRole('radio', { name: 'Debit' }).isChecked());
  await page.goBack();
  await page.waitForURL(/\?type=REGULAR&ledgerType=debit$/);
  await rowCount(page, 9);
  assert.equal(await ledger.getByLabel('Entries from').inputValue(), '');
});

test('Export CSV: every entry with names, points as numbers, and a hostile note made text', async () => {
  // A member moves points into the wallet with notes a spreadsheet would run.
  const notes = '=HYPERLINK("http://evil.example","Click")';
  const moved = await fetch(`${server.url}/v2/points/userGroup2/transfer`, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      pointsTobeTransferred: 100, programId: 973, notes,
      transferredBy: { identifierType: 'id', identifierValue: '700100002', source: 'INSTORE' },
      fromEntity: { type: 'CUSTOMER', identifierType: 'id', identifierValue: '700100002' },
      toEntity: { type: 'USERGROUP2', identifierType: 'id', identifierValue: `${SHARMA}`, source: 'INSTORE' },
    }),
  });
  assert.equal(moved.status, 200, await moved.text());

  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/${SHARMA}/history`);
  const ledger = ledgerOf(page);
  await ledger.locator('.pager__shown').getByText('Showing 1–10 of 49 entries').waitFor();
  const [first] = await cells(ledger);
  assert.deepEqual([first[1], first[2], first[4], first[5], number(first[7])],
    ['Transfer', 'Arjun SharmaCustomer 700100002', 'Credit', notes, 100], 'the note is shown as text');
  assert.equal(await page.locator('main a[href^="http://evil"]').count(), 0);

  await ledgerRequests();
  const file = await exportLedger(page);
  assert.equal(file.name, `group-${SHARMA}-ledger.csv`);
  await ledger.getByText('Saved 49 entries.').waitFor();
  const rows = parseCsv(file.text);
  assert.deepEqual(rows[0], ['\ufeffdate', 'event', 'member', 'memberId', 'program', 'type', 'points', 'notes', 'store', 'eventLogId']);
  assert.equal(rows.length, 50, 'the header and all 49 entries');
  // One request of 100: the whole ledger in one page.
  const sent = await ledgerRequests();
  assert.deepEqual(sent.map((q) => [q.get('offset'), q.get('limit')]), [['0', '100']]);
  const all = await platformLedger(SHARMA);
  rows.slice(1).forEach((r, i) => {
    const e = all[i];
    assert.equal(r[6], String(Number(e.netPointsOnEvent)), `points of line ${i + 1} as a number`);
    assert.equal(r[9], String(e.eventLogId));
    assert.equal(r[0], e.ledgerCreatedDateISO);
  });
  assert.deepEqual(rows[1].slice(1, 8), ['Transfer', 'Arjun Sharma', '700100002', 'DocDemoDefaultProgram', 'CREDIT', '100', `'${notes}`],
    'the hostile note starts with a quote: a spreadsheet shows it as text');
  assert.ok(file.text.includes(`"'=HYPERLINK(""http://evil.example"",""Click"")"`), 'quoted as CSV wants');
  const redeemed = rows.find((r) => r[1] === 'Redeemed');
  assert.match(redeemed[6], /^-\d+$/, 'a debit is a negative number, not text');
  assert.deepEqual(await axeViolations(page), [], 'axe: export saved');
});

test('the 1,503-entry group: the export stops at the newest 1,000 and says so', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/5000000/history`);
  const ledger = ledgerOf(page);
  await ledger.locator('.pager__shown').getByText('Showing 1–10 of 1,503 entries').waitFor({ timeout: 20000 });
  await ledgerRequests();
  const file = await exportLedger(page);
  await ledger.getByText('Saved the newest 1,000 of 1,503 entries: an export holds at most 1,000.').waitFor();
  assert.equal(parseCsv(file.text).length, 1001);
  const sent = await ledgerRequests();
  assert.deepEqual(sent.map((q) => q.get('offset')), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], 'one page after another');
  assert.ok(sent.every((q) => q.get('limit') === '100'));
});

test('a ledger that fails says so with Retry, and the rest of the tab works', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await armFault(server.url, { kind: 'html500', path: '/v2/pointsLedger/getCustomerLedgerInfo' });
  await page.goto(`${server.url}/groups/${SHARMA}/history`);
  const ledger = ledgerOf(page);
  await ledger.getByRole('button', { name: 'Retry' }).waitFor();
  await transactionsOf(page).locator('tbody tr').first().waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe: the ledger failed');
  await ledger.getByRole('button', { name: 'Retry' }).click();
  await rowCount(page, 10);
});

test('the Points tab: trackers, promised points and the expiry schedule\'s types', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/${SHARMA}/points`);
  const trackers = page.getByRole('region', { name: 'Trackers', exact: true });
  await trackers.locator('tbody tr').nth(2).waitFor();
  const names = await trackers.locator('tbody th').evaluateAll((ths) => ths.map((t) => t.firstChild.textContent));
  assert.deepEqual(names, ['BillAmount_Tracker', 'TransactionTotalQuantity_Tracker', 'Visits_Tracker']);
  const res = await fetch(`${server.url}/v2/customers/userEntityTrackers?type=USERGROUP2&identifierType=id&identifierValue=${SHARMA}&source=INSTORE`, { headers: AUTH });
  const values = (await res.json()).data.map((t) => t.value);
  assert.deepEqual((await cells(trackers)).map((r) => number(r[1])), values, 'each tracker\'s value');

  const promised = page.getByRole('region', { name: 'Promised points', exact: true });
  await promised.locator('tbody tr').nth(1).waitFor();
  const lines = await cells(promised);
  assert.deepEqual([lines[0][1], lines[0][2], number(lines[0][4])], ['On a schedule', 'bill_regular', 150]);
  assert.deepEqual([lines[1][1], lines[1][2], lines[1][3], number(lines[1][4])], ['When triggered', 'customer_promotions', '—', 40]);

  const schedules = page.locator('.expiry__schedules');
  await schedules.getByRole('columnheader', { name: 'Expiry type' }).first().waitFor();
  const typed = await schedules.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].slice(2).map((td) => td.textContent)));
  assert.ok(typed.some((r) => r[0] === 'REGULAR' && r[1] === 'EXPIRY_STRATEGY'), JSON.stringify(typed));
  assert.deepEqual(await axeViolations(page), [], 'axe: the Points tab with trackers and promised points');

  // A group without a primary member says why it has no promised points (Mensah 3920005, inactive).
  await page.goto(`${server.url}/groups/3920005/points`);
  await page.getByText('Promised points are looked up through the primary member; this group has none.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe: no primary member');
});
