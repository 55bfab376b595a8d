/* page_home.c - "/": the overview, different for every role. */
#include "web/pages.h"
#include "core/rules.h"
#include "store/counts.h"
#include "store/data.h"
#include "store/facts.h"
#include "util/i18n.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The overview's counts, made once per data version for every user. */
static pthread_mutex_t counts_lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t counts_version = -1;
static date_t counts_day = DATE_NONE; /* employed that day: kept for that day only */
static char counts_org[48]; /* whose counts: "" for a single organisation */
static overview_counts counts_kept;

/* The counts of organisation ORG ("" on a single organisation) for the
 * data as it is now; false on a storage error. The kept counts name their
 * organisation as well as the data version: on a site two organisations
 * can be at the same version (a restore sets one past the backup's). */
static bool current_counts(store *db, const char *org, overview_counts *out)
{
    int64_t version = store_data_version(db);
    date_t today = date_today();
    pthread_mutex_lock(&counts_lock);
    bool kept = version >= 0 && version == counts_version && today == counts_day &&
                strcmp(org, counts_org) == 0;
    if (kept)
        *out = counts_kept;
    pthread_mutex_unlock(&counts_lock);
    if (kept)
        return true;
    if (overview_counts_load(db, today, out) != STORE_OK)
        return false;
    pthread_mutex_lock(&counts_lock);
    counts_kept = *out;
    counts_day = today;
    int n = snprintf(counts_org, sizeof counts_org, "%s", org);
    counts_version = n >= 0 && (size_t)n < sizeof counts_org ? version : -1;
    pthread_mutex_unlock(&counts_lock);
    return true;
}

static void admin_overview(request *req, response *resp)
{
    overview_counts c;
    if (!current_counts(req->db, req->org ? req->org : "", &c)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    html_printf(&resp->body,
                "<ul class=\"cards\"><li><a href=\"/employees?status=active\"><strong>%s</strong> %s</a></li>"
                "<li><a href=\"/catalogue\"><strong>%s</strong> %s</a></li>"
                "<li><strong>%s</strong> %s</li></ul>",
                show_count(req, c.employees),
                P_("staff member", "staff members", (unsigned long)c.employees),
                show_count(req, c.activities),
                P_("learning activity", "learning activities", (unsigned long)c.activities),
                show_count(req, c.records), P_("entry in the learning record",
                                               "entries in the learning record",
                                               (unsigned long)c.records));
    /* a new organisation is told where to begin */
    if (c.employees == 0)
        html_printf(&resp->body, "<section class=\"notice\"><h2>%s</h2><ol><li><a "
                                 "href=\"/settings\">%s</a></li><li><a href=\"/import\">%s</a>"
                                 "</li><li><a href=\"/catalogue\">%s</a></li><li><a "
                                 "href=\"/users\">%s</a></li></ol></section>",
                    _("Getting started"),
                    _("Give the organisation its name, and check the other settings"),
                    _("Import the employees (the Import page offers a template per kind), "
                      "and the learning record so far"),
                    _("Fill the training offer: the activities people can take"),
                    _("Give the managers, employees, mentors and representatives a login"));
    html_printf(&resp->body, "<ul><li><a href=\"/reports\">%s</a></li><li><a href=\"/plans\">"
                             "%s</a></li><li><a href=\"/scans\">%s</a></li><li><a "
                             "href=\"/import\">%s</a></li></ul>",
                _("Figures: training days, the social balance sheet, who takes part"),
                _("The annual training plan and its consultation"), _("Policy scans"),
                _("Import and download data"));
}

static void representative_overview(request *req, response *resp)
{
    group_count *counts;
    size_t n;
    rule_settings settings;
    if (departments_headcount(req->db, req->a, date_today(), &counts, &n) != STORE_OK ||
        rule_settings_load(req->db, &settings) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* The departments under the privacy rule, like every figure by group. */
    participation_group *groups = arena_alloc(req->a, (n + 1) * sizeof *groups);
    for (size_t i = 0; groups && i < n; i++)
        groups[i] = (participation_group){.name = counts[i].name, .headcount = counts[i].count};
    if (!groups || !privacy_protect(groups, &n, settings.min_group, req->a)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
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
        if (groups[i].suppressed)
            html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%s</td></tr>",
                        groups[i].name, _("fewer than the minimum"));
        else
            html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%s</td></tr>",
                        groups[i].name, show_count(req, groups[i].headcount));
    }
    html_raw(&resp->body, "</tbody></table>");
}

void page_home(request *req, response *resp)
{
    page_begin(req, resp, _("Overview"));
    /* a person is welcomed by their first name; a login without an
     * employee (HR's, say) by the login */
    employee me;
    const char *name = req->user.login;
    if (req->user.employee_id &&
        employees_get(req->db, req->a, req->user.employee_id, &me) == STORE_ROW)
        name = me.first_name;
    html_printf(&resp->body, "<p>%s, %s.</p>", _("Welcome"), name);
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
        onboarding_home(req, resp);
        break;
    default:
        html_printf(&resp->body, "<p><a href=\"/my\">%s</a> · <a href=\"/catalogue\">%s</a></p>",
                    _("See what you have learned"), _("Browse the training offer"));
        onboarding_home(req, resp);
        break;
    }
    if (resp->status == 200)
        home_enrolments(req, resp);
    if (resp->status == 200)
        home_evaluation(req, resp);
    if (resp->status == 200)
        home_certifications(req, resp);
    if (resp->status == 200)
        page_end(req, resp);
}
