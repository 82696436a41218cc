// Security in the browser: the shipped CSP lets the app run and blocks what it should,
// API text never becomes HTML, and credentials stay out of URLs, logs and localStorage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** Records CSP violations from the first script on. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

test('the app runs under its Content-Security-Policy with no violation', async () => {
  const page = await newPage(b.browser);
  await watchCsp(page);
  await signIn(page, server.url);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /default-src 'none'/);
  await page.goto(`${server.url}/groups/new`);
  await page.getByLabel('External ID').fill('csp_family_1');
  await page.getByLabel('Max group size').fill('3');
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('link', { name: /^Open group \d+$/ }).click();
  await page.locator('.group-header').waitFor();
  await page.goto(`${server.url}/groups/3918893/members`);
  await page.getByText('Every membership on the group\'s record, including members who left').click();
  await page.getByText('Showing 4 of 4 members').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
});

test('the policy blocks an injected inline script', async () => {
  const page = await newPage(b.browser);
  await watchCsp(page);
  await page.goto(`${server.url}/`);
  await page.locator('nav').waitFor();
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.__injected === true;
  });
  assert.equal(ran, false);
  assert.ok((await page.evaluate(() => window.__csp)).some((v) => v.startsWith('script-src')));
});

test('hostile names from the API are shown as text and run nothing', async () => {
  const page = await newPage(b.browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/6666666`);
  const h1 = page.locator('h1');
  await page.locator('.group-header').waitFor();
  assert.match(await h1.textContent(), /<img src=x onerror=/);
  assert.equal(await page.locator('main img, main script, main b, main iframe').count(), 0, 'no element made from API text');
  await page.getByText(/<script>alert/).first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  // The recent list on the home page shows the same name as text too.
  await page.goto(`${server.url}/`);
  await page.locator('.recent').waitFor();
  assert.equal(await page.locator('main img, main script').count(), 0);
});

test('credentials never reach a URL, the console or localStorage unless remembered', async () => {
  const page = await newPage(b.browser);
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await signIn(page, server.url, { remember: false });
  await page.goto(`${server.url}/groups/3918893`);
  await page.locator('.group-header').waitFor();
  const secrets = ['loyalty', 'ea2c0ea1a08add3a75273e7f32f05f7a', 'bWFya2V0ZXI6ZWEyYzBl'];
  for (const u of urls) for (const s of secrets) assert.ok(!u.includes(s), `secret in URL ${u}`);
  for (const line of page.consoleLog) for (const s of secrets) assert.ok(!line.includes(s), `secret in console: ${line}`);
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  for (const s of secrets) assert.ok(!local.includes(s), 'nothing secret in localStorage');

  // OAuth with a client key and secret: the secret goes only in the token request's body.
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), headers: r.headers(), body: r.postData() }));
  await page.goto(`${server.url}/settings`);
  await page.getByLabel('Authentication').selectOption('oauth_client');
  await page.getByText('Warning: anyone who can open this page can read a secret').waitFor();
  await page.getByLabel('Client key').fill('demo-key');
  await page.getByLabel('Client secret').fill('demo-secret');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.goto(`${server.url}/groups/3918893`);
  await page.locator('.group-header').waitFor();
  const api = requests.filter((r) => r.url.includes('/v2/userGroup2'));
  assert.ok(api.length > 0 && api.every((r) => r.headers['x-cap-api-oauth-token'] && !r.headers.authorization));
  for (const r of requests) assert.ok(!r.url.includes('demo-secret'), 'secret not in a URL');
  const tokenCalls = requests.filter((r) => r.url.endsWith('/v3/oauth/token/generate'));
  assert.equal(tokenCalls.length, 1, 'one token, reused');
  const stores = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stores.includes('demo-secret'), 'secret not in localStorage when Remember is off');
  assert.ok(!stores.includes(api[0].headers['x-cap-api-oauth-token']), 'token not stored');
});
