// Takes the README's screenshots against the emulator: each form showing a validation
// message, and the group page of the docs' example group 3918893.
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

  await page.goto(`${server.url}/groups/3918893`);
  await page.getByText('Showing 4 of 4 members').waitFor();
  await page.screenshot({ path: out('group-3918893.png'), fullPage: true });
  console.log('screenshots written to docs/');
} finally {
  await b.close();
  await server.stop();
}
