// 40_hardening.mjs - in a real browser: after login, next= never leads away
// from the site (a tab or an escaped slash once became //evil.example), and
// personal pages are not kept in the browser's cache.
export async function run(t) {
  const tries = ['/%09/evil.example', '/%2F/evil.example', '//evil.example', '/\\evil.example'];
  for (const next of tries) {
    await t.page.goto(`${t.base}/login?next=${encodeURIComponent(next)}`);
    await t.login(t.page, 'mentor', 'demo-mentor', true);
    t.check(`next=${next} stays on the site`, t.page.url().startsWith(t.base),
            t.page.url());
    await t.page.context().clearCookies();
  }
  await t.page.goto(`${t.base}/login?next=${encodeURIComponent('/my')}`);
  await t.login(t.page, 'mentor', 'demo-mentor', true);
  t.check('next=/my leads to /my', t.page.url() === `${t.base}/my`, t.page.url());
  const response = await t.page.goto(`${t.base}/my`);
  t.check('a personal page is not cached', response.headers()['cache-control'] === 'no-store',
          String(response.headers()['cache-control']));
  const csp = response.headers()['content-security-policy'] || '';
  t.check('the CSP limits form targets and the base URL',
          csp.includes("form-action 'self'") && csp.includes("base-uri 'none'"), csp);
}
