/* page_employees.c - /employees, /employees/:id and /my.
 *
 * Who sees whom: an admin everyone; a manager their direct and indirect
 * reports; an employee or mentor only themself. Representatives see no
 * personal data (the route table keeps them out). */
#include "web/pages.h"
#include "core/labels.h"
#include "core/formats.h"
#include "store/import.h"
#include "util/i18n.h"
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 50

/* A select of the N VALUES under NAME, CURRENT selected. */
static void filter_select(response *resp, const char *name, const char *label,
                          const char *const *values, size_t n, const char *const *labels,
                          const char *current)
{
    html_printf(&resp->body, "<label>%s <select name=\"%s\"><option value=\"\">%s</option>",
                label, name, _("all"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", values[i],
                    current && strcmp(current, values[i]) == 0 ? " selected" : "",
                    labels ? labels[i] : values[i]);
    html_raw(&resp->body, "</select></label>");
}

static void filter_form(request *req, response *resp, const employee_query *q,
                        const char *status)
{
    group_count *depts;
    size_t nd;
    html_printf(&resp->body,
                "<form method=\"get\" action=\"/employees\" class=\"filters\" role=\"search\">"
                "<label>%s <input name=\"q\" value=\"%s\"></label>",
                _("Name or number"), q->search ? q->search : "");
    if (departments_headcount(req->db, req->a, date_today(), &depts, &nd) == STORE_OK && nd) {
        const char **names = arena_alloc(req->a, (nd + 1) * sizeof *names);
        for (size_t i = 0; names && i < nd; i++)
            names[i] = depts[i].name;
        if (names)
            filter_select(resp, "department", _("Department"), names, nd, NULL, q->department);
    }
    html_printf(&resp->body, "<label>%s <input name=\"function\" value=\"%s\" size=\"12\">"
                             "</label>", _("Function"), q->function ? q->function : "");
    const char *cat_labels[] = {_("blue_collar"), _("white_collar")};
    filter_select(resp, "category", _("Category"), vocab_category.names, 2, cat_labels,
                  q->category);
    const char *con_labels[] = {_("permanent"), _("fixed_term"), _("student"), _("trainee")};
    filter_select(resp, "contract", _("Contract"), vocab_contract.names, 4, con_labels,
                  q->contract);
    static const char *const statuses[] = {"active", "left", "future"};
    const char *status_labels[] = {_("employed"), _("left"), _("starts later")};
    filter_select(resp, "status", _("Status"), statuses, 3, status_labels, status);
    html_printf(&resp->body, "<button>%s</button></form>", _("Search"));
}

void page_employees(request *req, response *resp)
{
    employee_query q = {0};
    q.search = request_query(req, "q");
    q.department = request_query(req, "department");
    q.function = request_query(req, "function");
    q.category = request_query(req, "category");
    q.contract = request_query(req, "contract");
    const char *status = request_query(req, "status");
    q.status = !status                          ? 0
               : strcmp(status, "active") == 0 ? 1
               : strcmp(status, "left") == 0   ? 2
               : strcmp(status, "future") == 0 ? 3
                                               : 0;
    int page = request_query(req, "page") ? atoi(request_query(req, "page")) : 1;
    if (page < 1)
        page = 1;
    q.offset = (page - 1) * PAGE_SIZE;
    q.limit = PAGE_SIZE;
    if (req->user.role == ROLE_MANAGER)
        q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
    employee *list;
    size_t n, total;
    if (employees_list(req->db, req->a, &q, &list, &n, &total) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, req->user.role == ROLE_MANAGER ? _("My team") : _("Employees"));
    filter_form(req, resp, &q, status);
    if (req->user.role == ROLE_ADMIN)
        html_printf(&resp->body, "<p><a href=\"/employees/new\">%s</a> · "
                                 "%s <a href=\"/export/employees?format=csv\">CSV</a> · "
                                 "<a href=\"/export/employees?format=xlsx\">Excel</a> · "
                                 "<a href=\"/export/employees?format=json\">JSON</a></p>",
                    _("Add an employee"), _("Download everyone:"));
    html_printf(&resp->body, "<p>%s %s", show_count(req, (int64_t)total),
                P_("employee found", "employees found", total));
    /* Everyone is listed unless a status is chosen, those who left and those
     * still to start too: the overview counts only those employed, so the
     * difference is said. */
    employee_query other = q;
    other.offset = -1; /* the count only */
    employee *none;
    size_t zero, left = 0, later = 0;
    other.status = 2;
    if (q.status == 0 && employees_list(req->db, req->a, &other, &none, &zero, &left) == STORE_OK &&
        left > 0)
        html_printf(&resp->body, ", %s",
                    text_of(req, P_("of whom %s has left", "of whom %s have left", left),
                            show_count(req, (int64_t)left)));
    other.status = 3;
    if (q.status == 0 && employees_list(req->db, req->a, &other, &none, &zero, &later) == STORE_OK &&
        later > 0)
        html_printf(&resp->body, ", %s",
                    text_of(req, P_("%s starts later", "%s start later", later),
                            show_count(req, (int64_t)later)));
    html_raw(&resp->body, "</p>");
    html_printf(&resp->body,
                "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Number"), _("Name"), _("Department"), _("Function"), _("FTE"));
    date_t today = date_today();
    for (size_t i = 0; i < n; i++) {
        str href = STR_INIT;
        str_puts(&href, "/employees/");
        url_encode(&href, list[i].employee_id);
        html_printf(&resp->body, "<tr><td><a href=\"%s\">%s</a></td><td>%s %s",
                    str_cstr(&href), list[i].employee_id, list[i].first_name, list[i].last_name);
        if (list[i].exit_date != DATE_NONE && list[i].exit_date < today)
            html_printf(&resp->body, " <span class=\"hint\">(%s)</span>",
                        text_of(req, _("employed until %s"), show_date(req, list[i].exit_date)));
        else if (list[i].hire_date > today)
            html_printf(&resp->body, " <span class=\"hint\">(%s)</span>",
                        text_of(req, _("starts on %s"), show_date(req, list[i].hire_date)));
        html_printf(&resp->body, "</td><td>%s</td><td>%s</td><td class=\"num\">%s</td></tr>",
                    list[i].department, list[i].function, show_decimal(req, list[i].fte, 4, 2));
        str_free(&href);
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>",
                    req->user.role == ROLE_ADMIN
                        ? _("Nobody here. A new organisation imports its employees on the "
                            "Import page (it offers a template), or adds them one by one.")
                        : _("Nobody here."));
    html_raw(&resp->body, "</tbody></table></div>");
    if (total > PAGE_SIZE) {
        str base = STR_INIT;
        str_puts(&base, "/employees?q=");
        url_encode(&base, q.search ? q.search : "");
        const char *keep[] = {"department", "function", "category", "contract", "status"};
        for (size_t k = 0; k < 5; k++)
            if (request_query(req, keep[k])) {
                str_printf(&base, "&%s=", keep[k]);
                url_encode(&base, request_query(req, keep[k]));
            }
        html_printf(&resp->body, "<nav class=\"pager\" aria-label=\"%s\">", _("Pages"));
        if (page > 1)
            html_printf(&resp->body, "<a href=\"%s&amp;page=%d\">%s</a> ", str_cstr(&base),
                        page - 1, _("Previous"));
        html_printf(&resp->body, "<span>%d / %zu</span>", page,
                    (total + PAGE_SIZE - 1) / PAGE_SIZE);
        if ((size_t)page * PAGE_SIZE < total)
            html_printf(&resp->body, " <a href=\"%s&amp;page=%d\">%s</a>", str_cstr(&base),
                        page + 1, _("Next"));
        html_raw(&resp->body, "</nav>");
        str_free(&base);
    }
    page_end(req, resp);
}

/* True when the caller may see the employee at ROW. */
static bool may_see(request *req, int64_t row)
{
    if (req->user.role == ROLE_ADMIN)
        return true;
    if (row == req->user.employee_row)
        return true;
    return req->user.role == ROLE_MANAGER && req->user.employee_row > 0 &&
           employees_in_team(req->db, req->user.employee_row, row);
}

static void row(response *resp, const char *label, const char *value)
{
    html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd>", label, value ? value : "—");
}

/* E's manager as "name (number)", the number alone when the name cannot be
 * read, or NULL when E has none. */
static const char *manager_text(request *req, const employee *e)
{
    employee m;
    if (!e->manager_id || employees_get(req->db, req->a, e->manager_id, &m) != STORE_ROW)
        return e->manager_id;
    str text = STR_INIT;
    str_printf(&text, "%s %s (%s)", m.first_name, m.last_name, m.employee_id);
    const char *copy = str_ok(&text) ? arena_strdup(req->a, str_cstr(&text)) : NULL;
    str_free(&text);
    return copy ? copy : e->manager_id;
}

static void show_employee(request *req, response *resp, const employee *e)
{
    learning_record *recs;
    size_t n;
    if (learning_of(req->db, req->a, e->id, &recs, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str title = STR_INIT;
    str_printf(&title, "%s %s", e->first_name, e->last_name);
    page_begin(req, resp, str_ok(&title) ? title.p : e->employee_id);
    str_free(&title);
    /* what the last deletion did, said on the page it led back to */
    const char *deleted = request_query(req, "deleted"), *saved = request_query(req, "saved");
    if (deleted && strcmp(deleted, "1") == 0)
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("The learning record was deleted; the figures no longer count it."));
    else if (saved && strcmp(saved, "1") == 0)
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("The learning record was saved; the figures count it."));
    html_raw(&resp->body, "<dl class=\"facts\">");
    row(resp, _("Number"), e->employee_id);
    row(resp, _("Department"), e->department);
    row(resp, _("Function"), e->function);
    row(resp, _("Category"), show_code(&vocab_category, e->category));
    row(resp, _("Contract"), show_code(&vocab_contract, e->contract));
    row(resp, _("FTE"), show_decimal(req, e->fte, 4, 2));
    row(resp, _("Hired on"), show_date(req, e->hire_date));
    if (e->exit_date != DATE_NONE)
        row(resp, _("Left on"), show_date(req, e->exit_date));
    row(resp, _("Email"), e->email);
    row(resp, _("Reports to"), manager_text(req, e));
    html_raw(&resp->body, "</dl>");
    person_competence_links(req, resp, e); /* page_competences.c */
    if (req->user.role == ROLE_ADMIN) {
        str href = STR_INIT;
        str_puts(&href, "/employees/");
        url_encode(&href, e->employee_id);
        str_puts(&href, "/edit");
        html_printf(&resp->body, "<p><a href=\"%s\">%s</a></p>", str_cstr(&href),
                    _("Correct the details or record leaving"));
        str_free(&href);
    }
    bool writer = req->user.role == ROLE_ADMIN ||
                  (req->user.role == ROLE_MANAGER && e->id != req->user.employee_row);
    html_printf(&resp->body, "<h2>%s</h2>", _("Learning record"));
    if (writer) {
        str href = STR_INIT;
        str_puts(&href, "/employees/");
        url_encode(&href, e->employee_id);
        str_puts(&href, "/learning");
        html_printf(&resp->body, "<p><a href=\"%s\">%s</a></p>", str_cstr(&href),
                    _("Add learning"));
        str_free(&href);
    }
    html_printf(&resp->body,
                "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
                "class=\"num\">%s</th><th scope=\"col\">%s</th>",
                _("Start"), _("Activity"), _("Type"), _("Hours"), _("Result"));
    html_raw(&resp->body, writer ? "<th scope=\"col\"></th></tr></thead><tbody>"
                                 : "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body,
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td>",
                    show_date(req, recs[i].start_date),
                    recs[i].title ? recs[i].title : recs[i].activity_title,
                    show_code(&vocab_type, recs[i].type),
                    show_decimal(req, recs[i].hours, 2, 2),
                    show_code(&vocab_result, recs[i].result));
        if (writer)
            html_printf(&resp->body, "<td><a href=\"/learning/%lld\">%s</a></td>",
                        (long long)recs[i].id, _("correct"));
        html_raw(&resp->body, "</tr>");
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>", _("Nothing yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    page_end(req, resp);
}

void page_employee(request *req, response *resp)
{
    employee e;
    int rc = employees_get(req->db, req->a, req->arg, &e);
    if (rc == STORE_ERROR) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* Not found and not allowed look the same, so ids cannot be probed. */
    if (rc != STORE_ROW || !may_see(req, e.id)) {
        respond_error(req, resp, rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    show_employee(req, resp, &e);
}

void page_my_learning(request *req, response *resp)
{
    employee e;
    if (!req->user.employee_id) {
        page_begin(req, resp, _("My learning"));
        html_printf(&resp->body, "<p>%s</p>",
                    _("Your account is not linked to an employee, so there is no learning "
                      "record to show."));
        page_end(req, resp);
        return;
    }
    int rc = employees_get(req->db, req->a, req->user.employee_id, &e);
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    show_employee(req, resp, &e);
}

/* ---- adding and correcting an employee (admin) ----
 *
 * The form is saved as a one-row employee import (form_import.c): the same
 * checks, messages, transaction and audit entry as a file. */

/* One field of the form: the import column it fills, its label, and the
 * vocabulary of a select (NULL: a text input with ATTRS). */
typedef struct employee_field {
    int column;
    const char *label; /* message id */
    const vocab *choices;
    bool required;
    const char *attrs;
    const char *hint; /* message id of a hint under the field, or NULL */
} employee_field;

#define DATE_HINT N_("day/month/year, for example 31/12/1980")

static const employee_field employee_fields[] = {
    {EC_EMPLOYEE_ID, N_("Number"), NULL, true, "autocomplete=\"off\"", NULL},
    {EC_FIRST_NAME, N_("Given name"), NULL, true, "autocomplete=\"off\"", NULL},
    {EC_LAST_NAME, N_("Surname"), NULL, true, "autocomplete=\"off\"", NULL},
    {EC_EMAIL, N_("Email"), NULL, false, "inputmode=\"email\" autocomplete=\"off\"", NULL},
    {EC_GENDER, N_("Gender"), &vocab_gender, true, NULL, NULL},
    {EC_BIRTH_DATE, N_("Born on"), NULL, true, "autocomplete=\"off\"", DATE_HINT},
    {EC_HIRE_DATE, N_("Hired on"), NULL, true, "autocomplete=\"off\"", DATE_HINT},
    {EC_EXIT_DATE, N_("Left on"), NULL, false, "autocomplete=\"off\"",
     N_("empty while employed; day/month/year")},
    {EC_DEPARTMENT, N_("Department"), NULL, true, "list=\"departments\" autocomplete=\"off\"",
     NULL},
    {EC_FUNCTION, N_("Function"), NULL, true, "list=\"functions\" autocomplete=\"off\"", NULL},
    {EC_CATEGORY, N_("Category"), &vocab_category, true, NULL, NULL},
    {EC_CONTRACT, N_("Contract"), &vocab_contract, true, NULL, NULL},
    {EC_FTE, N_("FTE"), NULL, true, "inputmode=\"decimal\" autocomplete=\"off\"",
     N_("1 for full time, 0.5 for half time")},
    {EC_EDUCATION, N_("Education"), &vocab_education, true, NULL, NULL},
    {EC_BORN_ABROAD, N_("Born outside Belgium"), &vocab_answer, false, NULL, NULL},
    {EC_DISABILITY, N_("Disability"), &vocab_answer, false, NULL, NULL},
    {EC_MANAGER_ID, N_("Reports to"), NULL, false, "autocomplete=\"off\"",
     N_("the manager's employee number; empty for none")},
    {EC_SHIFT, N_("Shift work"), &vocab_shift, false, NULL, NULL},
};
#define NFIELDS (sizeof employee_fields / sizeof *employee_fields)

/* The label of the import column COLUMN, or NULL when the form has no such field. */
static const char *field_label(const char *column)
{
    for (size_t i = 0; column && i < NFIELDS; i++)
        if (strcmp(employee_columns[employee_fields[i].column], column) == 0)
            return _(employee_fields[i].label);
    return NULL;
}

/* The form's values as EMPLOYEE_COLUMNS texts: what was posted, else E as it
 * is (dates as the reader writes them, numbers exactly), else empty. */
static void form_values(request *req, const employee *e, bool posted,
                        const char *value[EMPLOYEE_COLUMNS])
{
    cell cells[EMPLOYEE_COLUMNS];
    if (e)
        employee_cells(e, cells);
    for (int c = 0; c < EMPLOYEE_COLUMNS; c++) {
        value[c] = posted ? request_form(req, employee_columns[c]) : NULL;
        if (!posted && e) {
            if (cells[c].kind == CELL_TEXT)
                value[c] = cells[c].text;
            else if (cells[c].kind == CELL_DATE)
                value[c] = show_date(req, cells[c].date);
            else if (cells[c].kind == CELL_NUMBER) {
                /* Exactly (0.8333 stays 0.8333), written the reader's way. */
                char exact[48];
                const char *dot = table_number_text(&cells[c], exact, sizeof exact)
                                      ? strchr(exact, '.') : NULL;
                value[c] = show_decimal(req, cells[c].value, cells[c].scale,
                                        dot ? (int)strlen(dot + 1) : 0);
            }
        }
        if (!value[c])
            value[c] = "";
    }
    if (e)
        value[EC_EMPLOYEE_ID] = e->employee_id;
    else if (!posted)
        value[EC_FTE] = "1";
}

/* The problems of LOG about COLUMN, as one message beside its field. */
static void field_problems(request *req, response *resp, const import_log *log,
                           const char *column)
{
    bool any = false;
    for (size_t i = 0; log && i < log->kept; i++)
        if (log->problems[i].column && strcmp(log->problems[i].column, column) == 0) {
            if (!any)
                html_printf(&resp->body, "<p class=\"field-error\" id=\"e-%s\">", column);
            html_printf(&resp->body, "%s%s %s", any ? "; " : "", _("expected"),
                        form_expected(req, &log->problems[i]));
            any = true;
        }
    if (any)
        html_raw(&resp->body, "</p>");
}

/* Lists LOG's problems above the form, each naming its field by its label
 * and linking to it. */
static void problems_summary(request *req, response *resp, const import_log *log)
{
    html_printf(&resp->body, "<div class=\"error\" role=\"alert\"><p>%s</p><ul>",
                _("Not saved:"));
    for (size_t i = 0; i < log->kept; i++) {
        const import_problem *p = &log->problems[i];
        const char *label = field_label(p->column);
        if (label)
            html_printf(&resp->body, "<li><a href=\"#%s\">%s</a>: %s %s</li>", p->column, label,
                        _("expected"), form_expected(req, p));
        else
            html_printf(&resp->body, "<li>%s %s</li>", _("expected"), form_expected(req, p));
    }
    html_raw(&resp->body, "</ul></div>");
}

/* A <datalist> with the names of a name table, so known departments and
 * functions are offered while typing. */
static void name_datalist(request *req, response *resp, const char *id,
                          int (*list)(store *, arena *, group_count **, size_t *))
{
    group_count *names;
    size_t n;
    if (list(req->db, req->a, &names, &n) != STORE_OK)
        return; /* the list only helps typing; the field works without it */
    html_printf(&resp->body, "<datalist id=\"%s\">", id);
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<option value=\"%s\">", names[i].name);
    html_raw(&resp->body, "</datalist>");
}

/* True when LOG holds a problem with COLUMN. */
static bool has_problem(const import_log *log, const char *column)
{
    for (size_t i = 0; log && i < log->kept; i++)
        if (log->problems[i].column && strcmp(log->problems[i].column, column) == 0)
            return true;
    return false;
}

/* The attributes every field's input or select shares: required, readonly,
 * and the hint and problem it is described by. */
static void field_attrs(response *resp, const employee_field *f, bool readonly, bool bad)
{
    const char *name = employee_columns[f->column];
    if (f->required)
        html_raw(&resp->body, " required");
    if (readonly)
        html_raw(&resp->body, " readonly");
    field_described(resp, name, f->hint != NULL, bad ? "" : NULL);
    if (f->attrs) {
        html_raw(&resp->body, " ");
        html_raw(&resp->body, f->attrs);
    }
}

/* One field with its label, hint and problems. */
static void employee_field_html(request *req, response *resp, const employee_field *f,
                                const char *value, bool readonly, const import_log *log)
{
    const char *name = employee_columns[f->column];
    bool bad = has_problem(log, name);
    html_printf(&resp->body, "<label for=\"%s\">%s%s</label>", name, _(f->label),
                f->required ? " *" : "");
    if (f->choices) {
        html_printf(&resp->body, "<select id=\"%s\" name=\"%s\"", name, name);
        field_attrs(resp, f, false, bad);
        html_printf(&resp->body, "><option value=\"\">%s</option>", f->required ? "" : "—");
        for (int i = 0; i < f->choices->count; i++)
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>",
                        f->choices->names[i],
                        strcmp(value, f->choices->names[i]) == 0 ? " selected" : "",
                        show_code(f->choices, i)); /* "vrouw", as the reports say */
        html_raw(&resp->body, "</select>");
    } else {
        html_printf(&resp->body, "<input id=\"%s\" name=\"%s\" value=\"%s\"", name, name,
                    value);
        field_attrs(resp, f, readonly, bad);
        html_raw(&resp->body, ">");
    }
    if (f->hint)
        html_printf(&resp->body, "<small class=\"hint\" id=\"h-%s\">%s</small>", name,
                    _(f->hint));
    field_problems(req, resp, log, name);
}

/* The whole form, posting to ACTION; E is the employee corrected (NULL: a
 * new one). */
static void employee_form(request *req, response *resp, const char *action, const employee *e,
                          const char *const value[EMPLOYEE_COLUMNS], const import_log *log)
{
    if (log && log->kept)
        problems_summary(req, resp, log);
    html_printf(&resp->body, "<p>%s</p>", _("Fields marked * are required."));
    form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
    for (size_t i = 0; i < NFIELDS; i++) {
        const employee_field *f = &employee_fields[i];
        employee_field_html(req, resp, f, value[f->column], e && f->column == EC_EMPLOYEE_ID, log);
    }
    name_datalist(req, resp, "departments", departments_list);
    name_datalist(req, resp, "functions", functions_list);
    html_printf(&resp->body, "<button>%s</button></form>", _("Save"));
}

/* The address of the employee's page, plus TAIL. */
static const char *employee_href(request *req, const char *employee_id, const char *tail)
{
    str href = STR_INIT;
    str_puts(&href, "/employees/");
    url_encode(&href, employee_id);
    str_puts(&href, tail);
    const char *copy = str_ok(&href) ? arena_strdup(req->a, str_cstr(&href)) : NULL;
    str_free(&href);
    return copy;
}

/* Saves the posted form as a one-row import: true when it was saved (the
 * answer is then a redirect to the employee); false with the answer written
 * (an error page) or with the problems in LOG (the form to show again). */
static bool save_employee(request *req, response *resp, const char *fixed_id, import_log *log)
{
    int rc = import_form_row(req, IMPORT_EMPLOYEES, employee_columns,
                             fixed_id ? EC_EMPLOYEE_ID : -1, fixed_id, 0, log);
    if (rc == IMPORT_FAILED) {
        respond_error(req, resp, 500, NULL);
        return true;
    }
    if (rc != IMPORT_DONE)
        return false;
    const char *id = fixed_id ? fixed_id : request_form(req, "employee_id");
    const char *href = employee_href(req, id, "");
    response_redirect(req, resp, href ? href : "/employees");
    return true;
}

/* /employees/new: HR adds an employee. */
void page_employee_new(request *req, response *resp)
{
    import_log log;
    import_log_init(&log, req->a);
    bool posted = strcmp(req->method, "POST") == 0;
    if (posted) {
        /* The import updates an employee whose number it knows; a new
         * employee must not overwrite one by accident. */
        const char *id = request_form(req, "employee_id");
        int64_t existing = id && *id ? employees_row(req->db, id) : 0;
        if (existing < 0) {
            respond_error(req, resp, 500, NULL);
            return;
        }
        if (existing > 0) {
            /* Not saved, but every other field is looked at too: the form
             * tells all its problems at once, not one round each. */
            import_problem_add(&log, 2, employee_columns[EC_EMPLOYEE_ID], id, strlen(id), "%s",
                               _("a number that no other employee has"));
            if (import_form_check(req, IMPORT_EMPLOYEES, employee_columns, -1, NULL, &log) ==
                IMPORT_FAILED) {
                respond_error(req, resp, 500, NULL);
                return;
            }
        } else if (save_employee(req, resp, NULL, &log)) {
            return;
        }
    }
    const char *value[EMPLOYEE_COLUMNS];
    form_values(req, NULL, posted, value);
    page_begin(req, resp, _("Add an employee"));
    if (posted)
        resp->status = 422;
    employee_form(req, resp, "/employees/new", NULL, value, &log);
    page_end(req, resp);
}

/* The date in the posted form field COLUMN, or DATE_NONE when it is empty
 * or not a date. */
static date_t posted_date(request *req, int column)
{
    const char *text = request_form(req, employee_columns[column]);
    if (!text)
        return DATE_NONE;
    while (*text == ' ')
        text++;
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    date_t d;
    return n > 0 && date_parse(text, n, &d) ? d : DATE_NONE;
}

/* The exit date posted, when it is a date other than E's that can be saved:
 * what asks for a confirmation first. DATE_NONE when it is empty, the same,
 * not a date or before the hiring (the form then says why at once, rather
 * than after a confirmation). */
static date_t new_exit_date(request *req, const employee *e)
{
    date_t exit = posted_date(req, EC_EXIT_DATE), hire = posted_date(req, EC_HIRE_DATE);
    if (hire == DATE_NONE)
        hire = e->hire_date;
    if (exit == DATE_NONE || exit == e->exit_date || exit < hire)
        return DATE_NONE;
    return exit;
}

/* Asks HR to confirm that E leaves on EXIT, carrying the posted form in
 * hidden fields; "back" returns to the form as it was filled in. */
static void confirm_exit(request *req, response *resp, const employee *e, date_t exit)
{
    const char *action = employee_href(req, e->employee_id, "/edit");
    if (!action) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Confirm the exit date"));
    html_raw(&resp->body, "<dl class=\"facts\">");
    str name = STR_INIT;
    str_printf(&name, "%s %s (%s)", e->first_name, e->last_name, e->employee_id);
    row(resp, _("Employee"), str_ok(&name) ? str_cstr(&name) : e->employee_id);
    str_free(&name);
    row(resp, _("Left on"), show_date(req, exit));
    html_printf(&resp->body, "</dl><p>%s</p>",
                _("From the day after, they no longer count as employed: not in the headcount, "
                  "the team or the training right of later years. Their learning record stays."));
    for (int form = 0; form < 2; form++) {
        form_open(req, resp, "action=\"%s\" class=\"inline\"", action);
        for (int c = 0; c < EMPLOYEE_COLUMNS; c++) {
            const char *v = request_form(req, employee_columns[c]);
            if (v)
                html_printf(&resp->body, "<input type=\"hidden\" name=\"%s\" value=\"%s\">",
                            employee_columns[c], v);
        }
        if (form == 0)
            html_printf(&resp->body, "<button name=\"confirm\" value=\"yes\">%s</button></form>",
                        _("Yes, record the exit date"));
        else
            html_printf(&resp->body, "<button name=\"back\" value=\"yes\" class=\"secondary\">"
                                     "%s</button></form>", _("Back to the form"));
    }
    page_end(req, resp);
}

/* /employees/:id/edit: HR corrects an employee, records that they leave (or
 * clears that) and changes their manager. */
void page_employee_edit(request *req, response *resp)
{
    employee e;
    int rc = employees_get(req->db, req->a, req->arg, &e);
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    import_log log;
    import_log_init(&log, req->a);
    bool posted = strcmp(req->method, "POST") == 0;
    bool back = posted && request_form(req, "back");
    if (posted && !back) {
        const char *confirmed = request_form(req, "confirm");
        date_t exit = new_exit_date(req, &e);
        if (exit != DATE_NONE && !(confirmed && strcmp(confirmed, "yes") == 0)) {
            /* The confirmation only for a form that would be saved: its
             * problems first, all of them, rather than after the question. */
            int checked = import_form_check(req, IMPORT_EMPLOYEES, employee_columns,
                                            EC_EMPLOYEE_ID, e.employee_id, &log);
            if (checked == IMPORT_FAILED) {
                respond_error(req, resp, 500, NULL);
                return;
            }
            if (checked == IMPORT_DONE) {
                confirm_exit(req, resp, &e, exit);
                return;
            }
        } else if (save_employee(req, resp, e.employee_id, &log)) {
            return;
        }
    }
    const char *value[EMPLOYEE_COLUMNS];
    form_values(req, &e, posted, value);
    const char *action = employee_href(req, e.employee_id, "/edit");
    const char *page = employee_href(req, e.employee_id, "");
    if (!action || !page) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Correct an employee"));
    if (posted && !back)
        resp->status = 422;
    html_printf(&resp->body, "<p><a href=\"%s\">%s %s</a> (%s)</p>", page, e.first_name,
                e.last_name, e.employee_id);
    employee_form(req, resp, action, &e, value, &log);
    page_end(req, resp);
}
