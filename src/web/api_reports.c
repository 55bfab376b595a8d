/* api_reports.c - /api/v1/reports/:kind, the same shapes as the CLI's, each
 * holding what the caller's role may see. */
#include "web/pages.h"
#include "app/reports.h"
#include "util/i18n.h"
#include <stdlib.h>

/* Reads the query of REQ into Q for the caller; false with an error sent. */
static bool report_query_from(request *req, response *resp, report_kind kind, report_query *q)
{
    const char *year = request_query(req, "year"), *by = request_query(req, "by");
    const char *min = request_query(req, "min_group");
    *q = (report_query){kind, year ? atoi(year) : 0, by ? dimension_find(by) : -1,
                        min ? atoi(min) : 0, req->user.role, req->user.employee_row, REPORT_JSON,
                        false};
    if (kind == REPORT_PARTICIPATION && !by) {
        respond_error(req, resp, 400, _("a dimension (by=gender, age, ...) is needed"));
        return false;
    }
    return true;
}

void api_report(request *req, response *resp)
{
    int kind = report_kind_find(req->arg);
    if (kind < 0) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    report_query q;
    if (!report_query_from(req, resp, (report_kind)kind, &q))
        return;
    report_output out;
    str err = STR_INIT;
    int rc = report_build(req->db, req->a, &q, &out, &err);
    if (rc == REPORT_OK) {
        resp->status = 200;
        resp->content_type = "application/json";
        str_free(&resp->body);
        resp->body = out.json;
        str_putc(&resp->body, '\n');
    } else
        respond_error(req, resp, rc == REPORT_BAD_REQUEST ? 400 : rc == REPORT_FORBIDDEN ? 403
                                                                                        : 500,
                      rc == REPORT_BAD_REQUEST ? str_cstr(&err) : NULL);
    str_free(&err);
}
