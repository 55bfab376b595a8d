// 60_labels.mjs - in a real browser, every role's pages read in Dutch and in
// French: no code of a vocabulary as a word of the page, no ISO date in the
// text a person sees. The language comes from the gp_lang cookie, as the
// language switch sets it for someone whose account has no language yet.
// (tests/integration/test_labels.c walks more pages through the router, with
// the codes taken from the label table itself; this is the browser's view:
// only text that is rendered, charts included.)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The codes the API documents, and those of the plan, the forms of learning,
// the roles and the participation report that it does not.
function knownCodes() {
  const here = dirname(fileURLToPath(import.meta.url));
  const api = JSON.parse(readFileSync(join(here, '../../../static/openapi.json'), 'utf8'));
  const codes = new Set();
  (function walk(x) {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) if (k === 'enum') v.forEach((c) => codes.add(c)); else walk(v);
  })(api);
  for (const c of ['e_learning', 'on_the_job', 'workplace_instruction', 'job_rotation',
    'community_of_practice', 'learning_network', 'self_study', 'draft', 'submitted', 'advised',
    'adopted', 'evaluated', 'works_council', 'union_delegation', 'positive', 'negative',
    'remarks', 'older_50', 'non_eu', 'bottleneck', 'gender_balance', 'admin', 'representative',
    'belgium', 'abroad', 'overall', 'under', 'over'])
    codes.add(c);
  // Single letters, API words and codes that are also words of the pages.
  for (const c of ['F', 'M', 'X', 'social-balance', 'training-right', 'participation',
    'function', 'department', 'contract', 'category', 'education', 'origin', 'disability',
    'age', 'gender', 'student', 'trainee', 'initial', 'permanent',
    // forms of learning whose Dutch or French name is the same word
    'coaching', 'mentoring', 'intervision'])
    codes.delete(c);
  return [...codes];
}

// What the page shows: its rendered text, and each text node on its own
// (outside translate="no", where logins and other data live).
async function visibleText(page) {
  return page.evaluate(() => {
    const nodes = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[translate="no"], script, style, [hidden]')) continue;
      const text = n.textContent.replace(/\s+/g, ' ').trim();
      if (text) nodes.push(text);
    }
    return { all: document.body.innerText, nodes };
  });
}

const roles = [['admin', 'demo-admin'], ['manager', 'demo-manager'],
  ['employee', 'demo-employee'], ['mentor', 'demo-mentor'],
  ['representative', 'demo-representative']];

export async function run(t) {
  const codes = knownCodes().filter((c) => typeof c === 'string'); // enums may hold null
  const wordCode = new RegExp(`(^|[^\\p{L}\\p{N}_])(${codes.filter((c) => c.includes('_')).join('|')})(?![\\p{L}\\p{N}_])`, 'u');
  const iso = /\b\d{4}-\d{2}-\d{2}\b/;
  for (const lang of ['nl', 'fr']) {
    for (const [login, password] of roles) {
      const context = await t.browser.newContext({ locale: lang === 'nl' ? 'nl-BE' : 'fr-BE' });
      await context.addCookies([{ name: 'gp_lang', value: lang, url: t.base }]);
      const page = await context.newPage();
      try {
        await t.login(page, login, password);
        const links = await page.$$eval('header a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
        const paths = [...new Set(['/', ...links, '/employees/E002', `/plans/${t.year}`,
          `/reports?year=${t.year - 1}`, '/scans/readiness/compare', '/my/right'])];
        const found = [];
        let pages = 0;
        for (const path of paths) {
          const response = await page.goto(`${t.base}${path}`);
          if (!response || response.status() !== 200) continue;
          pages++;
          const { all, nodes } = await visibleText(page);
          const m = all.match(wordCode);
          if (m) found.push(`${path}: code "${m[2]}"`);
          for (const n of nodes)
            if (codes.includes(n) || codes.includes(n.replace(/:$/, '')))
              found.push(`${path}: code "${n}"`);
          const d = all.match(iso);
          if (d) found.push(`${path}: ISO date ${d[0]}`);
        }
        t.check(`${lang} ${login}: ${pages} pages show labels, not codes or ISO dates`,
                found.length === 0 && pages > 3, found.slice(0, 8).join('; '));
      } finally {
        await context.close();
      }
    }
  }
}
