/* page_reports.c - /reports: the organisation's legal figures for the admin,
 * and the same aggregates for the representatives, small groups hidden:
 * training days per FTE against the legal target, the social balance sheet's
 * training section laid out like the National Bank form, participation by
 * every dimension with charts, and the gaps in plain words. */
#include "web/pages.h"
#include "web/svg.h"
#include "core/reports.h"
#include "app/export.h"
#include "app/reports.h"
#include "store/facts.h"
#include "core/policy.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "util/map.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The year asked for, or FALLBACK. */
int page_year(request *req, int fallback)
{
    const char *y = request_query(req, "year");
    int year = y ? atoi(y) : fallback;
    return year >= 1990 && year <= 2199 ? year : fallback;
}

void year_form(request *req, response *resp, const char *action, int year)
{
    (void)req;
    html_printf(&resp->body, "<form method=\"get\" action=\"%s\" class=\"filters\">"
                             "<label for=\"year\">%s</label><input id=\"year\" name=\"year\" "
                             "type=\"number\" min=\"1990\" max=\"2199\" value=\"%d\">"
                             "<button>%s</button></form>",
                action, _("Year"), year, _("Show"));
}

/* NUM/DEN as text with PLACES decimals in the request's language. */
static const char *fraction_text(request *req, __int128 num, __int128 den, int places)
{
    char buf[FMT_SIZE];
    if (den == 0 || !fmt_fraction(req->lang, den < 0 ? -num : num, den < 0 ? -den : den,
                                  places, buf, sizeof buf))
        return "0";
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "?";
}

static const char *percent_text(request *req, int64_t num, int64_t den)
{
    return show_percent(req, num, den);
}

/* Training days per FTE, overall and per department, against the target;
 * the departments under the privacy rule (right_by_department). */
static void days_per_fte_section(request *req, response *resp, const facts *f,
                                 const rule_settings *s, const right_report *r, int min_group)
{
    int64_t unit = right_unit(s);
    ratio realised = per_fte(r->total_used, unit, r->fte_months);
    html_printf(&resp->body, "<section><h2>%s</h2><p>%s <strong>%s</strong> · %s "
                             "<strong>%s</strong> · %s <strong>%s</strong></p>",
                _("Training days per FTE"), _("Employer size (FTE):"),
                fraction_text(req, r->size.sum, (__int128)r->size.quarters * 10000, 2),
                _("legal target (days per FTE):"), fraction_text(req, r->days_per_fte, 100, 2),
                _("realised:"), fraction_text(req, realised.num, realised.den, 2));
    participation_group *depts;
    size_t n;
    if (!right_by_department(r, f, min_group, req->a, &depts, &n)) {
        html_raw(&resp->body, "</section>");
        return;
    }
    chart_bar *bars = arena_alloc(req->a, (n + 1) * sizeof *bars);
    report_table t = {0};
    static const char *const columns[] = {N_("Department"), N_("Headcount"), N_("FTE"),
                                          N_("Days per FTE"), NULL};
    const char *labels[5] = {_(columns[0]), _(columns[1]), _(columns[2]), _(columns[3]), NULL};
    t.columns = labels;
    t.ncols = 4;
    t.cells = arena_alloc(req->a, (n + 1) * 4 * sizeof *t.cells);
    if (!bars || !t.cells) {
        html_raw(&resp->body, "</section>");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const participation_group *d = &depts[i];
        ratio dpf = per_fte(d->right_used, unit, d->fte_months), fte = fte_of(d->fte_months);
        bars[i] = (chart_bar){d->name, dpf.den ? (double)dpf.num / (double)dpf.den : 0,
                              fraction_text(req, dpf.num, dpf.den, 2), 0, d->suppressed};
        cell *c = &t.cells[i * 4];
        c[0] = cell_text(d->name);
        c[1] = d->suppressed ? cell_empty() : cell_number(d->headcount, 0);
        c[2] = d->suppressed ? cell_empty() : cell_fraction(fte.num, fte.den, 2);
        c[3] = d->suppressed ? cell_empty() : cell_fraction(dpf.num, dpf.den, 2);
    }
    t.nrows = n;
    svg_bar_chart(&resp->body, _("Training days per FTE by department"),
                  _("One bar per department; the dashed line is the legal target."), bars, n,
                  (double)r->days_per_fte / 100.0, _("target"));
    html_table(&resp->body, &t, _("Training days per FTE by department"), req->lang);
    html_raw(&resp->body, "</section>");
}

/* One line of the National Bank form: a label and the codes for men, women. */
typedef struct form_line {
    const char *label;
    int field; /* 0 participants, 1 hours, 2 gross, 3 contributions, 4 subsidies, 5 net */
    const char *code_m, *code_f;
} form_line;

static const char *figure_text(request *req, const balance_cell *c, int field)
{
    switch (field) {
    case 0: return fraction_text(req, c->participants, 1, 0);
    case 1: return fraction_text(req, c->hours, 100, 2);
    case 2: return fraction_text(req, c->gross_cost, 100, 2);
    case 3: return fraction_text(req, c->contributions, 100, 2);
    case 4: return fraction_text(req, c->subsidies, 100, 2);
    default: return fraction_text(req, c->net_cost, 100, 2);
    }
}

void social_balance_section(request *req, response *resp, const social_balance *b,
                            int min_group, const char *intro)
{
    static const form_line formal[] = {
        {N_("Employees who took part"), 0, "5801", "5811"},
        {N_("Hours of training"), 1, "5802", "5812"},
        {N_("Net cost to the company"), 5, "5803", "5813"},
        {N_("of which gross cost of the training"), 2, "58031", "58131"},
        {N_("of which contributions paid to collective funds"), 3, "58032", "58132"},
        {N_("of which subsidies received (deducted)"), 4, "58033", "58133"}};
    static const form_line informal[] = {{N_("Employees who took part"), 0, "5821", "5831"},
                                         {N_("Hours of training"), 1, "5822", "5832"},
                                         {N_("Net cost to the company"), 5, "5823", "5833"}};
    static const form_line initial[] = {{N_("Employees who took part"), 0, "5841", "5851"},
                                        {N_("Hours of training"), 1, "5842", "5852"},
                                        {N_("Net cost to the company"), 5, "5843", "5853"}};
    const struct { const char *title; const form_line *lines; size_t n; } parts[3] = {
        {N_("Formal continuing training at the employer's expense"), formal, 6},
        {N_("Less formal or informal continuing training at the employer's expense"), informal,
         3},
        {N_("Initial training at the employer's expense"), initial, 3}};
    html_printf(&resp->body, "<section><h2>%s</h2><p>%s</p>", _("Social balance sheet: training"),
                intro ? intro
                      : _("Laid out like the National Bank form, ready to copy into the filing. "
                          "Amounts in euro."));
    for (int type = 0; type < 3; type++) {
        html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table class=\"nbb\"><caption>%s"
                                 "</caption><thead><tr><th scope=\"col\"></th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                                 "</tr></thead><tbody>",
                    _(parts[type].title), _("Code"), _("Men"), _("Code"), _("Women"));
        for (size_t i = 0; i < parts[type].n; i++) {
            const form_line *l = &parts[type].lines[i];
            html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td>%s</td>"
                                     "<td class=\"num\">%s</td><td>%s</td>"
                                     "<td class=\"num\">%s</td></tr>",
                        _(l->label), l->code_m, figure_text(req, &b->cells[type][GENDER_M], l->field),
                        l->code_f, figure_text(req, &b->cells[type][GENDER_F], l->field));
        }
        html_raw(&resp->body, "</tbody></table></div>");
    }
    /* Representatives never see a group smaller than the minimum. */
    if (b->x_participants > 0 &&
        !social_balance_x_hidden(b, req->user.role == ROLE_ADMIN ? 0 : min_group))
        html_printf(&resp->body,
                    P_("<p class=\"warning\">%lld employee of gender X took part in "
                       "training. The form has columns for men and women only; they "
                       "are counted in the JSON and CSV reports, not in the codes.</p>",
                       "<p class=\"warning\">%lld employees of gender X took part in "
                       "training. The form has columns for men and women only; they "
                       "are counted in the JSON and CSV reports, not in the codes.</p>",
                       (unsigned long)b->x_participants),
                    (long long)b->x_participants);
    html_raw(&resp->body, "</section>");
}

/* The plain-words names of the gaps the seeds speak of. */
static const char *gap_name(int dim)
{
    switch (dim) {
    case DIM_GENDER: return _("Gender gap");
    case DIM_AGE: return _("Generation gap");
    case DIM_EDUCATION: return _("Education gap");
    case DIM_ORIGIN: return _("Origin gap");
    case DIM_CATEGORY: return _("Status gap (blue and white collar)");
    case DIM_CONTRACT: return _("Contract gap");
    default: return _("Gap");
    }
}

/* Says in plain words which groups learn noticeably less than average. */
static void gaps_section(request *req, response *resp, const facts *f, int year, int min_group)
{
    static const int dims[] = {DIM_GENDER, DIM_AGE, DIM_EDUCATION, DIM_ORIGIN, DIM_CATEGORY,
                               DIM_CONTRACT};
    html_printf(&resp->body, "<section><h2>%s</h2><ul class=\"gaps\">", _("Gaps, spelled out"));
    int found = 0;
    for (size_t k = 0; k < sizeof dims / sizeof *dims; k++) {
        participation p;
        if (!participation_for(f, year, dims[k], min_group, req->a, &p))
            continue;
        for (size_t i = 0; i < p.ngroups; i++) {
            const participation_group *g = &p.groups[i];
            if (g->suppressed || g->flag >= 0)
                continue;
            found++;
            html_printf(&resp->body,
                        _("<li><strong>%s</strong>: in the group “%s” %s took part in learning, "
                          "against %s on average (%lld of %lld people).</li>"),
                        gap_name(dims[k]), show_group(req, dims[k], g->name),
                        percent_text(req, g->participants, g->headcount),
                        percent_text(req, p.overall.participants, p.overall.headcount),
                        (long long)g->participants, (long long)g->headcount);
        }
    }
    participation all;
    bool nobody = participation_for(f, year, DIM_GENDER, min_group, req->a, &all) &&
                  all.overall.participants == 0;
    /* with no learning in the year there is nothing to compare: not a
     * reassurance that nobody is left behind */
    if (!found && nobody)
        html_printf(&resp->body, "<li>%s</li>",
                    text_of(req, _("Nobody has learning recorded in %d: there is nothing to "
                                   "compare yet."),
                            year));
    else if (!found)
        html_printf(&resp->body, "<li>%s</li>",
                    /* xgettext:no-c-format */
                    _("No group learns noticeably less than average (below 80% of the average "
                      "participation rate)."));
    html_raw(&resp->body, "</ul></section>");
}

static void participation_section(request *req, response *resp, const facts *f, int year,
                                  int min_group)
{
    html_printf(&resp->body, "<section><h2>%s</h2><p>%s</p>", _("Who takes part in learning"),
                /* xgettext:no-c-format */
                _("A group is marked ▼ when its participation rate is below 80% of the "
                  "average, ▲ when above 125%. Groups smaller than the minimum are hidden."));
    html_printf(&resp->body, "<p>%s</p>",
                _("A small group is counted together with the smallest group that is large "
                  "enough (shown as “A + B”), or hidden when the small groups together are "
                  "large enough themselves."));
    for (int dim = 0; dim < DIM_COUNT; dim++) {
        participation p;
        report_table t;
        if (!participation_for(f, year, dim, min_group, req->a, &p) ||
            !participation_table(&p, req->a, &t))
            continue;
        chart_bar *bars = arena_alloc(req->a, (p.ngroups + 1) * sizeof *bars);
        for (size_t i = 0; bars && i < p.ngroups; i++) {
            const participation_group *g = &p.groups[i];
            bars[i] = (chart_bar){show_group(req, dim, g->name),
                                  g->headcount ? (double)g->participants / (double)g->headcount : 0,
                                  percent_text(req, g->participants, g->headcount), g->flag,
                                  g->suppressed};
        }
        html_printf(&resp->body, "<h3>%s</h3>", dimension_label(dim));
        if (bars)
            svg_bar_chart(&resp->body, dimension_label(dim),
                          _("Participation rate per group; the dashed line is the average."),
                          bars, p.ngroups,
                          p.overall.headcount
                              ? (double)p.overall.participants / (double)p.overall.headcount : 0,
                          percent_text(req, p.overall.participants, p.overall.headcount));
        html_table(&resp->body, &t, dimension_label(dim), req->lang);
    }
    html_raw(&resp->body, "</section>");
}

/* The reports of YEAR as files, as `groeipad report ... --format csv|xlsx`
 * writes them: links for the social balance, and for participation a
 * choice of dimension. */
static void downloads_section(response *resp, int year)
{
    html_printf(&resp->body, "<section class=\"no-print\"><h2>%s</h2><p>%s</p><ul>",
                _("Download"), _("The figures of the year shown as a file, for your own analysis: "
                                 "CSV or Excel."));
    static const char *const formats[2][2] = {{"csv", "CSV"}, {"xlsx", "Excel"}};
    /* (the training right per person has its own page and file: /right) */
    html_printf(&resp->body, "<li>%s:", _("Social balance sheet: training"));
    for (int f = 0; f < 2; f++)
        html_printf(&resp->body,
                    " <a href=\"/reports/download?report=social-balance&amp;year=%d&amp;"
                    "format=%s\" download>%s</a>", year, formats[f][0], formats[f][1]);
    html_raw(&resp->body, "</li>");
    html_printf(&resp->body, "<li><form method=\"get\" action=\"/reports/download\" "
                             "class=\"filters\"><input type=\"hidden\" name=\"report\" "
                             "value=\"participation\"><input type=\"hidden\" name=\"year\" "
                             "value=\"%d\"><label for=\"download-by\">%s</label>"
                             "<select id=\"download-by\" name=\"by\">",
                year, _("Participation grouped by"));
    for (int dim = 0; dim < DIM_COUNT; dim++)
        html_printf(&resp->body, "<option value=\"%s\">%s</option>", dimension_names[dim],
                    dimension_label(dim));
    html_raw(&resp->body, "</select>");
    for (int f = 0; f < 2; f++)
        html_printf(&resp->body, "<button name=\"format\" value=\"%s\">%s</button>",
                    formats[f][0], formats[f][1]);
    html_raw(&resp->body, "</form></li></ul></section>");
}

void page_report_download(request *req, response *resp)
{
    const char *which = request_query(req, "report"), *fmt = request_query(req, "format");
    const char *by = request_query(req, "by");
    int kind = which ? report_kind_find(which) : -1;
    int format = fmt && strcmp(fmt, "xlsx") == 0 ? EXPORT_XLSX
               : fmt && strcmp(fmt, "csv") == 0  ? EXPORT_CSV : -1;
    report_query q = {(report_kind)kind, page_year(req, date_year(date_today()) - 1),
                      by ? dimension_find(by) : -1, 0, req->user.role, req->user.employee_row,
                      kind == REPORT_SOCIAL_BALANCE ? REPORT_TABLES | REPORT_JSON : REPORT_TABLES,
                      false};
    if (kind < 0 || format < 0 || (kind == REPORT_PARTICIPATION && q.dimension < 0)) {
        respond_error(req, resp, 400, _("a report (social-balance, training-right or "
                                        "participation with a dimension) and a format (csv or "
                                        "xlsx) are needed"));
        return;
    }
    report_output out;
    str err = STR_INIT;
    int rc = report_build(req->db, req->a, &q, &out, &err);
    if (rc != REPORT_OK) {
        respond_error(req, resp, rc == REPORT_BAD_REQUEST ? 400 : rc == REPORT_FORBIDDEN ? 403
                                                                                        : 500,
                      rc == REPORT_BAD_REQUEST ? str_cstr(&err) : NULL);
        str_free(&err);
        return;
    }
    report_table tables[3];
    int n = report_file_tables(&out, req->a, tables);
    FILE *data = download_open();
    bool written = data && n > 0 &&
                   export_tables(tables, n, (enum export_format)format, report_kind_names[kind],
                                 download_write, data, &err) == STORE_OK;
    char base[64];
    snprintf(base, sizeof base, "%s-%d%s%s", report_kind_names[kind], q.year, by ? "-" : "",
             by ? dimension_names[q.dimension] : "");
    download_send(req, resp, data, written, format, base);
    str_free(&out.json);
    str_free(&err);
}

void page_reports(request *req, response *resp)
{
    int year = page_year(req, date_year(date_today()) - 1);
    rule_settings s;
    facts f;
    if (rule_settings_load(req->db, &s) != STORE_OK ||
        facts_load(req->db, req->a, right_first_year(year), year, &f) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    right_line *lines = arena_alloc(req->a, (f.npeople + 1) * sizeof *lines);
    right_report r;
    social_balance b;
    if (!lines || !training_right(&f, &s, year, lines, &r)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    social_balance_for(&f, year, &b);
    /* the year in the title: by default the last whole year, which the
     * social balance is filed for */
    page_begin(req, resp, text_of(req, "%s %d", _("Figures and reports"), year));
    year_form(req, resp, "/reports", year);
    if (!request_query(req, "year"))
        html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                    text_of(req, _("These are the figures of %d, the last whole year: the one "
                                   "the social balance sheet is filed for. Choose another year "
                                   "above."),
                            year));
    gaps_section(req, resp, &f, year, s.min_group);
    days_per_fte_section(req, resp, &f, &s, &r, s.min_group);
    social_balance_section(req, resp, &b, s.min_group, NULL);
    participation_section(req, resp, &f, year, s.min_group);
    downloads_section(resp, year);
    page_end(req, resp);
}
