// "Forget this browser's data" in Settings: what the console kept (remembered credentials, a
// search, a group opened, an action on it) is listed with where it is kept, removed at one
// click with words for what went, and still gone after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** The console's keys in both storages (every key it writes starts with `gc.`). */
const consoleKeys = (page) => page.evaluate(() => [
  ...Object.keys(localStorage).map((k) => `local:${k}`),
  ...Object.keys(sessionStorage).map((k) => `session:${k}`),
].filter((k) => k.split(':')[1].startsWith('gc.')));

test('forgetting removes the credentials, searches, recent groups and the activity log, and says so', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url, { remember: true });

  // A search, a group opened, and an action on it.
  await page.goto(`${server.url}/`);
  await page.getByRole('searchbox', { name: 'Search groups' }).fill('919876500001');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('link', { name: 'The Sharma Family' }).click();
  await page.getByRole('heading', { name: 'The Sharma Family', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Members' }).click();
  const priya = page.getByRole('row').filter({ hasText: 'Priya' });
  await priya.getByRole('button', { name: /^Permissions of / }).click();
  const dialog = page.getByRole('dialog', { name: 'Change permissions' });
  await dialog.getByRole('group', { name: 'Points transfer' }).getByRole('radio', { name: 'Block' }).check();
  await dialog.getByRole('button', { name: 'Save permissions' }).click();
  await dialog.getByRole('heading', { name: 'Result' }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  // Settings lists what is kept, and where.
  await page.goto(`${server.url}/settings`);
  const kept = page.getByRole('table', { name: 'What this browser keeps' });
  const rows = async () => (await kept.getByRole('row').allTextContents()).slice(1);
  await kept.waitFor();
  const before = await rows();
  for (const what of [/^Saved credentials.*localStorage/, /^Settings: .*localStorage/, /^1 recent search.*localStorage/,
    /^1 recent group.*localStorage/, /^Activity log: 1 action on 1 group.*localStorage/]) {
    assert.ok(before.some((r) => what.test(r)), `${what} in ${JSON.stringify(before)}`);
  }
  assert.ok((await consoleKeys(page)).length >= 5);

  await page.getByRole('button', { name: "Forget this browser's data" }).click();
  await page.getByText(/^Removed: /).waitFor();
  assert.equal(
    await page.getByText(/^Removed: /).textContent(),
    'Removed: saved credentials, settings, 1 recent search, 1 recent group, the activity log (1 action on 1 group).',
  );
  assert.deepEqual(await consoleKeys(page), []);
  await page.getByText('This browser keeps nothing for the console.').waitFor();

  // Still gone after a reload: nothing kept, no saved sign-in, no recent searches on Find.
  await page.reload();
  await page.getByText('This browser keeps nothing for the console.').waitFor();
  assert.equal(await page.getByRole('table', { name: 'What this browser keeps' }).count(), 0);
  assert.equal(await page.getByLabel('Username').inputValue(), '');
  assert.equal(await page.getByLabel('Remember on this device').isChecked(), false);
  assert.deepEqual(await consoleKeys(page), []);
  await page.goto(`${server.url}/`);
  await page.getByRole('searchbox', { name: 'Search groups' }).waitFor();
  assert.equal(await page.getByRole('list', { name: 'Recent searches' }).count(), 0);
  assert.deepEqual(await consoleKeys(page), []);
});
