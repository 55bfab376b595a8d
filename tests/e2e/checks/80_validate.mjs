// 80_validate.mjs - independent validators over every page and every API
// answer, for each role:
//  - the OpenAPI document is valid (@seriousme/openapi-schema-validator), and
//    every answer of a walk over /api/v1 (each role, without a login, with a
//    bad token, the error answers too) matches the document's schema for its
//    path, method and status exactly (ajv);
//  - every page each role can reach (the menu, every link followed, and every
//    page route) is valid HTML (html-validate) and has no serious
//    accessibility problem (axe-core).
// Writes only an activity with its own code (VALIDATE-API); it leaves the
// demo data as it found it otherwise.
import { execFileSync } from 'node:child_process';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { HtmlValidate } from 'html-validate';

const roles = [
  ['admin', 'demo-admin'], ['manager', 'demo-manager'], ['employee', 'demo-employee'],
  ['mentor', 'demo-mentor'], ['representative', 'demo-representative'],
];

// html-validate's standard (validity), document and accessibility presets;
// an explicit type on every button is a matter of taste (a button in a form
// submits it, which is what ours do).
const htmlvalidate = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:document', 'html-validate:a11y'],
  rules: {
    'no-implicit-button-type': 'off',
    'require-sri': 'off', // the only stylesheet is our own, from the same origin
  },
});

// Checks the answers of the API against the document DOC.
function responseChecker(doc) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const templates = Object.keys(doc.paths).map((p) => [
    p, new RegExp('^' + p.replace(/\{[^}]+\}/g, '[^/]+') + '$')]);
  return (method, url, status, contentType, body) => {
    const path = new URL(url).pathname.replace(/^\/api\/v1/, '');
    const found = templates.find(([, re]) => re.test(path));
    if (!found)
      return `no path in the document for ${path}`;
    const op = doc.paths[found[0]][method.toLowerCase()];
    if (!op)
      return `no ${method} for ${found[0]} in the document`;
    const answer = op.responses[String(status)] || op.responses.default;
    if (!answer)
      return `status ${status} is not in the document for ${method} ${found[0]}`;
    const media = answer.content && answer.content['application/json'];
    if (!media || !media.schema)
      return `the document gives no schema for ${status} of ${method} ${found[0]}`;
    if (!String(contentType).startsWith('application/json'))
      return `Content-Type ${contentType}, not application/json`;
    let data;
    try {
      data = JSON.parse(body);
    } catch (e) {
      return `not JSON: ${e.message}`;
    }
    const pointer = `openapi.json#/paths/${found[0].replace(/~/g, '~0').replace(/\//g, '~1')}` +
                    `/${method.toLowerCase()}/responses/${answer === op.responses.default ? 'default' : status}` +
                    '/content/application~1json/schema';
    const validate = ajv.getSchema(pointer);
    if (!validate)
      return `cannot compile the schema at ${pointer}`;
    if (validate(data))
      return null;
    return validate.errors.slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}` +
      (e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''))
      .join('; ');
  };
}

// The requests of the API walk for one caller: [method, path, body].
function apiRequests(year) {
  return [
    ['GET', '/me'],
    ['GET', '/employees'], ['GET', '/employees?q=Peeters&limit=5'],
    ['GET', '/employees?department=Productie&offset=1&limit=2'],
    ['GET', '/activities'], ['GET', '/activities?type=formal&limit=3'],
    ['GET', '/activities?form=on_the_job'],
    ['GET', '/learning'], ['GET', `/learning?year=${year - 1}&limit=50`],
    ['GET', '/learning?employee_id=E002'],
    ['GET', `/reports/social-balance?year=${year - 1}`],
    ['GET', `/reports/training-right?year=${year - 1}`],
    ...['gender', 'age', 'education', 'category', 'contract', 'department', 'function',
        'origin', 'disability'].map((by) => ['GET', `/reports/participation?year=${year - 1}&by=${by}`]),
    ['GET', `/reports/participation?year=${year - 1}&by=department&min_group=1`],
    ['GET', `/reports/participation?year=${year - 1}`],
    ['GET', `/reports/no-such-report?year=${year - 1}`],
    ['POST', '/employees', '{"employee_id": '],
    ['POST', '/employees', '[{"employee_id": "V1", "first_name": "Val"}]'],
    ['POST', '/activities', '{"code": "V1", "bogus": 1}'],
    ['POST', '/activities', '[{"code": "V2", "title": "x", "type": "nope", "form": "classroom"}]'],
    ['POST', '/learning', '{"employee_id": "E002", "start_date": "31/02/2025", "hours": 2}'],
    ['POST', '/learning', '{"employee_id": "E100", "title": "x", "type": "informal", ' +
                          '"start_date": "2025-02-01", "hours": 0}'],
  ];
}

async function checkApi(t) {
  const doc = await (await fetch(`${t.base}/api/v1/openapi.json`)).json();
  const verdict = await new Validator().validate(doc);
  t.check('the OpenAPI document is valid OpenAPI (@seriousme/openapi-schema-validator)',
          verdict.valid, String(JSON.stringify(verdict.errors)).slice(0, 600));
  const checkResponse = responseChecker(doc);
  const callers = [['nobody', null], ['a bad token', 'Bearer 0000']];
  for (const [login] of roles) {
    const token = execFileSync(t.binary, ['--db', t.db, 'user', 'token', '--login', login],
                               { encoding: 'utf8' }).trim();
    callers.push([login, `Bearer ${token}`]);
  }
  const requests = [...apiRequests(t.year), ['GET', '/openapi.json']];
  const seen = new Set();
  const problems = [];
  let answers = 0;
  for (const [who, authorization] of callers) {
    const list = who === 'admin'
      ? [...requests, ['POST', '/activities', '{"code": "VALIDATE-API", "title": "Validated", ' +
                      '"type": "informal", "form": "on_the_job", "internal": true, "hours": 1.5}']]
      : requests;
    for (const [method, path, body] of list) {
      const headers = authorization ? { Authorization: authorization } : {};
      if (body)
        headers['Content-Type'] = 'application/json';
      const r = await fetch(`${t.base}/api/v1${path}`, { method, headers, body });
      const text = await r.text();
      answers++;
      seen.add(`${method} ${path.split('?')[0].replace(/reports\/[^/]+/, 'reports/{kind}')} ${r.status}`);
      const problem = checkResponse(method, r.url, r.status, r.headers.get('content-type'), text);
      if (problem)
        problems.push(`${who}: ${method} ${path} ${r.status}: ${problem}`);
    }
  }
  t.check(`every API answer matches the OpenAPI document (${answers} answers)`,
          problems.length === 0, problems.slice(0, 8).join('\n    '));
  // The walk met the answers the document promises, the refusals included.
  for (const must of ['GET /me 200', 'GET /me 401', 'GET /employees 403', 'GET /learning 403',
                      'GET /reports/{kind} 200', 'GET /reports/{kind} 400',
                      'GET /reports/{kind} 403', 'GET /reports/{kind} 404', 'POST /employees 400',
                      'POST /employees 422', 'POST /employees 403', 'POST /activities 201',
                      'POST /learning 422', 'POST /learning 403'])
    t.check(`the API walk met ${must}`, seen.has(must));
}

// A link's page, as a pattern: ids and years made alike, so that a walk visits
// up to three of each kind of page instead of every employee.
function patternOf(url) {
  const u = new URL(url);
  const path = u.pathname.replace(/\/E\d+/g, '/:id').replace(/\/\d+/g, '/:n');
  return `${path}?${[...u.searchParams.keys()].sort().join('&')}`;
}

// Whether the walk follows HREF (a GET of an HTML page of ours).
function followable(base, href) {
  if (!href || !href.startsWith(base))
    return false;
  const u = new URL(href);
  return !u.pathname.startsWith('/export') && !u.pathname.startsWith('/static') &&
         !u.pathname.startsWith('/api/') && u.pathname !== '/healthz' &&
         !u.searchParams.has('format') && !u.pathname.endsWith('.csv');
}

// Every page of every route, as concrete addresses to start the walk from.
function pageSeeds(year) {
  return ['/', '/my', '/my/log', '/my/right', '/account', '/catalogue', '/employees',
          '/employees/E010', '/employees/E004', '/employees/E002', '/employees/E002/learning',
          '/team/claims', '/team/right', '/plans', `/plans/${year}`, `/plans/${year}/evaluation`,
          `/plans/${year}/package`, '/scans', '/scans/readiness', '/scans/policy',
          '/scans/potential', '/scans/policy/compare', '/users', '/import', '/reports',
          `/reports?year=${year - 1}`, '/catalogue/edit', '/catalogue/edit?code=HACCP'];
}

async function checkPages(t, login, password) {
  const ctx = await t.withAxe(await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true }));
  const page = await ctx.newPage();
  const htmlProblems = [];
  let pages = 0;
  try {
    await t.login(page, login, password);
    const queue = pageSeeds(t.year).map((p) => t.base + p);
    const perPattern = new Map();
    const done = new Set();
    const axed = new Set();
    let learningRecord = null;
    while (queue.length && pages < 60) {
      const url = queue.shift();
      if (done.has(url))
        continue;
      done.add(url);
      const pattern = patternOf(url);
      const count = perPattern.get(pattern) || 0;
      if (count >= 3)
        continue;
      perPattern.set(pattern, count + 1);
      const response = await page.goto(url);
      if (!response || !(response.headers()['content-type'] || '').startsWith('text/html'))
        continue;
      pages++;
      const path = url.slice(t.base.length);
      const html = await response.text();
      const report = await htmlvalidate.validateString(html, `${login} ${path}`);
      if (!report.valid)
        for (const m of report.results.flatMap((r) => r.messages))
          htmlProblems.push(`${login} ${path} (${response.status()}): ${m.ruleId}: ${m.message}` +
                            ` at ${m.line}:${m.column} ${m.selector || ''}`);
      // axe-core once per kind of page (the path; the query only filters).
      const kind = pattern.split('?')[0];
      if (response.status() === 200 && !axed.has(kind)) {
        axed.add(kind);
        await t.accessible(page, `${login} ${path}`);
      }
      for (const href of await page.$$eval('a[href]', (as) => as.map((a) => a.href))) {
        if (followable(t.base, href) && !done.has(href))
          queue.push(href.split('#')[0]);
        if (!learningRecord && /\/learning\/\d+$/.test(href))
          learningRecord = href;
      }
    }
    if (login === 'admin' || login === 'manager')
      t.check(`${login}: the walk reached a learning record (/learning/N)`, learningRecord !== null);
  } finally {
    await ctx.close();
  }
  t.check(`${login}: every page is valid HTML (html-validate, ${pages} pages)`,
          htmlProblems.length === 0, htmlProblems.slice(0, 10).join('\n    '));
}

export async function run(t) {
  await checkApi(t);
  for (const [login, password] of roles)
    await checkPages(t, login, password);
}
