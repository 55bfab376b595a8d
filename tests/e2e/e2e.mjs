// e2e.mjs - groeipad in a real browser: Debian's Chromium driven by
// playwright-core, every page checked by axe-core for serious accessibility
// problems. Usage: node e2e.mjs PATH/TO/groeipad
// Prints one line per check and ends with "N passed, N failed".
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const binary = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'groeipad-e2e-'));
const db = join(dir, 'e2e.db');
let base; // the server's address, once it says which port the system gave it
let passed = 0, failed = 0;

function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ': ' + detail}`);
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

// Logs LOGIN in through the form, as a person would.
async function login(page, login, password, here = false) {
  if (!here)
    await page.goto(`${base}/login`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form.narrow button[type=submit]')]);
}

// Runs axe-core on the page; serious and critical violations fail.
// CONTEXT with axe-core in every page from its start, for a walk that checks
// many pages: the browser compiles it once and keeps the code, where adding
// it to each page took 0.12 s a time. Not for every context: each page of it
// then runs axe-core's code (a few ms).
async function withAxe(context) {
  await context.addInitScript({ path: axePath });
  return context;
}

// A page of a context made by withAxe has axe-core already.
async function accessible(page, name) {
  if (!(await page.evaluate(() => Boolean(window.axe))))
    await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => await window.axe.run(document, {
    resultTypes: ['violations'],
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(`${name}: no serious accessibility problem`, bad.length === 0,
        bad.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`).join('; '));
}

execFileSync(binary, ['--db', db, 'demo'], { stdio: 'ignore' });
// A hostile name, to see it shown as text in a real browser.
execFileSync(binary, ['--db', db, 'import', 'employees', '-'], {
  input: 'employee_id,first_name,last_name,gender,birth_date,hire_date,department,function,' +
         'category,contract,fte,education\nH1,<script>window.pwned=1</script>,<img src=x ' +
         'onerror=window.pwned=2>,X,1990-01-01,2020-01-01,Verkoop,Tester,white_collar,' +
         'permanent,1,high\n',
  stdio: ['pipe', 'ignore', 'inherit'],
});
// Port 0: the system picks a free port, and the server says which when it
// listens (a port picked here could be taken meanwhile).
const server = spawn(binary, ['--db', db, 'serve', '--port', '0', '--bind', '127.0.0.1'],
                     { stdio: ['ignore', 'ignore', 'pipe'] });
const listening = new Promise((resolve, reject) => {
  let said = '';
  const late = setTimeout(() => {
    server.kill();
    reject(new Error(`the server did not say its port within 30 s: ${said}`));
  }, 30000);
  server.stderr.on('data', (chunk) => {
    if (said === null) return; // read on, so that the server never waits on a full pipe
    said += chunk;
    const m = said.match(/http:\/\/127\.0\.0\.1:(\d+) /);
    if (m) {
      said = null;
      clearTimeout(late);
      resolve(`http://127.0.0.1:${m[1]}`);
    }
  });
  server.on('exit', (code, signal) => {
    clearTimeout(late);
    reject(new Error(`the server ended (${code ?? signal}): ${said}`));
  });
});
listening.catch(() => {}); // awaited below; a rejection before then is not a crash
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  base = await listening;
  await waitForServer();
  const year = new Date().getFullYear();
  const context = await withAxe(await browser.newContext({ locale: 'nl-BE', bypassCSP: true }));
  const page = await context.newPage();

  await page.goto(`${base}/employees`);
  check('a page without login leads to the login form', page.url().startsWith(`${base}/login`));
  await accessible(page, 'login');
  check('Dutch is the default', (await page.textContent('h1')).includes('Aanmelden'));

  await login(page, 'admin', 'demo-admin', true);
  check('the admin logs in and returns where they were going',
        page.url() === `${base}/employees`, page.url());
  const nav = await page.locator('header nav a').allTextContents();
  check('the admin sees the admin menu', nav.includes('Medewerkers') && nav.includes('Inlezen'),
        nav.join(', '));
  for (const path of ['/', '/employees', '/employees/E002', '/catalogue', '/reports',
                      `/plans/${year}`, `/plans/${year}/evaluation`, '/plans', '/scans',
                      '/scans/readiness', '/scans/policy/compare', '/import', '/team/claims',
                      '/users', '/account', '/catalogue/edit?code=HACCP', `/employees/E002/learning`]) {
    const response = await page.goto(`${base}${path}`);
    check(`${path} answers 200`, response.status() === 200, String(response.status()));
    await accessible(page, path);
  }

  await page.goto(`${base}/employees?q=H1`);
  const pwned = await page.evaluate(() => window.pwned);
  check('a hostile name does not run', pwned === undefined, String(pwned));
  check('a hostile name shows as text',
        (await page.content()).includes('&lt;script&gt;window.pwned=1&lt;/script&gt;'));

  await page.goto(`${base}/reports?year=${year - 1}`);
  check('the figures hold charts with a title for screen readers',
        (await page.locator('svg[role=img] title').count()) > 5);

  await page.click('footer button[value=fr]');
  check('the language switch works', (await page.textContent('h1')).includes('Chiffres'));
  await page.click('footer button[value=nl]');

  await page.click('header .who button');
  await page.waitForURL(`${base}/login`);
  check('logging out ends the session',
        (await page.goto(`${base}/employees`)).url().startsWith(`${base}/login`));

  // The employee: their own record, their right, logging informal learning.
  await login(page, 'employee', 'demo-employee');
  const enav = await page.locator('header nav a').allTextContents();
  check('the employee does not see other people', !enav.includes('Medewerkers'), enav.join(', '));
  await page.goto(`${base}/my/right`);
  await accessible(page, '/my/right');
  await page.goto(`${base}/my/log`);
  await page.fill('#title', 'Leren van een collega');
  await page.selectOption('#form', 'on_the_job');
  await page.fill('#start_date', `${year}-01-15`);
  await page.fill('#hours', '2,5');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  check('an employee logs informal learning',
        (await page.content()).includes('Leren van een collega'));
  const denied = await page.goto(`${base}/employees/E050`);
  check('an employee cannot see a colleague', denied.status() === 404, String(denied.status()));

  // The representatives and the managers see their own pages.
  await page.click('header .who button');
  await page.waitForURL(`${base}/login`);
  await login(page, 'representative', 'demo-representative');
  for (const path of ['/reports', `/plans/${year}`, `/plans/${year}/package`, '/scans/policy']) {
    const response = await page.goto(`${base}${path}`);
    check(`representative: ${path} answers 200`, response.status() === 200,
          String(response.status()));
    await accessible(page, `representative ${path}`);
  }
  check('representatives see no personal data',
        (await page.goto(`${base}/employees/E002`)).status() === 403);
  await page.goto(`${base}/`);
  await page.click('header .who button');
  await page.waitForURL(`${base}/login`);
  await login(page, 'manager', 'demo-manager');
  for (const path of ['/employees', '/team/right', '/team/claims']) {
    const response = await page.goto(`${base}${path}`);
    check(`manager: ${path} answers 200`, response.status() === 200, String(response.status()));
    await accessible(page, `manager ${path}`);
  }

  // On a phone the page still fits.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${base}/my`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check('the page fits a phone screen', width <= 380, String(width));
  await context.close();

  // Further checks, one module per feature in checks/ (run in name order),
  // each exporting run(t) with the helpers below; each gets its own context.
  const checksDir = join(dirname(fileURLToPath(import.meta.url)), 'checks');
  // E2E_ONLY=NAME runs only the modules whose names start with NAME (while
  // working on one of them).
  const modules = readdirSync(checksDir)
    .filter((f) => f.endsWith('.mjs') && f.startsWith(process.env.E2E_ONLY || '')).sort();
  if (process.env.E2E_ONLY)
    check(`E2E_ONLY=${process.env.E2E_ONLY} names a check module (${modules.length})`,
          modules.length > 0);
  for (const file of modules) {
    const started = Date.now();
    const mod = await import(pathToFileURL(join(checksDir, file)).href);
    const ctx = await browser.newContext({ locale: 'nl-BE' });
    try {
      await mod.run({ browser, context: ctx, page: await ctx.newPage(), base, binary, db, dir,
                      year, check, login, accessible, withAxe });
    } catch (e) {
      check(`${file}: the browser run`, false, e.stack || String(e));
    } finally {
      await ctx.close();
      console.log(`# ${file}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
} catch (e) {
  check('the browser run', false, e.stack || String(e));
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
