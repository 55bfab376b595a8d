// 40_people.mjs - people, users, the layout and the demo personas in a real
// browser: HR adds an employee and finds them in the list, corrects them and
// records that they leave (after a confirmation); a new login is an employee
// by default; every representative page fits a 390 px phone; no chart label
// is cut off; the favicon is there; the demo's employee has a learning record.
// Creates its own employee (P900); deletes nobody.

// Logs out through the header's button, as a person would.
async function logout(t) {
  await t.page.click('header .who button');
  await t.page.waitForURL(`${t.base}/login`);
}

async function addEmployee(t) {
  const { page, base, check } = t;
  await t.login(page, 'admin', 'demo-admin');
  await page.goto(`${base}/employees`);
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/employees/new"]')]);
  check('people: the list leads to a form for a new employee',
        page.url() === `${base}/employees/new`, page.url());
  await t.accessible(page, 'people: the new employee form');
  await page.fill('#employee_id', 'P900');
  await page.fill('#first_name', 'Ilse');
  await page.fill('#last_name', 'Browsermans');
  await page.selectOption('#gender', 'F');
  await page.fill('#birth_date', '31/02/1980'); // no such day
  await page.fill('#hire_date', '01/09/2020');
  await page.fill('#department', 'Verkoop');
  await page.fill('#function', 'Accountmanager');
  await page.selectOption('#category', 'white_collar');
  await page.selectOption('#contract', 'permanent');
  await page.fill('#fte', '0,8');
  await page.selectOption('#education', 'high');
  await page.fill('#manager_id', 'E001');
  const refused = await Promise.all([page.waitForNavigation(), page.click('main form button')]);
  check('people: a wrong date is refused', refused[0].status() === 422,
        String(refused[0].status()));
  check('people: the message stands beside the field',
        await page.locator('#e-birth_date').isVisible() &&
        (await page.getAttribute('#birth_date', 'aria-invalid')) === 'true');
  check('people: the form comes back filled in',
        (await page.inputValue('#last_name')) === 'Browsermans' &&
        (await page.inputValue('#birth_date')) === '31/02/1980' &&
        (await page.inputValue('#category')) === 'white_collar');
  await t.accessible(page, 'people: the form with a problem');
  await page.fill('#birth_date', '05/03/1979');
  await Promise.all([page.waitForNavigation(), page.click('main form button')]);
  check('people: the new employee is saved and shown', page.url() === `${base}/employees/P900`,
        page.url());
  await page.goto(`${base}/employees?q=Browsermans`);
  const rows = await page.locator('main tbody tr').allTextContents();
  check('people: HR finds the new employee in the list',
        rows.length === 1 && rows[0].includes('P900') && rows[0].includes('Ilse Browsermans'),
        rows.join(' | '));
}

async function recordLeaving(t) {
  const { page, base, check, year } = t;
  await page.goto(`${base}/employees/P900`);
  await Promise.all([page.waitForNavigation(),
                     page.click('main a[href="/employees/P900/edit"]')]);
  check('people: the form holds the employee as they are',
        (await page.inputValue('#function')) === 'Accountmanager' &&
        (await page.inputValue('#fte')) === '0,8' &&
        (await page.inputValue('#manager_id')) === 'E001');
  await t.accessible(page, 'people: the correction form');
  await page.fill('#exit_date', `31/01/${year - 1}`);
  await Promise.all([page.waitForNavigation(), page.click('main form button')]);
  check('people: an exit date asks for a confirmation first',
        await page.locator('button[name=confirm]').isVisible());
  await t.accessible(page, 'people: the exit confirmation');
  await Promise.all([page.waitForNavigation(), page.click('button[name=confirm]')]);
  check('people: the exit date is recorded', page.url() === `${base}/employees/P900` &&
        (await page.textContent('main dl')).includes(`31/01/${year - 1}`),
        page.url());
  await page.goto(`${base}/employees?q=P900&status=left`);
  check('people: the leaver is listed among those who left',
        (await page.locator('main tbody tr').count()) === 1);
}

async function newLoginRole(t) {
  const { page, base, check } = t;
  await page.goto(`${base}/users`);
  check('people: a new login is an employee unless chosen otherwise',
        (await page.inputValue('#u-role')) === 'employee', await page.inputValue('#u-role'));
}

async function favicon(t) {
  const { page, base, check } = t;
  const href = await page.getAttribute('link[rel=icon]', 'href');
  const response = href ? await page.request.get(`${base}${href}`) : null;
  check('people: the pages link a favicon that is served',
        response !== null && response.status() === 200 &&
        response.headers()['content-type'] === 'image/svg+xml', String(href));
}

// The pages a representative reaches: the menu and what it leads to.
async function representativePages(t) {
  const { page, year } = t;
  const menu = await page.locator('header nav a').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  // /plans/Y/package is the print document (static/print.css), read on a
  // phone too.
  return [...new Set([...menu, '/account', `/plans/${year}`, `/plans/${year}/evaluation`,
                      `/plans/${year}/package`,
                      `/plans/${year - 1}`, `/plans/${year - 1}/evaluation`, '/scans/policy',
                      '/scans/readiness', '/scans/policy/compare', '/scans/readiness/compare',
                      `/reports?year=${year - 1}`])];
}

async function fitsAPhone(t) {
  const { page, base, check, context } = t;
  await t.login(page, 'representative', 'demo-representative');
  const paths = await representativePages(t);
  await page.setViewportSize({ width: 390, height: 800 });
  for (const lang of ['nl', 'fr', 'en']) {
    await context.addCookies([{ name: 'gp_lang', value: lang, url: base }]);
    const wide = [];
    for (const path of paths) {
      const response = await page.goto(`${base}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (response.status() !== 200 || width > 390)
        wide.push(`${path} (${response.status()}, ${width} px)`);
    }
    check(`people: every representative page fits 390 px (${lang}, ${paths.length} pages)`,
          wide.length === 0, wide.join(', '));
  }
  await context.addCookies([{ name: 'gp_lang', value: 'nl', url: base }]);
}

async function chartLabels(t) {
  const { page, base, check, year } = t;
  await page.setViewportSize({ width: 1280, height: 800 });
  const cut = [];
  let texts = 0;
  for (const path of ['/reports', `/reports?year=${year - 1}`]) {
    await page.goto(`${base}${path}`);
    const found = await page.evaluate(() => {
      const out = [];
      let n = 0;
      for (const svg of document.querySelectorAll('figure.chart svg')) {
        const box = svg.viewBox.baseVal;
        for (const text of svg.querySelectorAll('text')) {
          const b = text.getBBox();
          n++;
          if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5 ||
              b.y < box.y - 0.5 || b.y + b.height > box.y + box.height + 0.5)
            out.push(`${text.textContent} (${Math.round(b.x)}..${Math.round(b.x + b.width)})`);
        }
      }
      return { out, n };
    });
    cut.push(...found.out.map((s) => `${path}: ${s}`));
    texts += found.n;
  }
  check(`people: no chart label is cut off (${texts} labels)`, texts > 20 && cut.length === 0,
        cut.join('; '));
}

async function personaRecord(t) {
  const { page, base, check } = t;
  await t.login(page, 'employee', 'demo-employee');
  await page.goto(`${base}/my`);
  const rows = await page.locator('main tbody tr').count();
  check('people: the demo employee has a learning record', rows >= 6, String(rows));
  await page.goto(`${base}/my/log`);
  check('people: the demo employee has a claim waiting for the manager',
        (await page.content()).includes('Meegelopen met de kwaliteitscontroleur'));
}

export async function run(given) {
  // axe-core is injected as an inline script, which the site's own
  // Content-Security-Policy blocks: this module's context lets it run, as
  // the main walk's does. The pages themselves need no inline code.
  const context = await given.browser.newContext({ locale: 'nl-BE', bypassCSP: true });
  const t = { ...given, context, page: await context.newPage() };
  try {
    await addEmployee(t);
    await recordLeaving(t);
    await newLoginRole(t);
    await favicon(t);
    await logout(t);
    await fitsAPhone(t);
    await chartLabels(t);
    await logout(t);
    await personaRecord(t);
  } finally {
    await context.close();
  }
}
