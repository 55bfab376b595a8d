/* api_data.c - writing through the API (POST /api/v1/employees, activities,
 * learning) and reading the catalogue and the learning record. A POST body
 * is one JSON object or an array of them with the fields of the import file;
 * it goes through the very same validation as an import, all or nothing. */
#include "web/pages.h"
#include "core/formats.h"
#include "store/import.h"
#include "util/i18n.h"
#include "util/map.h"
#include <stdlib.h>
#include <string.h>

json_t *import_problems_json(const struct import_log *log, bool items)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < log->kept; i++) {
        const import_problem *p = &log->problems[i];
        json_array_append_new(
            list, json_pack("{s:I, s:o, s:o, s:s}", items ? "item" : "line",
                            (json_int_t)(items ? p->line - 1 : p->line), "column",
                            p->column ? json_string(p->column) : json_null(), "value",
                            p->value ? json_string(p->value) : json_null(), "expected",
                            p->expected));
    }
    return list;
}

/* The manager may write only for their team, not for themself: nobody
 * confirms their own learning (it goes through /my/log), as on the pages. */
static bool team_may_write(request *req, json_t *body)
{
    if (req->user.role == ROLE_ADMIN)
        return true;
    employee_query q = {0};
    q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
    employee *team;
    size_t n, total;
    if (employees_list(req->db, req->a, &q, &team, &n, &total) != STORE_OK)
        return false;
    map members = MAP_INIT;
    for (size_t i = 0; i < n; i++)
        map_put(&members, team[i].employee_id, strlen(team[i].employee_id), 1);
    json_t *list = json_is_array(body) ? body : NULL;
    size_t count = list ? json_array_size(list) : 1;
    bool ok = true;
    for (size_t i = 0; ok && i < count; i++) {
        json_t *item = list ? json_array_get(list, i) : body;
        const char *id = json_string_value(json_object_get(item, "employee_id"));
        int64_t one;
        ok = id && map_get(&members, id, strlen(id), &one);
    }
    map_free(&members);
    return ok;
}

static void api_post(request *req, response *resp, import_kind kind, const char *const *columns)
{
    json_error_t jerr;
    json_t *body = req->body ? json_loadb(req->body, req->body_len, 0, &jerr) : NULL;
    if (!body) {
        str msg = STR_INIT;
        str_printf(&msg, _("the body is not JSON (line %d, column %d: %s)"),
                   req->body ? jerr.line : 0, req->body ? jerr.column : 0,
                   req->body ? jerr.text : "empty");
        respond_error(req, resp, 400, str_cstr(&msg));
        str_free(&msg);
        return;
    }
    if (kind == IMPORT_LEARNING && !team_may_write(req, body)) {
        json_decref(body);
        respond_error(req, resp, 403, _("you may add learning for your own team only"));
        return;
    }
    str csv = STR_INIT, err = STR_INIT;
    bool shaped = table_csv_from_json(body, columns, &csv, &err);
    json_decref(body);
    if (!shaped) {
        respond_error(req, resp, 422, str_cstr(&err));
        str_free(&csv);
        str_free(&err);
        return;
    }
    import_input in = {kind, "request", csv.p, csv.len};
    import_options opt = {req->user.login, 0, 0, NULL, NULL};
    import_log log;
    import_log_init(&log, req->a);
    import_counts counts[IMPORT_KINDS];
    int rc = import_run(req->db, &in, 1, &opt, &log, counts, &err);
    if (rc == IMPORT_DONE) {
        const import_counts *c = &counts[kind];
        respond_json(req, resp, 201,
                     json_pack("{s:I, s:I, s:I}", "created", (json_int_t)c->created, "updated",
                               (json_int_t)c->updated, "unchanged", (json_int_t)c->unchanged));
    } else if (rc == IMPORT_REJECTED) {
        respond_json(req, resp, 422,
                     json_pack("{s:{s:i, s:s, s:I, s:o}}", "error", "status", 422, "message",
                               _("nothing was saved: some items are not valid"), "problems_total",
                               (json_int_t)log.total, "problems",
                               import_problems_json(&log, true)));
    } else {
        respond_error(req, resp, 500, NULL);
    }
    str_free(&csv);
    str_free(&err);
}

void api_post_employees(request *req, response *resp)
{
    api_post(req, resp, IMPORT_EMPLOYEES, employee_columns);
}

void api_post_activities(request *req, response *resp)
{
    api_post(req, resp, IMPORT_ACTIVITIES, activity_columns);
}

void api_post_learning(request *req, response *resp)
{
    api_post(req, resp, IMPORT_LEARNING, learning_columns);
}

/* Reads ?offset= and ?limit= (defaults 0 and 100; limit at most 1000). */
void api_paging(request *req, int *offset, int *limit)
{
    const char *o = request_query(req, "offset"), *l = request_query(req, "limit");
    *offset = o ? atoi(o) : 0;
    *limit = l ? atoi(l) : 100;
    if (*offset < 0)
        *offset = 0;
    if (*limit < 1)
        *limit = 100;
    if (*limit > 1000)
        *limit = 1000;
}

void api_activities(request *req, response *resp)
{
    activity *list;
    size_t n;
    if (activities_list(req->db, req->a, &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *type = request_query(req, "type"), *form = request_query(req, "form");
    int offset, limit;
    api_paging(req, &offset, &limit);
    json_t *items = json_array();
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if ((type && strcmp(type, vocab_name(&vocab_type, list[i].type)) != 0) ||
            (form && strcmp(form, vocab_name(&vocab_form, list[i].form)) != 0))
            continue;
        if (total >= (size_t)offset && total < (size_t)offset + (size_t)limit)
            json_array_append_new(items, activity_json(&list[i]));
        total++;
    }
    respond_json(req, resp, 200,
                 json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total,
                           "offset", offset, "limit", limit));
}

void api_learning(request *req, response *resp)
{
    learning_query q = {0};
    const char *year = request_query(req, "year"), *who = request_query(req, "employee_id");
    q.year = year ? atoi(year) : 0;
    api_paging(req, &q.offset, &q.limit);
    if (who) {
        int64_t row = employees_row(req->db, who);
        q.employee_row = row > 0 ? row : -1;
    }
    if (req->user.role == ROLE_MANAGER)
        q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
    else if (req->user.role != ROLE_ADMIN)
        q.employee_row = req->user.employee_row > 0 ? req->user.employee_row : -1;
    learning_record *list;
    size_t n, total;
    if (learning_list(req->db, req->a, &q, &list, &n, &total) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, learning_json(&list[i]));
    respond_json(req, resp, 200,
                 json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total,
                           "offset", q.offset, "limit", q.limit));
}
