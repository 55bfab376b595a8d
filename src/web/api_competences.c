/* api_competences.c - /api/v1/reports/gaps: the competence gaps (RULES §9)
 * in DESIGN §4's shape, holding what the caller's role may see. */
#include "web/pages.h"
#include "app/gaps.h"
#include "util/i18n.h"
#include <string.h>

/* Reads the query of REQ into Q; false with a 400 sent. */
static bool gaps_query_from(request *req, response *resp, gaps_query *q)
{
    const char *day = request_query(req, "date"), *horizon = request_query(req, "horizon");
    const char *department = request_query(req, "department");
    *q = (gaps_query){date_today(), HORIZON_NOW, department && *department ? department : NULL,
                      NULL, req->user.role, req->user.employee_row, false};
    if (day && *day && !date_parse(day, strlen(day), &q->date)) {
        respond_error(req, resp, 400, _("a day such as 2026-06-30"));
        return false;
    }
    if (horizon && *horizon &&
        (q->horizon = vocab_find(&vocab_horizon, horizon, strlen(horizon))) < 0) {
        respond_error(req, resp, 400, _("a horizon: now or future"));
        return false;
    }
    return true;
}

void api_report_gaps(request *req, response *resp)
{
    gaps_query q;
    if (!gaps_query_from(req, resp, &q))
        return;
    gaps_view v;
    str err = STR_INIT;
    int rc = gaps_view_build(req->db, req->a, &q, &v, &err);
    if (rc == GAPS_OK) {
        resp->status = 200;
        resp->content_type = "application/json";
        str_free(&resp->body);
        if (!gaps_view_json(&v, &resp->body, false) || !str_putc(&resp->body, '\n'))
            respond_error(req, resp, 500, NULL);
    } else {
        respond_error(req, resp, rc == GAPS_BAD_REQUEST ? 400 : 500,
                      rc == GAPS_BAD_REQUEST ? str_cstr(&err) : NULL);
    }
    str_free(&err);
}
