// 70_incentives.mjs - incentives and Open Badges in a real browser (issue
// 15). HR sees this school year's training-leave refund still to claim and
// what is left of the SME wallet's cap, downloads the claim list, and the
// pages pass axe-core. The employee issues a badge for learning their
// manager confirmed and downloads it; every credential groeipad issued is
// then checked offline (badge-check.mjs: the signature against the issuer's
// published key, JSON-LD expansion in safe mode with the shipped contexts,
// the properties Open Badges 3.0 requires); a revoked badge's verification
// page says so.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { checkBadge } from '../badge-check.mjs';

export async function run(t) {
  // A context of its own that lets axe-core (an injected script) run.
  const hr = await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true });
  try {
    await walk(t, await hr.newPage());
  } finally {
    await hr.close();
  }
}

async function walk(t, page) {
  const { base, check, login, accessible } = t;
  await login(page, 'admin', 'demo-admin');
  let response = await page.goto(`${base}/incentives`);
  check('incentives: HR\'s page answers', response.status() === 200, String(response.status()));
  const leave = await page.locator('#leave-claimable strong').innerText().catch(() => '');
  check('incentives: this school year\'s training-leave refund still to claim is shown',
        /^€ [1-9][\d.]*,\d\d$/.test(leave), leave);
  const sme = await page.locator('#sme-left strong').innerText().catch(() => '');
  check('incentives: what is left of the SME wallet\'s cap is shown', /^€ [\d.]+,\d\d$/.test(sme), sme);
  const rows = await page.locator('#leave tbody tr').count();
  check('incentives: the training leave per employee is listed', rows >= 3, `${rows} rows`);
  await accessible(page, 'incentives');
  const href = await page.locator('a[href*="format=csv"]').getAttribute('href');
  const csv = await page.request.get(`${base}${href}`);
  const text = await csv.text();
  check('incentives: the claim list downloads as CSV',
        csv.status() === 200 && text.startsWith('school_year,employee_id,name,fte,'), text.slice(0, 80));
  const api = await page.request.get(`${base}/api/v1/incentives`);
  const year = await api.json().catch(() => ({}));
  check('incentives: the API gives the year with its schemes, training leave and claims',
        api.status() === 200 && Array.isArray(year.schemes) && year.schemes.length >= 3 &&
        Array.isArray(year.training_leave) && Array.isArray(year.claims), String(api.status()));
  // ... in the shape the OpenAPI document gives.
  const doc = await (await page.request.get(`${base}/api/v1/openapi.json`)).json();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const validate = ajv.getSchema('openapi.json#/components/schemas/Incentives');
  check('incentives: the API answer follows the OpenAPI document', validate && validate(year),
        JSON.stringify(validate?.errors?.slice(0, 3)));
  await page.goto(`${base}/incentives/schemes`);
  await accessible(page, 'incentive schemes');
  await page.goto(`${base}/plans/${t.year}`);
  check('plan: the budget shows the expected subsidies',
        await page.locator('#expected-subsidies').count() === 1);

  // The employee issues a badge for confirmed learning, in a context of their own.
  const ctx = await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true });
  try {
    const me = await ctx.newPage();
    await login(me, 'employee', 'demo-employee');
    await me.goto(`${base}/my/badges`);
    await accessible(me, 'my badges');
    const issue = me.locator('#my-badges form button');
    check('badges: confirmed learning offers a badge', await issue.count() > 0);
    await Promise.all([me.waitForNavigation(), issue.first().click()]);
    const link = me.locator('#my-badges a[download]').first();
    const download = await me.request.get(`${base}${await link.getAttribute('href')}`);
    check('badges: the employee downloads the badge', download.status() === 200,
          String(download.status()));
    const issuer = await (await me.request.get(`${base}/badges/issuer`)).json();
    const key = issuer.keys?.[0]?.x;
    const mine = await checkBadge(await download.text(), key);
    check('badges: the downloaded badge holds offline', mine.problems.length === 0,
          mine.problems.join('; '));
    // The verification page is the credential's id, on this server.
    const verify = new URL(mine.credential.id).pathname;
    await me.goto(`${base}${verify}`);
    check('badges: the verification page says valid',
          await me.locator('#badge-status').getAttribute('data-status') === 'valid');
    await accessible(me, 'badge verification');
    // A valid certification becomes a badge too: its validUntil is the
    // certification's valid_until, and it holds offline.
    await me.goto(`${base}/my/badges`);
    const cert = me.locator('#my-other-badges tr[data-source="certification"] form button');
    check('badges: a valid certification offers a badge', await cert.count() > 0);
    await Promise.all([me.waitForNavigation(), cert.first().click()]);
    const certLink = me.locator('#my-other-badges tr[data-source="certification"] a[download]').first();
    const certDownload = await me.request.get(`${base}${await certLink.getAttribute('href')}`);
    const certBadge = await checkBadge(await certDownload.text(), key);
    check('badges: the certification badge holds offline', certBadge.problems.length === 0,
          certBadge.problems.join('; '));
    check('badges: the certification badge has its validUntil',
          /^\d{4}-\d{2}-\d{2}T/.test(certBadge.credential?.validUntil ?? ''));
  } finally {
    await ctx.close();
  }

  // Every credential issued, checked offline; then HR revokes one.
  await page.goto(`${base}/badges`);
  await accessible(page, 'badges issued');
  const issuer = await (await page.request.get(`${base}/badges/issuer`)).json();
  const ids = await page.locator('#badges tbody a').evaluateAll((as) => as.map((a) => a.href.split('/').pop()));
  let bad = [];
  for (const id of ids) {
    const r = await page.request.get(`${base}/my/badges/${id}`);
    const jwt = await r.text();
    const kid = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url')).kid.split('#').pop();
    const key = issuer.keys.find((k) => k.kid === kid)?.x;
    const { problems } = await checkBadge(jwt, key);
    if (problems.length) bad.push(`${id}: ${problems.join(', ')}`);
  }
  check('badges: every issued credential holds offline', ids.length > 0 && bad.length === 0,
        ids.length ? bad.join(' | ') : 'none issued');
  // Revoking asks first (the confirmation box above the list), then revokes.
  await Promise.all([page.waitForNavigation(), page.locator('#badges form button').first().click()]);
  check('badges: revoking asks first', await page.locator('#confirm').count() === 1);
  await Promise.all([page.waitForNavigation(), page.locator('#confirm button').click()]);
  await page.goto(`${base}/badges/${ids[0]}`);
  check('badges: a revoked badge\'s verification page says so',
        await page.locator('#badge-status').getAttribute('data-status') === 'revoked');
  // The other badges issued here are revoked too, as the one above was before
  // the certification badge: later modules walk /my/badges and must not meet
  // a download link.
  await page.goto(`${base}/badges`);
  for (let left = 5; left > 0 && await page.locator('#badges form button').count() > 0; left--) {
    await Promise.all([page.waitForNavigation(), page.locator('#badges form button').first().click()]);
    await Promise.all([page.waitForNavigation(), page.locator('#confirm button').click()]);
  }
}
