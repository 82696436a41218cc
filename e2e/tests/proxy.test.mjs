// `make serve UPSTREAM=…` in the browser: gc-server serves dist/ and forwards the API paths to
// a second emulator on loopback that sends no CORS headers, as the platform would. And the
// deployment this replaces: a console calling another origin directly gets the CORS message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, signIn, emulatorJson, copyDist, eventually } from '../lib.mjs';

let b, tmp;
const servers = [];
before(async () => { b = await launchBrowser(); tmp = mkdtempSync(join(tmpdir(), 'gc-proxy-')); });
after(async () => {
  await b?.close();
  for (const s of servers.reverse()) await s.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function server(flags, opts) {
  const s = await startServer(flags, opts);
  servers.push(s);
  return s;
}
/** The platform stand-in: API only, no CORS headers. */
const LOYALTY_MD5 = createHash('md5').update('loyalty').digest('hex');
const upstream = (flags = []) => server(['--no-static', ...flags]);

/** Records the credential headers of every API call the page makes. */
function watchApiCalls(page) {
  const calls = [];
  page.on('request', async (r) => {
    const u = new URL(r.url());
    if (!/^\/(v2|v3\/oauth|api_gateway)\//.test(u.pathname)) return;
    const h = await r.allHeaders();
    calls.push({ origin: u.origin, path: u.pathname, authorization: h.authorization, token: h['x-cap-api-oauth-token'] });
  });
  return calls;
}

async function createGroup(page, base, externalId, name) {
  await page.goto(`${base}/groups/new`);
  await page.getByLabel('External ID').fill(externalId);
  await page.getByLabel('Group name').fill(name);
  await page.getByLabel('Max group size').fill('4');
  await page.getByRole('button', { name: 'Create group' }).click();
  const link = page.getByRole('link', { name: /^Open group \d+$/ });
  await link.waitFor();
  return (await link.textContent()).match(/\d+/)[0];
}

test('proxy: the group page loads through it; a GET returns the emulator\'s group unchanged', async () => {
  const up = await upstream();
  const proxy = await server(['--upstream', up.url]);
  const auth = { Authorization: `Basic ${Buffer.from(`marketer:${LOYALTY_MD5}`).toString('base64')}` };
  const direct = await fetch(`${up.url}/v2/userGroup2?id=3918893`, { headers: auth });
  const proxied = await fetch(`${proxy.url}/v2/userGroup2?id=3918893`, { headers: auth });
  assert.equal(proxied.status, direct.status);
  assert.equal(await proxied.text(), await direct.text());

  const page = await newPage(b.browser);
  const calls = watchApiCalls(page);
  await signIn(page, proxy.url);
  await page.goto(`${proxy.url}/groups/3918893`);
  await page.getByRole('heading', { name: 'uatUserGroup10Transactions', level: 1 }).waitFor();
  await page.getByText('3 of 6 members').waitFor();
  assert.ok(calls.length > 0 && calls.every((c) => c.origin === proxy.url), JSON.stringify(calls));
  // The browser's own credentials went through (no server-held ones here).
  const log = await emulatorJson(up.url, 'requests');
  assert.ok(log.some((r) => r.path === '/v2/userGroup2' && r.auth === 'basic:marketer'), JSON.stringify(log));
});

for (const mode of ['basic', 'oauth']) {
  test(`proxy with server-held ${mode === 'basic' ? 'Basic' : 'OAuth'} credentials: the browser holds and sends none`, async () => {
    const up = await upstream();
    const secretFile = join(tmp, `${mode}-secret`);
    writeFileSync(secretFile, mode === 'basic' ? 'loyalty\n' : 'demo-secret\n');
    const flags = mode === 'basic'
      ? ['--basic-user', 'marketer', '--basic-password-file', secretFile]
      : ['--oauth-key', 'demo-key', '--oauth-secret-file', secretFile];
    const proxy = await server(['--upstream', up.url, ...flags]);
    assert.equal((await (await fetch(`${proxy.url}/config.json`)).json()).authProvidedByServer, true);

    const page = await newPage(b.browser);
    const calls = watchApiCalls(page);
    await page.goto(`${proxy.url}/settings`);
    await page.getByText('Authentication: provided by the server.').waitFor();
    assert.equal(await page.getByLabel('Authentication').count(), 0, 'no sign-in fields');
    assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0);

    const id = await createGroup(page, proxy.url, `server_${mode}_1`, `Server ${mode}`);
    await page.getByRole('link', { name: `Open group ${id}` }).click();
    await page.getByRole('heading', { name: `Server ${mode}`, level: 1 }).waitFor();
    // A deep link starts the group's GET before the page's code arrives (route data): it
    // still waits for config.json, so a sign-in left from before the server held the
    // credentials is not sent (checked with every other call below).
    await page.evaluate(() => {
      localStorage.setItem('gc.settings', JSON.stringify({ authMode: 'basic', username: 'old-till', remember: true }));
      localStorage.setItem('gc.secrets', JSON.stringify({ passwordMd5: '0123456789abcdef0123456789abcdef' }));
    });
    const gets = () => calls.filter((c) => c.path === '/v2/userGroup2').length;
    const before = gets();
    await page.goto(`${proxy.url}/groups/${id}`);
    await page.getByRole('heading', { name: `Server ${mode}`, level: 1 }).waitFor();
    assert.equal(gets() - before, 1, 'the deep link fetched the group once');
    await page.evaluate(() => localStorage.clear());

    assert.ok(calls.length >= 2, JSON.stringify(calls));
    for (const c of calls) {
      assert.equal(c.origin, proxy.url);
      assert.equal(c.authorization, undefined, `no Authorization from the browser: ${c.path}`);
      assert.equal(c.token, undefined, `no OAuth token from the browser: ${c.path}`);
    }
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.doesNotMatch(stored, new RegExp(`loyalty|demo-secret|${LOYALTY_MD5}`));

    const log = await emulatorJson(up.url, 'requests');
    const want = mode === 'basic' ? 'basic:marketer' : 'oauth:demo-key';
    const post = log.find((r) => r.method === 'POST' && r.path === '/v2/userGroup2');
    assert.equal(post?.auth, want, JSON.stringify(log));
    assert.equal(post.body.externalId, `server_${mode}_1`);
    assert.ok(log.filter((r) => r.path === '/v2/userGroup2').every((r) => r.auth === want), JSON.stringify(log));
    if (mode === 'oauth') assert.ok(log.some((r) => r.path === '/v3/oauth/token/generate'), 'the server generated the token');
  });
}

// The import sends its own requests (not the form's), so it is checked on its own: with the
// server holding the credentials, first with none in the browser, then with a sign-in left in
// localStorage from before the deployment moved the credentials to the server.
test('import through the proxy with server-held credentials: every row created once, no credentials from the browser', async () => {
  const up = await upstream();
  const secretFile = join(tmp, 'import-secret');
  writeFileSync(secretFile, 'loyalty\n');
  const proxy = await server(['--upstream', up.url, '--basic-user', 'marketer', '--basic-password-file', secretFile]);
  const page = await newPage(b.browser);
  const calls = watchApiCalls(page);

  const importFive = async (prefix) => {
    const ids = [1, 2, 3, 4, 5].map((i) => `${prefix}_${i}`);
    const text = ['externalId,groupName,maxGroupSize', ...ids.map((id, i) => `${id},Held ${i + 1},${i + 2}`)].join('\r\n');
    await page.goto(`${proxy.url}/groups/import`);
    const again = page.getByRole('button', { name: 'New import' });
    await page.getByLabel('CSV file').or(again).waitFor();
    if (await again.count()) await again.click();
    await page.getByLabel('CSV file').setInputFiles({ name: `${prefix}.csv`, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByText('5 rows, all ready to import.').waitFor();
    calls.length = 0;
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: /^Import finished/ }).waitFor();
    assert.equal((await page.locator('.import-progress__text').textContent()).trim(), '5 of 5 done · 0 failed · 0 remaining');

    const groups = await emulatorJson(up.url, 'groups');
    const log = await emulatorJson(up.url, 'requests');
    for (const id of ids) {
      assert.equal(groups.filter((g) => g.externalId === id).length, 1, `${id} created once upstream`);
      const posts = log.filter((r) => r.method === 'POST' && r.path === '/v2/userGroup2' && r.body?.externalId === id);
      assert.equal(posts.length, 1, `${id} sent once`);
      assert.equal(posts[0].auth, 'basic:marketer', `${id} with the server's credentials`);
    }
    assert.equal(calls.filter((c) => c.path === '/v2/userGroup2').length, 5, JSON.stringify(calls));
    for (const c of calls) {
      assert.equal(c.origin, proxy.url);
      assert.equal(c.authorization, undefined, `no Authorization from the browser: ${c.path}`);
      assert.equal(c.token, undefined, `no OAuth token from the browser: ${c.path}`);
    }
  };

  await importFive('held_none');
  await page.evaluate(() => {
    localStorage.setItem('gc.settings', JSON.stringify({ authMode: 'basic', username: 'old-till', remember: true }));
    localStorage.setItem('gc.secrets', JSON.stringify({ passwordMd5: '0123456789abcdef0123456789abcdef' }));
  });
  await importFive('held_stale');
});

test('proxy: upstream stopped -> 502 JSON -> "could not be reached through the proxy"', async () => {
  const up = await upstream();
  const proxy = await server(['--upstream', up.url]);
  const page = await newPage(b.browser);
  await signIn(page, proxy.url);
  await up.stop();
  const res = await fetch(`${proxy.url}/v2/userGroup2?id=3918893`);
  assert.equal(res.status, 502);
  assert.equal((await res.json()).proxyError, 'unreachable');
  await page.goto(`${proxy.url}/groups/3918893`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /The platform could not be reached through the proxy\./);
  assert.match(text, /HTTP 502/);
  assert.equal(await alert.getByRole('button', { name: 'Retry' }).count(), 1);
});

test('proxy: upstream slower than --upstream-timeout-secs -> 504 -> "did not answer in time"', async () => {
  const up = await upstream(['--latency-ms', '2500']);
  const proxy = await server(['--upstream', up.url, '--upstream-timeout-secs', '1']);
  const page = await newPage(b.browser);
  await signIn(page, proxy.url);
  await page.goto(`${proxy.url}/groups/3918893`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /The platform could not be reached through the proxy: it did not answer in time\./);
  assert.match(text, /HTTP 504/);
});

// The CSP <meta> is stripped from a copy of dist/ here (the CSP has its own tests): its
// connect-src allows only 'self' and the platform's hosts, so a call to another loopback
// port would be blocked by CSP before CORS is ever asked — the same TypeError, proving nothing.
// With the meta gone, the API with CORS headers for the console's origin (--cors-origin) works
// and the one without is refused by CORS.
test('no proxy: an API on another origin without CORS -> the CORS message', async () => {
  const dist = await copyDist(mkdtempSync(join(tmp, 'cors-')), { stripCsp: true });
  const console_ = await server([], { dist });
  const withCors = await server(['--no-static', '--cors-origin', console_.url]);
  const withoutCors = await upstream();
  const page = await newPage(b.browser);
  await signIn(page, console_.url);

  const pointAt = async (api) => {
    await page.goto(`${console_.url}/settings`);
    await page.getByLabel('API base URL', { exact: true }).fill(api);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.goto(`${console_.url}/groups/3918893`);
  };

  await pointAt(withCors.url);
  await page.getByRole('heading', { name: 'uatUserGroup10Transactions', level: 1 }).waitFor();

  await pointAt(withoutCors.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /the network is down, or the API refused a cross-origin call \(CORS\)/);
  assert.match(text, /Deploy the console behind the same-origin proxy, see README/);
  assert.doesNotMatch(text, /HTTP \d/, 'a blocked call has no status');
});

test('Settings: config.json presets and the cluster list fill both hosts; requests go to them', async () => {
  const dist = await copyDist(mkdtempSync(join(tmp, 'clusters-')), {
    config: { apiBaseUrl: 'https://us.api.capillarytech.com', rewardApiBaseUrl: 'https://uscrm.cc.capillarytech.com', maxGroupSizeLimit: 500 },
  });
  const console_ = await server([], { dist });
  const page = await newPage(b.browser); // it aborts every non-loopback request: nothing leaves
  const sent = [];
  page.on('request', (r) => { if (!r.url().startsWith(console_.url)) sent.push(`${r.method()} ${r.url()}`); });
  const cluster = page.getByLabel('Cluster');
  const api = page.getByLabel('API base URL', { exact: true });
  const reward = page.getByLabel('Reward API base URL');
  const prefix = page.getByLabel('Reward API path');

  await page.goto(`${console_.url}/settings`);
  await eventually(async () => (await api.inputValue()) === 'https://us.api.capillarytech.com', { message: 'the preset' });
  assert.equal(await cluster.inputValue(), 'us', 'preset hosts are recognised as their cluster');
  assert.equal(await page.getByLabel('Max group size limit').inputValue(), '500');

  await cluster.selectOption('eu');
  assert.equal(await api.inputValue(), 'https://eu.api.capillarytech.com');
  assert.equal(await reward.inputValue(), 'https://eucrm.cc.capillarytech.com');
  await prefix.selectOption('/api_gateway/rewards/core/v1');
  assert.equal(await reward.inputValue(), 'https://eu.api.capillarytech.com', 'the newer path lives on the API host');
  await prefix.selectOption('/api_gateway/core/v1');
  assert.equal(await reward.inputValue(), 'https://eucrm.cc.capillarytech.com');
  await cluster.selectOption('china');
  assert.equal(await reward.inputValue(), 'https://api.capillarytech.cn.com', 'China has no .cc host');
  await api.fill('https://proxy.example.com');
  await api.dispatchEvent('change');
  assert.equal(await cluster.inputValue(), 'custom', 'a typed host is Custom');

  await cluster.selectOption('eu');
  await page.getByLabel('Username').fill('marketer');
  await page.getByLabel('Password', { exact: true }).fill('loyalty');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.reload();
  await eventually(async () => (await cluster.inputValue()) === 'eu', { message: 'EU kept after a reload' });

  await page.goto(`${console_.url}/groups/3918893`);
  await page.getByRole('alert').waitFor();
  await page.goto(`${console_.url}/reward-groups/new`);
  await page.getByLabel('Name').fill('Cluster Gold');
  await page.getByRole('button', { name: 'Create reward group' }).click();
  await page.getByRole('alert').waitFor();
  assert.ok(sent.some((r) => r.startsWith('GET https://eu.api.capillarytech.com/v2/userGroup2?id=3918893&')), sent.join('\n'));
  assert.ok(sent.includes('POST https://eucrm.cc.capillarytech.com/api_gateway/core/v1/group/create'), sent.join('\n'));

  await page.goto(`${console_.url}/settings`);
  await cluster.selectOption('same-origin');
  assert.equal(await api.inputValue(), '');
  assert.equal(await reward.inputValue(), '');
});

test('proxy: the group-management paths pass through unchanged (search, members, leave, tier history, reward groups)', async () => {
  const up = await upstream();
  const proxy = await server(['--upstream', up.url]);
  const auth = { Authorization: `Basic ${Buffer.from(`marketer:${LOYALTY_MD5}`).toString('base64')}` };
  for (const path of [
    '/v2/userGroup2/search?q=sharma',
    '/v2/userGroup2/members?source=INSTORE&identifierName=id&identifierValue=3920001&paginationDetails=true',
    '/v2/userGroup2/slabHistory?fleetGroupId=3918893',
    '/v2/userGroup2/transactions?id=3918893&limit=5',
    '/v2/customers/lookup/customerDetails?source=INSTORE&identifierName=mobile&identifierValue=919876500001&includedAllUserGroup2=true',
    '/api_gateway/rewards/core/v1/group?page=0&size=5',
    '/api_gateway/core/v1/group/2401',
  ]) {
    const direct = await fetch(`${up.url}${path}`, { headers: auth });
    const proxied = await fetch(`${proxy.url}${path}`, { headers: auth });
    assert.equal(proxied.status, direct.status, path);
    assert.equal(await proxied.text(), await direct.text(), path);
  }
  // A write goes through once: the member leaves the upstream's group.
  const leave = '/v2/userGroup2/3920001/leave?source=INSTORE&identifierName=mobile&identifierValue=919876500002';
  const res = await fetch(`${proxy.url}${leave}`, { method: 'DELETE', headers: auth });
  assert.equal(res.status, 200);
  const g = (await emulatorJson(up.url, 'groups')).find((x) => x.id === 3920001);
  assert.ok(!g.activeMemberIds.includes(700100002));

  // And the console's Find page works through it.
  const page = await newPage(b.browser);
  await signIn(page, proxy.url);
  await page.goto(`${proxy.url}/?q=sharma`);
  await page.getByRole('link', { name: 'The Sharma Family' }).waitFor();
});
