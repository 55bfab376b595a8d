// 00_healthz.mjs - the smallest module of checks: the shape every checks/
// module follows. run(t) gets { browser, context, page, base, binary, db, dir,
// year, check, login, accessible } from e2e.mjs; page lives in a fresh
// context (locale nl-BE) that is closed afterwards.
export async function run(t) {
  const response = await t.page.goto(`${t.base}/healthz`);
  t.check('healthz answers without a login', response.status() === 200,
          String(response.status()));
}
