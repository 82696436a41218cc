// The console shell served by gc-server: deep links load, and settings persist in the
// storage the user chose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

test('a deep link loads the console with its navigation', async () => {
  const page = await newPage(b.browser);
  await page.goto(`${server.url}/groups/3918893`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).waitFor();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/settings');
});

test('settings persist across a reload; the password stays out of localStorage unless remembered', async () => {
  const page = await newPage(b.browser);
  await page.goto(`${server.url}/settings`);
  await page.getByLabel('API base URL', { exact: true }).fill('https://eu.api.capillarytech.com');
  await page.getByLabel('Max group size limit').fill('500');
  await page.getByLabel('Username').fill('marketer');
  await page.getByLabel('Password', { exact: true }).fill('loyalty');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();

  await page.reload();
  await page.getByLabel('API base URL', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('API base URL', { exact: true }).inputValue(), 'https://eu.api.capillarytech.com');
  assert.equal(await page.getByLabel('Max group size limit').inputValue(), '500');
  assert.equal(await page.getByLabel('Username').inputValue(), 'marketer');
  await page.getByText('A password is saved').waitFor();

  const stores = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  // md5("loyalty"): the only form the password is ever stored in.
  const hash = 'ea2c0ea1a08add3a75273e7f32f05f7a';
  assert.ok(!stores.local.includes('loyalty'), 'plain password never stored');
  assert.ok(!stores.local.includes('passwordMd5'), 'no password in localStorage when Remember is off');
  assert.ok(stores.session.includes(hash), 'password kept, hashed, for this session');

  await page.getByLabel('Remember on this device').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
  const after = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  assert.ok(after.local.includes('passwordMd5'), 'remembered: kept in localStorage');
  assert.ok(!after.session.includes('passwordMd5'), 'and no longer in sessionStorage');
});
