// "Import 1,000 rows": the time from "Start import" to "Import finished" for a 1,000-row CSV
// file against the emulator, with the page's default concurrency (2). Used by bench/run.mjs
// (section "import") and by e2e/tests/import.test.mjs (which checks there are no errors).
// The page must be signed in; every call uses new external IDs, so runs can share a server.

/** A CSV file of `n` valid rows, external IDs `${prefix}_0001`… */
export function csvRows(n, prefix) {
  const lines = ['externalId,groupName,maxGroupSize,ug_status'];
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(4, '0');
    lines.push(`${prefix}_${id},"Bench group ${i}, family",${1 + (i % 30)},Active`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** Imports 1,000 rows; resolves to the milliseconds it took (throws if any row failed). */
export async function importThousand(page, baseUrl, { rows = 1000, concurrency = 2 } = {}) {
  const prefix = `bench_${Date.now().toString(36)}`;
  await page.goto(`${baseUrl}/groups/import`);
  // An import left by an earlier run would be shown instead of the file input.
  const discard = page.getByRole('button', { name: /^(Discard|New import)$/ });
  if (await discard.count()) await discard.first().click();
  await page.getByLabel('CSV file').setInputFiles({
    name: `${prefix}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csvRows(rows, prefix)),
  });
  await page.getByText(`${rows} rows, all ready to import.`).waitFor({ timeout: 30000 });
  await page.getByLabel('Concurrency').fill(String(concurrency));
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Start import' }).click();
  await page.getByRole('heading', { name: /^Import finished/ }).waitFor({ timeout: 300000 });
  const ms = Date.now() - t0;
  const progress = (await page.locator('.import-progress__text').textContent()).trim();
  if (!progress.startsWith(`${rows} of ${rows} done · 0 failed`)) throw new Error(`import had failures: ${progress}`);
  return ms;
}
