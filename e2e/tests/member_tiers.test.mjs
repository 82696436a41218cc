// Members' own tiers against the emulator: shown for a family beside the primary's (one read
// per member, paced), "Match the primary's tier" moves the secondaries' tiers in the emulator's
// state with one result per member (a refused one says why and is tried again; a lost answer is
// read again, not resent), a group above 50 members says why there are no tiers, and the Points
// tab says once that a group's tier cannot be changed by hand. Axe on each new state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, armFault, axeViolations } from '../lib.mjs';

const ADJUST = '/v2/slab/manualSlabAdjustment';
let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** Each member's tier in program 973, as the emulator keeps it. */
async function tiers(group) {
  const state = await emulatorJson(server.url, `points?group=${group}`);
  return Object.fromEntries(state.members.filter((m) => m.active)
    .map((m) => [m.name, m.wallets.find((w) => w.programId === 973)?.currentSlab]));
}

const adjustments = async () => (await emulatorJson(server.url, 'requests')).filter((r) => r.path === ADJUST);
const row = (page, name) => page.getByRole('row').filter({ hasText: name });
const tierCell = (page, name) => row(page, name).locator('.member-tiers__cell');

async function showTiers(page, id, count) {
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/${id}/members`);
  await page.getByRole('table', { name: 'Members of this group' }).waitFor();
  await page.getByRole('button', { name: "Show members' tiers" }).click();
  await page.getByText(`Tiers of ${count} members read.`).waitFor({ timeout: 15000 });
}

async function select(page, ...names) {
  for (const name of names) await row(page, name).getByRole('checkbox').check();
}

test("a family's tiers are shown beside the primary's, one read per member", async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3920001/members`);
  await page.getByRole('table', { name: 'Members of this group' }).waitFor();
  const before = (await emulatorJson(server.url, 'requests')).length;
  await page.getByRole('button', { name: "Show members' tiers" }).click();
  await page.getByText('Tiers of 3 members read.').waitFor({ timeout: 15000 });
  assert.equal((await tierCell(page, 'Priya Sharma').textContent()).trim(), 'Gold');
  assert.equal((await tierCell(page, 'Arjun Sharma').textContent()).trim(), 'Silver (primary: Gold)');
  assert.equal((await tierCell(page, 'Kavya Sharma').textContent()).trim(), 'Platinum (primary: Gold)');
  const reads = (await emulatorJson(server.url, 'requests')).slice(before).filter((r) => r.path.startsWith('/v2/customers/'));
  assert.deepEqual(reads.map((r) => r.path), ['/v2/customers/700100001', '/v2/customers/700100002', '/v2/customers/700100003'],
    'the primary first, then each active member once');
  assert.ok(reads.every((r) => /embed=mlp/.test(r.query)));
  assert.deepEqual(await axeViolations(page), [], 'axe with the tier column');
});

test("Match the primary's tier: says who goes up and down, then one result per member; a refused one says why", async () => {
  const page = await newPage(b.browser);
  await showTiers(page, 3920001, 3);
  await select(page, 'Arjun Sharma', 'Kavya Sharma');
  await page.getByRole('button', { name: "Match the primary's tier (2 selected)" }).click();
  const dialog = page.getByRole('dialog', { name: "Match the primary's tier" });
  await dialog.waitFor();
  assert.match(await dialog.textContent(),
    /Arjun Sharma goes up from Silver to Gold; Kavya Sharma goes down from Platinum to Gold\. Each member's tier is changed on its own; some may fail\./);
  assert.equal((await adjustments()).length, 0, 'nothing sent before the confirmation');
  assert.deepEqual(await axeViolations(page), [], 'axe on the confirmation');

  // The platform refuses Arjun's change (the first one sent).
  await armFault(server.url, {
    kind: 'status', status: 400, path: ADJUST,
    body: JSON.stringify({ warnings: [], errors: [{ status: false, code: 3045, message: 'Manual slab adjustment is not allowed for this customer' }] }),
    contentType: 'application/json',
  });
  await dialog.getByRole('button', { name: 'Change 2 tiers' }).click();
  await dialog.getByRole('heading', { name: 'Result' }).waitFor();
  await dialog.getByText(/Kavya Sharma: Platinum → Gold \(until /).waitFor({ timeout: 10000 });
  const results = dialog.locator('.outcomes li');
  assert.equal(await results.count(), 2, 'one result per member');
  const arjun = await results.filter({ hasText: 'Arjun Sharma' }).textContent();
  assert.match(arjun, /Not changed/);
  assert.match(arjun, /This member's tier cannot be changed by hand/);
  assert.match(arjun, /code 3045/);
  assert.deepEqual(await tiers(3920001), { 'Priya Sharma': 'Gold', 'Arjun Sharma': 'Silver', 'Kavya Sharma': 'Gold' });
  assert.deepEqual(await axeViolations(page), [], 'axe on the results with a failure');

  await dialog.getByRole('button', { name: 'Try again for the ones not changed' }).click();
  await dialog.getByText(/Arjun Sharma: Silver → Gold/).waitFor({ timeout: 10000 });
  assert.equal(await results.count(), 2, 'still one result per member');
  assert.deepEqual(await tiers(3920001), { 'Priya Sharma': 'Gold', 'Arjun Sharma': 'Gold', 'Kavya Sharma': 'Gold' });
  const sent = await adjustments();
  assert.equal(sent.length, 3, 'Arjun twice (refused, then changed), Kavya once');
  assert.deepEqual(sent.map((r) => r.query.match(/identifierValue=(\d+)/)[1]), ['700100002', '700100003', '700100002']);
  const body = typeof sent[1].body === 'string' ? JSON.parse(sent[1].body) : sent[1].body;
  assert.deepEqual(body, {
    programId: 973, slabAction: 'DOWNGRADE', toSlabName: 'Gold',
    manualSlabActionValidity: 'AS_PER_TIER_STRATEGY', slabChangeReason: "Matched to the primary member's tier",
  });
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  assert.equal((await tierCell(page, 'Arjun Sharma').textContent()).trim(), 'Gold (as the primary)');
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByText("Matched members' tiers").first().waitFor();
});

test('a lost answer is read again and the tier changes once', async () => {
  const page = await newPage(b.browser);
  await showTiers(page, 3920004, 5);
  // Nguyen Family: Linh (primary) Platinum, Thao Gold.
  assert.equal((await tierCell(page, 'Thao Nguyen').textContent()).trim(), 'Gold (primary: Platinum)');
  const before = (await adjustments()).length;
  await select(page, 'Thao Nguyen');
  await page.getByRole('button', { name: "Match the primary's tier (1 selected)" }).click();
  const dialog = page.getByRole('dialog', { name: "Match the primary's tier" });
  // Cut-off JSON after the change was made (a reset would have Chromium send the POST again).
  await armFault(server.url, { kind: 'truncated', path: ADJUST });
  await dialog.getByRole('button', { name: 'Change 1 tier' }).click();
  await dialog.getByText(/the answer was lost, but their tier is now Platinum: the change went through\. Nothing was sent again\./)
    .waitFor({ timeout: 15000 });
  assert.equal((await adjustments()).length - before, 1, 'sent once');
  const state = await emulatorJson(server.url, 'points?group=3920004');
  const thao = state.members.find((m) => m.name === 'Thao Nguyen');
  assert.equal(thao.wallets.find((w) => w.programId === 973).currentSlab, 'Platinum');
});

test('a group above 50 members says why no tiers are shown', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/5000300/members`);
  await page.getByText(/Member tiers are shown for groups of up to 50 members\..*this group has 290 active members/).waitFor();
  assert.equal(await page.getByRole('button', { name: "Show members' tiers" }).count(), 0);
});

test("the Points tab says once, by the tiers, that a group's tier cannot be changed by hand", async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3930001/points`);
  await page.locator('.points-card').first().waitFor();
  assert.ok(await page.locator('.points-card').count() > 1, 'several cards');
  const notes = page.getByText("Tiers of a group change only through the program's rules: the platform does not allow changing a group's tier by hand.");
  assert.equal(await notes.count(), 1, 'once per tab');
  assert.equal(await page.getByRole('button', { name: /tier/i }).count(), 0, 'no group-level tier control');
  assert.deepEqual(await axeViolations(page), [], 'axe on the Points tab');
});
