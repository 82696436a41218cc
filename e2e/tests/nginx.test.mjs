// The deployment the README describes, for real: Debian's nginx with deploy/nginx.conf
// (rendered by deploy/render-nginx.sh) serving dist/ and forwarding the API paths to the
// emulator, which sends no CORS headers, like the platform, and takes writes only from the
// origin the browser sees (nginx's: --public-origin, as behind a CDN). Everything the
// browser does goes to nginx's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import dgram from 'node:dgram';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  ROOT, startServer, launchBrowser, newPage, signIn, emulatorJson, eventually, freePort, copyDist, sleep,
} from '../lib.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const RENDER = join(ROOT, 'deploy/render-nginx.sh');
const skip = NGINX ? false : 'nginx is not installed (scripts/setup.sh installs Debian\'s nginx: run make setup)';

let emu, nginx, b, tmp, base, distDir;
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/** Starts nginx in the foreground with its files in `prefix`; `nginx -t` first, so a broken
 *  configuration fails with nginx's own words. */
async function startNginx(prefix, conf, port) {
  execFileSync(NGINX, ['-t', '-q', '-p', `${prefix}/`, '-c', conf], { stdio: 'pipe' });
  const proc = spawn(NGINX, ['-p', `${prefix}/`, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  proc.on('exit', (code) => { log += `\n[nginx exited ${code}]`; });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => (await fetch(`${url}/`)).ok, { message: `nginx on ${url}` }).catch((e) => {
    const errors = existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '';
    proc.kill('SIGKILL');
    throw new Error(`${e.message}\n${log}\n${errors}`);
  });
  return {
    url,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGQUIT'); // graceful: finish requests, then exit
      await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(5000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

/** deploy/render-nginx.sh with these flags (the console's name: 127.0.0.1); returns the rendered file. */
function render(conf, flags) {
  execFileSync('bash', [RENDER, '--server-name', '127.0.0.1', ...flags, '-o', conf], { stdio: 'pipe' });
  return conf;
}

before(async () => {
  if (skip) return;
  const port = await freePort();
  emu = await startServer(['--no-static', '--public-origin', `http://127.0.0.1:${port}`]);
  tmp = mkdtempSync(join(tmpdir(), 'gc-nginx-'));
  // Run as root, nginx's workers are `nobody`: they must reach the files and temp dirs here.
  chmodSync(tmp, 0o755);
  // A copy of dist/ with a config.json, to check that nginx serves the deployment's presets.
  distDir = await copyDist(tmp, { config: { timeoutSecs: 20 } });
  const conf = render(join(tmp, 'nginx.conf'), ['--dist', distDir, '--listen', `127.0.0.1:${port}`, '--api', emu.url]);
  nginx = await startNginx(tmp, conf, port);
  base = nginx.url;
  b = await launchBrowser();
});

after(async () => {
  await b?.close();
  await nginx?.stop();
  await emu?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const md5 = (text) => createHash('md5').update(text).digest('hex');
const get = (path, headers = {}) => fetch(`${base}${path}`, { headers: { 'Accept-Encoding': 'gzip', ...headers } });

test('nginx: static files, cache rules, gzip, SPA fallback and security headers', { skip }, async () => {
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.doesNotMatch(index.headers.get('content-security-policy'), /sandbox/, 'the console\'s page runs its scripts');
  assert.equal(index.headers.get('x-frame-options'), 'DENY');
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
  const html = await index.text();
  assert.match(html, /<meta http-equiv="Content-Security-Policy"/, 'the full policy stays in the page');

  const explicit = await get('/index.html');
  assert.equal(explicit.headers.get('cache-control'), 'no-cache');

  // trunk's hashed assets: a year, immutable; wasm with its own type, compressed.
  const wasm = html.match(/\/group-console-[0-9a-f]{12,16}_bg\.wasm/)[0];
  const js = html.match(/\/group-console-[0-9a-f]{12,16}\.js/)[0];
  const link = html.match(/\/wasm-split-[0-9a-f]{12,16}\.js/)[0];
  for (const path of [wasm, js, link]) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
    assert.equal(res.headers.get('content-encoding'), 'gzip', path);
    assert.match(res.headers.get('vary') || '', /Accept-Encoding/i, path);
    await res.arrayBuffer();
  }
  const w = await get(wasm);
  assert.equal(w.headers.get('content-type'), 'application/wasm');
  assert.equal(new Uint8Array(await w.arrayBuffer()).subarray(0, 4).join(','), '0,97,115,109', 'the wasm, decompressed');
  // The build's brotli-11 and gzip-9 copies (scripts/precompress.mjs), sent as they are.
  for (const [accept, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    const res = await get(wasm, { 'Accept-Encoding': accept });
    assert.equal(res.headers.get('content-encoding'), accept === 'br' ? 'br' : 'gzip');
    assert.equal(Number(res.headers.get('content-length')), statSync(join(distDir, `${wasm}${suffix}`)).size, `${accept}: the copy itself`);
    assert.equal(new Uint8Array(await res.arrayBuffer()).subarray(0, 4).join(','), '0,97,115,109', `${accept}: the wasm, decompressed`);
  }

  // A console route is index.html (deep links work); a missing asset is a 404, not HTML.
  const route = await get('/groups/3918893');
  assert.equal(route.status, 200);
  assert.equal(route.headers.get('cache-control'), 'no-cache');
  assert.equal(await route.text(), html);
  for (const missing of ['/group-console-0123456789abcdef.js', '/nothing-here.css', '/groups/x.wasm']) {
    const res = await get(missing);
    assert.equal(res.status, 404, missing);
    assert.doesNotMatch(await res.text(), /Group Console/, missing);
  }

  const config = await get('/config.json');
  assert.equal(config.status, 200);
  assert.equal(config.headers.get('cache-control'), 'no-cache');
  assert.match(config.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(await config.json(), { timeoutSecs: 20 });
});

test('nginx: the API paths reach the emulator unchanged, never cached, no CORS', { skip }, async () => {
  const auth = { Authorization: `Basic ${Buffer.from('marketer:' + md5('loyalty')).toString('base64')}` };
  const direct = await fetch(`${emu.url}/v2/userGroup2?id=3918893&includeMembers=true`, { headers: auth });
  const proxied = await get('/v2/userGroup2?id=3918893&includeMembers=true', auth);
  assert.equal(proxied.status, 200);
  assert.equal(proxied.headers.get('cache-control'), 'no-store');
  assert.equal(proxied.headers.get('access-control-allow-origin'), null);
  assert.match(proxied.headers.get('content-security-policy'), /^sandbox; default-src 'none'; frame-ancestors 'none'$/);
  assert.equal(proxied.headers.get('x-frame-options'), 'DENY');
  assert.equal(proxied.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(await proxied.json(), await direct.json());

  // An error passes with its status and body (and the headers: `always`).
  const unauth = await get('/v2/userGroup2?id=3918893');
  assert.equal(unauth.status, 401);
  assert.match(unauth.headers.get('content-security-policy'), /^sandbox;/);
  assert.equal(unauth.headers.get('x-frame-options'), 'DENY');
  assert.match((await unauth.json()).errors[0].message, /Authentication required/);

  const token = await fetch(`${base}/v3/oauth/token/generate`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key: 'demo-key', secret: 'demo-secret' }),
  });
  assert.equal(token.status, 200);
  assert.ok((await token.json()).data.accessToken);

  const reward = await fetch(`${base}/api_gateway/rewards/core/v1/group/create`, {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Nginx Gold' }),
  });
  assert.equal(reward.status, 200);
  assert.equal((await reward.json()).name, 'Nginx Gold');

  // The access log names method, path and status, never credentials or the query.
  const log = await eventually(() => {
    const text = readFileSync(join(tmp, 'access.log'), 'utf8');
    return text.includes('/api_gateway/') && text;
  }, { message: 'access log lines' });
  assert.match(log, /"GET \/v2\/userGroup2" 200/);
  assert.doesNotMatch(log, /marketer|Basic|includeMembers/);
});

test('nginx: the group-management paths pass unchanged (search, members, join, tier history, transactions, reward catalogue)', { skip }, async () => {
  const auth = { Authorization: `Basic ${Buffer.from('marketer:' + md5('loyalty')).toString('base64')}` };
  for (const path of [
    '/v2/userGroup2/search?q=okafor&limit=5',
    '/v2/userGroup2/members?source=INSTORE&identifierName=id&identifierValue=3920007&paginationDetails=true',
    '/v2/userGroup2/slabHistory?fleetGroupId=3918893&pageSize=5',
    '/v2/userGroup2/transactions?id=5000000&limit=3',
    '/v2/customers/700100001?source=INSTORE&includedAllUserGroup2=true',
    '/api_gateway/rewards/core/v1/group?page=1&size=5&sortOn=RANK',
    '/api_gateway/core/v1/group/2402',
  ]) {
    const direct = await fetch(`${emu.url}${path}`, { headers: auth });
    const proxied = await get(path, auth);
    assert.equal(proxied.status, direct.status, path);
    assert.equal(proxied.headers.get('cache-control'), 'no-store', path);
    assert.deepEqual(await proxied.json(), await direct.json(), path);
  }
  // A write with a body and a query: the join reaches the emulator once.
  const join = await fetch(`${base}/v2/userGroup2/join?id=3920007`, {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify([{ userId: 790000005, primaryMember: false, permissions: ['allow_points_redemption'] }]),
  });
  assert.equal(join.status, 200);
  assert.equal((await join.json()).failureCount, 0);
  const g = (await emulatorJson(emu.url, 'groups')).find((x) => x.id === 3920007);
  assert.ok(g.activeMemberIds.includes(790000005));
  // PUT and DELETE too.
  const put = await fetch(`${base}/api_gateway/rewards/core/v1/group/2402`, {
    method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Travel Perks', rank: 7 }),
  });
  assert.equal(put.status, 200);
  assert.equal((await put.json()).rank, 7);
  const leave = await fetch(`${base}/v2/userGroup2/3920007/leave?source=INSTORE&identifierName=email&identifierValue=${encodeURIComponent('eva.novak@example.com')}`, { method: 'DELETE', headers: auth });
  assert.equal(leave.status, 200);
  const after = (await emulatorJson(emu.url, 'groups')).find((x) => x.id === 3920007);
  assert.ok(!after.activeMemberIds.includes(790000005), 'the member left through nginx');
});

test('nginx: sign in, create a group and open its page, all through nginx', { skip }, async () => {
  const page = await newPage(b.browser);
  const apiCalls = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/v2/')) apiCalls.push(r.url()); });
  await signIn(page, base);
  // config.json's preset reached the console.
  assert.equal(await page.getByLabel('Request timeout (seconds)').inputValue(), '20');
  await page.getByRole('link', { name: 'New group' }).first().click();
  await page.getByLabel('External ID').fill('nginx_family_1');
  await page.getByLabel('Group name').fill('Behind nginx');
  await page.getByLabel('Max group size').fill('5');
  await page.getByRole('button', { name: 'Create group' }).click();
  const link = page.getByRole('link', { name: /^Open group \d+$/ });
  await link.waitFor();
  const id = (await link.textContent()).match(/\d+/)[0];
  await link.click();
  await page.getByRole('heading', { name: 'Behind nginx', level: 1 }).waitFor();
  assert.equal(page.url(), `${base}/groups/${id}`);
  // A reload of the deep link comes back through nginx's SPA fallback.
  await page.reload();
  await page.getByRole('heading', { name: 'Behind nginx', level: 1 }).waitFor();
  assert.ok(apiCalls.length >= 2 && apiCalls.every((u) => u.startsWith(`${base}/v2/`)), apiCalls.join('\n'));
  const groups = await emulatorJson(emu.url, 'groups');
  assert.equal(groups.filter((g) => g.externalId === 'nginx_family_1').length, 1);
  assert.deepEqual(page.consoleLog.filter((l) => /error/i.test(l)), []);
});

// The production path: the platform over HTTPS, by host name. A stand-in "platform.test"
// (node's https server with a self-signed certificate, forwarding to the emulator) and a
// stand-in DNS server that nginx's resolver asks at request time.
const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
test('nginx: an https platform by host name: DNS at request time, SNI, Host, certificate checked', { skip: skip || (!OPENSSL && 'openssl is not installed') }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gc-nginx-tls-'));
  chmodSync(dir, 0o755);
  const closers = [];
  try {
    execFileSync(OPENSSL, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=platform.test',
      '-addext', 'subjectAltName=DNS:platform.test'], { stdio: 'pipe' });
    const dnsPort = await startDns(closers);
    const seen = [];
    const platform = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      seen.push({ sni: req.socket.servername, host: req.headers.host, auth: req.headers.authorization || '', cookie: req.headers.cookie });
      const up = http.request(`${emu.url}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(emu.url).host } }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise((r) => platform.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => { platform.closeAllConnections(); platform.close(r); }));
    const platformUrl = `https://platform.test:${platform.address().port}`;

    const auth = { Authorization: `Basic ${Buffer.from('marketer:' + md5('loyalty')).toString('base64')}`, Cookie: 'console_session=1' };
    const start = async (name, extra) => {
      const prefix = join(dir, name);
      mkdirSync(prefix);
      const port = await freePort();
      const conf = render(join(prefix, 'nginx.conf'), ['--dist', join(tmp, 'dist'), '--listen', `127.0.0.1:${port}`,
        '--api', platformUrl, '--resolver', `127.0.0.1:${dnsPort}`, ...extra]);
      const n = await startNginx(prefix, conf, port);
      closers.push(() => n.stop());
      return n;
    };

    // Trusting the stand-in's certificate: the group comes back as the emulator sent it.
    const trusted = await start('trusted', ['--ca-bundle', join(dir, 'cert.pem')]);
    const res = await fetch(`${trusted.url}/v2/userGroup2?id=3918893`, { headers: auth });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).id, 3918893);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].sni, 'platform.test', 'SNI names the platform');
    assert.equal(seen[0].host, new URL(platformUrl).host, 'Host is the platform\'s, not the console\'s');
    assert.match(seen[0].auth, /^Basic /, 'the browser\'s credentials pass');
    assert.equal(seen[0].cookie, undefined, 'the console\'s cookies do not');

    // With the system's CAs the self-signed certificate is refused: 502 JSON, nothing sent.
    const strict = await start('strict', []);
    const refused = await fetch(`${strict.url}/v2/userGroup2?id=3918893`, { headers: auth });
    assert.equal(refused.status, 502);
    assert.equal((await refused.json()).proxyError, 'unreachable');
    assert.equal(seen.length, 1, 'no request reached a platform whose certificate failed');
    assert.match(readFileSync(join(dir, 'strict', 'error.log'), 'utf8'), /certificate verify (error|failed)/);
  } finally {
    for (const close of closers.reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A DNS server on loopback that answers every A question with 127.0.0.1 (and AAAA with none). */
async function startDns(closers) {
  const sock = dgram.createSocket('udp4');
  sock.on('message', (q, from) => {
    let i = 12;
    while (q[i] !== 0) i += q[i] + 1;
    const question = q.subarray(12, i + 5);
    const isA = q.readUInt16BE(i + 1) === 1;
    const header = Buffer.alloc(12);
    q.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180, 2); // a response, recursion available, no error
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(isA ? 1 : 0, 6);
    const answer = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]);
    sock.send(Buffer.concat([header, question, ...(isA ? [answer] : [])]), from.port, from.address);
  });
  await new Promise((r) => sock.bind(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => sock.close(r)));
  return sock.address().port;
}

/** One request with node's http (fetch would resolve dot segments and refuses Host): status, headers, body. */
function rawGet(url, path, headers = {}, method = 'GET') {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, headers, method }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('nginx: the platform\'s cookies and CORS answers hidden, a client\'s X-Forwarded-* dropped; escaping paths, dotfiles and other names refused', { skip }, async () => {
  // A platform that sets a cookie and answers CORS for anyone, and shows what it was sent.
  const seen = [];
  const platform = http.createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Set-Cookie': 'platform_session=abc; Path=/',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'Set-Cookie',
    });
    res.end('{"ok": true}');
  });
  await new Promise((r) => platform.listen(0, '127.0.0.1', r));
  const prefix = mkdtempSync(join(tmpdir(), 'gc-nginx-hide-'));
  chmodSync(prefix, 0o755);
  writeFileSync(join(distDir, '.env'), 'SECRET=1\n');
  let n;
  try {
    const port = await freePort();
    const conf = render(join(prefix, 'nginx.conf'), ['--dist', distDir, '--listen', `127.0.0.1:${port}`,
      '--api', `http://127.0.0.1:${platform.address().port}`, '--resolver', '127.0.0.1']);
    n = await startNginx(prefix, conf, port);

    const res = await rawGet(n.url, '/v2/userGroup2?id=1', {
      'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https',
      Forwarded: 'for=203.0.113.7', 'X-Real-IP': '203.0.113.7',
    });
    assert.equal(res.status, 200);
    assert.equal(res.body, '{"ok": true}');
    for (const name of Object.keys(res.headers)) {
      assert.ok(name !== 'set-cookie' && !name.startsWith('access-control-'), `${name} reached the browser`);
    }
    assert.match(res.headers['content-security-policy'], /^sandbox;/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(seen.length, 1);
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded', 'x-real-ip']) {
      assert.equal(seen[0].headers[name], undefined, `the client's ${name} was passed on`);
    }

    // Paths that could mean another path once resolved, as the browser sent them: 400, not sent on.
    for (const path of ['/v2/%2e%2e/__emulator/requests', '/v2/x/%2E%2E/userGroup2', '/v2/a/../userGroup2',
      '/v2/userGroup2%2fsearch', '/v2/%5c../x', '/v2//userGroup2', '/api_gateway/core/v1/group/..']) {
      const r = await rawGet(n.url, path);
      assert.equal(r.status, 400, path);
      assert.equal(r.headers['x-frame-options'], 'DENY', path);
    }
    assert.equal(seen.length, 1, 'none of them reached the platform');
    // Methods the console never uses are not passed on either.
    for (const method of ['PATCH', 'OPTIONS', 'TRACE']) {
      const r = await rawGet(n.url, '/v2/userGroup2', {}, method);
      assert.ok(r.status === 403 || r.status === 405, `${method}: ${r.status}`);
    }
    assert.equal(seen.length, 1, 'no other method reached the platform');
    // Dotfiles in dist/ are never served.
    assert.equal((await rawGet(n.url, '/.env')).status, 404);
    // Another name (DNS rebinding): 421, with the headers.
    const other = await rawGet(n.url, '/', { Host: 'rebind.evil.example' });
    assert.equal(other.status, 421);
    assert.equal(other.headers['x-frame-options'], 'DENY');
    assert.equal((await rawGet(n.url, '/v2/userGroup2?id=1', { Host: 'rebind.evil.example' })).status, 421);
    assert.equal(seen.length, 1);
  } finally {
    await n?.stop();
    await new Promise((r) => { platform.closeAllConnections(); platform.close(r); });
    rmSync(join(distDir, '.env'), { force: true });
    rmSync(prefix, { recursive: true, force: true });
  }
});

test('nginx: the platform unreachable -> 502 JSON -> "could not be reached through the proxy"', { skip }, async () => {
  const page = await newPage(b.browser);
  await signIn(page, base);
  await emu.stop();
  const res = await get('/v2/userGroup2?id=3918893');
  assert.equal(res.status, 502);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.equal((await res.json()).proxyError, 'unreachable');
  await page.goto(`${base}/groups/3918893`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /The platform could not be reached through the proxy\./);
  assert.match(await alert.textContent(), /HTTP 502/);
});

test('render-nginx.sh --site: the part for an existing nginx is valid inside its http block', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gc-nginx-site-'));
  try {
    execFileSync('bash', [RENDER, '--site', '--server-name', 'console.example.com', '--dist', join(tmp, 'dist'), '--listen', '127.0.0.1:1',
      '--api', 'https://eu.api.capillarytech.com', '--reward', 'https://eucrm.cc.capillarytech.com',
      '--resolver', '127.0.0.1', '--access-log', join(dir, 'access.log'), '-o', join(dir, 'group-console.conf')], { stdio: 'pipe' });
    const site = readFileSync(join(dir, 'group-console.conf'), 'utf8');
    assert.match(site, /default "https:\/\/eu\.api\.capillarytech\.com"/);
    assert.match(site, /default "https:\/\/eucrm\.cc\.capillarytech\.com"/);
    assert.doesNotMatch(site, /^\s*(events|http|pid)\b/m, 'only http-level directives');
    writeFileSync(join(dir, 'nginx.conf'), [
      // What Debian's nginx loads from modules-enabled (paths there are relative to its own
      // prefix, so this host names the file itself): the brotli_static the site then uses.
      ...(existsSync(BROTLI_MODULE) ? [`load_module ${BROTLI_MODULE};`] : []),
      'pid nginx.pid; error_log error.log;',
      'events {}',
      'http {',
      '  client_body_temp_path client_body_temp; proxy_temp_path proxy_temp; fastcgi_temp_path fastcgi_temp;',
      '  uwsgi_temp_path uwsgi_temp; scgi_temp_path scgi_temp;',
      '  resolver 127.0.0.1;', // an http-level resolver of the host's own must not clash
      '  include group-console.conf;',
      '}',
    ].join('\n'));
    execFileSync(NGINX, ['-t', '-q', '-p', `${dir}/`, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
    // A path on the upstream would be silently dropped by nginx: the script refuses it.
    assert.throws(() => execFileSync('bash', [RENDER, '--dist', join(tmp, 'dist'), '--server-name', 'console.example.com', '--api', 'https://eu.api.capillarytech.com/v2'], { stdio: 'pipe' }),
      /without a path/);
    // A real name is required: `_` (any name) is what DNS rebinding needs.
    for (const name of [[], ['--server-name', '_']]) {
      assert.throws(() => execFileSync('bash', [RENDER, '--dist', join(tmp, 'dist'), ...name, '--api', 'https://eu.api.capillarytech.com'], { stdio: 'pipe' }),
        /--server-name/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
