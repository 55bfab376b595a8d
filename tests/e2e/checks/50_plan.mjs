// 50_plan.mjs - the annual training plan in a real browser. The information
// package prints to PDF under our own Content-Security-Policy (this context,
// unlike the main walk's, does not bypass it); the initiatives can be changed
// and their buttons stay in view at 1280 px; the budget form takes amounts as
// Belgians type them and comes back filled in when one is wrong.
export async function run(t) {
  const { page, base, year, check, login } = t;
  // Every violation of the policy, as the page itself reports it.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation',
                              (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const console = [];
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) console.push(m.text()); });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The package, as the works council prints it.
  await login(page, 'representative', 'demo-representative');
  const response = await page.goto(`${base}/plans/${year}/package`);
  check('plan package: the page answers', response.status() === 200, String(response.status()));
  const header = await page.evaluate(() => getComputedStyle(document.querySelector('thead th')).backgroundColor);
  check('plan package: the print stylesheet is applied', header === 'rgb(238, 238, 238)', header);
  await page.emulateMedia({ media: 'print' });
  // The page size comes from the stylesheet's @page rule: A4 is 595 x 842 points.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/);
  check('plan package: a PDF of more than one page', text.startsWith('%PDF-') && pages > 1,
        `${pages} page(s)`);
  check('plan package: printed on A4, as the stylesheet asks',
        box && Math.round(+box[1]) === 595 && Math.round(+box[2]) === 842, box ? box[0] : 'no MediaBox');
  await page.emulateMedia({ media: 'screen' });
  const violations = await page.evaluate(() => window.cspViolations);
  check('plan package: no Content-Security-Policy violation', violations.length === 0 && console.length === 0,
        [...violations, ...console].join(' | '));

  // HR changes next year's draft, in a context of its own that lets axe-core
  // (an injected script) run.
  const hr = await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true,
                                          viewport: { width: 1280, height: 900 } });
  try {
    await changes(t, await hr.newPage());
  } finally {
    await hr.close();
  }
}

async function changes(t, page) {
  const { base, year, check, login, accessible } = t;
  await login(page, 'admin', 'demo-admin');
  const plan = `${base}/plans/${year + 1}`;
  await page.goto(plan);
  const outside = await page.evaluate(() => [...document.querySelectorAll('td.row-actions button, td.row-actions a')]
    .filter((b) => {
      const r = b.getBoundingClientRect(), s = b.closest('.scroll').getBoundingClientRect();
      return r.width === 0 || r.left < s.left || r.right > s.right || r.right > window.innerWidth;
    }).length);
  const buttons = await page.locator('td.row-actions button').count();
  check('plan at 1280 px: every initiative\'s change and remove stay in view', buttons > 0 && outside === 0,
        `${outside} of ${buttons} rows out of view`);
  check('plan at 1280 px: the initiatives table needs no sideways scrolling',
        await page.evaluate(() => [...document.querySelectorAll('.scroll')].every((d) => d.scrollWidth <= d.clientWidth)));

  // Change the first initiative: the form opens filled in; a wrong number comes back.
  const title = (await page.locator('tbody th[scope=row]').first().innerText()).replace(/ \*$/, '');
  await Promise.all([page.waitForNavigation(), page.locator('td.row-actions a').first().click()]);
  check('plan: the change form shows the initiative', await page.inputValue('#i-title') === title, title);
  const hours = await page.inputValue('#i-hours');
  await page.fill('#i-hours', 'veel');
  await Promise.all([page.waitForNavigation(), page.click('#initiative button')]);
  const again = await page.locator('#initiative .error').innerText().catch(() => '');
  check('plan: a wrong number comes back beside its field, named by its label',
        again.includes('Uren per deelnemer') && await page.inputValue('#i-hours') === 'veel', again);
  await accessible(page, 'plan with a form that came back');
  await page.fill('#i-title', `${title} (gewijzigd)`);
  await page.fill('#i-hours', '4,5');
  await Promise.all([page.waitForNavigation(), page.click('#initiative button')]);
  check('plan: the initiative is changed',
        (await page.locator('tbody th[scope=row]').allInnerTexts()).some((s) => s.startsWith(`${title} (gewijzigd)`)));
  // ... and back, for the modules after this one.
  await Promise.all([page.waitForNavigation(), page.locator('td.row-actions a').first().click()]);
  await page.fill('#i-title', title);
  await page.fill('#i-hours', hours);
  await Promise.all([page.waitForNavigation(), page.click('#initiative button')]);
  check('plan: the initiative is as it was again',
        !(await page.locator('tbody th[scope=row]').allInnerTexts()).some((s) => s.includes('(gewijzigd)')));

  // The budget: the fields show the amounts; "2.000" is two thousand.
  const row = page.locator('#budget tbody tr').first();
  const planned = row.locator('input[name=planned]'), committed = row.locator('input[name=committed]');
  const before = [await planned.inputValue(), await committed.inputValue()];
  check('plan: the budget form shows the current amounts', before.every((v) => /\d/.test(v)), before.join(' / '));
  await planned.fill('2.000');
  await committed.fill('');
  await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
  const after = [await planned.inputValue(), await committed.inputValue()];
  check('plan: 2.000 is saved as 2000 and a blank amount keeps its value',
        /^2\.?000,00$/.test(after[0]) && after[1] === before[1], after.join(' / '));
  await planned.fill('twee');
  await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
  const message = await row.locator('.error').innerText().catch(() => '');
  check('plan: a wrong amount comes back filled in, the message names the field',
        message.includes('Gepland') && await planned.inputValue() === 'twee', message);
  await planned.fill(before[0]);
  await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
}
