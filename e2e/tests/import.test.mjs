// The CSV import against the emulator: preview errors, faults and retries, exactly-once
// creation (checked in the emulator's state and request log), the results file, a reload in
// the middle, a 429 with Retry-After, and 1,000 rows without an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, signIn, armFault, emulatorJson, eventually, sleep, importThousand } from '../lib.mjs';

let b;
before(async () => { b = await launchBrowser(); });
after(async () => { await b?.close(); });

/** A server for one test (faults, latency and state stay with it). */
async function withServer(flags, fn) {
  const server = await startServer(flags);
  try { return await fn(server); } finally { await server.stop(); }
}

/** 50 rows, 3 of them invalid: no external ID, size 0, and a repeated external ID. */
function fiftyRows(prefix) {
  const lines = ['externalId;groupName;maxGroupSize;family_type'];
  const valid = [];
  for (let i = 1; i <= 50; i++) {
    const id = `${prefix}_${String(i).padStart(2, '0')}`;
    if (i === 10) { lines.push(';No external ID;4;'); continue; }
    if (i === 20) { lines.push(`${id};Size zero;0;`); continue; }
    if (i === 30) { lines.push(`${prefix}_01;"Repeats row 2; again";3;`); continue; }
    lines.push(`${id};"Family ${i}; ""the ${i}s""";${1 + (i % 9)};${i % 2 ? 'nuclear' : ''}`);
    valid.push(id);
  }
  return { text: '\uFEFF' + lines.join('\r\n') + '\r\n', valid };
}

/** Signs in, sets the request timeout (Settings has no field for it), opens the import page. */
async function openImport(page, base, { timeoutSecs } = {}) {
  await signIn(page, base);
  if (timeoutSecs) {
    await page.evaluate((t) => {
      const s = JSON.parse(localStorage.getItem('gc.settings') || '{}');
      s.timeoutSecs = t;
      localStorage.setItem('gc.settings', JSON.stringify(s));
    }, timeoutSecs);
  }
  await page.goto(`${base}/groups/import`);
}

async function chooseFile(page, name, text) {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

async function startSkipping(page) {
  await page.getByLabel('Skip invalid rows').check();
  await page.getByRole('button', { name: 'Start import' }).click();
}

const finished = (page, timeout = 60000) => page.getByRole('heading', { name: /^Import finished/ }).waitFor({ timeout });
const progressText = async (page) => (await page.locator('.import-progress__text').textContent()).trim();

/** RFC 4180 CSV (quotes, doubled quotes, CRLF inside fields) into rows of strings. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Every POST of a create in the emulator's log, by external ID, with the log index. */
function createsByExternalId(log) {
  const by = new Map();
  log.forEach((r, i) => {
    if (r.method === 'POST' && r.path === '/v2/userGroup2') {
      const id = r.body?.externalId;
      by.set(id, [...(by.get(id) || []), i]);
    }
  });
  return by;
}

async function assertCreatedOnce(base, ids) {
  const groups = await emulatorJson(base, 'groups');
  for (const id of ids) {
    assert.equal(groups.filter((g) => g.externalId === id).length, 1, `${id} created exactly once`);
  }
  return groups;
}

test('a 50-row file with 3 invalid rows: the preview shows 3 errors and the import waits for them', async () => {
  await withServer([], async (server) => {
    const page = await newPage(b.browser);
    await openImport(page, server.url);
    const { text } = fiftyRows('e2e_preview');
    await chooseFile(page, 'families.csv', text);
    await page.getByText('50 rows: 3 rows have errors.').waitFor();
    assert.equal(await page.locator('tr.import-row--invalid').count(), 3);
    const invalid = await page.locator('tr.import-row--invalid').allTextContents();
    assert.match(invalid[0], /Enter an external ID\./);
    assert.match(invalid[1], /at least 1/);
    assert.match(invalid[2], /also on row 2/);
    // Quoted separators and doubled quotes survive; the preview lists all 50 rows.
    assert.equal(await page.locator('.import-table tbody tr').count(), 50);
    await page.getByText('Family 3; "the 3s"').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Start import' }).isDisabled());
    assert.ok(await page.getByLabel('family_type').isChecked());
    await page.getByLabel('Skip invalid rows').check();
    assert.ok(await page.getByRole('button', { name: 'Start import' }).isEnabled());
    const log = await emulatorJson(server.url, 'requests');
    assert.equal(log.length, 0, 'nothing is sent by a preview');
  });
});

test('import with faults: every valid row created exactly once, retried rows succeed, the results file lists every row', async () => {
  await withServer(['--hang-secs', '20'], async (server) => {
    const page = await newPage(b.browser);
    await openImport(page, server.url, { timeoutSecs: 2 });
    const { text, valid } = fiftyRows('e2e_faults');
    await chooseFile(page, 'families.csv', text);
    await page.getByText('50 rows: 3 rows have errors.').waitFor();
    const create = { method: 'POST', path: '/v2/userGroup2' };
    await armFault(server.url, { kind: 'html500', count: 2, ...create });
    await armFault(server.url, { kind: 'reset', ...create });
    await armFault(server.url, { kind: 'hang', ...create });
    await armFault(server.url, { kind: 'status', status: 503, body: '{"errors":[{"code":503,"message":"busy"}]}', ...create });
    await startSkipping(page);
    await finished(page, 90000);
    assert.equal(await progressText(page), '47 of 47 done · 0 failed · 0 remaining · 3 skipped');

    const groups = await assertCreatedOnce(server.url, valid);
    assert.equal(groups.filter((g) => g.externalId.startsWith('e2e_faults')).length, 47, 'no invalid row was sent');
    const log = await emulatorJson(server.url, 'requests');
    const posts = createsByExternalId(log);
    const retried = [...posts].filter(([, p]) => p.length > 1).map(([id]) => id);
    assert.ok(retried.length >= 4, `faulted rows were sent again: ${retried}`);
    assert.equal([...posts.values()].reduce((n, p) => n + p.length, 0), 47 + 5, 'one extra POST per fault, no more');
    // The hung request timed out: its row was looked up before it was sent again.
    assert.ok(log.some((r) => r.method === 'GET' && r.query.includes('externalId=')), 'a look-up after the timeout');
    for (const id of retried) {
      const row = page.locator('.import-table tbody tr', { hasText: id }).first();
      assert.match(await row.textContent(), /created/);
    }

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'families-results.csv');
    const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(rows[0], ['row', 'externalId', 'groupName', 'outcome', 'groupId', 'code', 'message', 'warnings']);
    const data = rows.slice(1);
    assert.equal(data.length, 50, 'every row of the file');
    assert.deepEqual(data.map((r) => Number(r[0])), Array.from({ length: 50 }, (_, i) => i + 2));
    assert.equal(data.filter((r) => r[3] === 'created').length, 47);
    assert.equal(data.filter((r) => r[3] === 'skipped').length, 3);
    const byExt = new Map(groups.map((g) => [g.externalId, g.id]));
    for (const r of data.filter((r) => r[3] === 'created')) assert.equal(Number(r[4]), byExt.get(r[1]), `group id of ${r[1]}`);
    assert.match(data[9][6], /Enter an external ID/);
    assert.equal(data[2][2], 'Family 3; "the 3s"');
  });
});

test('reload in the middle: the import resumes and no created row is sent again', async () => {
  await withServer(['--latency-ms', '250'], async (server) => {
    const page = await newPage(b.browser);
    await openImport(page, server.url);
    const { text, valid } = fiftyRows('e2e_reload');
    await chooseFile(page, 'reload.csv', text);
    await page.getByText('50 rows: 3 rows have errors.').waitFor();
    await startSkipping(page);
    await eventually(async () => /^([6-9]|\d\d) of 47 done/.test(await progressText(page)), { message: 'some rows done' });
    await page.reload();
    await page.getByText('This import was interrupted').waitFor();
    await page.getByRole('button', { name: 'Discard' }).waitFor();
    const before = await progressText(page);
    assert.match(before, / of 47 done/);
    await page.getByRole('button', { name: 'Resume import' }).click();
    await finished(page, 90000);
    assert.equal(await progressText(page), '47 of 47 done · 0 failed · 0 remaining · 3 skipped');
    await assertCreatedOnce(server.url, valid);
    const log = await emulatorJson(server.url, 'requests');
    const posts = createsByExternalId(log);
    assert.equal(posts.size, 47);
    // Rows out at the reload were looked up, not blindly sent again.
    const lookups = log.filter((r) => r.method === 'GET' && r.query.includes('externalId='));
    assert.ok(lookups.length >= 1, 'rows in flight at the reload are looked up');
    for (const [id, p] of posts) {
      if (p.length > 1) {
        const between = log.slice(p[0] + 1, p[1]);
        assert.ok(between.some((r) => r.method === 'GET' && new URLSearchParams(r.query).get('externalId') === id), `${id} resent without a look-up`);
      }
    }
  });
});

test('429 with Retry-After pauses a bulk import and then resumes it, and no row is sent twice', async () => {
  await withServer([], async (server) => {
    const page = await newPage(b.browser);
    await openImport(page, server.url);
    const { text, valid } = fiftyRows('e2e_429');
    await chooseFile(page, 'limited.csv', text);
    await page.getByText('50 rows: 3 rows have errors.').waitFor();
    await armFault(server.url, { kind: 'status', status: 429, retryAfter: 3, body: '{"errors":[{"code":429,"message":"Too many requests"}]}', method: 'POST', path: '/v2/userGroup2' });
    const t0 = Date.now();
    await startSkipping(page);
    await page.locator('.import-notice').filter({ hasText: /Rate limited/ }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-run-title', 'focus moves to the progress');
    assert.match(await page.locator('.import-notice').textContent(), /sending resumes in \d+ s/);
    await finished(page, 60000);
    assert.ok(Date.now() - t0 >= 2500, 'it waited for Retry-After');
    assert.equal(await progressText(page), '47 of 47 done · 0 failed · 0 remaining · 3 skipped');
    await assertCreatedOnce(server.url, valid);
    const posts = createsByExternalId(await emulatorJson(server.url, 'requests'));
    const total = [...posts.values()].reduce((n, p) => n + p.length, 0);
    assert.equal(total, 48, 'only the refused request was sent again');
  });
});

test('1,000 rows import without an error', async () => {
  await withServer([], async (server) => {
    const page = await newPage(b.browser);
    await signIn(page, server.url);
    const before = (await emulatorJson(server.url, 'groups')).length;
    const ms = await importThousand(page, server.url);
    const groups = await emulatorJson(server.url, 'groups');
    assert.equal(groups.length - before, 1000, 'one group per row');
    assert.equal(new Set(groups.map((g) => g.externalId)).size, groups.length, 'no external ID twice');
    console.log(`# 1,000 rows imported in ${ms} ms`);
  });
});

test('export an in-progress screenshot for the README when asked', { skip: !process.env.GC_SCREENSHOT }, async () => {
  await withServer(['--latency-ms', '400'], async (server) => {
    const page = await newPage(b.browser, { viewport: { width: 1200, height: 900 } });
    await openImport(page, server.url);
    const { text } = fiftyRows('family');
    await chooseFile(page, 'families.csv', text);
    await page.getByText('50 rows: 3 rows have errors.').waitFor();
    await startSkipping(page);
    await eventually(async () => /^1\d of 47 done/.test(await progressText(page)), { message: 'a dozen rows done' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: process.env.GC_SCREENSHOT });
    await sleep(10);
  });
});
