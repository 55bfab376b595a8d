// 70_certs.mjs - evaluation results per session and per trainer, and an
// evaluation that raises a need, in a real browser (issue 13): HR sees the
// reaction per session and per trainer; the works council the sessions only,
// a small one's figure hidden; the manager turns a follow-up judged "not
// applied" into an open need in one click, and a second click adds nothing.
// Every page passes axe-core.
export async function run(t) {
  const { browser } = t;
  const context = await browser.newContext({ locale: 'nl-BE', bypassCSP: true,
                                             viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await hr(t, page);
    await logout(page, t.base);
    await representative(t, page);
    await logout(page, t.base);
    await manager(t, page);
  } finally {
    await context.close();
  }
}

async function logout(page, base) {
  await page.goto(`${base}/`);
  await page.click('header .who button');
  await page.waitForURL(`${base}/login`);
}

// The year of the demo's first-aid session, held 40 days ago.
function sessionYear() {
  return new Date(Date.now() - 40 * 86400000).getFullYear();
}

async function hr(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'admin', 'demo-admin');
  await page.goto(`${base}/evaluation?year=${sessionYear()}`);
  const sessions = await page.locator('table:has(caption:text("Reactie per sessie")) tbody tr').allInnerTexts();
  const trainers = await page.locator('table:has(caption:text("Reactie per lesgever")) tbody tr').allInnerTexts();
  check('evaluation: HR sees the reaction per session',
        sessions.some((r) => r.includes('EHBO-OPF') && r.includes('/ 5')), sessions.join(' | '));
  check('evaluation: HR sees the reaction per trainer',
        trainers.some((r) => r.includes('Rode Kruis Vlaanderen') && r.includes('/ 5')), trainers.join(' | '));
  await accessible(page, '/evaluation with sessions and trainers');
}

async function representative(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'representative', 'demo-representative');
  await page.goto(`${base}/plans/${sessionYear()}/evaluation`);
  const sessions = await page.locator('table:has(caption:text("Reactie per sessie")) tbody tr').allInnerTexts();
  const trainers = await page.locator('table:has(caption:text("Reactie per lesgever"))').count();
  check('plan evaluation: the works council sees sessions, no trainer',
        sessions.length > 0 && trainers === 0, `${sessions.length} sessions, ${trainers} trainer tables`);
  check('plan evaluation: a session of three answers is not shown to the works council',
        sessions.every((r) => !r.includes('HEFTRUCK') || !r.includes('/ 5')), sessions.join(' | '));
  await accessible(page, 'plan evaluation (representative)');
}

async function manager(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'manager', 'demo-manager');
  await page.goto(`${base}/team/followups`);
  const buttons = page.locator('form[action="/evaluation/need"] button');
  const count = await buttons.count();
  check('follow-up: a follow-up judged not applied can raise a need', count > 0, String(count));
  if (count === 0)
    return;
  const item = await page.locator('form[action="/evaluation/need"]').first().locator('xpath=..').innerText();
  await Promise.all([page.waitForNavigation(), buttons.first().click()]);
  const first = await page.locator('p.notice').innerText().catch(() => '');
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/evaluation/need"] button').first().click()]);
  const second = await page.locator('p.notice').innerText().catch(() => '');
  check('follow-up: one click adds an open need, a second nothing',
        first.includes('behoefteregister') && second.includes('niets toegevoegd'), `${item} | ${first} | ${second}`);
  await accessible(page, '/team/followups after raising a need');
}
