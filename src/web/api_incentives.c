/* api_incentives.c - GET /api/v1/incentives?year=Y: HR's year of incentives
 * (app/incentives.h) as JSON, for scripts: the schemes' claims and caps, the
 * training-leave refund per employee, every claim. */
#include "web/pages.h"
#include "app/incentives.h"

void api_incentives(request *req, response *resp)
{
    incentive_year y;
    str out = STR_INIT;
    if (incentive_year_load(req->db, req->a, page_year(req, school_year_of(date_today())), &y) !=
            STORE_OK ||
        !incentive_year_json(&y, &out, false)) {
        str_free(&out);
        respond_error(req, resp, 500, NULL);
        return;
    }
    resp->status = 200;
    resp->content_type = "application/json";
    str_free(&resp->body);
    resp->body = out;
    str_putc(&resp->body, '\n');
}
