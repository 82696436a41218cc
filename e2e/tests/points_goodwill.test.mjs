// "Give goodwill points" against the emulator: a request is made as one identity (Basic
// marketer), its maker's own approval is refused in words (9056), another identity (the demo
// OAuth client key) approves it and the balance rises on the cards and in the emulator's wallet
// and ledger. The console's list of its requests survives a reload, Settings lists it, and
// "Forget this browser's data" removes it. axe on the dialog, its confirmation and the list.
// A lost answer is never resent: a request is kept with its reference (made once), an approval
// reads the balance again (credited once).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, armFault, axeViolations } from '../lib.mjs';

const SHARMA = 3920001;
let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** The Sharma Family's wallet in program 973, and its goodwill requests, as the emulator keeps them. */
async function emulated() {
  const state = await emulatorJson(server.url, `points?group=${SHARMA}`);
  return {
    points: state.wallets.find((w) => w.programId === 973).loyaltyPoints,
    goodwill: state.goodwill,
    ledger: state.newestLedgerEntries,
  };
}

/** "Loyalty points" on the card of DocDemoDefaultProgram, as a number. */
async function cardPoints(page) {
  const card = page.getByRole('article', { name: 'DocDemoDefaultProgram' });
  const text = await card.locator('dt:text-is("Loyalty points") + dd').textContent();
  return Number(text.replace(/[^\d.-]/g, ''));
}

async function openPoints(page) {
  await page.goto(`${server.url}/groups/${SHARMA}/points`);
  await page.getByRole('heading', { name: 'Goodwill requests' }).waitFor();
}

async function useOAuthClient(page) {
  await page.goto(`${server.url}/settings`);
  await page.getByLabel('Authentication').selectOption('oauth_client');
  await page.getByLabel('Client key').fill('demo-key');
  await page.getByLabel('Client secret').fill('demo-secret');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
}

test('a goodwill request is made, refused to its maker, approved by another identity, and the balance rises', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await openPoints(page);
  const before = await emulated();
  assert.equal(await cardPoints(page), before.points);
  await page.getByText('The platform cannot list a group\'s requests: these are the ones this browser made.').waitFor();

  // The dialog: checks first, then the confirmation in words; nothing sent before it.
  await page.getByRole('button', { name: 'Give goodwill points' }).click();
  const dialog = page.getByRole('dialog', { name: 'Give goodwill points' });
  await dialog.getByRole('button', { name: 'Review the request' }).click();
  await dialog.getByText('Enter the number of points.').waitFor();
  assert.deepEqual(await axeViolations(page, '#goodwill-dialog'), [], 'axe on the dialog with its messages');
  assert.equal(await dialog.getByLabel('Program').inputValue(), '973');
  await dialog.getByLabel('Points').fill('500');
  await dialog.getByLabel('Reason').fill('Late delivery complaint');
  await dialog.getByRole('button', { name: 'Review the request' }).click();
  await dialog.getByText('Ask for 500 goodwill points of DocDemoDefaultProgram for The Sharma Family? This creates a '
    + 'request: the points arrive only when someone approves it.').waitFor();
  assert.deepEqual(await axeViolations(page, '#goodwill-dialog'), [], 'axe on the confirmation');
  assert.equal((await emulated()).goodwill.length, before.goodwill.length, 'nothing sent before the confirmation');
  await dialog.getByRole('button', { name: 'Send the request' }).click();
  const made = dialog.getByText(/^Request \d+ was made: 500 goodwill points/);
  await made.waitFor();
  const id = Number((await made.textContent()).match(/^Request (\d+)/)[1]);
  const request = (await emulated()).goodwill.find((g) => g.id === id);
  assert.equal(request.status, 'PENDING');
  assert.equal(request.maker, 'basic:marketer');
  assert.match(request.requestComments, /^Group Console ref [0-9A-F]{8}$/);
  const reference = request.requestComments.slice('Group Console ref '.length);
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  // Listed with its state; the caveat beside Approve and Reject; axe on the list.
  const item = page.getByRole('listitem').filter({ hasText: `ref ${reference}` });
  await item.getByText('Waiting for approval').waitFor();
  await page.getByText('approval will be refused (code 9056): ask a colleague to approve with their own credentials.').waitFor();
  assert.deepEqual(await axeViolations(page, 'section.goodwill'), [], 'axe on the list');

  // The list survives a reload.
  await page.reload();
  await page.getByRole('listitem').filter({ hasText: `ref ${reference}` }).getByText('Waiting for approval').waitFor();

  // The maker approving their own request: refused in words, nothing credited.
  await page.getByRole('button', { name: `Approve request ${id}` }).click();
  const approve = page.getByRole('dialog', { name: 'Approve a goodwill request' });
  await approve.getByText('If these credentials made the request, approval will be refused (code 9056)').waitFor();
  assert.deepEqual(await axeViolations(page, '#goodwill-approve-dialog'), [], 'axe on the approve dialog');
  await approve.getByRole('button', { name: 'Approve the request' }).click();
  const alert = approve.getByRole('alert');
  await alert.getByText('The same user cannot ask for and approve goodwill: approve with other credentials.').waitFor();
  assert.match(await alert.textContent(), /code 9056/);
  assert.deepEqual(await axeViolations(page, '#goodwill-approve-dialog'), [], 'axe on the refusal');
  let now = await emulated();
  assert.equal(now.goodwill.find((g) => g.id === id).status, 'PENDING');
  assert.equal(now.points, before.points, 'nothing credited');
  await approve.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('listitem').filter({ hasText: `ref ${reference}` }).getByText('Approval refused (code 9056)').waitFor();

  // Another identity approves: the balance rises by 500, once.
  await useOAuthClient(page);
  await openPoints(page);
  await page.getByRole('button', { name: `Approve request ${id}` }).click();
  await approve.getByRole('button', { name: 'Approve the request' }).click();
  await approve.getByText('Approved: 500 goodwill points of DocDemoDefaultProgram for The Sharma Family.').waitFor();
  await approve.getByRole('button', { name: 'Close' }).last().click();
  await page.getByRole('listitem').filter({ hasText: `ref ${reference}` }).getByText('Approved: 500 points').waitFor();
  now = await emulated();
  assert.equal(now.points, before.points + 500);
  assert.equal(now.goodwill.find((g) => g.id === id).status, 'APPROVED');
  assert.equal(now.goodwill.find((g) => g.id === id).approvedValue, 500);
  assert.deepEqual([now.ledger[0].event, now.ledger[0].points], ['AllocateGoodwillPoints', 500], 'the newest ledger entry');
  // The cards are read again once the dialog is closed.
  for (let i = 0; i < 100 && (await cardPoints(page)) !== before.points + 500; i++) await page.waitForTimeout(50);
  assert.equal(await cardPoints(page), before.points + 500);
  assert.equal(await page.getByRole('button', { name: `Approve request ${id}` }).count(), 0, 'decided: no more buttons');

  // Settings lists it; forgetting removes it.
  await page.goto(`${server.url}/settings`);
  const kept = page.getByRole('table', { name: 'What this browser keeps' });
  await kept.getByText('Goodwill requests: 1 request on 1 group').waitFor();
  await page.getByRole('button', { name: "Forget this browser's data" }).click();
  const removed = await page.getByText(/^Removed: /).textContent();
  assert.match(removed, /the goodwill requests \(1 request on 1 group\)/);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gc.goodwill.'))), []);
  await signIn(page, server.url);
  await openPoints(page);
  await page.getByText('This browser has not asked for goodwill points for this group.').waitFor();
  assert.equal(await page.getByRole('listitem').filter({ hasText: `ref ${reference}` }).count(), 0);
});

/** Asks for `points` goodwill points with `reason` in the open Points tab, up to Send. */
async function ask(page, points, reason) {
  await page.getByRole('button', { name: 'Give goodwill points' }).click();
  const dialog = page.getByRole('dialog', { name: 'Give goodwill points' });
  await dialog.getByLabel('Points').fill(String(points));
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Review the request' }).click();
  await dialog.getByRole('button', { name: 'Send the request' }).click();
  return dialog;
}

test('a lost answer is never resent: the request is kept with its reference, a lost approval reads the balance', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await openPoints(page);
  const start = await emulated();

  // The request is made, but its answer breaks off. (Not a dropped connection: Chrome itself
  // resends a POST whose kept-alive connection closed before any byte of the answer, which
  // made the request twice — see docs/platform-api.md, "Goodwill requests".)
  await armFault(server.url, { kind: 'truncated', method: 'POST', path: '/v2/requests' });
  let dialog = await ask(page, 200, 'Lost on the way back');
  await dialog.getByText('The answer was lost.').waitFor();
  await page.waitForTimeout(500);
  const made = (await emulated()).goodwill.filter((g) => !start.goodwill.some((s) => s.id === g.id));
  assert.equal(made.length, 1, 'made once, never resent');
  const reference = made[0].requestComments.slice('Group Console ref '.length);
  await dialog.getByText(`look for ref ${reference} in the platform's screens before asking again`).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Ask again anyway' }).count(), 1);
  assert.deepEqual(await axeViolations(page, '#goodwill-dialog'), [], 'axe on the lost answer');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await page.getByRole('listitem').filter({ hasText: `ref ${reference}` })
    .getByText(`Answer lost — check the platform for ref ${reference}`).waitFor();

  // Another request, approved by another identity; the approval's answer breaks off.
  dialog = await ask(page, 300, 'Approved, answer lost');
  const id = Number((await dialog.getByText(/^Request \d+ was made/).textContent()).match(/^Request (\d+)/)[1]);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await useOAuthClient(page);
  await openPoints(page);
  const before = (await emulated()).points;
  assert.equal(await cardPoints(page), before);
  await armFault(server.url, { kind: 'truncated', method: 'POST', path: '/v1.1/request/approve' });
  await page.getByRole('button', { name: `Approve request ${id}` }).click();
  const approve = page.getByRole('dialog', { name: 'Approve a goodwill request' });
  await approve.getByRole('button', { name: 'Approve the request' }).click();
  await approve.getByText('It was approved: the balance rose by 300 points. Nothing more was sent.').waitFor();
  assert.equal(await approve.getByRole('button', { name: 'Approve again' }).count(), 0);
  const now = await emulated();
  assert.equal(now.points, before + 300, 'credited once');
  assert.equal(now.goodwill.find((g) => g.id === id).status, 'APPROVED');
  assert.equal(now.ledger.filter((e) => e.event === 'AllocateGoodwillPoints' && e.points === 300).length, 1);
  await approve.getByRole('button', { name: 'Close' }).last().click();
  await page.getByRole('listitem').filter({ hasText: `request ${id}` }).getByText('Approved: 300 points').waitFor();
});
