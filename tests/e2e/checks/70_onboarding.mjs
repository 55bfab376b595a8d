// 70_onboarding.mjs - onboarding with a mentor in a real browser: the demo's
// mentor signs a module of their newcomer, the newcomer signs it too from
// their own login (their home page shows the trajectory), the manager
// records a monthly review, HR sees the compliance list, and a meeting of a
// community of practice puts informal hours in the members' learning record.
// Leaves one more signed module, a review and a meeting in the demo.
export async function run(t) {
  const { browser, base, check, login, accessible } = t;
  const module = 'Kwaliteitscontrole aan de lijn';
  const ctx = async () => browser.newContext({ locale: 'nl-BE', bypassCSP: true });

  // The mentor: their newcomers, then the newcomer's trajectory.
  let c = await ctx();
  try {
    const page = await c.newPage();
    await login(page, 'mentor', 'demo-mentor');
    await page.goto(`${base}/onboarding`);
    check('mentor: sees their newcomer', await page.locator('a[href="/onboarding/E046"]').count() === 1);
    check('mentor: sees no one else\'s newcomer',
          await page.locator('a[href="/onboarding/E045"]').count() === 0);
    await accessible(page, 'mentor /onboarding');
    await page.click('a[href="/onboarding/E046"]');
    await accessible(page, 'mentor /onboarding/E046');
    const row = page.locator('tr', { hasText: module });
    check('mentor: a sign button on the open module', await row.locator('button').count() === 1);
    await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
    check('mentor: signed, the newcomer still to sign',
          await page.locator('tr', { hasText: module }).locator('button').count() === 0 &&
          (await page.locator('tr', { hasText: module }).innerText()).includes('open'));
  } finally {
    await c.close();
  }

  // The newcomer, from their own login, on their home page.
  c = await ctx();
  try {
    const page = await c.newPage();
    await login(page, 'newcomer', 'demo-newcomer');
    await page.goto(`${base}/`);
    const row = page.locator('tr', { hasText: module });
    check('newcomer: the trajectory on the home page', await row.count() === 1);
    await accessible(page, 'newcomer /');
    await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
    await page.goto(`${base}/onboarding/E046`);
    const done = await page.locator('tr', { hasText: module }).innerText();
    check('newcomer: signed by both, the module is complete and in the learning record',
          done.includes('afgerond'), done);
    await page.goto(`${base}/my`);
    check('newcomer: the module is in their learning record',
          (await page.content()).includes(module));
  } finally {
    await c.close();
  }

  // The manager records the monthly review.
  c = await ctx();
  try {
    const page = await c.newPage();
    await login(page, 'manager', 'demo-manager');
    await page.goto(`${base}/onboarding/E046`);
    await page.fill('#practised', 'De mengketel opstarten en reinigen');
    await page.fill('#mastered', 'De veiligheidsregels van de lijn');
    await page.fill('#next_plan', 'Storingen zelf verhelpen');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/onboarding/E046/review"] button')]);
    check('manager: the review is recorded',
          (await page.content()).includes('Storingen zelf verhelpen'));
  } finally {
    await c.close();
  }

  // HR: the compliance list, and a meeting of a community of practice.
  c = await ctx();
  try {
    const page = await c.newPage();
    await login(page, 'admin', 'demo-admin');
    await page.goto(`${base}/onboarding`);
    const list = await page.locator('table').first().innerText();
    check('HR: the compliance list names who has no mentor', list.includes('geen peter of meter'));
    await accessible(page, 'admin /onboarding');
    await page.goto(`${base}/communities`);
    await accessible(page, 'admin /communities');
    await page.click('a[href^="/communities/"]');
    await page.fill('#hours', '1,5');
    await page.fill('#topic', 'Browsercontrole');
    await page.check('input[name="present"][value="E004"]');
    await Promise.all([page.waitForNavigation(), page.click('form:has(input[value="meeting"]) button')]);
    check('HR: the meeting is registered',
          (await page.locator('table').innerText()).includes('Browsercontrole'));
    await accessible(page, 'admin /communities/:id');
    await page.goto(`${base}/rotations`);
    await accessible(page, 'admin /rotations');
  } finally {
    await c.close();
  }

  // The member who was there has the hours in their learning record.
  c = await ctx();
  try {
    const page = await c.newPage();
    await login(page, 'mentor', 'demo-mentor');
    await page.goto(`${base}/my`);
    check('mentor: the meeting is informal learning in their record',
          (await page.content()).includes('Browsercontrole'));
  } finally {
    await c.close();
  }
}
