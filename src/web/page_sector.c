/* page_sector.c - /sector: the page of a sector account on a site (DESIGN
 * §6), for the people of a sector fund or a social secretariat who log in
 * rather than call the API. It shows what /api/v1/sector/... answers: the
 * figures of every organisation together, then by organisation, the privacy
 * rule applied in app/sector.c (small organisations combined or hidden like
 * any small group). This file only lays them out. */
#include "web/pages.h"
#include "app/sector.h"
#include "core/reports.h"
#include "util/i18n.h"
#include "util/text.h"
#include <stdlib.h>
#include <string.h>

/* What the page shows. */
typedef struct sector_page {
    request *req;
    response *resp;
} sector_page;

/* The form: the year, which report, and participation's dimension. */
static void sector_form(response *resp, const sector_query *q)
{
    bool balance = q->kind == REPORT_SOCIAL_BALANCE;
    html_printf(&resp->body,
                "<form method=\"get\" action=\"/sector\" class=\"filters\">"
                "<label for=\"year\">%s</label><input id=\"year\" name=\"year\" type=\"number\" "
                "min=\"1990\" max=\"2199\" value=\"%d\">"
                "<label for=\"report\">%s</label><select id=\"report\" name=\"report\">"
                "<option value=\"participation\"%s>%s</option>"
                "<option value=\"social-balance\"%s>%s</option></select>"
                "<label for=\"by\">%s</label><select id=\"by\" name=\"by\">",
                _("Year"), q->year, _("Report"), balance ? "" : " selected",
                _("Who takes part in learning"), balance ? " selected" : "",
                _("Social balance sheet: training"), _("Participation grouped by"));
    for (int dim = 0; dim < DIM_COUNT; dim++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", dimension_names[dim],
                    dim == q->dimension ? " selected" : "", dimension_label(dim));
    html_printf(&resp->body, "</select><button>%s</button></form>", _("Show"));
}

static bool show_participation(sector_page *pg, const sector_view *v)
{
    request *req = pg->req;
    str *body = &pg->resp->body;
    report_table whole, by_org;
    if (!sector_tables(v, req->a, &whole, &by_org))
        return false;
    html_printf(body, "<section><h2>%s</h2>", _("All organisations together"));
    if (!html_table(body, &whole, dimension_label(v->dimension), req->lang))
        return false;
    html_printf(body, "</section><section><h2>%s</h2>", _("By organisation"));
    return html_table(body, &by_org, _("Organisations"), req->lang) &&
           html_raw(body, "</section>");
}

static bool show_balance(sector_page *pg, const sector_view *v)
{
    request *req = pg->req;
    str *body = &pg->resp->body;
    report_table whole, by_org;
    if (!sector_tables(v, req->a, &whole, &by_org))
        return false;
    social_balance shown = v->balance;
    if (v->hide_x) /* the section notes X only when there are X participants */
        shown.x_participants = 0;
    /* a sector total is filed by nobody: each employer files its own */
    social_balance_section(req, pg->resp, &shown, v->min_group,
                           _("Every organisation of the site added up, laid out like the "
                             "National Bank form. Each employer files its own figures. "
                             "Amounts in euro."));
    html_printf(body, "<section><h2>%s</h2>", _("By organisation"));
    return html_table(body, &by_org, _("Organisations"), req->lang) &&
           html_raw(body, "</section>");
}

/* Lays out V (sector_show). */
static bool show_sector(const sector_view *v, void *ctx)
{
    sector_page *pg = ctx;
    html_printf(&pg->resp->body, "<p>%s</p>",
                _("The figures of every organisation of the site together, then by "
                  "organisation. An organisation with fewer people than the minimum group "
                  "is counted together with the smallest one that is large enough, or "
                  "hidden when the small ones together are large enough themselves."));
    str summary = STR_INIT;
    bool told = sector_summary(v, &summary) &&
                html_printf(&pg->resp->body, "<p>%s</p>", str_cstr(&summary));
    str_free(&summary);
    if (!told)
        return false;
    bool nobody = v->kind == REPORT_SOCIAL_BALANCE
                      ? v->nlines == 0
                      : v->part.overall.headcount == 0;
    if (nobody) { /* a table of zeros would look like figures */
        html_printf(&pg->resp->body, "<p>%s</p>",
                    _("Nobody was employed in any organisation of the site that year."));
        return true;
    }
    if (v->too_small) {
        html_printf(&pg->resp->body, "<p>%s</p>",
                    _("All organisations of the site together had fewer people that year "
                      "than the minimum group: no figure is shown, so that nobody can be "
                      "recognised."));
        return true;
    }
    return v->kind == REPORT_SOCIAL_BALANCE ? show_balance(pg, v) : show_participation(pg, v);
}

void page_sector(request *req, response *resp)
{
    const char *report = request_query(req, "report"), *by = request_query(req, "by");
    int dim = by && *by ? dimension_find(by) : DIM_GENDER;
    bool balance = report && strcmp(report, "social-balance") == 0;
    /* An address that asks for what is not there is told so, not answered
     * with other figures (a year out of range is refused by the router). */
    if ((report && *report && !balance && strcmp(report, "participation") != 0) || dim < 0) {
        const char *value = dim < 0 ? by : report;
        bool cut;
        int n = (int)utf8_prefix(value, strlen(value), ADDRESS_VALUE_SHOWN, &cut);
        const char *ellipsis = cut ? "…" : "";
        respond_error(req, resp, 400,
                      dim < 0 ? text_of(req,
                                        _("by=%.*s%s in the address is none of gender, age, "
                                          "education, category, contract, department, "
                                          "function, origin or disability"),
                                        n, value, ellipsis)
                              : text_of(req,
                                        _("report=%.*s%s in the address is neither "
                                          "participation nor social-balance"),
                                        n, value, ellipsis));
        return;
    }
    sector_query q = {.kind = balance ? REPORT_SOCIAL_BALANCE : REPORT_PARTICIPATION,
                      .year = page_year(req, date_year(date_today()) - 1),
                      .dimension = dim};
    sector_page pg = {req, resp};
    page_begin(req, resp, _("Sector figures"));
    sector_form(resp, &q);
    str err = STR_INIT;
    if (sector_report_show(req->db, &q, show_sector, &pg, &err) != REPORT_OK)
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>",
                    _("The figures could not be made just now. Please try again later."));
    page_end(req, resp);
    str_free(&err);
}
