/* page_competences.c - competences, gaps, assessments (issue 11):
 *   /competences            the catalogue, the levels and the function profiles
 *   /competences/:code      one competence: who needs it, what develops it
 *   /gaps                   the heatmap: employees x competences, by gap
 *   /gaps/organisation      present versus needed per department, now and later
 *   /employees/:id/competences  a person's assessments, history and gaps
 * Needs and development plans are in page_needs.c. */
#include "web/pages.h"
#include "app/gaps.h"
#include "core/rules.h"
#include "store/competences.h"
#include "store/import.h"
#include "util/i18n.h"
#include <stdlib.h>
#include <string.h>

static const char *const level_names[] = {N_("none"), N_("basic"), N_("independent"),
                                          N_("experienced"), N_("expert")};

/* "2 · independent" for a level 0-4. */
static const char *level_text(request *req, int level)
{
    if (level < 0 || level > 4)
        return "";
    str s = STR_INIT;
    str_printf(&s, "%d · %s", level, _(level_names[level]));
    const char *t = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    return t ? t : "";
}

/* A URL path for PREFIX followed by TEXT encoded, in the request's arena. */
static const char *link_to(request *req, const char *prefix, const char *text,
                           const char *suffix)
{
    str s = STR_INIT;
    str_puts(&s, prefix);
    url_encode(&s, text);
    str_puts(&s, suffix ? suffix : "");
    const char *t = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    return t ? t : prefix;
}

/* The competence of CODE in LIST (N), or NULL. */
static const competence *find_competence(const competence *list, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(list[i].code, code) == 0)
            return &list[i];
    return NULL;
}

/* True when the activity's competences ("A|B|C") name CODE. */
static bool develops(const activity *x, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = x->competences; p && *p;) {
        while (*p == ' ')
            p++;
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && p[len - 1] == ' ')
            len--;
        if (len == n && memcmp(p, code, n) == 0)
            return true;
        p = end ? end + 1 : p + strlen(p);
    }
    return false;
}

/* The select of the N names of LIST (a department or function), CURRENT
 * chosen, with "all" first. */
static void name_select(response *resp, const char *name, const char *label,
                        const group_count *list, size_t n, const char *current)
{
    html_printf(&resp->body, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">"
                             "<option value=\"\">%s</option>",
                name, label, name, name, _("all"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<option%s>%s</option>",
                    current && strcmp(current, list[i].name) == 0 ? " selected" : "",
                    list[i].name);
    html_raw(&resp->body, "</select>");
}

/* A select of a competence code, CURRENT chosen. */
static void competence_select(response *resp, const char *id, const competence *list, size_t n,
                              const char *current, bool optional)
{
    html_printf(&resp->body, "<label for=\"%s\">%s</label><select id=\"%s\" "
                             "name=\"competence_code\">", id, _("Competence"), id);
    if (optional)
        html_printf(&resp->body, "<option value=\"\">%s</option>", _("none"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s (%s)</option>", list[i].code,
                    current && strcmp(current, list[i].code) == 0 ? " selected" : "",
                    list[i].name, list[i].code);
    html_raw(&resp->body, "</select>");
}

/* A select of a level 0-4 named NAME. */
static void level_select(request *req, response *resp, const char *id, const char *name,
                         const char *label, int current)
{
    html_printf(&resp->body, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">", id,
                label, id, name);
    for (int l = 0; l <= 4; l++)
        html_printf(&resp->body, "<option value=\"%d\"%s>%s</option>", l,
                    l == current ? " selected" : "", level_text(req, l));
    html_raw(&resp->body, "</select>");
}

/* ---- problems of a form, beside its fields ---- */

/* What LOG found wrong with COLUMN, written beside its field. */
static void field_problems(request *req, response *resp, const import_log *log,
                           const char *column)
{
    for (size_t i = 0; log && i < log->kept; i++)
        if (log->problems[i].column && strcmp(log->problems[i].column, column) == 0)
            html_printf(&resp->body, "<p class=\"field-error\">%s %s</p>", _("expected"),
                        form_expected(req, &log->problems[i]));
}

/* The alert above a refused form: that nothing was saved, and the problems
 * that belong to none of the form's FIELDS (NULL-terminated). */
static void form_alert(request *req, response *resp, const import_log *log,
                       const char *const *fields)
{
    html_printf(&resp->body, "<div class=\"error\" role=\"alert\"><p>%s %s</p>",
                _("Not saved:"), _("the form says beside each field what is expected."));
    size_t listed = 0;
    for (size_t i = 0; i < log->kept; i++) {
        const import_problem *p = &log->problems[i];
        bool beside = false;
        for (size_t k = 0; p->column && fields[k] && !beside; k++)
            beside = strcmp(fields[k], p->column) == 0;
        if (beside)
            continue;
        if (listed++ == 0)
            html_raw(&resp->body, "<ul>");
        html_printf(&resp->body, "<li>%s %s</li>", _("expected"), form_expected(req, p));
    }
    html_raw(&resp->body, listed ? "</ul></div>" : "</div>");
}

/* ---- /competences ---- */

static void levels_explained(request *req, response *resp)
{
    static const char *const meaning[] = {
        N_("has not learned it yet"), N_("knows the basics, works under guidance"),
        N_("does the usual work on their own"),
        N_("handles the unusual too and helps others"),
        N_("is the reference others turn to, improves how it is done")};
    html_printf(&resp->body, "<details><summary>%s</summary><dl class=\"facts\">",
                _("What the levels mean"));
    for (int l = 0; l <= 4; l++)
        html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd>", level_text(req, l), _(meaning[l]));
    html_raw(&resp->body, "</dl></details>");
}

/* The admin's forms: a competence, and a line of a function profile. */
/* A posted field's value, or "" (the form comes back filled in). */
static const char *posted(request *req, const char *name)
{
    const char *v = strcmp(req->method, "POST") == 0 ? request_form(req, name) : NULL;
    return v ? v : "";
}

static void catalogue_forms(request *req, response *resp, const competence *list, size_t n,
                            const group_count *functions, size_t nfunctions,
                            const import_log *log)
{
    bool profile = strcmp(req->path, "/competences/profiles") == 0;
    const import_log *clog = profile ? NULL : log, *plog = profile ? log : NULL;
    html_printf(&resp->body, "<h2>%s</h2>", _("Add or correct a competence"));
    form_open(req, resp, "action=\"/competences\" class=\"narrow\"");
    html_printf(&resp->body, "<label for=\"c-code\">%s</label><input id=\"c-code\" name=\"code\" "
                             "required value=\"%s\">", _("Code"), clog ? posted(req, "code") : "");
    field_problems(req, resp, clog, "code");
    html_printf(&resp->body, "<label for=\"c-name\">%s</label><input id=\"c-name\" "
                             "name=\"name\" required value=\"%s\">",
                _("Name"), clog ? posted(req, "name") : "");
    field_problems(req, resp, clog, "name");
    html_printf(&resp->body, "<label for=\"c-kind\">%s</label><select id=\"c-kind\" "
                             "name=\"kind\">", _("Kind"));
    for (int k = 0; k < vocab_competence_kind.count; k++)
        html_printf(&resp->body, "<option value=\"%s\">%s</option>",
                    vocab_competence_kind.names[k], _(vocab_competence_kind.names[k]));
    html_raw(&resp->body, "</select>");
    field_problems(req, resp, clog, "kind");
    html_printf(&resp->body, "<label for=\"c-desc\">%s</label><textarea id=\"c-desc\" "
                             "name=\"description\" rows=\"2\">%s</textarea><button>%s</button>"
                             "</form>", _("Description"), clog ? posted(req, "description") : "",
                _("Save"));
    html_printf(&resp->body, "<h2>%s</h2>", _("Set what a function needs"));
    form_open(req, resp, "action=\"/competences/profiles\" class=\"narrow\"");
    html_printf(&resp->body, "<label for=\"p-function\">%s</label><select id=\"p-function\" "
                             "name=\"function\">", _("Function"));
    for (size_t i = 0; i < nfunctions; i++)
        html_printf(&resp->body, "<option>%s</option>", functions[i].name);
    html_raw(&resp->body, "</select>");
    field_problems(req, resp, plog, "function");
    competence_select(resp, "p-competence", list, n, NULL, false);
    field_problems(req, resp, plog, "competence_code");
    level_select(req, resp, "p-now", "level_now", _("Needed now"), 2);
    field_problems(req, resp, plog, "level_now");
    level_select(req, resp, "p-future", "level_future", _("Needed in 2 to 4 years"), 2);
    field_problems(req, resp, plog, "level_future");
    html_printf(&resp->body, "<button>%s</button></form>", _("Save"));
}

/* GET and POST /competences. */
static void competences_page(request *req, response *resp, const import_log *problems)
{
    competence *list;
    size_t n, nlines, nfunctions;
    profile_line *lines;
    group_count *functions;
    if (competences_list(req->db, req->a, &list, &n) != STORE_OK ||
        profiles_list(req->db, req->a, &lines, &nlines) != STORE_OK ||
        functions_list(req->db, req->a, &functions, &nfunctions) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    bool admin = req->user.role == ROLE_ADMIN;
    page_begin(req, resp, _("Competences"));
    static const char *const fields[] = {"code", "name", "kind", "function", "competence_code",
                                         "level_now", "level_future", NULL};
    if (problems)
        form_alert(req, resp, problems, fields);
    html_printf(&resp->body, "<p>%s</p>",
                _("The competences the organisation counts on, and the level each function "
                  "needs today and in two to four years."));
    if (req->user.role & (ROLE_ADMIN | ROLE_MANAGER | ROLE_REPRESENTATIVE))
        html_printf(&resp->body, "<p><a href=\"/gaps\">%s</a> · <a href=\"/needs\">%s</a></p>",
                    _("Gaps"), _("Training needs"));
    if (admin)
        html_printf(&resp->body, "<p>%s <a href=\"/export/competences?format=csv\">%s</a> · "
                                 "<a href=\"/export/profiles?format=csv\">%s</a> · "
                                 "<a href=\"/export/assessments?format=csv\">%s</a> · "
                                 "<a href=\"/import\">%s</a></p>",
                    _("Download:"), _("Competences"), _("Function profiles"), _("Assessments"),
                    _("Import"));
    levels_explained(req, resp);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Competence catalogue"), _("Code"), _("Name"), _("Kind"), _("Description"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<tr><td translate=\"no\"><a href=\"%s\">%s</a></td><td>%s</td>"
                                 "<td>%s</td><td>%s</td></tr>",
                    link_to(req, "/competences/", list[i].code, NULL), list[i].code,
                    list[i].name, _(vocab_name(&vocab_competence_kind, list[i].kind)),
                    list[i].description ? list[i].description : "");
    html_raw(&resp->body, "</tbody></table></div>");
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Function profiles"), _("Function"), _("Competence"), _("Needed now"),
                _("Needed in 2 to 4 years"));
    for (size_t i = 0; i < nlines; i++) {
        const competence *c = find_competence(list, n, lines[i].competence);
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    lines[i].function, c ? c->name : lines[i].competence,
                    level_text(req, lines[i].level_now), level_text(req, lines[i].level_future));
    }
    html_raw(&resp->body, "</tbody></table></div>");
    if (admin)
        catalogue_forms(req, resp, list, n, functions, nfunctions, problems);
    page_end(req, resp);
}

void page_competences(request *req, response *resp)
{
    competences_page(req, resp, NULL);
}

/* Saves one row of KIND from the form, as an import would; back to
 * /competences, or the page with the problems. */
static void save_through_import(request *req, response *resp, int kind,
                                const char *const *columns)
{
    import_log log;
    import_log_init(&log, req->a);
    int rc = import_form_row(req, kind, columns, -1, NULL, 0, &log);
    if (rc == IMPORT_DONE)
        response_redirect(req, resp, "/competences");
    else if (rc == IMPORT_REJECTED) {
        resp->status = 422;
        competences_page(req, resp, &log);
    } else
        respond_error(req, resp, 500, NULL);
}

void page_competences_post(request *req, response *resp)
{
    save_through_import(req, resp, IMPORT_COMPETENCES, competence_columns);
}

void page_profiles_post(request *req, response *resp)
{
    save_through_import(req, resp, IMPORT_PROFILES, profile_columns);
}

/* ---- /competences/:code ---- */

void page_competence(request *req, response *resp)
{
    competence c;
    int rc = competences_get(req->db, req->a, req->arg, &c);
    activity *acts;
    profile_line *lines;
    size_t nacts, nlines;
    if (rc == STORE_ROW && (activities_list(req->db, req->a, &acts, &nacts) != STORE_OK ||
                            profiles_list(req->db, req->a, &lines, &nlines) != STORE_OK))
        rc = STORE_ERROR;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    page_begin(req, resp, c.name);
    html_printf(&resp->body, "<dl class=\"facts\"><dt>%s</dt><dd translate=\"no\">%s</dd>"
                             "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                _("Code"), c.code, _("Kind"), _(vocab_name(&vocab_competence_kind, c.kind)),
                _("Description"), c.description ? c.description : "—");
    html_printf(&resp->body, "<h2>%s</h2><ul>", _("Activities that develop it"));
    size_t shown = 0;
    for (size_t i = 0; i < nacts; i++)
        if (develops(&acts[i], c.code)) {
            html_printf(&resp->body, "<li>%s (%s)</li>", acts[i].title,
                        show_code(&vocab_form, acts[i].form));
            shown++;
        }
    if (!shown)
        html_printf(&resp->body, "<li>%s</li>",
                    _("None yet: name this competence in an activity of the training offer."));
    html_printf(&resp->body, "</ul><h2>%s</h2><ul>", _("Functions that need it"));
    for (size_t i = 0; i < nlines; i++)
        if (strcmp(lines[i].competence, c.code) == 0)
            html_printf(&resp->body, "<li>%s: %s %s, %s %s</li>", lines[i].function,
                        _("now"), level_text(req, lines[i].level_now), _("in 2 to 4 years"),
                        level_text(req, lines[i].level_future));
    html_printf(&resp->body, "</ul><p><a href=\"/competences\">%s</a></p>",
                _("All competences"));
    page_end(req, resp);
}

/* ---- /gaps: the heatmap ---- */

/* The query of the gap pages: day today, horizon, department, function. */
static gaps_query gap_query_of(request *req, bool with_filters)
{
    const char *horizon = request_query(req, "horizon");
    const char *department = request_query(req, "department");
    const char *function = request_query(req, "function");
    gaps_query q = {date_today(), HORIZON_NOW, NULL, NULL, req->user.role,
                    req->user.employee_row, false};
    if (horizon && strcmp(horizon, "future") == 0)
        q.horizon = HORIZON_FUTURE;
    if (with_filters && department && *department)
        q.department = department;
    if (with_filters && function && *function)
        q.function = function;
    return q;
}

static void horizon_select(response *resp, int horizon)
{
    html_printf(&resp->body, "<label for=\"horizon\">%s</label><select id=\"horizon\" "
                             "name=\"horizon\"><option value=\"now\"%s>%s</option>"
                             "<option value=\"future\"%s>%s</option></select>",
                _("Needed"), horizon == HORIZON_NOW ? " selected" : "", _("now"),
                horizon == HORIZON_FUTURE ? " selected" : "", _("in 2 to 4 years"));
}

/* The heatmap's order (qsort_r's argument, one per request): by number, by
 * name, or by total gap (largest first). */
typedef struct heat_order {
    const gaps_view *v;
    int key; /* 0 number, 1 gap, 2 name */
} heat_order;

static int by_sort_key(const void *x, const void *y, void *arg)
{
    const heat_order *o = arg;
    const gap_person *a = x, *b = y;
    const employee *ea = &o->v->in.people[a->person];
    const employee *eb = &o->v->in.people[b->person];
    if (o->key == 1 && a->total_gap != b->total_gap)
        return a->total_gap > b->total_gap ? -1 : 1;
    if (o->key == 2) {
        int c = strcmp(ea->last_name, eb->last_name);
        if (c)
            return c;
    }
    return strcmp(ea->employee_id, eb->employee_id);
}

/* The most rows a heatmap shows: a department is a few hundred people; the
 * whole of a large organisation is read through the filters. */
#define HEATMAP_MAX_ROWS 500

/* The class of a heatmap cell by its gap. */
static const char *gap_class(const gap_line *l)
{
    if (!l->assessed)
        return "gap-unknown";
    return l->gap == 0 ? "gap-0" : l->gap == 1 ? "gap-1" : "gap-2";
}

static void heatmap_table(request *req, response *resp, gaps_view *v, const competence *comps)
{
    const gaps_report *r = &v->report;
    /* Only the competences someone in view needs, as columns. */
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table class=\"compact heatmap\">"
                             "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
                _("Actual level / needed level per person and competence"), _("Employee"),
                _("Function"), _("Total gap"));
    for (size_t c = 0; c < r->ncompetences; c++) {
        const char *code = v->in.codes[r->competences[c].competence];
        html_printf(&resp->body, "<th scope=\"col\" translate=\"no\"><a href=\"%s\" "
                                 "title=\"%s\">%s</a></th>",
                    link_to(req, "/competences/", code, NULL),
                    comps[r->competences[c].competence].name, code);
    }
    html_raw(&resp->body, "</tr></thead><tbody>");
    size_t shown = r->npeople < HEATMAP_MAX_ROWS ? r->npeople : HEATMAP_MAX_ROWS;
    for (size_t i = 0; i < shown; i++) {
        const gap_person *g = &r->people[i];
        const employee *e = &v->in.people[g->person];
        const char *href = link_to(req, "/employees/", e->employee_id, "/competences");
        html_printf(&resp->body, "<tr><th scope=\"row\"><a href=\"%s\">%s %s</a> "
                                 "<span translate=\"no\">(%s)</span></th><td>%s</td>"
                                 "<td class=\"num\">%lld</td>",
                    href, e->first_name, e->last_name, e->employee_id, e->function,
                    (long long)g->total_gap);
        size_t k = 0;
        for (size_t c = 0; c < r->ncompetences; c++) {
            uint32_t code = r->competences[c].competence;
            while (k < g->nlines && g->lines[k].competence < code)
                k++;
            if (k == g->nlines || g->lines[k].competence != code) {
                html_raw(&resp->body, "<td></td>");
                continue;
            }
            const gap_line *l = &g->lines[k];
            /* The numbers are in the cell, so it reads without colour and prints. */
            if (l->assessed)
                html_printf(&resp->body, "<td class=\"num %s\"><a href=\"%s#%s\">%d/%d</a></td>",
                            gap_class(l), href, v->in.codes[code], l->actual, l->required);
            else
                html_printf(&resp->body, "<td class=\"num %s\"><a href=\"%s#%s\">?/%d</a></td>",
                            gap_class(l), href, v->in.codes[code], l->required);
        }
        html_raw(&resp->body, "</tr>");
    }
    html_raw(&resp->body, "</tbody><tfoot><tr><th scope=\"row\">");
    html_printf(&resp->body, "%s</th><td></td><td class=\"num\">%lld</td>", _("Short of it"),
                (long long)r->total_gap);
    for (size_t c = 0; c < r->ncompetences; c++)
        html_printf(&resp->body, "<td class=\"num\">%lld/%lld</td>",
                    (long long)r->competences[c].short_of, (long long)r->competences[c].required);
    html_raw(&resp->body, "</tr></tfoot></table></div>");
    if (shown < r->npeople)
        html_printf(&resp->body, "<p class=\"warning\">%s</p>",
                    _("Only the first 500 people are shown (the totals count everyone): choose "
                      "a department or a function."));
}

void page_gaps(request *req, response *resp)
{
    if (req->user.role == ROLE_REPRESENTATIVE) {
        response_redirect(req, resp, "/gaps/organisation");
        return;
    }
    gaps_query q = gap_query_of(req, true);
    gaps_view v;
    str err = STR_INIT;
    group_count *depts, *funcs;
    size_t ndepts, nfuncs, ncomps;
    competence *comps;
    int rc = gaps_view_build(req->db, req->a, &q, &v, &err);
    if (rc == GAPS_BAD_REQUEST) { /* an unknown department: everyone instead */
        q.department = NULL;
        rc = gaps_view_build(req->db, req->a, &q, &v, &err);
    }
    str_free(&err);
    if (rc != GAPS_OK || departments_list(req->db, req->a, &depts, &ndepts) != STORE_OK ||
        functions_list(req->db, req->a, &funcs, &nfuncs) != STORE_OK ||
        competences_list(req->db, req->a, &comps, &ncomps) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *sort = request_query(req, "sort");
    heat_order order = {&v, sort && strcmp(sort, "gap") == 0    ? 1
                            : sort && strcmp(sort, "name") == 0 ? 2 : 0};
    int sort_key = order.key;
    qsort_r(v.report.people, v.report.npeople, sizeof *v.report.people, by_sort_key, &order);
    page_begin(req, resp, req->user.role == ROLE_MANAGER ? _("My team's competences")
                                                         : _("Competence gaps"));
    html_raw(&resp->body, "<form method=\"get\" action=\"/gaps\" class=\"filters\">");
    horizon_select(resp, q.horizon);
    name_select(resp, "department", _("Department"), depts, ndepts, q.department);
    name_select(resp, "function", _("Function"), funcs, nfuncs, q.function);
    html_printf(&resp->body, "<label for=\"sort\">%s</label><select id=\"sort\" name=\"sort\">"
                             "<option value=\"id\">%s</option><option value=\"name\"%s>%s"
                             "</option><option value=\"gap\"%s>%s</option></select>"
                             "<button>%s</button></form>",
                _("Sort by"), _("Number"), sort_key == 2 ? " selected" : "", _("Name"),
                sort_key == 1 ? " selected" : "", _("largest gap first"), _("Show"));
    html_printf(&resp->body, "<p>%s</p><p class=\"hint\">%s</p>",
                _("Each cell gives the level found in the latest assessment and the level the "
                  "function needs (2/3: level 2 found, 3 needed); ? when there is no "
                  "assessment yet. Click a cell for the person's assessments, a competence "
                  "for what develops it."),
                _("Colours: green meets the level, orange is one level short, red two or "
                  "more, grey not assessed."));
    if (req->user.role == ROLE_ADMIN)
        html_printf(&resp->body, "<p><a href=\"/gaps/organisation\">%s</a> · "
                                 "<a href=\"/competences\">%s</a></p>",
                    _("Present and needed competences per department"), _("Competences"));
    html_printf(&resp->body, "<p>%s: %lld · %s: %lld</p>", _("People"),
                (long long)v.report.npeople, _("with a gap"), (long long)v.report.with_gap);
    heatmap_table(req, resp, &v, comps);
    page_end(req, resp);
}

/* ---- /gaps/organisation ---- */

/* One department's (or the organisation's) figures per competence, both
 * horizons: how many need it and how many meet the level. */
typedef struct dept_figures {
    const char *name;
    int64_t headcount;
    int64_t *need[2], *meet[2]; /* per competence, per horizon */
    bool *shown[2];             /* per competence, per horizon: privacy */
} dept_figures;

static bool tally(arena *a, const gaps_view *v, int horizon, dept_figures *all,
                  dept_figures *per, size_t nper, const group_count *depts)
{
    for (size_t i = 0; i < v->report.npeople; i++) {
        const gap_person *g = &v->report.people[i];
        const employee *e = &v->in.people[g->person];
        dept_figures *d = NULL;
        for (size_t k = 0; k < nper; k++)
            if (strcmp(depts[k].name, e->department) == 0)
                d = &per[k];
        if (horizon == HORIZON_NOW) {
            all->headcount++;
            if (d)
                d->headcount++;
        }
        for (size_t k = 0; k < g->nlines; k++) {
            uint32_t c = g->lines[k].competence;
            bool meets = g->lines[k].gap == 0;
            all->need[horizon][c]++;
            all->meet[horizon][c] += meets;
            if (d) {
                d->need[horizon][c]++;
                d->meet[horizon][c] += meets;
            }
        }
    }
    (void)a;
    return true;
}

static bool figures_init(arena *a, dept_figures *d, const char *name, size_t ncodes)
{
    d->name = name;
    d->headcount = 0;
    for (int h = 0; h < 2; h++) {
        d->need[h] = arena_alloc(a, (ncodes + 1) * sizeof *d->need[h]);
        d->meet[h] = arena_alloc(a, (ncodes + 1) * sizeof *d->meet[h]);
        d->shown[h] = arena_alloc(a, (ncodes + 1) * sizeof *d->shown[h]);
        if (!d->need[h] || !d->meet[h] || !d->shown[h])
            return false;
        memset(d->need[h], 0, (ncodes + 1) * sizeof *d->need[h]);
        memset(d->meet[h], 0, (ncodes + 1) * sizeof *d->meet[h]);
        for (size_t c = 0; c <= ncodes; c++)
            d->shown[h][c] = true;
    }
    return true;
}

/* What a representative may read (RULES §4 for rule 9, gaps_line_shown, as
 * the API): per competence and horizon, a department's pair of figures only
 * when the people who need the competence are not few, and the whole
 * organisation's only when the departments' hidden pairs do not together
 * make a small group, which it would give away by subtraction. False when
 * out of memory. */
static bool protect_figures(arena *a, dept_figures *all, dept_figures *per, size_t nper,
                            size_t ncodes, int min_group)
{
    int64_t *heads = arena_alloc(a, (nper + 1) * sizeof *heads);
    int64_t *column = arena_alloc(a, (nper + 1) * sizeof *column);
    bool *shown = arena_alloc(a, (nper + 1) * sizeof *shown);
    if (!heads || !column || !shown)
        return false;
    for (size_t i = 0; i < nper; i++)
        heads[i] = per[i].headcount;
    for (int h = 0; h < 2; h++)
        for (size_t c = 0; c < ncodes; c++) {
            for (size_t i = 0; i < nper; i++)
                column[i] = per[i].need[h][c];
            all->shown[h][c] = gaps_line_shown(column, heads, nper, min_group, shown);
            for (size_t i = 0; i < nper; i++)
                per[i].shown[h][c] = shown[i];
        }
    return true;
}

/* The pair of figures of D for horizon H and competence C: "—" twice when
 * the privacy rule hides them. */
static void figure_pair(response *resp, const dept_figures *d, int h, size_t c)
{
    if (!d->shown[h][c])
        html_raw(&resp->body, "<td class=\"num\">—</td><td class=\"num\">—</td>");
    else
        html_printf(&resp->body, "<td class=\"num\">%lld</td><td class=\"num\">%lld</td>",
                    (long long)d->need[h][c], (long long)d->meet[h][c]);
}

static void figures_table(response *resp, const dept_figures *d, const gaps_view *v,
                          const competence *comps)
{
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table class=\"compact\"><caption>%s "
                             "(%lld)</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                d->name, (long long)d->headcount, _("Competence"), _("Needed now"),
                _("Present now"), _("Needed in 2 to 4 years"), _("Present for then"));
    for (size_t c = 0; c < v->in.ncodes; c++) {
        if (!d->need[0][c] && !d->need[1][c])
            continue;
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th>", comps[c].name);
        figure_pair(resp, d, 0, c);
        figure_pair(resp, d, 1, c);
        html_raw(&resp->body, "</tr>");
    }
    html_raw(&resp->body, "</tbody></table></div>");
}

void page_gaps_organisation(request *req, response *resp)
{
    /* Computed over everyone; what is shown follows the privacy rule below. */
    gaps_query q = {date_today(), HORIZON_NOW, NULL, NULL, ROLE_ADMIN, 0, false};
    gaps_view now, later;
    str err = STR_INIT;
    group_count *depts;
    size_t ndepts, ncomps;
    competence *comps;
    int rc = gaps_view_build(req->db, req->a, &q, &now, &err);
    q.horizon = HORIZON_FUTURE;
    if (rc == GAPS_OK)
        rc = gaps_view_build(req->db, req->a, &q, &later, &err);
    str_free(&err);
    if (rc != GAPS_OK || departments_list(req->db, req->a, &depts, &ndepts) != STORE_OK ||
        competences_list(req->db, req->a, &comps, &ncomps) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    dept_figures all, *per = arena_alloc(req->a, (ndepts + 1) * sizeof *per);
    bool ok = per && figures_init(req->a, &all, _("The whole organisation"), ncomps);
    for (size_t i = 0; ok && i < ndepts; i++)
        ok = figures_init(req->a, &per[i], depts[i].name, ncomps);
    bool representative = req->user.role == ROLE_REPRESENTATIVE;
    if (!ok || !tally(req->a, &now, HORIZON_NOW, &all, per, ndepts, depts) ||
        !tally(req->a, &later, HORIZON_FUTURE, &all, per, ndepts, depts) ||
        (representative &&
         !protect_figures(req->a, &all, per, ndepts, now.in.ncodes, now.min_group))) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Present and needed competences"));
    html_printf(&resp->body, "<p>%s</p>",
                _("Per department: how many people need each competence, and how many of them "
                  "have the level today, for what the functions need now and in two to four "
                  "years. The input for the annual training plan."));
    if (representative) {
        html_printf(&resp->body, "<p class=\"hint\">%s ",
                    _("A department with fewer people than the smallest group shown is left "
                      "out, so that no one can be recognised."));
        html_printf(&resp->body,
                    P_("A competence needed by fewer than %d person shows — instead of its "
                       "figures, and so does the whole organisation's line when the hidden "
                       "figures together concern fewer people than that: nothing can be "
                       "worked out by subtraction.",
                       "A competence needed by fewer than %d people shows — instead of its "
                       "figures, and so does the whole organisation's line when the hidden "
                       "figures together concern fewer people than that: nothing can be "
                       "worked out by subtraction.",
                       (unsigned long)now.min_group),
                    now.min_group);
        html_raw(&resp->body, "</p>");
    }
    if (!representative || !privacy_is_small(all.headcount, now.min_group))
        figures_table(resp, &all, &now, comps);
    for (size_t i = 0; i < ndepts; i++) {
        if (per[i].headcount == 0)
            continue;
        if (representative && privacy_is_small(per[i].headcount, now.min_group)) {
            html_printf(&resp->body, "<p>%s: %s</p>", per[i].name,
                        _("too few people to show on its own"));
            continue;
        }
        figures_table(resp, &per[i], &now, comps);
    }
    page_end(req, resp);
}

/* ---- /employees/:id/competences ---- */

/* True when the caller may see the employee at ROW (as page_employee). */
static bool may_see(request *req, int64_t row)
{
    if (req->user.role == ROLE_ADMIN || row == req->user.employee_row)
        return true;
    return req->user.role == ROLE_MANAGER && req->user.employee_row > 0 &&
           employees_in_team(req->db, req->user.employee_row, row);
}

/* True when the caller may assess the employee at ROW as someone else than
 * themself: HR, or their manager. */
static bool may_assess(request *req, int64_t row)
{
    if (req->user.role == ROLE_ADMIN)
        return true;
    return req->user.role == ROLE_MANAGER && row != req->user.employee_row &&
           employees_in_team(req->db, req->user.employee_row, row);
}

/* The form to record an assessment: by the manager or HR, or the
 * employee's self-assessment. */
static void assessment_form(request *req, response *resp, const employee *e, bool self,
                            const competence *comps, size_t ncomps, const import_log *log)
{
    html_printf(&resp->body, "<h2>%s</h2>",
                self ? _("Assess yourself") : _("Record an assessment"));
    form_open(req, resp, "action=\"%s\" class=\"narrow\"",
              link_to(req, "/employees/", e->employee_id, "/competences"));
    const char *code = log ? posted(req, "competence_code") : request_query(req, "competence");
    const char *level = log ? posted(req, "level") : "";
    competence_select(resp, "a-competence", comps, ncomps, code, false);
    field_problems(req, resp, log, "competence_code");
    level_select(req, resp, "a-level", "level", _("Level"),
                 *level >= '0' && *level <= '4' ? *level - '0' : 2);
    field_problems(req, resp, log, "level");
    html_printf(&resp->body, "<label for=\"a-on\">%s</label><input id=\"a-on\" "
                             "name=\"assessed_on\" value=\"%s\" required%s>",
                _("Date"), log ? posted(req, "assessed_on") : show_date(req, date_today()),
                "");
    field_problems(req, resp, log, "assessed_on");
    if (!self) {
        html_printf(&resp->body, "<label for=\"a-source\">%s</label><select id=\"a-source\" "
                                 "name=\"source\">", _("How"));
        for (int k = 0; k < vocab_assessment_source.count; k++)
            if (k != SOURCE_SELF)
                html_printf(&resp->body, "<option value=\"%s\">%s</option>",
                            vocab_assessment_source.names[k],
                            _(vocab_assessment_source.names[k]));
        html_raw(&resp->body, "</select>");
    }
    html_printf(&resp->body, "<label for=\"a-note\">%s</label><textarea id=\"a-note\" "
                             "name=\"note\" rows=\"2\">%s</textarea><button>%s</button></form>",
                _("Note"), log ? posted(req, "note") : "", _("Save"));
}

static void person_page(request *req, response *resp, const employee *e,
                        const import_log *problems)
{
    gaps_query q = {date_today(), HORIZON_NOW, NULL, NULL, ROLE_ADMIN, 0, false};
    gaps_view now, later;
    str err = STR_INIT;
    assessment *history;
    competence *comps;
    size_t nhistory, ncomps;
    int rc = gaps_view_build(req->db, req->a, &q, &now, &err);
    q.horizon = HORIZON_FUTURE;
    if (rc == GAPS_OK)
        rc = gaps_view_build(req->db, req->a, &q, &later, &err);
    str_free(&err);
    if (rc != GAPS_OK || assessments_of(req->db, req->a, e->id, &history, &nhistory) != STORE_OK ||
        competences_list(req->db, req->a, &comps, &ncomps) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str title = STR_INIT;
    str_printf(&title, "%s %s %s", _("Competences of"), e->first_name, e->last_name);
    page_begin(req, resp, str_ok(&title) ? title.p : _("Competences"));
    str_free(&title);
    static const char *const fields[] = {"competence_code", "level", "assessed_on", NULL};
    if (problems)
        form_alert(req, resp, problems, fields);
    html_printf(&resp->body, "<p>%s: %s · <a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
                _("Function"), e->function, link_to(req, "/employees/", e->employee_id, NULL),
                _("Learning record"),
                link_to(req, "/employees/", e->employee_id, "/development"),
                _("Development plan"));
    const gap_person *gn = NULL, *gf = NULL;
    for (size_t i = 0; i < now.report.npeople; i++)
        if (now.in.people[now.report.people[i].person].id == e->id)
            gn = &now.report.people[i];
    for (size_t i = 0; i < later.report.npeople; i++)
        if (later.in.people[later.report.people[i].person].id == e->id)
            gf = &later.report.people[i];
    bool staff = req->user.role & (ROLE_ADMIN | ROLE_MANAGER);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th>",
                _("What the function needs and the latest assessment"), _("Competence"),
                _("Needed now"), _("Needed in 2 to 4 years"), _("Latest assessment"),
                _("Gap now"));
    if (staff)
        html_printf(&resp->body, "<th scope=\"col\">%s</th>", _("Need"));
    html_raw(&resp->body, "</tr></thead><tbody>");
    /* Every competence the function needs now or later, by code. */
    for (size_t c = 0; c < now.in.ncodes; c++) {
        const gap_line *ln = NULL, *lf = NULL;
        for (size_t j = 0; gn && j < gn->nlines; j++)
            if (gn->lines[j].competence == c)
                ln = &gn->lines[j];
        for (size_t j = 0; gf && j < gf->nlines; j++)
            if (gf->lines[j].competence == c)
                lf = &gf->lines[j];
        if (!ln && !lf)
            continue;
        const gap_line *any = ln ? ln : lf;
        const competence *comp = &comps[c];
        html_printf(&resp->body, "<tr id=\"%s\"><th scope=\"row\"><a href=\"%s\">%s</a></th>"
                                 "<td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%d</td>",
                    comp->code, link_to(req, "/competences/", comp->code, NULL), comp->name,
                    ln ? level_text(req, ln->required) : "—",
                    lf ? level_text(req, lf->required) : "—",
                    any->assessed ? level_text(req, any->actual) : _("not assessed"),
                    ln ? ln->gap : 0);
        if (staff && ln && ln->gap > 0) {
            /* One click from a gap to a need in the register. */
            html_raw(&resp->body, "<td>");
            form_open(req, resp, "action=\"/needs\" class=\"inline\"");
            str t = STR_INIT;
            str_printf(&t, "%s %s", _("Reach the needed level of"), comp->name);
            html_printf(&resp->body, "<input type=\"hidden\" name=\"title\" value=\"%s\">"
                                     "<input type=\"hidden\" name=\"scope\" value=\"person\">"
                                     "<input type=\"hidden\" name=\"employee_id\" value=\"%s\">"
                                     "<input type=\"hidden\" name=\"competence_code\" "
                                     "value=\"%s\"><input type=\"hidden\" name=\"source\" "
                                     "value=\"profile_gap\"><input type=\"hidden\" "
                                     "name=\"priority\" value=\"medium\">"
                                     "<button class=\"secondary\">%s</button></form></td>",
                        str_ok(&t) ? t.p : comp->name, e->employee_id, comp->code,
                        _("Turn into a need"));
            str_free(&t);
        } else if (staff) {
            html_raw(&resp->body, "<td></td>");
        }
        html_raw(&resp->body, "</tr>");
    }
    html_raw(&resp->body, "</tbody></table></div>");
    /* The history: never changed, the manager's and the self-assessments side
     * by side. */
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table class=\"compact\"><caption>%s"
                             "</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("All assessments, newest first"), _("Date"), _("Competence"), _("Level"),
                _("How"), _("By"), _("Note"));
    for (size_t i = 0; i < nhistory; i++) {
        const assessment *x = &history[i];
        const competence *c = find_competence(comps, ncomps, x->competence);
        bool self = x->source == SOURCE_SELF ||
                    (x->assessor && strcmp(x->assessor, ASSESSOR_SELF) == 0);
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                                 "<td>%s</td><td>%s</td></tr>",
                    show_date(req, x->assessed_on), c ? c->name : x->competence,
                    level_text(req, x->level),
                    _(vocab_name(&vocab_assessment_source, x->source)),
                    self ? show_person(req, e->employee_id)
                         : x->assessor ? show_person(req, x->assessor) : "—",
                    x->note ? x->note : "");
    }
    if (!nhistory)
        html_printf(&resp->body, "<tr><td colspan=\"6\">%s</td></tr>", _("No assessment yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    if (may_assess(req, e->id))
        assessment_form(req, resp, e, false, comps, ncomps, problems);
    else if (e->id == req->user.employee_row)
        assessment_form(req, resp, e, true, comps, ncomps, problems);
    page_end(req, resp);
}

/* Sets form field NAME to VALUE, whatever the request carried. */
static bool form_set(request *req, const char *name, const char *value)
{
    bool found = false;
    for (size_t i = 0; i < req->form.n; i++)
        if (strcmp(req->form.v[i].name, name) == 0) {
            req->form.v[i].value = value;
            req->form.v[i].value_len = strlen(value);
            found = true;
        }
    return found || params_add(req->a, &req->form, name, value, strlen(value));
}

/* The employee of the path, when the caller may see them; else an error
 * is sent and false returned. */
static bool path_employee(request *req, response *resp, employee *e)
{
    int rc = employees_get(req->db, req->a, req->arg, e);
    if (rc == STORE_ERROR) {
        respond_error(req, resp, 500, NULL);
        return false;
    }
    if (rc != STORE_ROW || !may_see(req, e->id)) {
        respond_error(req, resp, rc == STORE_ROW ? 403 : 404, NULL);
        return false;
    }
    return true;
}

void page_person_competences(request *req, response *resp)
{
    employee e;
    if (!path_employee(req, resp, &e))
        return;
    if (strcmp(req->method, "POST") != 0) {
        person_page(req, resp, &e, NULL);
        return;
    }
    /* A manager or HR assesses; the employee only themself, as a
     * self-assessment that never replaces the manager's. */
    bool self = !may_assess(req, e.id);
    if (self && e.id != req->user.employee_row) {
        respond_error(req, resp, 403, NULL);
        return;
    }
    static const char *const columns[] = {"employee_id", "competence_code", "level",
                                          "assessed_on", "assessor", "source", "note", NULL};
    const char *assessor = self ? ASSESSOR_SELF : req->user.employee_id;
    /* The columns the caller does not choose are set here, not by the form. */
    const char *source = request_form(req, "source");
    if (!form_set(req, "assessor", assessor ? assessor : "") ||
        ((self || (source && strcmp(source, "self") == 0)) &&
         !form_set(req, "source", self ? "self" : "appraisal"))) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    import_log log;
    import_log_init(&log, req->a);
    int rc = import_form_row(req, IMPORT_ASSESSMENTS, columns, 0, e.employee_id, 0, &log);
    if (rc == IMPORT_DONE) {
        response_redirect(req, resp, link_to(req, "/employees/", e.employee_id, "/competences"));
    } else if (rc == IMPORT_REJECTED) {
        resp->status = 422;
        person_page(req, resp, &e, &log);
    } else {
        respond_error(req, resp, 500, NULL);
    }
}

void page_my_competences(request *req, response *resp)
{
    if (!req->user.employee_id) {
        page_begin(req, resp, _("My competences"));
        html_printf(&resp->body, "<p>%s</p>",
                    _("Your account is not linked to an employee, so there are no "
                      "competences to show."));
        page_end(req, resp);
        return;
    }
    response_redirect(req, resp, link_to(req, "/employees/", req->user.employee_id,
                                         "/competences"));
}

void person_competence_links(request *req, response *resp, const employee *e)
{
    html_printf(&resp->body, "<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
                link_to(req, "/employees/", e->employee_id, "/competences"),
                _("Competences and assessments"),
                link_to(req, "/employees/", e->employee_id, "/development"),
                _("Development plan"));
}
