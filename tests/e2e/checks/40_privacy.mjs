// 40_privacy.mjs - HR's company-wide training-right page in a real browser:
// reached from the menu, accessible, filtered, sorted, and downloadable.
// axe-core is injected as a script, which our Content-Security-Policy
// blocks, so this module opens its own context that bypasses it.
export async function run(t) {
  const { base } = t;
  const context = await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true });
  try {
    await walk(t, base, await context.newPage());
  } finally {
    await context.close();
  }
}

async function walk(t, base, page) {
  await t.login(page, 'admin', 'demo-admin');
  await Promise.all([page.waitForNavigation(), page.click('nav a[href="/right"]')]);
  t.check('HR reaches the training right of everyone from the menu',
          page.url().startsWith(`${base}/right`), page.url());
  await t.accessible(page, '/right');
  const all = await page.locator('tbody tr').count();
  t.check('every employee of the year is listed', all > 50, String(all));
  await page.selectOption('#status', 'behind');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
  const statuses = await page.locator('tbody tr td:last-child').allTextContents();
  t.check('the filter keeps only those behind',
          statuses.length > 0 && statuses.length < all &&
          statuses.every((s) => s === statuses[0]), statuses.slice(0, 3).join(', '));
  await Promise.all([page.waitForNavigation(),
                     page.click('thead a[href*="sort=used_days"]')]);
  const sorted = await page.locator('thead th[aria-sort="ascending"]').count();
  t.check('a column header sorts the table', sorted === 1, String(sorted));
  const href = await page.getAttribute('a[href*="format=csv"]', 'href');
  const csv = await page.request.get(`${base}${href}`);
  const text = await csv.text();
  t.check('the CSV download holds the filtered lines',
          csv.status() === 200 && text.startsWith('employee_id,name,department') &&
          text.trim().split('\n').length === statuses.length + 1,
          `${csv.status()} ${text.slice(0, 60)}`);
}
