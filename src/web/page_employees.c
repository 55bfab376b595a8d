/* page_employees.c - /employees, /employees/:id and /my.
 *
 * Who sees whom: an admin everyone; a manager their direct and indirect
 * reports; an employee or mentor only themself. Representatives see no
 * personal data (the route table keeps them out). */
#include "web/pages.h"
#include "core/labels.h"
#include "core/formats.h"
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
    static const char *const statuses[] = {"active", "left"};
    const char *status_labels[] = {_("employed"), _("left")};
    filter_select(resp, "status", _("Status"), statuses, 2, status_labels, status);
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
    q.status = status && strcmp(status, "active") == 0 ? 1 : status && strcmp(status, "left") == 0
                                                                 ? 2 : 0;
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
        html_printf(&resp->body, "<p>%s <a href=\"/export/employees?format=csv\">CSV</a> · "
                                 "<a href=\"/export/employees?format=xlsx\">Excel</a> · "
                                 "<a href=\"/export/employees?format=json\">JSON</a></p>",
                    _("Download everyone:"));
    html_printf(&resp->body, "<p>%s %s</p>", show_count(req, (int64_t)total),
                P_("employee found", "employees found", total));
    html_printf(&resp->body,
                "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Number"), _("Name"), _("Department"), _("Function"), _("FTE"));
    for (size_t i = 0; i < n; i++) {
        str href = STR_INIT;
        str_puts(&href, "/employees/");
        url_encode(&href, list[i].employee_id);
        html_printf(&resp->body,
                    "<tr><td><a href=\"%s\">%s</a></td><td>%s %s</td><td>%s</td><td>%s</td>"
                    "<td class=\"num\">%s</td></tr>",
                    str_cstr(&href), list[i].employee_id, list[i].first_name, list[i].last_name,
                    list[i].department, list[i].function, show_decimal(req, list[i].fte, 4, 2));
        str_free(&href);
    }
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
    html_raw(&resp->body, "</dl>");
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
                "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">%s</th>"
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
