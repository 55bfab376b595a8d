// 70_sessions.mjs - organising training in a real browser: the offer prints
// without its filters, HR plans a three-date session, the employee fills in
// the agreement of their request, the manager approves it, the trainer (the
// demo mentor) registers attendance, and the representatives see counts
// without names. Adds one session and changes the demo's requests only.
import { execFileSync } from 'node:child_process';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

// The API answers of this module against the OpenAPI document.
async function api(t) {
  const { base, check } = t;
  const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const token = execFileSync(t.binary, ['--db', t.db, 'user', 'token', '--login', 'mentor'],
                             { encoding: 'utf8' }).trim();
  const headers = { Authorization: `Bearer ${token}` };
  let r = await fetch(`${base}/api/v1/sessions`, { headers });
  let body = await r.json();
  const list = ajv.compile({ $ref: 'openapi.json#/paths/~1sessions/get/responses/200/content/application~1json/schema' });
  check('sessions API: the offer matches its schema', r.status === 200 && list(body),
        JSON.stringify(list.errors || r.status).slice(0, 300));
  const open = body.items.find((s) => s.activity === 'KLANT');
  r = await fetch(`${base}/api/v1/sessions/${open.id}/enrol`, { method: 'POST', headers });
  body = await r.json();
  const one = ajv.compile({ $ref: 'openapi.json#/components/schemas/Enrolment' });
  check('sessions API: an enrolment matches its schema', r.status === 201 && one(body) &&
        body.state === 'requested', `${r.status} ${JSON.stringify(body)}`);
  r = await fetch(`${base}/api/v1/sessions/${open.id}/enrol`, { method: 'POST', headers });
  const error = ajv.compile({ $ref: 'openapi.json#/components/schemas/Error' });
  check('sessions API: asking twice is a conflict, said in an error', r.status === 409 &&
        error(await r.json()), String(r.status));
}

export async function run(t) {
  await api(t);
  const { browser, base, check, login, accessible } = t;
  const ctx = await browser.newContext({ locale: 'nl-BE', bypassCSP: true,
                                         viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const out = async () => {
    await page.goto(`${base}/`);
    await Promise.all([page.waitForURL(`${base}/login`), page.click('header .who button')]);
  };
  try {
    // HR plans a session of three dates.
    await login(page, 'admin', 'demo-admin');
    let r = await page.goto(`${base}/sessions`);
    check('sessions: the offer answers', r.status() === 200, String(r.status()));
    check('sessions: the offer lists the demo sessions',
          (await page.content()).includes('Heftruckattest'));
    await accessible(page, '/sessions');
    await page.emulateMedia({ media: 'print' });
    const filters = await page.evaluate(() => getComputedStyle(document.querySelector('form.filters')).display);
    check('sessions: the printed offer leaves out the filters', filters === 'none', filters);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${base}/sessions/new`);
    await accessible(page, '/sessions/new');
    const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
    await page.selectOption('#activity', 'EXCEL');
    await page.fill('#capacity', '8');
    await page.fill('#registration_deadline', day(20));
    await page.fill('#cancellation_deadline', day(25));
    await page.fill('#late_fee', '45,50');
    for (let i = 1; i <= 3; i++) {
      await page.fill(`#day_${i}`, day(30 + 7 * i));
      await page.fill(`#start_${i}`, '09:00');
      await page.fill(`#end_${i}`, '12:30');
      await page.fill(`#place_${i}`, 'Lokaal 3');
    }
    await page.fill('#trainer_1', 'E004');
    // a capacity of 0 comes back with the form filled in
    await page.fill('#capacity', '0');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    check('sessions: a capacity of 0 is refused, the form kept',
          (await page.locator('.error').count()) === 1 && await page.inputValue('#place_3') === 'Lokaal 3');
    await page.fill('#capacity', '8');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    check('sessions: HR plans a three-date session', /\/sessions\/\d+$/.test(page.url()) &&
          (await page.locator('main ul li').count()) === 3, page.url());
    await accessible(page, 'a session (HR)');
    await out();

    // The employee fills in the agreement of their request.
    await login(page, 'employee', 'demo-employee');
    r = await page.goto(`${base}/my/sessions`);
    check('sessions: my enrolments answers', r.status() === 200, String(r.status()));
    await accessible(page, '/my/sessions');
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/agreement"]')]);
    await accessible(page, 'the agreement');
    await page.fill('#goals', 'Zelf eerste hulp kunnen geven op de lijn.');
    await page.fill('#application', 'EHBO-koffer nakijken, collega\'s helpen.');
    await page.fill('#replacement', 'Jonas van ploeg B');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    check('sessions: the agreement is saved', (await page.inputValue('#replacement')) === 'Jonas van ploeg B');
    await out();

    // The manager approves it.
    await login(page, 'manager', 'demo-manager');
    r = await page.goto(`${base}/team/enrolments`);
    check('sessions: the manager sees the request', (await page.content()).includes('EHBO'));
    await accessible(page, '/team/enrolments');
    await Promise.all([page.waitForNavigation(), page.click('button[value=approve]')]);
    await page.goto(`${base}/sessions/1`);
    check('sessions: after approval the employee has a seat',
          (await page.locator('main table').innerText()).includes('ingeschreven'));
    await out();

    // The trainer registers attendance of the session held two days ago.
    await login(page, 'mentor', 'demo-mentor');
    r = await page.goto(`${base}/sessions/4/attendance`);
    check('sessions: the trainer opens the attendance list', r.status() === 200, String(r.status()));
    await accessible(page, 'attendance (trainer)');
    const first = page.locator('main select').first();
    await first.selectOption('present');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    check('sessions: attendance is saved', (await page.locator('main select').first().inputValue()) === 'present');
    r = await page.goto(`${base}/sessions/1/attendance`);
    check('sessions: not the trainer of another session', r.status() === 403, String(r.status()));
    await out();

    // The representatives: counts, no names.
    await login(page, 'representative', 'demo-representative');
    r = await page.goto(`${base}/sessions/figures`);
    check('sessions: representatives see counts per department', r.status() === 200 &&
          (await page.content()).includes('Productie'), String(r.status()));
    check('sessions: and no names', !(await page.content()).includes('Thomas'));
    await accessible(page, '/sessions/figures');
  } finally {
    await ctx.close();
  }
}
