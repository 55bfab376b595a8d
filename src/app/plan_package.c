/* plan_package.c - the information package for the works council: one
 * printable A4 document that holds the plan and answers the questions a
 * council asks (who made it and how, what is new, the choices for budget and
 * time, who learned last year, budget against actual, the training right).
 * Shown at /plans/:year/package and written by 'report plan --format html';
 * its layout is static/print.css, linked from the page and inlined in the file. */
#include "app/plan_package.h"
#include "core/labels.h"
#include "app/plan_view.h"
#include "core/policy.h"
#include "core/reports.h"
#include "store/data.h"
#include "store/facts.h"
#include "util/decimal.h"
#include "util/embed.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "app/html.h"
#include <string.h>

/* NUM/DEN with PLACES decimals in LANG's notation, into BUF. */
static const char *num(char *buf, size_t n, __int128 value, __int128 den, int places,
                       const char *lang)
{
    if (den <= 0 || !fmt_fraction(lang, den < 0 ? -value : value, den < 0 ? -den : den,
                                   places, buf, n))
        snprintf(buf, n, "0");
    return buf;
}

static void section_texts(str *out, const plan *p)
{
    const char *labels[] = {_("Goal"), _("Context and challenges"),
                            _("Who made the plan and how the needs were found"),
                            _("New needs and what changed since last year"),
                            _("Choices made for budget and time"), _("What the law makes mandatory")};
    const char *values[] = {p->goal, p->context, p->needs_method, p->new_needs, p->choices,
                            p->mandatory};
    html_printf(out, "<section><h2>1. %s</h2>", _("The plan"));
    for (size_t i = 0; i < 6; i++)
        html_printf(out, "<h3>%s</h3><p class=\"prose\">%s</p>", labels[i],
                    values[i] && *values[i] ? values[i] : "—");
    html_raw(out, "</section>");
}

static void section_initiatives(str *out, const plan_view *v, const char *lang)
{
    char b1[48], b2[48], b3[48], b4[48];
    html_printf(out, "<section><h2>2. %s</h2><table><thead><tr><th>%s</th><th>%s</th>"
                     "<th>%s</th><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
                     "<th>%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
                _("Initiatives"), _("Initiative"), _("Type"), _("Target group"), _("Department"),
                _("Participants"), _("Hours each"), _("When, by whom"), _("Cost (euro)"));
    for (size_t i = 0; i < v->nitems; i++) {
        const plan_initiative *x = &v->items[i];
        html_printf(out, "<tr><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">"
                         "%lld</td><td class=\"num\">%s</td><td>%s, %s</td><td class=\"num\">%s"
                         "</td></tr>",
                    x->title, x->mandatory ? " *" : "",
                    x->type >= 0 ? _(code_label(&vocab_type, x->type)) : "—",
                    x->target_group ? x->target_group : "—",
                    x->department ? x->department : _("everyone"), (long long)x->participants,
                    num(b1, sizeof b1, x->hours, 100, 2, lang),
                    x->working_time < 0 ? "?" : x->working_time ? _("during working time")
                                                                : _("outside working time"),
                    x->internal < 0 ? "?" : x->internal ? _("internal") : _("external"),
                    num(b2, sizeof b2, x->cost, 100, 2, lang));
    }
    html_printf(out, "</tbody></table><p>* %s</p>", _("mandatory"));
    ratio planned = per_fte(v->planned_hours, v->settings.hours_per_day, v->fte_months);
    html_printf(out, "<p>%s <strong>%s</strong> · %s <strong>%s</strong> · %s <strong>%s</strong>"
                     "</p></section>",
                _("Planned training days:"),
                num(b1, sizeof b1, v->planned_hours, v->settings.hours_per_day, 2, lang),
                _("planned days per FTE:"),
                num(b3, sizeof b3, planned.num, planned.den, 2, lang),
                _("the training right asks for (days per FTE):"),
                num(b4, sizeof b4, v->target_dpf, 100, 2, lang));
    (void)b2;
}

/* One budget table: the lines B of YEAR under the privacy rule of RULES §4
 * (plan_budgets_protect, as /reports): the package is made for the works
 * council, so it never shows a small department on its own, whoever prints
 * it. Lines without any amount are left out; a suppressed one is listed. */
static void budget_table(str *out, store *db, arena *a, int year, int min_group,
                         const plan_budget *b, size_t n, const char *caption, const char *lang)
{
    char b1[48], b2[48], b3[48];
    plan_budget *lines;
    size_t nlines;
    if (plan_budgets_protect(db, a, year, min_group, b, n, &lines, &nlines) != STORE_OK)
        nlines = 0; /* no line rather than one unprotected */
    html_printf(out, "<table><caption>%s</caption><thead><tr><th>%s</th><th class=\"num\">%s"
                     "</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
                caption, _("Department"), _("Planned"), _("Committed"), _("Spent"));
    for (size_t i = 0; i < nlines; i++) {
        const plan_budget *l = &lines[i];
        if (l->suppressed)
            html_printf(out, "<tr><td>%s</td><td class=\"num\">—</td><td class=\"num\">—</td>"
                             "<td class=\"num\">—</td></tr>", l->department);
        else if (l->planned || l->committed || l->spent)
            html_printf(out, "<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                             "<td class=\"num\">%s</td></tr>",
                        l->department, num(b1, sizeof b1, l->planned, 100, 2, lang),
                        num(b2, sizeof b2, l->committed, 100, 2, lang),
                        num(b3, sizeof b3, l->spent, 100, 2, lang));
    }
    html_raw(out, "</tbody></table>");
}

static void section_budget(str *out, store *db, arena *a, const plan_view *v, const char *lang)
{
    int min_group = v->settings.min_group;
    html_printf(out, "<section><h2>3. %s</h2><p>%s</p>", _("Budget"),
                _("A small group is counted together with the smallest group that is large "
                  "enough (shown as “A + B”), or hidden when the small groups together are "
                  "large enough themselves."));
    budget_table(out, db, a, v->p.year, min_group, v->budgets, v->nbudgets, _("This year"), lang);
    plan last;
    plan_budget *b;
    size_t n;
    if (plans_get(db, a, v->p.year - 1, &last) == STORE_ROW &&
        plans_budgets(db, a, last.id, last.year, &b, &n) == STORE_OK)
        budget_table(out, db, a, last.year, min_group, b, n,
                     _("Last year: budget against actual"), lang);
    html_raw(out, "</section>");
}

static void section_participation(str *out, arena *a, const facts *f, int year, int min_group,
                                  const char *lang)
{
    html_printf(out, "<section><h2>4. %s %d</h2><p>%s</p>", _("Who learned in"), year,
                /* xgettext:no-c-format */
                _("Groups smaller than the minimum are hidden; ▼ marks a group below 80% of the "
                  "average participation rate, ▲ above 125%."));
    static const int dims[] = {DIM_GENDER, DIM_AGE, DIM_EDUCATION, DIM_CATEGORY, DIM_CONTRACT,
                               DIM_ORIGIN, DIM_DEPARTMENT};
    for (size_t k = 0; k < sizeof dims / sizeof *dims; k++) {
        participation p;
        report_table t;
        if (participation_for(f, year, dims[k], min_group, a, &p) &&
            participation_table(&p, a, &t))
            html_table(out, &t, _(dimension_names[dims[k]]), lang);
    }
    html_raw(out, "</section>");
}

static void section_right(str *out, const facts *f, const rule_settings *s, int year,
                          right_line *lines, const char *lang)
{
    right_report r;
    char b1[48], b2[48], b3[48], b4[48];
    html_printf(out, "<section><h2>5. %s %d</h2>", _("The individual training right in"), year);
    if (lines && training_right(f, s, year, lines, &r)) {
        int64_t unit = right_unit(s);
        ratio used = per_fte(r.total_used, unit, r.fte_months);
        html_printf(out, "<table><tbody><tr><th>%s</th><td class=\"num\">%s</td></tr>"
                         "<tr><th>%s</th><td class=\"num\">%s</td></tr><tr><th>%s</th>"
                         "<td class=\"num\">%s</td></tr><tr><th>%s</th><td class=\"num\">%s</td>"
                         "</tr></tbody></table>",
                    _("Days per FTE the right asks for"), num(b1, sizeof b1, r.days_per_fte, 100, 2,
                                                              lang),
                    _("Entitlement, all employees (days)"),
                    num(b2, sizeof b2, r.total_entitlement, unit, 2, lang),
                    _("Used (days)"), num(b3, sizeof b3, r.total_used, unit, 2, lang),
                    _("Used days per FTE"),
                    num(b4, sizeof b4, used.num, used.den, 2, lang));
    }
    html_raw(out, "</section>");
}

static void section_consultation(str *out, const plan_view *v, const char *lang)
{
    const plan *p = &v->p;
    char d[FMT_SIZE];
    html_printf(out, "<section><h2>6. %s</h2><table><tbody>", _("Consultation"));
    const struct { const char *label; date_t date; } steps[] = {
        {_("Submitted on"), p->submitted_on}, {_("Meeting on"), p->meeting_on},
        {_("Advice on"), p->advice_on}, {_("Adopted on"), p->adopted_on},
        {_("Evaluated on"), p->evaluated_on}};
    html_printf(out, "<tr><th>%s</th><td>%s</td></tr><tr><th>%s</th><td>%s</td></tr>",
                _("State"), _(code_label(&vocab_plan_state, p->state)), _("Consulted body"),
                p->body >= 0 ? _(code_label(&vocab_plan_body, p->body)) : "—");
    for (size_t i = 0; i < 5; i++) {
        fmt_date(lang, steps[i].date, d, sizeof d);
        html_printf(out, "<tr><th>%s</th><td>%s</td></tr>", steps[i].label, *d ? d : "—");
    }
    html_printf(out, "<tr><th>%s</th><td>%s %s</td></tr><tr><th>%s</th><td>%s</td></tr>"
                     "</tbody></table>",
                _("Advice"), p->advice_kind >= 0 ? _(code_label(&vocab_plan_advice, p->advice_kind))
                                                 : "—",
                p->advice_text ? p->advice_text : "", _("Employer's answer"),
                p->employer_answer ? p->employer_answer : "—");
    for (size_t i = 0; i < v->ncomments; i++) {
        fmt_timestamp(lang, v->comments[i].at, d, sizeof d);
        html_printf(out, "<p class=\"prose\">“%s” — <span translate=\"no\">%s</span>, %s</p>",
                    v->comments[i].text, v->comments[i].author_name, d);
    }
    html_raw(out, "</section>");
}

/* The document's stylesheet: a link to the served copy (pages, where the
 * Content-Security-Policy refuses inline styles) or the same text inline (a
 * file that must stand on its own). False when the stylesheet is missing. */
static bool write_stylesheet(str *out, plan_package_style style)
{
    if (style == PLAN_PACKAGE_LINKED)
        return html_raw(out, "<link rel=\"stylesheet\" href=\"/static/print.css\">");
    const struct embedded_file *css = embed_find(embedded_static, "print.css");
    return css && html_raw(out, "<style>") && str_append(out, (const char *)css->data, css->len) &&
           html_raw(out, "</style>");
}

int plan_package_html(store *db, arena *a, int year, str *out)
{
    return plan_package_write(db, a, year, PLAN_PACKAGE_INLINE, out);
}

int plan_package_write(store *db, arena *a, int year, plan_package_style style, str *out)
{
    plan_view v;
    int rc = plan_view_load(db, a, year, &v);
    if (rc != STORE_ROW)
        return rc;
    const char *lang = i18n_lang();
    str org = STR_INIT;
    if (settings_get(db, "name", &org) != STORE_ROW)
        str_puts(&org, "");
    /* Last year's figures: participation and the training right. */
    int last = year - 1;
    facts f;
    if (facts_load(db, a, right_first_year(last), last, &f) != STORE_OK) {
        str_free(&org);
        return STORE_ERROR;
    }
    char today[FMT_SIZE];
    fmt_date(lang, date_today(), today, sizeof today);
    html_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                     "<title>%s %d</title>",
                lang, _("Training plan"), year);
    if (!write_stylesheet(out, style)) {
        str_free(&org);
        return STORE_ERROR;
    }
    html_raw(out, "</head><body>");
    /* On the site, the way back to the plan (not printed); a file has none. */
    if (style == PLAN_PACKAGE_LINKED)
        html_printf(out, "<p class=\"screen-only\"><a href=\"/plans/%d\">%s</a></p>", year,
                    _("Back to the plan"));
    html_printf(out, "<h1>%s %d</h1><p class=\"meta\">%s · %s · %s %s</p>",
                _("Training plan"), year, str_cstr(&org),
                _(code_label(&vocab_plan_state, v.p.state)), _("printed on"), today);
    str_free(&org);
    if (v.nwarnings) {
        html_printf(out, "<div class=\"warning\"><h2>%s</h2><ul>", _("Points of attention"));
        for (size_t i = 0; i < v.nwarnings; i++)
            html_printf(out, "<li>%s</li>", plan_warning_text(a, &v, &v.warnings[i]));
        html_raw(out, "</ul></div>");
    }
    section_texts(out, &v.p);
    section_initiatives(out, &v, lang);
    section_budget(out, db, a, &v, lang);
    section_participation(out, a, &f, last, v.settings.min_group, lang);
    section_right(out, &f, &v.settings, last,
                  arena_alloc(a, (f.npeople + 1) * sizeof(right_line)), lang);
    section_consultation(out, &v, lang);
    html_raw(out, "</body></html>\n");
    return str_ok(out) ? STORE_ROW : STORE_ERROR;
}
