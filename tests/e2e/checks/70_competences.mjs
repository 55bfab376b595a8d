// 70_competences.mjs - competences, gaps, needs and development plans in a
// real browser, per role: the manager assesses a team member, reads the
// heatmap of the team only, turns a gap into a need and adds a goal to a
// development plan; the employee assesses herself beside her manager's view
// and comments on her plan; the representative sees departments, never a
// person; HR's pages pass axe-core and fit a phone. Leaves one assessment,
// one need and one goal of its own in the demo data.
export async function run(t) {
  const { base, check, login, accessible } = t;
  const ctx = await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true,
                                           viewport: { width: 1280, height: 900 } });
  try {
    const page = await ctx.newPage();
    await manager(t, page);
    await logout(page, base);
    await employee(t, page);
    await logout(page, base);
    await representative(t, page);
    await logout(page, base);
    await login(page, 'admin', 'demo-admin');
    for (const path of ['/competences', '/competences/DIGI', '/gaps', '/gaps/organisation',
                        '/needs', '/employees/E010/development']) {
      const response = await page.goto(`${base}${path}`);
      check(`competences: admin ${path} answers 200`, response.status() === 200,
            String(response.status()));
      await accessible(page, `admin ${path}`);
    }
    await page.setViewportSize({ width: 375, height: 740 });
    for (const path of ['/gaps', '/employees/E010/competences']) {
      await page.goto(`${base}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`competences: ${path} fits a phone (the heatmap scrolls in its box)`, width <= 380,
            String(width));
    }
  } finally {
    await ctx.close();
  }
}

async function logout(page, base) {
  await page.goto(`${base}/`);
  await page.click('header .who button');
  await page.waitForURL(`${base}/login`);
}

async function manager(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'manager', 'demo-manager');
  const response = await page.goto(`${base}/gaps?sort=gap`);
  check('competences: the manager\'s heatmap answers 200', response.status() === 200,
        String(response.status()));
  await accessible(page, 'manager /gaps');
  const ids = await page.$$eval('table.heatmap tbody th span', (s) => s.map((x) => x.textContent));
  check('competences: the heatmap holds the production team only',
        ids.length > 20 && ids.every((id) => /^\(E0(0[2-9]|[1-3]\d|4[0-6])\)$/.test(id)),
        ids.join(' '));
  const cells = await page.$$eval('table.heatmap tbody td.num a', (a) => a.map((x) => x.textContent));
  check('competences: every cell reads without colour (level/needed)',
        cells.length > 50 && cells.every((c) => /^[0-4?]\/[1-4]$/.test(c)), cells.slice(0, 5).join(' '));
  // From a cell to the person's assessments.
  await Promise.all([page.waitForNavigation(), page.click('table.heatmap tbody tr:first-child td.num a')]);
  check('competences: a cell leads to the person\'s assessments',
        /\/employees\/E0\d\d\/competences/.test(page.url()), page.url());
  await accessible(page, 'manager person competences');
  await page.goto(`${base}/employees/E002/competences`);
  await page.selectOption('#a-competence', 'COMM');
  await page.selectOption('#a-level', '4');
  await page.fill('#a-note', 'E2E: leidt de overdracht tussen ploegen');
  await Promise.all([page.waitForNavigation(), page.click('main form.narrow button')]);
  check('competences: the manager records an assessment, shown in the history',
        (await page.content()).includes('E2E: leidt de overdracht tussen ploegen'));
  // A future date is refused beside the form, and nothing is added.
  await page.fill('#a-on', '1/01/2199');
  await page.fill('#a-note', 'E2E: toekomst');
  await Promise.all([page.waitForNavigation(), page.click('main form.narrow button')]);
  const refused = await page.content();
  check('competences: an assessment dated in the future is refused',
        refused.includes('role="alert"') && !/<td>E2E: toekomst<\/td>/.test(refused));
  // A gap becomes a need in one click.
  const gapButtons = page.locator('form[action="/needs"] button');
  if (await gapButtons.count() === 0) {
    await page.goto(`${base}/employees/E003/competences`);
  }
  const turn = page.locator('form[action="/needs"] button').first();
  check('competences: a gap offers to become a need', (await turn.count()) === 1);
  if (await turn.count()) {
    await Promise.all([page.waitForNavigation(), turn.click()]);
    check('competences: the gap is in the needs register',
          page.url() === `${base}/needs` && (await page.content()).includes('Het nodige niveau halen'),
          page.url());
    await accessible(page, 'manager /needs');
  }
  // The development plan of a team member: a goal is added.
  await page.goto(`${base}/employees/E010/development`);
  await page.selectOption('#i-kind', 'goal');
  await page.fill('#i-text', 'E2E: ploegleider vervangen bij verlof');
  await page.selectOption('#i-comp', 'COMM');
  await Promise.all([page.waitForNavigation(), page.click('form:has(#i-text) button')]);
  check('competences: the manager adds a goal to the development plan',
        (await page.content()).includes('E2E: ploegleider vervangen bij verlof'));
  const other = await page.goto(`${base}/employees/E050/competences`);
  check('competences: a manager cannot open someone outside the team', other.status() === 404,
        String(other.status()));
}

async function employee(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'employee', 'demo-employee');
  await page.goto(`${base}/my/competences`);
  check('competences: the employee reaches her own assessments',
        page.url().endsWith('/employees/E010/competences'), page.url());
  await accessible(page, 'employee competences');
  await page.selectOption('#a-competence', 'LIJN');
  await page.selectOption('#a-level', '3');
  await page.fill('#a-note', 'E2E: ik stel lijn 3 alleen om');
  await Promise.all([page.waitForNavigation(), page.click('main form.narrow button')]);
  const html = await page.content();
  check('competences: a self-assessment is recorded as one, beside the manager\'s',
        html.includes('E2E: ik stel lijn 3 alleen om') && html.includes('zelfbeoordeling') &&
        html.includes('beoordelingsgesprek'));
  const colleague = await page.goto(`${base}/employees/E002/competences`);
  check('competences: an employee cannot open a colleague', colleague.status() === 404,
        String(colleague.status()));
  await page.goto(`${base}/my/development`);
  await accessible(page, 'employee development plan');
  await page.fill('#d-comment', 'E2E: akkoord met het plan');
  await Promise.all([page.waitForNavigation(), page.click('form:has(#d-comment) button')]);
  check('competences: the employee comments on her plan',
        (await page.content()).includes('E2E: akkoord met het plan'));
}

async function representative(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'representative', 'demo-representative');
  await page.goto(`${base}/gaps`);
  check('competences: the representative is led to the departments\' view',
        page.url().endsWith('/gaps/organisation'), page.url());
  await accessible(page, 'representative /gaps/organisation');
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  check('competences: the representative sees no employee number', !/\bE\d{3}\b/.test(text));
  check('competences: departments too small are not shown on their own',
        !text.includes('Kwaliteit') || text.includes('te weinig mensen'));
  const person = await page.goto(`${base}/employees/E002/competences`);
  check('competences: the representative cannot open a person', person.status() === 403,
        String(person.status()));
  await page.goto(`${base}/needs`);
  await accessible(page, 'representative /needs');
  const needs = await page.evaluate(() => document.querySelector('main table').innerText);
  check('competences: the representative sees only their own signals',
        needs.includes('Taalondersteuning') && !needs.includes('MES-scherm'), needs);
}
