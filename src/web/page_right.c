/* page_right.c - /my/right: an employee's training right; /team/right: the
 * balances of a manager's team with who is behind; /right: the same for
 * every employee, for HR, with filters, sorting and downloads. */
#include "web/pages.h"
#include "app/export.h"
#include "core/reports.h"
#include "store/facts.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "util/map.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Under a table with a balance below zero: what that means (RULES.md 2:
 * more training than the right asks is no debt, and does not carry). */
static void negative_balance_note(response *resp)
{
    html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                _("A balance below zero under Left: more training than the right asks. It is "
                  "no debt, and it does not carry over to next year."));
}

/* Loads the facts and computes the training right of YEAR. */
static bool compute(request *req, int year, rule_settings *s, facts *f, right_report *r)
{
    if (rule_settings_load(req->db, s) != STORE_OK ||
        facts_load_right(req->db, req->a, right_first_year(year), year, true, f) != STORE_OK)
        return false;
    right_line *lines = arena_alloc(req->a, (f->npeople + 1) * sizeof *lines);
    return lines && training_right(f, s, year, lines, r);
}

static const char *days(request *req, int64_t units, const rule_settings *s)
{
    char buf[FMT_SIZE];
    if (!fmt_fraction(req->lang, units, right_unit(s), 2, buf, sizeof buf))
        return "?";
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "?";
}

void page_my_right(request *req, response *resp)
{
    int year = page_year(req, date_year(date_today()));
    rule_settings s;
    facts f;
    right_report r;
    if (!compute(req, year, &s, &f, &r)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("My training right"));
    year_form(req, resp, "/my/right", year);
    const right_line *mine = NULL;
    for (size_t i = 0; i < r.nlines; i++)
        if (f.people[r.lines[i].person].id == req->user.employee_row)
            mine = &r.lines[i];
    if (!mine) {
        html_printf(&resp->body, "<p>%s</p>",
                    _("There is no training right to show for this year: your account is not "
                      "linked to an employee, or you were not employed in it."));
        page_end(req, resp);
        return;
    }
    html_printf(&resp->body,
                "<ul class=\"cards\"><li><strong>%s</strong> %s</li><li><strong>%s</strong> %s"
                "</li><li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li></ul>",
                days(req, mine->entitlement, &s), _("days of training right this year"),
                days(req, mine->carried_in, &s), _("days carried over from last year"),
                days(req, mine->used, &s), _("days used"), days(req, mine->balance, &s),
                _("days left"));
    if (mine->balance < 0)
        html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                    _("Below zero: you learned more this year than your right asks. That is no "
                      "debt, and it does not carry over to next year."));
    html_printf(&resp->body, "<p>%s</p>",
                _("Formal and informal learning counts, in or outside working time, whatever "
                  "its result. Initial training and Flemish training leave do not."));
    /* The learning that counted. */
    learning_record *recs;
    size_t n;
    if (learning_of(req->db, req->a, req->user.employee_row, &recs, &n) == STORE_OK) {
        html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s"
                                 "</th></tr></thead><tbody>",
                    _("Learning this year"), _("Start"), _("Activity"), _("Hours"), _("Counts"));
        for (size_t i = 0; i < n; i++) {
            if (date_year(recs[i].start_date) != year)
                continue;
            bool counts = right_counts(recs[i].type, recs[i].training_leave);
            html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                     "<td>%s</td></tr>",
                        show_date(req, recs[i].start_date),
                        recs[i].title ? recs[i].title : recs[i].activity_title,
                        show_decimal(req, recs[i].hours, 2, 2),
                        counts ? _("yes")
                        : recs[i].training_leave ? _("no: training leave") : _("no: initial"));
        }
        html_raw(&resp->body, "</tbody></table></div>");
    }
    page_end(req, resp);
}

void page_team_right(request *req, response *resp)
{
    int year = page_year(req, date_year(date_today()));
    rule_settings s;
    facts f;
    right_report r;
    if (!compute(req, year, &s, &f, &r)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    employee_query q = {0};
    q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
    employee *team;
    size_t nteam, total;
    map members = MAP_INIT;
    if (employees_list(req->db, req->a, &q, &team, &nteam, &total) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* The team list has the names; the facts have the figures. */
    for (size_t i = 0; i < nteam; i++)
        map_put(&members, team[i].employee_id, strlen(team[i].employee_id), (int64_t)i);
    page_begin(req, resp, _("My team's training right"));
    year_form(req, resp, "/team/right", year);
    date_t today = date_today();
    html_printf(&resp->body, "<p>%s</p><div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead>"
                             "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("Someone is behind when they used less of this year's right than the part "
                  "of the year gone by (in the last year of a period also of the days carried "
                  "over, which lapse then)."),
                _("Training right per team member"), _("Number"), _("Name"), _("Right"),
                _("Carried over"), _("Used"), _("Left"), _("Status"));
    bool negative = false;
    for (size_t i = 0; i < r.nlines; i++) {
        const right_line *l = &r.lines[i];
        const employee *e = &f.people[l->person];
        int64_t k;
        if (!map_get(&members, e->employee_id, strlen(e->employee_id), &k))
            continue;
        bool behind = right_behind(l, year, today);
        negative |= l->balance < 0;
        html_printf(&resp->body, "<tr><td>%s</td><td>%s %s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"%s\">%s</td></tr>",
                    e->employee_id, team[k].first_name, team[k].last_name,
                    days(req, l->entitlement, &s),
                    days(req, l->carried_in, &s), days(req, l->used, &s),
                    days(req, l->balance, &s), behind ? "warning" : "",
                    behind ? _("behind") : _("on track"));
    }
    html_raw(&resp->body, "</tbody></table></div>");
    if (negative)
        negative_balance_note(resp);
    map_free(&members);
    page_end(req, resp);
}

/* ---- /right: HR's view of everyone's training right ---- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One employee on HR's page: the figures with the name and status. */
typedef struct right_row {
    const right_line *l;
    const employee *e;  /* from the facts: id and department */
    const char *name;   /* "first last" from the employee list */
    bool behind;
} right_row;

/* The columns HR can sort on, in the table's order; the keys are those of
 * the ?sort= parameter and of the export's header. */
enum { RC_ID, RC_NAME, RC_DEPARTMENT, RC_RIGHT, RC_CARRIED, RC_USED, RC_LEFT, RC_STATUS,
       RC_COUNT };
static const char *const right_columns[RC_COUNT + 1] = {
    "employee_id", "name", "department", "entitlement_days", "carried_in_days", "used_days",
    "balance_days", "status", NULL};
static const char *const right_headers[RC_COUNT] = {
    N_("Number"), N_("Name"), N_("Department"), N_("Right"), N_("Carried over"), N_("Used"),
    N_("Left"), N_("Status")};

static _Thread_local int sort_column, sort_sign; /* for compare_rows (qsort has no context) */

static int compare_int(__int128 a, __int128 b)
{
    return a < b ? -1 : a > b;
}

/* Orders two rows by the chosen column, then by employee_id. */
static int compare_rows(const void *pa, const void *pb)
{
    const right_row *a = pa, *b = pb;
    int c = 0;
    switch (sort_column) {
    case RC_NAME: c = strcmp(a->name, b->name); break;
    case RC_DEPARTMENT: c = strcmp(a->e->department, b->e->department); break;
    case RC_RIGHT: c = compare_int(a->l->entitlement, b->l->entitlement); break;
    case RC_CARRIED: c = compare_int(a->l->carried_in, b->l->carried_in); break;
    case RC_USED: c = compare_int(a->l->used, b->l->used); break;
    case RC_LEFT: c = compare_int(a->l->balance, b->l->balance); break;
    case RC_STATUS: c = compare_int(a->behind, b->behind); break;
    default: break;
    }
    if (c == 0)
        c = strcmp(a->e->employee_id, b->e->employee_id);
    return sort_sign * c;
}

/* The filters and order of the page, from the query. */
typedef struct right_view {
    int year;
    const char *department; /* NULL: every department */
    const char *status;     /* "behind", "on_track" or NULL */
    int sort;               /* RC_... */
    bool descending;
} right_view;

static void right_view_read(request *req, right_view *v)
{
    v->year = page_year(req, date_year(date_today()));
    v->department = request_query(req, "department");
    if (v->department && !*v->department)
        v->department = NULL;
    v->status = request_query(req, "status");
    if (v->status && strcmp(v->status, "behind") != 0 && strcmp(v->status, "on_track") != 0)
        v->status = NULL;
    const char *sort = request_query(req, "sort"), *dir = request_query(req, "dir");
    v->sort = RC_ID;
    for (int i = 0; sort && i < RC_COUNT; i++)
        if (strcmp(sort, right_columns[i]) == 0)
            v->sort = i;
    v->descending = dir && strcmp(dir, "desc") == 0;
}

/* The page's address for V with SORT and DESCENDING, and FORMAT when not NULL. */
static const char *right_href(request *req, const right_view *v, int sort, bool descending,
                              const char *format)
{
    str s = STR_INIT;
    str_printf(&s, "/right?year=%d", v->year);
    if (v->department) {
        str_puts(&s, "&department=");
        url_encode(&s, v->department);
    }
    if (v->status)
        str_printf(&s, "&status=%s", v->status);
    str_printf(&s, "&sort=%s&dir=%s", right_columns[sort], descending ? "desc" : "asc");
    if (format)
        str_printf(&s, "&format=%s", format);
    const char *copy = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    return copy ? copy : "/right";
}

/* The rows of R that V keeps, sorted as V asks; names from the employee list. */
static right_row *right_rows(request *req, const right_view *v, const facts *f,
                             const right_report *r, size_t *n)
{
    employee_query q = {0};
    employee *list;
    size_t nlist, total;
    right_row *rows = arena_alloc(req->a, (r->nlines + 1) * sizeof *rows);
    if (!rows || employees_list(req->db, req->a, &q, &list, &nlist, &total) != STORE_OK)
        return NULL;
    date_t today = date_today();
    size_t k = 0; /* both lists are sorted by employee_id */
    *n = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const employee *e = &f->people[r->lines[i].person];
        while (k < nlist && strcmp(list[k].employee_id, e->employee_id) < 0)
            k++;
        bool behind = right_behind(&r->lines[i], v->year, today);
        if ((v->department && strcmp(v->department, e->department) != 0) ||
            (v->status && (strcmp(v->status, "behind") == 0) != behind))
            continue;
        const char *name = "";
        if (k < nlist && strcmp(list[k].employee_id, e->employee_id) == 0) {
            str s = STR_INIT;
            str_printf(&s, "%s %s", list[k].first_name, list[k].last_name);
            name = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
            str_free(&s);
            if (!name)
                return NULL;
        }
        rows[(*n)++] = (right_row){&r->lines[i], e, name, behind};
    }
    sort_column = v->sort;
    sort_sign = v->descending ? -1 : 1;
    qsort(rows, *n, sizeof *rows, compare_rows);
    return rows;
}

/* The rows as a table of cells (days as numbers, status as its code): the
 * export's content. */
static bool right_rows_table(request *req, const right_row *rows, size_t n,
                             const rule_settings *s, report_table *t)
{
    int64_t unit = right_unit(s);
    if (!table_new(req->a, right_columns, n, t))
        return false;
    for (size_t i = 0; i < n; i++) {
        cell *c = &t->cells[i * RC_COUNT];
        const right_line *l = rows[i].l;
        c[RC_ID] = cell_text(rows[i].e->employee_id);
        c[RC_NAME] = cell_text(rows[i].name);
        c[RC_DEPARTMENT] = cell_text(rows[i].e->department);
        c[RC_RIGHT] = cell_fraction(l->entitlement, unit, 2);
        c[RC_CARRIED] = cell_fraction(l->carried_in, unit, 2);
        c[RC_USED] = cell_fraction(l->used, unit, 2);
        c[RC_LEFT] = cell_fraction(l->balance, unit, 2);
        c[RC_STATUS] = cell_text(rows[i].behind ? "behind" : "on_track");
    }
    return true;
}

/* Answers the rows as a CSV or Excel download. */
static void right_download(request *req, response *resp, const right_view *v,
                           const right_row *rows, size_t n, const rule_settings *s, int format)
{
    report_table t;
    str err = STR_INIT, base = STR_INIT;
    FILE *data = download_open();
    bool written = data && right_rows_table(req, rows, n, s, &t) &&
                   export_table(&t, (enum export_format)format, "training-right", download_write,
                                data, &err) == STORE_OK;
    str_printf(&base, "training-right-%d", v->year);
    download_send(req, resp, data, written && str_ok(&base), format, str_cstr(&base));
    str_free(&base);
    str_free(&err);
}

/* The filter form: year, department and status. */
static void right_filters(request *req, response *resp, const right_view *v, const facts *f,
                          const right_report *r)
{
    html_printf(&resp->body, "<form method=\"get\" action=\"/right\" class=\"filters\">"
                             "<label for=\"year\">%s</label><input id=\"year\" name=\"year\" "
                             "type=\"number\" min=\"1990\" max=\"2199\" value=\"%d\">"
                             "<label for=\"department\">%s</label><select id=\"department\" "
                             "name=\"department\"><option value=\"\">%s</option>",
                _("Year"), v->year, _("Department"), _("all"));
    /* The departments of the year's employees, in order, once each. */
    const char **names = arena_alloc(req->a, (r->nlines + 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; names && i < r->nlines; i++)
        names[n++] = f->people[r->lines[i].person].department;
    if (names)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; names && i < n; i++)
        if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", names[i],
                        v->department && strcmp(v->department, names[i]) == 0 ? " selected" : "",
                        names[i]);
    html_printf(&resp->body, "</select><label for=\"status\">%s</label><select id=\"status\" "
                             "name=\"status\"><option value=\"\">%s</option>"
                             "<option value=\"behind\"%s>%s</option>"
                             "<option value=\"on_track\"%s>%s</option></select>"
                             "<input type=\"hidden\" name=\"sort\" value=\"%s\">"
                             "<input type=\"hidden\" name=\"dir\" value=\"%s\">"
                             "<button>%s</button></form>",
                _("Status"), _("all"), v->status && strcmp(v->status, "behind") == 0
                                           ? " selected" : "",
                _("behind"), v->status && strcmp(v->status, "on_track") == 0 ? " selected" : "",
                _("on track"), right_columns[v->sort], v->descending ? "desc" : "asc",
                _("Show"));
}

void page_all_right(request *req, response *resp)
{
    right_view v;
    right_view_read(req, &v);
    const char *format_name = request_query(req, "format");
    int format = format_name ? export_format_find(format_name) : -1;
    if (format_name && format != EXPORT_CSV && format != EXPORT_XLSX) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    rule_settings s;
    facts f;
    right_report r;
    right_row *rows;
    size_t n;
    if (!compute(req, v.year, &s, &f, &r) || !(rows = right_rows(req, &v, &f, &r, &n))) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (format_name) {
        right_download(req, resp, &v, rows, n, &s, format);
        return;
    }
    page_begin(req, resp, _("Training right of every employee"));
    right_filters(req, resp, &v, &f, &r);
    size_t behind = 0;
    for (size_t i = 0; i < n; i++)
        behind += rows[i].behind;
    html_printf(&resp->body, "<p>%s</p><p>%s: <strong>%zu</strong> · %s: <strong>%zu</strong>"
                             "</p><p><a href=\"%s\" download>%s</a> · <a href=\"%s\" download>%s"
                             "</a></p><div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>",
                _("Someone is behind when they used less of this year's right than the part "
                  "of the year gone by (in the last year of a period also of the days carried "
                  "over, which lapse then)."),
                _("Employees shown"), n, _("behind"), behind,
                right_href(req, &v, v.sort, v.descending, "csv"), _("Download as CSV"),
                right_href(req, &v, v.sort, v.descending, "xlsx"), _("Download as Excel"),
                _("Training right per employee"));
    for (int c = 0; c < RC_COUNT; c++) {
        bool current = c == v.sort;
        bool numeric = c >= RC_RIGHT && c <= RC_LEFT;
        html_printf(&resp->body, "<th scope=\"col\" class=\"%s\" aria-sort=\"%s\"><a href=\"%s\">"
                                 "%s</a></th>", numeric ? "num" : "",
                    !current ? "none" : v.descending ? "descending" : "ascending",
                    right_href(req, &v, c, current && !v.descending, NULL), _(right_headers[c]));
    }
    html_raw(&resp->body, "</tr></thead><tbody>");
    bool negative = false;
    for (size_t i = 0; i < n; i++) {
        const right_line *l = rows[i].l;
        negative |= l->balance < 0;
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"%s\">%s</td></tr>",
                    rows[i].e->employee_id, rows[i].name, rows[i].e->department,
                    days(req, l->entitlement, &s), days(req, l->carried_in, &s),
                    days(req, l->used, &s), days(req, l->balance, &s),
                    rows[i].behind ? "warning" : "", rows[i].behind ? _("behind") : _("on track"));
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"%d\">%s</td></tr>", RC_COUNT,
                    _("Nobody matches these filters."));
    html_raw(&resp->body, "</tbody></table></div>");
    if (negative)
        negative_balance_note(resp);
    page_end(req, resp);
}
