// "Move points" on the Points tab against the emulator: 100 points from a member to the Sharma
// family change both wallets (the emulator's and the page's card); the group gives to a member;
// the group gives to another group found with the search; a transfer the pre-check refuses shows
// its words and nothing is sent (the request log has no transfer); a lost transfer answer moves
// the points once; the whole path by keyboard alone; axe on each state of the dialog; and "Move
// their points too" in the Move-members dialog moves a member and their points.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, armFault, clearRequests, axeViolations } from '../lib.mjs';

const SHARMA = 3920001;
const TRANSFER = '/v2/points/userGroup2/transfer';
const CHECK = '/v2/points/userGroup2/isTransferrable';

let server, b;
before(async () => { server = await startServer(['--hang-secs', '10']); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** The group's wallet in program 973, its members' own wallets and contributions, its ledger's length. */
async function points(group) {
  const p = await emulatorJson(server.url, `points?group=${group}`);
  const member = (id) => p.members.find((m) => m.userId === id);
  return {
    group: p.wallets.find((w) => w.programId === 973).loyaltyPoints,
    member: (id) => member(id)?.wallets.find((w) => w.programId === 973)?.loyaltyPoints,
    contributed: (id) => member(id)?.pointsContributed,
    members: p.members,
    entries: p.ledgerEntries,
  };
}

async function posts(path) {
  return (await emulatorJson(server.url, 'requests')).filter((r) => r.method === 'POST' && r.path === path);
}

/** Opens the Move points dialog on the group's Points tab. */
async function openDialog(page, group = SHARMA) {
  await page.goto(`${server.url}/groups/${group}/points`);
  await page.getByRole('button', { name: 'Move points', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Move points' });
  await dialog.waitFor();
  return dialog;
}

/** The member picked by customer ID (the option reads "Arjun Sharma (700100002)"), once listed. */
async function pickMember(dialog, id) {
  const select = dialog.getByLabel('Member', { exact: true });
  await select.locator(`option[value="${id}"]`).waitFor({ state: 'attached' });
  await select.selectOption(String(id));
}

/** Asks the pre-check and waits for its agreement. */
async function check(dialog, n) {
  await dialog.getByLabel('Points', { exact: true }).fill(String(n));
  await dialog.getByRole('button', { name: 'Check with the platform' }).click();
  await dialog.getByText(`The platform agrees: ${n} points can move.`).waitFor();
}

test('move 100 points from a member to the group: both wallets change, and the card shows it', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const before = await points(SHARMA);
  const dialog = await openDialog(page);
  await pickMember(dialog, 700100002);
  await dialog.getByText(`Arjun Sharma holds ${before.member(700100002)} points of DocDemoDefaultProgram.`).waitFor();
  // More than he holds: said next to the field, nothing asked.
  await dialog.getByLabel('Points', { exact: true }).fill('5000');
  await dialog.getByRole('button', { name: 'Check with the platform' }).click();
  await dialog.getByText(/Arjun Sharma holds \d+ points of DocDemoDefaultProgram: you can move at most/).waitFor();
  assert.equal((await posts(CHECK)).length, 0, 'nothing asked while a check fails');

  await dialog.getByLabel('Notes (optional)').fill('Joined the family wallet');
  await check(dialog, 100);
  assert.match(await dialog.textContent(), /Move 100 points of DocDemoDefaultProgram from Arjun Sharma to The Sharma Family\./);
  assert.equal((await posts(TRANSFER)).length, 0, 'the pre-check moves nothing');
  await dialog.getByRole('button', { name: 'Move 100 points' }).click();
  await dialog.getByText(/^Moved 100 points of DocDemoDefaultProgram from Arjun Sharma to The Sharma Family \(transfer \d+\)\.$/).waitFor();
  await dialog.getByText(`Arjun Sharma now holds ${before.member(700100002) - 100} points of DocDemoDefaultProgram; The Sharma Family ${(before.group + 100).toLocaleString('en')}.`).waitFor();

  const after = await points(SHARMA);
  assert.equal(after.group, before.group + 100);
  assert.equal(after.member(700100002), before.member(700100002) - 100);
  assert.equal(after.entries, before.entries + 1, 'one ledger entry');
  const sent = await posts(TRANSFER);
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0].body, (await posts(CHECK)).at(-1).body, 'the transfer is what was checked');
  assert.equal(sent[0].body.notes, 'Joined the family wallet');

  await dialog.getByRole('button', { name: 'Close' }).last().click();
  const card = page.locator('.points-card').filter({ hasText: 'DocDemoDefaultProgram' }).first();
  await card.locator('dt:text-is("Loyalty points") + dd').filter({ hasText: (before.group + 100).toLocaleString('en') }).waitFor();
  await page.goto(`${server.url}/groups/${SHARMA}/history`);
  await page.getByText(/Moved 100 points of DocDemoDefaultProgram from Arjun Sharma to The Sharma Family/).first().waitFor();
});

test('the group gives points to a member', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const before = await points(SHARMA);
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'From this group to a member' }).check();
  await pickMember(dialog, 700100003);
  await check(dialog, 50);
  assert.match(await dialog.textContent(), /Move 50 points of DocDemoDefaultProgram from The Sharma Family to Kavya Sharma\..*Authorised by Priya Sharma/s);
  await dialog.getByRole('button', { name: 'Move 50 points' }).click();
  await dialog.getByText(/^Moved 50 points of DocDemoDefaultProgram from The Sharma Family to Kavya Sharma \(transfer \d+\)\.$/).waitFor();
  const after = await points(SHARMA);
  assert.equal(after.group, before.group - 50);
  assert.equal(after.member(700100003), before.member(700100003) + 50);
  assert.equal((await posts(TRANSFER)).at(-1).body.transferredBy.identifierValue, '700100001', 'the primary member authorises');
});

test('the group gives points to another group found with the search', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const [sharma, okafor] = [await points(SHARMA), await points(3920002)];
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'From this group to another group' }).check();
  await dialog.getByRole('searchbox', { name: 'Find the group to receive the points' }).fill('family_okafor');
  await dialog.getByRole('radio', { name: /Okafor Household/ }).check();
  await dialog.getByText(/Receiving: Okafor Household \(group 3920002\)/).waitFor();
  assert.equal(await dialog.getByRole('radio', { name: /family_sharma/ }).count(), 0, 'this group is not offered');
  await check(dialog, 25);
  await dialog.getByRole('button', { name: 'Move 25 points' }).click();
  await dialog.getByText(/^Moved 25 points of DocDemoDefaultProgram from The Sharma Family to Okafor Household \(transfer \d+\)\.$/).waitFor();
  assert.equal((await points(SHARMA)).group, sharma.group - 25);
  assert.equal((await points(3920002)).group, okafor.group + 25);
});

test('a transfer the pre-check refuses shows its words, and nothing is sent', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  // The Nguyen family's primary member may no longer transfer its points.
  const nguyen = await points(3920004);
  const primary = nguyen.members.find((m) => m.primary && m.active);
  const other = nguyen.members.find((m) => !m.primary && m.active);
  await page.goto(`${server.url}/groups/3920004/members`);
  await page.getByRole('row').filter({ hasText: primary.name }).getByRole('button', { name: /^Permissions of / }).click();
  const perms = page.getByRole('dialog', { name: 'Change permissions' });
  await perms.getByRole('group', { name: 'Points transfer' }).getByRole('radio', { name: 'Block' }).check();
  await perms.getByRole('button', { name: 'Save permissions' }).click();
  await perms.getByRole('heading', { name: 'Result' }).waitFor();

  await clearRequests(server.url);
  const dialog = await openDialog(page, 3920004);
  await dialog.getByRole('radio', { name: 'From this group to a member' }).check();
  await pickMember(dialog, other.userId);
  await dialog.getByLabel('Points', { exact: true }).fill('40');
  await dialog.getByRole('button', { name: 'Check with the platform' }).click();
  const words = `${primary.name} may not move points out of Nguyen Family. Check their permissions (allow points transfer).`;
  await dialog.getByText(words).waitFor();
  assert.match(await dialog.getByRole('alert').filter({ hasText: words }).textContent(), /HTTP 400 · code 830/);
  assert.equal(await dialog.getByRole('button', { name: 'Move 40 points' }).count(), 0, 'nothing to send');
  assert.deepEqual(await axeViolations(page), [], 'axe on the refusal');
  assert.equal((await posts(CHECK)).length, 1);
  assert.equal((await posts(TRANSFER)).length, 0, 'the request log has no transfer');
  assert.equal((await points(3920004)).group, nguyen.group);

  // A group without a primary member is refused before anything is asked.
  await clearRequests(server.url);
  const lindqvist = await openDialog(page, 3920003);
  await lindqvist.getByRole('radio', { name: 'From this group to a member' }).check();
  await lindqvist.getByText('This group has no primary member, so nobody can authorise moving its points.').waitFor();
  assert.equal((await posts(CHECK)).length, 0);
});

test('a lost transfer answer moves the points once', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  // A short wait for answers, so that the hung one is given up soon.
  await page.goto(`${server.url}/settings`);
  await page.getByLabel('Request timeout (seconds)').fill('3');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
  // The answer cut off, or never coming, after the emulator carried the transfer out.
  for (const fault of [{ kind: 'truncated' }, { kind: 'hang', afterHandler: true }]) {
    const before = await points(SHARMA);
    await clearRequests(server.url);
    const dialog = await openDialog(page);
    await pickMember(dialog, 700100001);
    await check(dialog, 30);
    await armFault(server.url, { method: 'POST', path: TRANSFER, ...fault });
    await dialog.getByRole('button', { name: 'Move 30 points' }).click();
    // The balances moved by exactly the transfer, and the ledger's new entry confirms it.
    await dialog.getByText(/The points were moved \((the balances show it|the ledger shows the transfer)\)\. Nothing more was sent\./).waitFor();
    assert.match(await dialog.textContent(), /The answer to the transfer was lost, so the console read the balances again\./);
    assert.equal(await dialog.getByRole('button', { name: 'Send again' }).count(), 0);
    if (fault.kind === 'hang') assert.deepEqual(await axeViolations(page), [], 'axe on the lost answer');
    const after = await points(SHARMA);
    assert.equal(after.group, before.group + 30, `${fault.kind}: moved once`);
    assert.equal(after.member(700100001), before.member(700100001) - 30);
    assert.equal(after.entries, before.entries + 1, `${fault.kind}: one ledger entry`);
    assert.equal((await posts(TRANSFER)).length, 1, `${fault.kind}: sent once`);
  }
});

// A connection that drops before any answer, after the transfer was carried out: Chromium
// resends a request on its own when this happens on a connection it reused (HTTP/1.1), so the
// emulator may see the transfer twice although the console sent it once. The console cannot
// stop that; it must not hide it.
test('a dropped connection the browser resends on its own is said, not hidden', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const before = await points(SHARMA);
  await clearRequests(server.url);
  const dialog = await openDialog(page);
  await pickMember(dialog, 700100001);
  await check(dialog, 15);
  await armFault(server.url, { kind: 'reset', afterHandler: true, method: 'POST', path: TRANSFER });
  await dialog.getByRole('button', { name: 'Move 15 points' }).click();
  await dialog.getByRole('heading', { name: 'Outcome' }).waitFor();
  const times = (await posts(TRANSFER)).length;
  const after = await points(SHARMA);
  assert.equal(after.group, before.group + 15 * times, 'each request the emulator saw moved the points once');
  const text = await dialog.textContent();
  if (times > 1) {
    assert.match(text, new RegExp(`The ledger shows this transfer ${times} times: it was carried out more than once`));
    assert.equal(await dialog.getByRole('alert').filter({ hasText: 'carried out more than once' }).count(), 1);
  } else {
    assert.match(text, /The points were moved \((the balances show it|the ledger shows the transfer)\)\. Nothing more was sent\./);
  }
});

/** Presses Tab until `ok(focused)` holds (the focused element's tag, id, text and label). */
async function tabTo(page, ok, what, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a?.tagName, id: a?.id, text: (a?.textContent || '').trim(), type: a?.type };
    });
    if (ok(el)) return el;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('the keyboard alone moves points', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const before = await points(SHARMA);
  await page.goto(`${server.url}/groups/${SHARMA}/points`);
  await page.getByRole('button', { name: 'Move points', exact: true }).waitFor();
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Move points', 'Move points');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Move points' });
  await dialog.getByLabel('Member', { exact: true }).waitFor();
  await tabTo(page, (e) => e.id === 'move-points-member', 'the member');
  // The arrow keys go through the members (the primary first) until Arjun.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('ArrowDown');
    if (/^Arjun Sharma/.test(await page.evaluate(() => document.activeElement.selectedOptions[0].text))) break;
  }
  await dialog.getByText(/^Arjun Sharma holds \d+ points/).waitFor();
  await tabTo(page, (e) => e.id === 'move-points-points', 'points');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await dialog.getByText('The platform agrees: 20 points can move.').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'move-points-send');
  await page.keyboard.press('Enter');
  await dialog.getByText(/^Moved 20 points of DocDemoDefaultProgram from Arjun Sharma to The Sharma Family/).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'move-points-outcome');
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Close' && e.id === '', 'Close', 5);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await points(SHARMA)).group, before.group + 20);
});

test('axe: the dialog open, with its checks, with the pre-check\'s answer and its outcome', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const dialog = await openDialog(page);
  await dialog.getByLabel('Member', { exact: true }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the open dialog');
  await dialog.getByRole('button', { name: 'Check with the platform' }).click();
  await dialog.getByText('Choose the member whose points move to the group.').waitFor();
  assert.equal(await dialog.getByLabel('Member', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), [], 'axe with the checks shown');
  await dialog.getByRole('radio', { name: 'From this group to another group' }).check();
  await dialog.getByRole('searchbox', { name: 'Find the group to receive the points' }).fill('family_mensah');
  await dialog.getByRole('radio', { name: /Mensah Family/ }).check();
  await dialog.getByText('Mensah Family is inactive and cannot receive points.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe with the search and an inactive group');
  await dialog.getByRole('radio', { name: 'From a member to this group' }).check();
  await pickMember(dialog, 700100001);
  await check(dialog, 10);
  assert.deepEqual(await axeViolations(page), [], 'axe on the confirmation');
  await dialog.getByRole('button', { name: 'Move 10 points' }).click();
  await dialog.getByRole('heading', { name: 'Outcome' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the outcome');
});

test('"Move their points too" moves a member and their points', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  const [sharma, open] = [await points(SHARMA), await points(3920007)];
  const share = Math.floor(sharma.contributed(700100002));
  assert.ok(share > 0, 'Arjun has contributed points');
  await clearRequests(server.url);
  await page.goto(`${server.url}/groups/${SHARMA}/members`);
  await page.getByRole('table', { name: 'Members of this group' }).waitFor();
  await page.getByRole('checkbox', { name: 'Arjun Sharma' }).check();
  await page.getByRole('button', { name: 'Move selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move members to another group' });
  await dialog.getByRole('searchbox', { name: 'Find the group to move them to' }).fill('team_open');
  await dialog.getByRole('radio', { name: /team_open/ }).check();
  await dialog.getByText(/Moving to/).waitFor();
  await dialog.getByRole('checkbox', { name: 'Move their points too' }).check();
  await dialog.getByText(`Arjun Sharma: ${share.toLocaleString('en')} points.`).waitFor();
  assert.match(await dialog.textContent(), /Their points follow\./);
  assert.deepEqual(await axeViolations(page), [], 'axe on the plan');
  await dialog.getByRole('button', { name: 'Move 1 member' }).click();
  await dialog.getByRole('heading', { name: 'Result' }).waitFor();
  const line = dialog.locator('.move__points li');
  await line.filter({ hasText: 'Points moved' }).waitFor();
  assert.match(await line.textContent(), new RegExp(`Arjun Sharma: Points moved Moved ${share} points of DocDemoDefaultProgram from The Sharma Family to Open Team Sales \\(transfer \\d+\\)\\.`));
  assert.equal((await points(SHARMA)).group, sharma.group - share);
  assert.equal((await points(3920007)).group, open.group + share);
  assert.ok((await points(3920007)).members.some((m) => m.userId === 700100002 && m.active), 'the member moved');
  const transfer = (await posts(TRANSFER))[0].body;
  assert.equal(transfer.notes, 'Points of Arjun Sharma, moved with them');
  assert.equal(transfer.fromEntity.identifierValue, String(SHARMA));
});
