// Numbers, e-mails, IDs and words are read whole: the Members tab's list and record, the search
// results, the History tab's tables and the import tables (in the Add members dialog and on the
// import page) never break one inside itself, at a desktop's width or a phone's. A table too
// wide for the screen scrolls sideways in its own box instead of squeezing its cells, and the
// dialog's results show their Details column without scrolling on a desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

const DESKTOP = { width: 1280, height: 900 };
const LAPTOP = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Each element the locator finds: its text and how many lines its text takes (line boxes
 *  told apart by their top edge). */
function lineCounts(locator) {
  return locator.evaluateAll((els) => els.map((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => r.top).sort((x, y) => x - y);
    const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1] > 4).length;
    return { text: el.textContent.trim(), lines };
  }));
}

/** Every element's text (when it has any) is on one line. */
async function assertOneLine(locator, what) {
  const found = await lineCounts(locator);
  assert.ok(found.length > 0, `no ${what} on the page`);
  assert.deepEqual(found.filter((f) => f.text && f.lines !== 1), [], `${what} broken over lines`);
  return found;
}

const pageScrollsSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
const scrollsSideways = (locator) => locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1);

test('the Members tab: each mobile, e-mail, card, date and points figure on one line; a phone scrolls the table in its box', async () => {
  for (const viewport of [DESKTOP, LAPTOP, PHONE]) {
    const page = await newPage(b.browser, { viewport });
    await signIn(page, server.url);
    // family_sharma: four members with 12-digit mobiles, e-mails and cards.
    await page.goto(`${server.url}/groups/3920001/members`);
    await page.getByRole('table', { name: 'Members of this group' }).waitFor();
    const at = `at ${viewport.width} px`;
    const contacts = await assertOneLine(page.locator('.members-list__contact'), `mobiles, e-mails and cards ${at}`);
    assert.ok(contacts.some((c) => c.text === '919876500001'), JSON.stringify(contacts));
    await assertOneLine(page.locator('.members-list td.num, .members-list td.nowrap'), `dates and points ${at}`);
    assert.equal(await pageScrollsSideways(page), false, `the page itself does not scroll sideways ${at}`);
    if (viewport === PHONE) {
      assert.ok(await scrollsSideways(page.getByRole('region', { name: 'Members, scrollable' })), 'the table scrolls in its own box');
    }
    // The group's record: every user ID (and role, status) whole, not cut short by an ellipsis.
    await page.getByText("Every membership on the group's record").click();
    const cells = page.locator('.members-table tbody td');
    await cells.first().waitFor();
    assert.deepEqual(await cells.evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent)), [],
      `the record's cells cut short ${at}`);
    await page.context().close();
  }
});

test('search results: each ID, external ID, mobile and e-mail on one line', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await newPage(b.browser, { viewport });
    await signIn(page, server.url);
    await page.goto(`${server.url}/?q=family`);
    await page.locator('table.results-table tbody tr').first().waitFor();
    const at = `at ${viewport.width} px`;
    const found = await assertOneLine(
      page.locator('.results-table__id, .results-table__person .muted, .results-table td.nowrap, .results-table td.num'),
      `IDs, mobiles and e-mails ${at}`,
    );
    assert.ok(found.some((f) => f.text === '919876500001'), JSON.stringify(found));
    assert.equal(await pageScrollsSideways(page), false, `the page itself does not scroll sideways ${at}`);
    await page.context().close();
  }
});

test('the History tab: each date, member ID, bill number, amount and points figure on one line', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await newPage(b.browser, { viewport });
    await signIn(page, server.url);
    await page.goto(`${server.url}/groups/3918893/history`);
    await page.locator('#transactions-title ~ * tbody tr').first().waitFor();
    const at = `at ${viewport.width} px`;
    await assertOneLine(page.locator('.history-table time, .history-table td.nowrap, .history-table td.num'),
      `dates, member IDs, bill numbers and amounts ${at}`);
    assert.equal(await pageScrollsSideways(page), false, `the page itself does not scroll sideways ${at}`);
    await page.context().close();
  }
});

/** Where the table's Details (or Check) column ends against its scroll box, and whether the box scrolls. */
function detailsEdge(wrap) {
  return wrap.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const cells = [...el.querySelectorAll('thead th:last-child, td.import-details')];
    const dialog = el.closest('dialog')?.getBoundingClientRect();
    return {
      beyond: Math.max(...cells.map((c) => c.getBoundingClientRect().right)) - box.right,
      scrolls: el.scrollWidth > el.clientWidth + 1,
      dialogBeyondScreen: dialog ? dialog.right - window.innerWidth : 0,
    };
  });
}

test('the Add members dialog: headings, IDs and outcomes whole; the Details column within the dialog, or the table scrolls', async () => {
  for (const [viewport, first] of [[DESKTOP, 820000051], [PHONE, 820000061]]) {
    const page = await newPage(b.browser, { viewport });
    await signIn(page, server.url);
    await page.goto(`${server.url}/groups/3920007/members`);
    await page.getByRole('button', { name: 'Add members', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Add members to/ });
    // 123 is nobody: the platform refuses it with a long explanation in Details.
    await dialog.getByLabel('Customer IDs').fill(`${first}\n123\n${first + 1}`);
    await dialog.getByText('3 customers, all ready to add.').waitFor();
    const at = `at ${viewport.width} px`;
    const preview = dialog.locator('.add-members__preview');
    const heads = await assertOneLine(preview.locator('thead th'), `the preview's headings ${at}`);
    assert.deepEqual(heads.map((h) => h.text), ['Item', 'Customer ID', 'Check']);
    await assertOneLine(preview.locator('td.import-id, td.num'), `the preview's IDs ${at}`);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('button', { name: 'Add 3 customers' }).click();
    await dialog.getByRole('heading', { name: 'Done: 2 added, 1 failed' }).waitFor({ timeout: 20000 });
    const results = dialog.locator('.import-run');
    const headings = await assertOneLine(results.locator('thead th'), `the results' headings ${at}`);
    assert.deepEqual(headings.map((h) => h.text), ['Item', 'Customer ID', 'Outcome', 'Details']);
    await assertOneLine(results.locator('td.import-id, td.num, .outcome'), `the results' IDs and outcomes ${at}`);
    assert.match(await results.locator('tbody tr').nth(1).textContent(), /failed.*no customer with these details/);
    const edge = await detailsEdge(results.locator('.import-table-wrap'));
    assert.ok(edge.dialogBeyondScreen <= 1, `the dialog stays on the screen ${at}: ${JSON.stringify(edge)}`);
    if (viewport === DESKTOP) {
      assert.ok(edge.beyond <= 1 && !edge.scrolls, `the Details column is in view without scrolling: ${JSON.stringify(edge)}`);
    } else {
      assert.ok(edge.beyond <= 1 || edge.scrolls, `the Details column is in view or scrolled to: ${JSON.stringify(edge)}`);
    }
    await page.context().close();
  }
});

test('the import page: the preview and results headings and external IDs whole', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await newPage(b.browser, { viewport });
    await signIn(page, server.url);
    await page.goto(`${server.url}/groups/import`);
    const prefix = `unbroken-${viewport.width}-${Date.now().toString(36)}`;
    const csv = [
      'externalId,groupName,maxGroupSize,family_type',
      `${prefix}-1,"The first family, with a long name",4,nuclear`,
      `${prefix}-2,Size zero,0,`,
      `,No external ID,3,`,
    ].join('\r\n') + '\r\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'unbroken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('3 rows: 2 rows have errors.').waitFor();
    const at = `at ${viewport.width} px`;
    const heads = await assertOneLine(page.locator('.import-setup thead th'), `the preview's headings ${at}`);
    assert.deepEqual(heads.map((h) => h.text), ['Row', 'External ID', 'Group name', 'Max group size', 'Extended fields', 'Check']);
    await assertOneLine(page.locator('.import-setup td.import-id, .import-setup td.num'), `the preview's IDs ${at}`);
    await page.getByLabel('Skip invalid rows').check();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: /^Import finished/ }).waitFor({ timeout: 30000 });
    const results = page.locator('.import-run');
    await assertOneLine(results.locator('thead th'), `the results' headings ${at}`);
    await assertOneLine(results.locator('td.import-id, td.num, .outcome'), `the results' IDs and outcomes ${at}`);
    assert.equal(await pageScrollsSideways(page), false, `the page itself does not scroll sideways ${at}`);
    await page.context().close();
  }
});
