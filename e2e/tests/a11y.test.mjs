// Accessibility: axe-core on every route, on forms showing errors and on the Add members
// dialog's states, visible labels on every control, and a keyboard-only path through create →
// group page → edit with a visible focus ring at every step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, armFault, ROUTES, routeRegExp, axeViolations } from '../lib.mjs';

let server, b;
before(async () => { server = await startServer(); b = await launchBrowser(); });
after(async () => { await b?.close(); await server?.stop(); });

/** Controls without a visible label: inputs/selects need a visible <label for> (or a
 *  visible aria-labelledby); buttons and links need visible text. */
async function unlabelled(page) {
  return page.evaluate(() => {
    const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
      && (el.textContent || '').trim().length > 0 && !el.closest('.visually-hidden');
    const bad = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden' || el.disabled) continue;
      const labels = [...(el.labels || [])];
      const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id));
      // A visually hidden radio is labelled by its visible label (segmented controls).
      if (![...labels, ...by].some(visible)) bad.push(`${el.tagName.toLowerCase()}#${el.id || el.name}`);
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      if (el.getClientRects().length === 0) continue;
      if (!(el.textContent || '').trim()) bad.push(`${el.tagName.toLowerCase()} without visible text`);
    }
    return bad;
  });
}

// Each route with what shows once it has loaded.
const routes = {
  '/': 'h1', '/groups/new': 'form', '/groups/import': 'h1', '/groups/3918893': '.group-header',
  '/groups/3918893/members': '.members-list', '/groups/3918893/points': '.points-card', '/groups/3918893/history': '#transactions-title ~ * tbody tr',
  '/groups/3930001/points': '.expiry-chart', '/groups/3930001': '.group-header', '/groups/6666666': '.group-header', '/groups/3918893/edit': '#edit-group-name',
  '/reward-groups': '.catalogue-table', '/reward-groups?active=false&q=no+such+group': '.notice',
  '/reward-groups/new': 'form', '/reward-groups/2401': '#reward-name', '/reward-groups/999999': '.notice',
  '/settings': 'form', '/no/such/page': 'h1',
};

test('the list above opens every page of the route table', () => {
  for (const r of ROUTES) {
    assert.ok(Object.keys(routes).some((url) => new RegExp(routeRegExp(r.path)).test(url)), `no URL for ${r.path} (${r.page}) in the a11y list`);
  }
});

test('every route: no serious or critical axe violations, every control visibly labelled', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  for (const [route, loaded] of Object.entries(routes)) {
    await page.goto(`${server.url}${route}`);
    await page.locator(loaded).first().waitFor();
    assert.deepEqual(await axeViolations(page), [], `axe on ${route}`);
    assert.deepEqual(await unlabelled(page), [], `labels on ${route}`);
  }
});

// On a phone the wide tables scroll sideways in a box of their own, and a box that scrolls
// must be reachable by keyboard (axe's scrollable-region-focusable).
test('on a phone, every route: no serious or critical axe violations', async () => {
  const page = await newPage(b.browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.url);
  for (const [route, loaded] of Object.entries(routes)) {
    await page.goto(`${server.url}${route}`);
    await page.locator(loaded).first().waitFor();
    assert.deepEqual(await axeViolations(page), [], `axe at 390 px on ${route}`);
  }
});

test('forms showing their errors stay accessible', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/new`);
  await page.getByRole('button', { name: 'Add extended field' }).click();
  await page.getByLabel('Max group size').fill('2.5');
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByText('Enter an external ID.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'create form with errors');
  const invalid = await page.locator('[aria-invalid="true"]').count();
  assert.ok(invalid >= 3, `invalid fields are marked (${invalid})`);

  await page.goto(`${server.url}/reward-groups/new`);
  await page.getByLabel('Rank').fill('x');
  await page.getByRole('button', { name: 'Create reward group' }).click();
  await page.getByText('Enter a name.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'reward form with errors');

  await page.goto(`${server.url}/reward-groups/2401`);
  await page.getByLabel('Name', { exact: true }).fill('');
  await page.getByLabel('Rank').fill('0');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Enter a name.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'reward edit form with errors');
  await page.getByLabel('Name', { exact: true }).fill('Weekend Treats Renamed');
  await page.getByLabel('Rank').fill('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alertdialog', { name: 'Renaming unlinks rewards' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the rename warning');
  assert.deepEqual(await unlabelled(page), [], 'labels with the rename warning');

  await page.goto(`${server.url}/groups/3918893/edit`);
  await page.getByLabel('Max group size').fill('1');
  await page.getByText(/cannot be below 3/).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'edit form with errors');
});

test('the History tab: both tables, a refused date range, an error with Retry', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/5000000/history?type=RETURN&from=2026-01-01&page=3`);
  await page.locator('section[aria-labelledby=tier-changes-title] tbody tr').first().waitFor({ timeout: 20000 });
  await page.locator('section[aria-labelledby=transactions-title] tbody tr').first().waitFor();
  assert.deepEqual(await axeViolations(page), [], 'history with both tables');
  assert.deepEqual(await unlabelled(page), [], 'history labels');
  await page.getByLabel('To', { exact: true }).fill('2025-12-31');
  await page.getByText('From must be on or before To.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'history with a refused range');
  await armFault(server.url, { kind: 'html500', path: '/v2/userGroup2/slabHistory' });
  await page.goto(`${server.url}/groups/3918893/history`);
  await page.getByRole('button', { name: 'Retry' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'history with a failed section');
});

test('the Add members dialog in each of its states', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3920007/members`);
  await page.getByRole('button', { name: 'Add members', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Add members to/ });
  await dialog.getByLabel('Customer IDs').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'dialog open');
  assert.deepEqual(await unlabelled(page), [], 'labels in the dialog');
  await dialog.getByLabel('Customer IDs').fill('790000015\nabc\n790000015');
  await dialog.getByText('3 customers: 2 cannot be added.').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'preview with problems');
  await dialog.getByLabel('Customer IDs').fill('790000015');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('button', { name: 'Add 1 customer' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'confirmation');
  await dialog.getByRole('button', { name: 'Add 1 customer' }).click();
  await dialog.getByRole('heading', { name: 'Done: 1 added, 0 failed' }).waitFor({ timeout: 20000 });
  assert.deepEqual(await axeViolations(page), [], 'results');
  assert.deepEqual(await unlabelled(page), [], 'labels in the results');
});

/** Presses Tab until the focused element matches, and checks its focus is visible. */
async function tabTo(page, describe, matches, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(matches);
    if (hit) {
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        const target = el.matches('input[type=radio], input[type=checkbox]') && el.labels?.[0] ? el.labels[0] : el;
        const s = getComputedStyle(target);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      });
      assert.ok(ring, `visible focus on ${describe}`);
      return;
    }
  }
  throw new Error(`Tab never reached ${describe}`);
}

const focused = (text) => new Function(`const el = document.activeElement; return !!el && (el.textContent || '').trim() === ${JSON.stringify(text)};`);
const focusedField = (id) => new Function(`return document.activeElement && document.activeElement.id === ${JSON.stringify(id)};`);

test('keyboard only: create a group, open its page, edit it', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/`);
  await page.locator('h1').waitFor();
  await tabTo(page, 'the New group link', focused('New group'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'New user group' }).waitFor();
  await tabTo(page, 'External ID', focusedField('group-external-id'));
  await page.keyboard.type('kbd_family_1');
  await tabTo(page, 'Group name', focusedField('group-name'));
  await page.keyboard.type('Keyboard family');
  await tabTo(page, 'Max group size', focusedField('group-max-size'));
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: /^Open group \d+$/ }).waitFor();
  await tabTo(page, 'the Open group link', () => /^Open group \d+$/.test(document.activeElement?.textContent?.trim() || ''));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Keyboard family', level: 1 }).waitFor();
  await tabTo(page, 'the Edit group link', focused('Edit group'));
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Save changes' }).waitFor();
  await tabTo(page, 'Max group size', focusedField('edit-max-size'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('7');
  await tabTo(page, 'Save changes', focused('Save changes'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Changes saved' }).waitFor();
});

test('every member dialog: no serious or critical axe violations, every control visibly labelled', async () => {
  const page = await newPage(b.browser);
  await signIn(page, server.url);
  await page.goto(`${server.url}/groups/3920001/members`);
  const table = page.getByRole('table', { name: 'Members of this group' });
  await table.waitFor();
  const check = async (name, role = 'dialog') => {
    const dialog = page.getByRole(role, { name });
    await dialog.waitFor();
    assert.deepEqual(await axeViolations(page), [], `axe on the ${name} dialog`);
    assert.deepEqual(await unlabelled(page), [], `labels in the ${name} dialog`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  };
  await table.getByRole('row').filter({ hasText: 'Priya' }).getByRole('button', { name: /^Remove / }).click();
  await check('Remove a member', 'alertdialog');
  await table.getByRole('row').filter({ hasText: 'Arjun' }).getByRole('button', { name: /^Permissions of / }).click();
  await check('Change permissions');
  await page.getByRole('checkbox', { name: 'Arjun Sharma' }).check();
  await page.getByRole('button', { name: 'Move selected (1)' }).click();
  await page.getByRole('searchbox', { name: 'Find the group to move them to' }).fill('team_open');
  await page.getByRole('radio', { name: /team_open/ }).waitFor();
  await check('Move members to another group');
  await page.goto(`${server.url}/groups/3920001`);
  await page.getByRole('button', { name: 'Delete group' }).click();
  await check('Delete this group', 'alertdialog');
});
