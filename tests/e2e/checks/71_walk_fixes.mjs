// 71_walk_fixes.mjs - what a walk through every form with wrong input
// found, kept fixed in a real browser: a refused form says "Niet bewaard"
// and comes back as typed; a refused monthly review keeps its text; closing a
// session asks first and its "no" leads back to the attendance; HR's
// settings page is accessible and fits a phone. Saves nothing: the demo
// stays as the other modules expect it.
const WIDTH = 390;

// A refused rotation: the page says it is ours to correct and shows the
// form again as typed, without the browser's Back button.
async function refusedForm(t) {
  const { page, base, check, accessible } = t;
  await page.goto(`${base}/rotations`);
  await page.fill('#who', 'E999');
  await page.fill('#workstation', 'Inpaklijn 3');
  await page.fill('#from', `${t.year}-12-01`);
  await page.fill('#to', `${t.year}-12-05`);
  await page.fill('#hours', '4');
  const [response] = await Promise.all([page.waitForNavigation(),
                                        page.click('form[action="/rotations"] button')]);
  const alert = await page.textContent('[role="alert"]');
  check('walk: a refused form answers 422, saying it was not saved', response.status() === 422 &&
        alert.includes('Niet bewaard'), `${response.status()} ${alert}`);
  check('walk: the refusal links to the form',
        (await page.getAttribute('[role="alert"] a', 'href')) === '#rotation');
  check('walk: the refused form is shown again as typed',
        (await page.inputValue('#who')) === 'E999' &&
        (await page.inputValue('#workstation')) === 'Inpaklijn 3' &&
        (await page.inputValue('#from')) === `${t.year}-12-01`,
        `${await page.inputValue('#who')} / ${await page.inputValue('#workstation')}`);
  await accessible(page, 'a refused rotation');
}

// A monthly review sent without a date (as a browser without a date field
// would) comes back with its text and a link to the form.
async function refusedReview(t) {
  const { page, base, check } = t;
  await page.goto(`${base}/onboarding/E045`);
  await page.evaluate(() => { document.querySelector('#review').noValidate = true; });
  await page.fill('#on', '');
  await page.fill('#practised', 'De ploeg zelf opgestart');
  const [response] = await Promise.all([page.waitForNavigation(),
                                        page.click('#review button')]);
  check('walk: a refused review answers 422', response.status() === 422,
        String(response.status()));
  check('walk: a refused review keeps its text',
        (await page.inputValue('#practised')) === 'De ploeg zelf opgestart',
        await page.inputValue('#practised'));
  check('walk: the refusal links to the form',
        (await page.getAttribute('.error a', 'href')) === '#review');
}

// Closing a session asks first; "no" leads back to the attendance. The first
// planned session that has ended is the one with a close button.
async function closeAsks(t) {
  const { page, base, check } = t;
  let found = null;
  for (let id = 1; id <= 12 && !found; id++) {
    const r = await page.goto(`${base}/sessions/${id}/attendance`);
    if (r.status() === 200 && (await page.locator(`form[action="/sessions/${id}/close"]`).count()))
      found = id;
  }
  check('walk: the demo has an ended session to close', found !== null);
  if (found === null)
    return;
  await Promise.all([page.waitForNavigation(),
                     page.click(`form[action="/sessions/${found}/close"] button`)]);
  check('walk: closing a session asks first',
        (await page.textContent('#confirm')).includes('Deze sessie afsluiten?'));
  await Promise.all([page.waitForNavigation(), page.click('#confirm a')]);
  check('walk: "no" leads back to the attendance',
        page.url() === `${base}/sessions/${found}/attendance`, page.url());
  check('walk: the session is still open to close',
        (await page.locator(`form[action="/sessions/${found}/close"]`).count()) === 1);
}

// The settings page: reachable from the menu, accessible, and on a phone no
// wider than the screen.
async function settingsPage(t) {
  const { page, base, check, accessible } = t;
  await page.goto(`${base}/`);
  await Promise.all([page.waitForNavigation(), page.click('header nav a[href="/settings"]')]);
  check('walk: the menu leads HR to the settings', page.url() === `${base}/settings`,
        page.url());
  check('walk: the settings show the organisation name',
        (await page.inputValue('#s-name')) === 'De Schelde Voeding NV',
        await page.inputValue('#s-name'));
  await accessible(page, '/settings');
  await page.setViewportSize({ width: WIDTH, height: 800 });
  await page.goto(`${base}/settings`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(`walk: the settings fit ${WIDTH} px`, width <= WIDTH, String(width));
  await page.setViewportSize({ width: 1280, height: 900 });
}

export async function run(t) {
  // a context of its own: axe-core is injected, which the pages' CSP forbids
  const ctx = await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true,
                                           viewport: { width: 1280, height: 900 } });
  try {
    const page = await ctx.newPage();
    const u = { ...t, page };
    await t.login(page, 'admin', 'demo-admin');
    await refusedForm(u);
    await refusedReview(u);
    await closeAsks(u);
    await settingsPage(u);
  } finally {
    await ctx.close();
  }
}
