/* page_home.c - "/": the overview, different for every role. */
#include "web/pages.h"
#include "util/i18n.h"
#include <stdlib.h>

/* The smallest group representatives may see (a setting, never below 5). */
static int64_t min_group(request *req)
{
    str v = STR_INIT;
    int64_t n = 5;
    if (settings_get(req->db, "min_group", &v) == STORE_ROW && atoll(str_cstr(&v)) > 5)
        n = atoll(str_cstr(&v));
    str_free(&v);
    return n;
}

static void admin_overview(request *req, response *resp)
{
    html_printf(&resp->body,
                "<ul class=\"cards\"><li><a href=\"/employees\"><strong>%lld</strong> %s</a></li>"
                "<li><a href=\"/catalogue\"><strong>%lld</strong> %s</a></li>"
                "<li><strong>%lld</strong> %s</li></ul>",
                (long long)employees_count(req->db), _("employees"),
                (long long)activities_count(req->db), _("learning activities"),
                (long long)learning_count(req->db), _("entries in the learning record"));
    html_printf(&resp->body, "<ul><li><a href=\"/reports\">%s</a></li><li><a href=\"/plans\">"
                             "%s</a></li><li><a href=\"/scans\">%s</a></li><li><a "
                             "href=\"/import\">%s</a></li></ul>",
                _("Figures: training days, the social balance sheet, who takes part"),
                _("The annual training plan and its consultation"), _("Policy scans"),
                _("Import and download data"));
}

static void representative_overview(request *req, response *resp)
{
    group_count *groups;
    size_t n;
    if (departments_headcount(req->db, req->a, date_today(), &groups, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    int64_t min = min_group(req);
    /* The links first: a list cannot stand inside the table. */
    html_printf(&resp->body, "<ul><li><a href=\"/reports\">%s</a></li><li><a href=\"/plans\">"
                             "%s</a></li><li><a href=\"/scans\">%s</a></li></ul>",
                _("Figures: training days, the social balance sheet, who takes part"),
                _("The annual training plan and its consultation"), _("Policy scans"));
    html_printf(&resp->body, "<p>%s</p><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "</tr></thead><tbody>",
                _("You see figures for groups only, never for one person. Groups smaller than "
                  "the minimum size are hidden."),
                _("Staff per department today"), _("Department"), _("Headcount"));
    for (size_t i = 0; i < n; i++) {
        if (groups[i].count < min)
            html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%s</td></tr>",
                        groups[i].name, _("fewer than the minimum"));
        else
            html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%lld</td></tr>",
                        groups[i].name, (long long)groups[i].count);
    }
    html_raw(&resp->body, "</tbody></table>");
}

void page_home(request *req, response *resp)
{
    page_begin(req, resp, _("Overview"));
    html_printf(&resp->body, "<p>%s, %s.</p>", _("Welcome"), req->user.login);
    switch (req->user.role) {
    case ROLE_ADMIN:
        admin_overview(req, resp);
        break;
    case ROLE_REPRESENTATIVE:
        representative_overview(req, resp);
        break;
    case ROLE_MANAGER:
        html_printf(&resp->body, "<ul><li><a href=\"/employees\">%s</a></li><li><a "
                                 "href=\"/team/right\">%s</a></li><li><a href=\"/team/claims\">"
                                 "%s</a></li></ul>",
                    _("See your team and what they learn"),
                    _("Who is behind on their training right"), _("Learning to confirm"));
        break;
    default:
        html_printf(&resp->body, "<p><a href=\"/my\">%s</a> · <a href=\"/catalogue\">%s</a></p>",
                    _("See what you have learned"), _("Browse the training offer"));
        break;
    }
    if (resp->status == 200)
        page_end(req, resp);
}
