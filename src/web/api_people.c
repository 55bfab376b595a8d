/* api_people.c - /api/v1/me and /api/v1/employees. */
#include "web/pages.h"
#include "core/formats.h"
#include <stdlib.h>

/* The caller, and the organisation its token or session works in: its slug
 * on a PostgreSQL site (null on a SQLite file) and its name as pages show it
 * (null when it has none). */
void api_me(request *req, response *resp)
{
    const char *name = org_display_name(req);
    respond_json(req, resp, 200,
                 json_pack("{s:s, s:s, s:o, s:s, s:{s:o, s:o}}", "login", req->user.login,
                           "role", role_name(req->user.role), "employee_id",
                           req->user.employee_id ? json_string(req->user.employee_id)
                                                 : json_null(),
                           "lang", req->lang, "organisation", "slug",
                           req->org ? json_string(req->org) : json_null(), "name",
                           name ? json_string(name) : json_null()));
}

void api_employees(request *req, response *resp)
{
    employee_query q = {0};
    q.search = request_query(req, "q");
    q.department = request_query(req, "department");
    api_paging(req, &q.offset, &q.limit);
    if (req->user.role == ROLE_MANAGER)
        q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
    else if (req->user.role != ROLE_ADMIN)
        q.only = req->user.employee_row > 0 ? req->user.employee_row : -1;
    employee *list;
    size_t n, total;
    if (employees_list(req->db, req->a, &q, &list, &n, &total) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *item = employee_json(&list[i]);
        /* Born abroad and a disability are sensitive (DESIGN §1): HR's and
         * the person's own, counted in reports, never shown to a manager,
         * as the pages do not show them either. */
        if (item && req->user.role != ROLE_ADMIN && list[i].id != req->user.employee_row) {
            json_object_del(item, "born_abroad");
            json_object_del(item, "disability");
        }
        json_array_append_new(items, item);
    }
    respond_json(req, resp, 200,
                 json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total,
                           "offset", q.offset, "limit", q.limit));
}
