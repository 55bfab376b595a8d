// 40_imports.mjs - the import page as HR uses it: the columns of every kind
// with the Dutch and French words, a template to download per kind, and an
// Excel workbook (the template itself, filled in) imported through the page.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function run(t) {
  const { page, base } = t;
  await t.login(page, 'admin', 'demo-admin');
  await page.goto(`${base}/import`);
  // The column list of each kind opens on the page itself.
  await page.click('details:nth-of-type(1) summary');
  const columns = await page.textContent('details:nth-of-type(1) table');
  t.check('import page: the employee columns with their Dutch and French words',
          columns.includes('employee_id') && columns.includes('vrouw') && columns.includes('femme'),
          columns.slice(0, 200));
  // The templates download as files a spreadsheet opens.
  await page.click('details:nth-of-type(2) summary');
  const href = await page.getAttribute('a[href="/import/template/activities?format=xlsx"]', 'href');
  const response = await page.request.get(`${base}${href}`);
  const body = await response.body();
  const path = join(t.dir, 'groeipad-activities.xlsx');
  writeFileSync(path, body);
  t.check('import page: the activities template downloads as XLSX',
          response.status() === 200 && body.subarray(0, 2).toString() === 'PK' &&
          (response.headers()['content-disposition'] || '').includes('groeipad-activities.xlsx'),
          `${response.status()} ${response.headers()['content-disposition']}`);
  // The template's example row imports as it is, as a workbook, through the page.
  await page.goto(`${base}/import`);
  await page.setInputFiles('#f1', path);
  await Promise.all([page.waitForNavigation(), page.click('form.narrow button[type=submit]')]);
  const status = await page.textContent('[role=status]').catch(() => '');
  const result = await page.textContent('main');
  t.check('import page: a filled-in XLSX template imports', status !== '' &&
          result.includes('groeipad-activities.xlsx'), result.slice(0, 300));
}
