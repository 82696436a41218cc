// Takes the README's screenshots against the emulator: each form showing a validation
// message, the search results, the group page of the docs' example group 3918893 (points),
// the Members tab, the remove-primary confirmation, the History tab and the points ledger.
//   node docs/screenshots.mjs        (after make dist; uses target/debug/gc-server)
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, signIn, ROOT } from '../e2e/lib.mjs';

const out = (name) => join(ROOT, 'docs', name);
const server = await startServer();
const b = await launchBrowser();
try {
  const page = await newPage(b.browser, { viewport: { width: 1100, height: 900 } });
  await signIn(page, server.url);

  await page.goto(`${server.url}/groups/new`);
  await page.getByLabel('External ID').fill('family_of_the_very_long_external_identifier_2026_q4');
  await page.getByLabel('Group name').fill('The Nguyen family');
  await page.getByLabel('Max group size').fill('2.5');
  await page.getByRole('button', { name: 'Add extended field' }).click();
  await page.getByLabel('Field name').fill('ug status');
  await page.getByLabel('Value').fill('Active');
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByText('not a decimal').waitFor();
  await page.screenshot({ path: out('create-form.png'), fullPage: true });

  await page.goto(`${server.url}/groups/3918893/edit`);
  await page.getByLabel('Max group size').fill('2');
  await page.getByLabel('Group name').fill('Transactions team');
  await page.getByText(/cannot be below 3/).waitFor();
  await page.screenshot({ path: out('edit-form.png'), fullPage: true });

  await page.goto(`${server.url}/reward-groups/new`);
  await page.getByLabel('Name').fill('Weekend Treats');
  await page.getByLabel('Rank').fill('0');
  await page.getByRole('button', { name: 'Create reward group' }).click();
  await page.getByText('A reward group with this name already exists.').or(page.getByText('The rank must be at least 1.')).first().waitFor();
  await page.screenshot({ path: out('reward-form.png'), fullPage: true });

  await page.goto(`${server.url}/?q=family`);
  await page.getByText(/^Showing 1–\d+ of \d+ groups$/).waitFor();
  await page.screenshot({ path: out('search-results.png'), fullPage: true });

  await page.goto(`${server.url}/groups/3930001/points`);
  await page.locator('.expiry-chart svg').waitFor();
  await page.screenshot({ path: out('group-points.png'), fullPage: true });

  // Move points up to its confirmation: the pre-check only, nothing is moved.
  await page.goto(`${server.url}/groups/3920001/points`);
  await page.getByRole('button', { name: 'Move points', exact: true }).click();
  const move = page.getByRole('dialog', { name: 'Move points' });
  const member = move.getByLabel('Member', { exact: true });
  await member.locator('option[value="700100002"]').waitFor({ state: 'attached' });
  await member.selectOption('700100002');
  await move.getByText(/^Arjun Sharma holds/).waitFor();
  await move.getByLabel('Points', { exact: true }).fill('100');
  await move.getByLabel('Notes (optional)').fill('Joined the family wallet');
  await move.getByRole('button', { name: 'Check with the platform' }).click();
  await move.getByText('The platform agrees: 100 points can move.').waitFor();
  await page.screenshot({ path: out('move-points.png') });
  await page.keyboard.press('Escape');

  await page.goto(`${server.url}/groups/3920001/members`);
  await page.getByRole('table', { name: 'Members of this group' }).waitFor();
  await page.screenshot({ path: out('members-tab.png'), fullPage: true });

  await page.getByRole('row').filter({ hasText: 'Priya' }).getByRole('button', { name: /^Remove / }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove a member' });
  await dialog.getByRole('button', { name: 'Remove the primary member and deactivate the group' }).click();
  await dialog.getByText(/exactly to confirm/).waitFor();
  await page.screenshot({ path: out('remove-primary.png') });
  await page.keyboard.press('Escape');

  await page.goto(`${server.url}/groups/3918893/history`);
  await page.getByRole('heading', { name: 'Tier changes' }).waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: out('history.png'), fullPage: true });

  await page.goto(`${server.url}/groups/3920001/history?ledgerPage=2`);
  const ledger = page.locator('section[aria-labelledby=ledger-title]');
  await ledger.getByText('Showing 11–20 of 48 entries').waitFor();
  await page.locator('section[aria-labelledby=transactions-title]').getByText('Priya Sharma').first().waitFor();
  await ledger.screenshot({ path: out('ledger.png') });
  console.log('screenshots written to docs/');
} finally {
  await b.close();
  await server.stop();
}
