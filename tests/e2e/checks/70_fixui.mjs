// 70_fixui.mjs - what a new user's walk through the demo found, kept fixed in
// a real browser: on a phone (390 px wide) no page of each role is wider than
// the screen; its tables scroll inside their own box instead.
const WIDTH = 390;

function pagesOf(year) {
  return {
    admin: ['/', '/employees', '/employees/E001', '/employees/E001/learning', '/employees/new',
            '/employees/E003/competences', '/catalogue', '/reports', '/right', '/plans',
            `/plans/${year}`, `/plans/${year}/evaluation`, `/plans/${year - 1}/evaluation`,
            `/plans/${year + 1}`, '/import', '/users', '/incentives', '/badges',
            '/certifications', '/gaps', '/needs', '/evaluation', '/sessions', '/sessions/new',
            '/sessions/1', '/sessions/2', '/sessions/2/attendance', '/sessions/figures',
            '/team/enrolments', '/outbox', '/onboarding', '/onboarding/templates',
            '/communities', '/communities/1', '/rotations', '/scans', '/competences'],
    manager: ['/', '/employees', '/team/right', '/team/claims', '/team/enrolments',
              '/team/followups', '/gaps', '/needs', '/sessions/1', '/onboarding', '/my'],
    employee: ['/', '/my', '/my/right', '/my/log', '/my/badges', '/my/competences',
               '/my/development', '/my/sessions', '/sessions', '/certifications', '/catalogue'],
    mentor: ['/', '/onboarding', '/sessions/2', '/sessions/2/attendance', '/communities',
             '/communities/1', '/my/sessions'],
    representative: ['/', '/reports', `/plans/${year}`, `/plans/${year}/evaluation`, '/scans',
                     '/gaps', '/sessions', '/sessions/figures', '/onboarding', '/certifications'],
  };
}

export async function run(t) {
  const { page, base, year, check, login } = t;
  await page.setViewportSize({ width: WIDTH, height: 800 });
  for (const [who, paths] of Object.entries(pagesOf(year))) {
    await page.context().clearCookies();
    await login(page, who, `demo-${who}`);
    const wide = [], broken = [];
    for (const path of paths) {
      const response = await page.goto(`${base}${path}`);
      if (response.status() !== 200) broken.push(`${path} ${response.status()}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > WIDTH) wide.push(`${path} ${width} px`);
    }
    check(`at ${WIDTH} px: every page of the ${who}'s list answers`, broken.length === 0,
          broken.join(', '));
    check(`at ${WIDTH} px: no page of the ${who}'s list is wider than the screen`,
          wide.length === 0, wide.join(', '));
  }
}
