// 70_evaluation.mjs - certifications and the four levels of evaluation in a
// real browser: HR filters the certifications and downloads them, a manager
// sees who expires this quarter and records a follow-up, an employee answers
// the questionnaire and sees their own certificates, a representative only
// totals; every page passes axe-core and fits a phone.
export async function run(t) {
  const { browser, base, year, check, login, accessible } = t;
  const context = await browser.newContext({ locale: 'nl-BE', bypassCSP: true,
                                             viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await hr(t, page);
    await logout(page, base);
    await manager(t, page);
    await logout(page, base);
    await employee(t, page);
    await logout(page, base);
    await representative(t, page);
  } finally {
    await context.close();
  }
}

async function logout(page, base) {
  await page.goto(`${base}/`);
  await page.click('header .who button');
  await page.waitForURL(`${base}/login`);
}

async function hr(t, page) {
  const { base, year, check, login, accessible } = t;
  await login(page, 'admin', 'demo-admin');
  const nav = await page.locator('header nav a').allTextContents();
  check('certifications: HR finds them in the menu', nav.includes('Attesten') && nav.includes('Evaluatie'),
        nav.join(', '));
  let response = await page.goto(`${base}/certifications`);
  check('certifications: HR\'s page answers 200', response.status() === 200, String(response.status()));
  await accessible(page, '/certifications (HR)');
  const all = await page.locator('main tbody tr').count();
  await page.selectOption('#status', 'expired');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
  const statuses = await page.locator('main tbody tr td:nth-child(5)').allTextContents();
  check('certifications: the status filter keeps only expired ones',
        statuses.length > 0 && statuses.length < all && statuses.every((s) => s === 'verlopen'),
        statuses.join(', '));
  const href = await page.locator('a[download]').first().getAttribute('href');
  const csv = await page.request.get(`${base}${href}`);
  const body = await csv.text();
  check('certifications: the download is the filtered CSV',
        csv.headers()['content-type'].startsWith('text/csv') &&
        body.startsWith('employee_id,activity_code,status,achieved,valid_until') &&
        body.trim().split('\n').length === statuses.length + 1, body.slice(0, 120));
  response = await page.goto(`${base}/evaluation`);
  check('evaluation: HR\'s page answers 200', response.status() === 200, String(response.status()));
  await accessible(page, '/evaluation');
  await page.goto(`${base}/plans/${year - 1}/evaluation`);
  const levels = await page.locator('#levels').innerText().catch(() => '');
  const rows = await page.locator('table:has(caption:text("Evaluatie per initiatief")) tbody tr').count();
  check('evaluation: the plan shows the four levels per initiative', levels.includes('Vier niveaus') && rows > 3,
        `${levels} ${rows}`);
  await accessible(page, 'plan evaluation with the four levels');
  const api = await page.request.get(`${base}/api/v1/reports/certifications?date=${year}-06-30`);
  const json = await api.json();
  check('certifications: the API answers for the day asked', json.date === `${year}-06-30` &&
        json.certifications.length > 0 && typeof json.totals.missing === 'number', JSON.stringify(json).slice(0, 120));
}

async function manager(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'manager', 'demo-manager');
  await page.goto(`${base}/certifications`);
  const quarter = await page.locator('table:has(caption:text("Verloopt dit kwartaal")) tbody tr').count();
  check('certifications: the manager sees who in the team expires this quarter', quarter > 0, String(quarter));
  await accessible(page, '/certifications (manager)');
  const response = await page.goto(`${base}/team/followups`);
  check('follow-up: the manager\'s page answers 200', response.status() === 200, String(response.status()));
  await accessible(page, '/team/followups');
  const before = await page.locator('main section').count();
  if (before > 0) {
    const form = page.locator('main section form').first();
    await form.locator('input[value=partly]').check();
    await form.locator('textarea').fill('Toegepast op de dagploeg, nog niet op de nachtploeg.');
    await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
  }
  const after = await page.locator('main section').count();
  check('follow-up: a recorded follow-up leaves the list', before > 0 && after === before - 1,
        `${before} -> ${after}`);
}

async function employee(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'employee', 'demo-employee');
  await page.goto(`${base}/certifications`);
  const own = await page.locator('main tbody tr').count();
  const people = await page.locator('main th:text("Naam")').count();
  check('certifications: the employee sees their own, without names', own > 0 && people === 0,
        `${own} rows`);
  await accessible(page, '/certifications (employee)');
  await page.goto(`${base}/my/evaluations`);
  await accessible(page, '/my/evaluations');
  const before = await page.locator('main section').count();
  if (before > 0) {
    const form = page.locator('main section form').first();
    for (const group of await form.locator('fieldset').all())
      await group.locator('input[value="4"]').check();
    await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
  }
  const after = await page.locator('main section').count();
  check('questionnaire: an answered training leaves the list', before > 0 && after === before - 1,
        `${before} -> ${after}`);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${base}/certifications`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check('certifications: the page fits a phone', width <= 380, String(width));
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function representative(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'representative', 'demo-representative');
  await page.goto(`${base}/certifications`);
  const text = await page.locator('main').innerText();
  check('certifications: representatives see totals, no person', !/E0\d\d/.test(text) &&
        (await page.locator('main ul.cards li').count()) === 4, text.slice(0, 160));
  await accessible(page, '/certifications (representative)');
}
