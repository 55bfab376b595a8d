// 72_phone_menu.mjs - on a 375 px phone the top menu wraps onto lines
// instead of scrolling sideways out of sight: neither the page nor the menu
// scrolls sideways, and every item is in sight and clickable, for the
// longest menu (HR's) and an employee's. And the confirmation before a
// learning record is deleted, on a phone: it fits, is accessible, and
// deletes nothing. Saves nothing: the demo stays as the other modules expect.
const WIDTH = 375;

// The menu's geometry on the current page: the page's and the menu's
// scroll widths, and the items that are not in sight (outside the screen,
// or covered at their centre).
function menuGeometry() {
  const ul = document.querySelector('header nav ul');
  const links = [...ul.querySelectorAll('a')];
  const hidden = links.filter((a) => {
    const b = a.getBoundingClientRect();
    if (b.left < 0 || b.right > window.innerWidth || b.width === 0) return true;
    const at = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return !at || !a.contains(at);
  }).map((a) => a.textContent);
  return { page: document.documentElement.scrollWidth, menu: ul.scrollWidth,
           box: ul.clientWidth, items: links.length, hidden };
}

async function menuOf(t, who) {
  const { page, base, check, login } = t;
  await login(page, who, `demo-${who}`);
  await page.goto(`${base}/catalogue`);
  const g = await page.evaluate(menuGeometry);
  check(`phone menu (${who}): the page does not scroll sideways`, g.page <= WIDTH, String(g.page));
  check(`phone menu (${who}): the menu does not scroll sideways`, g.menu <= g.box,
        `${g.menu} > ${g.box}`);
  check(`phone menu (${who}): every one of its ${g.items} items is in sight`,
        g.items > 5 && g.hidden.length === 0, g.hidden.join(', '));
  // The last item, the one a sideways menu hid furthest, is clicked.
  const last = page.locator('header nav li:last-child a');
  const href = await last.getAttribute('href');
  await Promise.all([page.waitForNavigation(), last.click()]);
  check(`phone menu (${who}): the last item can be clicked`,
        new URL(page.url()).pathname === href, page.url());
  await page.click('header .who button');
  await page.waitForURL(`${base}/login`);
}

// The confirmation before deleting one of E010's records: on a phone.
async function deleteConfirmation(t) {
  const { page, base, check, login, accessible } = t;
  await login(page, 'admin', 'demo-admin');
  await page.goto(`${base}/employees/E010`);
  const record = await page.getAttribute('main a[href^="/learning/"]', 'href');
  const response = await page.goto(`${base}${record}/delete`);
  check('delete confirmation answers 200 on a phone', response.status() === 200,
        String(response.status()));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check('delete confirmation fits a phone', width <= WIDTH, String(width));
  check('delete confirmation asks before it deletes',
        (await page.locator('#confirm button').count()) === 1);
  await accessible(page, `delete confirmation ${record}`);
  check('delete confirmation deleted nothing', (await page.goto(`${base}${record}`)).status() === 200);
}

export async function run(t) {
  // axe-core is injected as a script: its own context lets it past the CSP.
  const context = await t.browser.newContext({ locale: 'nl-BE', bypassCSP: true,
                                               viewport: { width: WIDTH, height: 740 } });
  try {
    const given = { ...t, context, page: await context.newPage() };
    await menuOf(given, 'admin');
    await menuOf(given, 'employee');
    await deleteConfirmation(given);
  } finally {
    await context.close();
  }
}
