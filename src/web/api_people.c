/* api_people.c - /api/v1/me and /api/v1/employees. */
#include "web/pages.h"
#include "core/formats.h"
#include <stdlib.h>

void api_me(request *req, response *resp)
{
    respond_json(req, resp, 200,
                 json_pack("{s:s, s:s, s:o, s:s}", "login", req->user.login, "role",
                           role_name(req->user.role), "employee_id",
                           req->user.employee_id ? json_string(req->user.employee_id)
                                                 : json_null(),
                           "lang", req->lang));
}

/* Reads ?limit= and ?offset= (defaults 100 and 0; limit at most 1000). */
static void paging(request *req, int *offset, int *limit)
{
    const char *o = request_query(req, "offset"), *l = request_query(req, "limit");
    *offset = o ? atoi(o) : 0;
    *limit = l ? atoi(l) : 100;
    if (*offset < 0)
        *offset = 0;
    if (*limit < 1 || *limit > 1000)
        *limit = *limit < 1 ? 100 : 1000;
}

void api_employees(request *req, response *resp)
{
    employee_query q = {0};
    q.search = request_query(req, "q");
    q.department = request_query(req, "department");
    paging(req, &q.offset, &q.limit);
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
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, employee_json(&list[i]));
    respond_json(req, resp, 200,
                 json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total,
                           "offset", q.offset, "limit", q.limit));
}
