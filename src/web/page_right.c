/* page_right.c - /my/right: an employee's training right, and /team/right:
 * the balances of a manager's team with who is behind. */
#include "web/pages.h"
#include "core/policy.h"
#include "core/reports.h"
#include "store/facts.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "util/map.h"
#include <string.h>

/* Loads the facts and computes the training right of YEAR. */
static bool compute(request *req, int year, rule_settings *s, facts *f, right_report *r)
{
    int period = policy_right_period(year);
    int first = period && policy_carries_over(year) ? period : year;
    if (rule_settings_load(req->db, s) != STORE_OK ||
        facts_load(req->db, req->a, first, year, f) != STORE_OK)
        return false;
    right_line *lines = arena_alloc(req->a, (f->npeople + 1) * sizeof *lines);
    return lines && training_right(f, s, year, lines, r);
}

static const char *days(request *req, int64_t units, const rule_settings *s)
{
    char buf[FMT_SIZE];
    if (!fmt_fraction(req->lang, units, right_unit(s), 2, buf, sizeof buf))
        return "?";
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "?";
}

void page_my_right(request *req, response *resp)
{
    int year = page_year(req, date_year(date_today()));
    rule_settings s;
    facts f;
    right_report r;
    if (!compute(req, year, &s, &f, &r)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("My training right"));
    year_form(req, resp, "/my/right", year);
    const right_line *mine = NULL;
    for (size_t i = 0; i < r.nlines; i++)
        if (f.people[r.lines[i].person].id == req->user.employee_row)
            mine = &r.lines[i];
    if (!mine) {
        html_printf(&resp->body, "<p>%s</p>",
                    _("There is no training right to show for this year: your account is not "
                      "linked to an employee, or you were not employed in it."));
        page_end(req, resp);
        return;
    }
    html_printf(&resp->body,
                "<ul class=\"cards\"><li><strong>%s</strong> %s</li><li><strong>%s</strong> %s"
                "</li><li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li></ul>",
                days(req, mine->entitlement, &s), _("days of training right this year"),
                days(req, mine->carried_in, &s), _("days carried over from last year"),
                days(req, mine->used, &s), _("days used"), days(req, mine->balance, &s),
                _("days left"));
    html_printf(&resp->body, "<p>%s</p>",
                _("Formal and informal learning counts, in or outside working time, whatever "
                  "its result. Initial training and Flemish training leave do not."));
    /* The learning that counted. */
    learning_record *recs;
    size_t n;
    if (learning_of(req->db, req->a, req->user.employee_row, &recs, &n) == STORE_OK) {
        html_printf(&resp->body, "<div class=\"scroll\"><table><caption>%s</caption><thead><tr>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s"
                                 "</th></tr></thead><tbody>",
                    _("Learning this year"), _("Start"), _("Activity"), _("Hours"), _("Counts"));
        for (size_t i = 0; i < n; i++) {
            if (date_year(recs[i].start_date) != year)
                continue;
            bool counts = recs[i].type != TYPE_INITIAL && !recs[i].training_leave;
            html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                     "<td>%s</td></tr>",
                        show_date(req, recs[i].start_date),
                        recs[i].title ? recs[i].title : recs[i].activity_title,
                        show_decimal(req, recs[i].hours, 2, 2),
                        counts ? _("yes")
                        : recs[i].training_leave ? _("no: training leave") : _("no: initial"));
        }
        html_raw(&resp->body, "</tbody></table></div>");
    }
    page_end(req, resp);
}

void page_team_right(request *req, response *resp)
{
    int year = page_year(req, date_year(date_today()));
    rule_settings s;
    facts f;
    right_report r;
    if (!compute(req, year, &s, &f, &r)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    employee_query q = {0};
    q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
    employee *team;
    size_t nteam, total;
    map members = MAP_INIT;
    if (employees_list(req->db, req->a, &q, &team, &nteam, &total) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* The team list has the names; the facts have the figures. */
    for (size_t i = 0; i < nteam; i++)
        map_put(&members, team[i].employee_id, strlen(team[i].employee_id), (int64_t)i);
    page_begin(req, resp, _("My team's training right"));
    year_form(req, resp, "/team/right", year);
    /* Behind: less used than the share of the year gone by asks for. */
    date_t today = date_today();
    int elapsed = year < date_year(today) ? 12 : year > date_year(today) ? 0
                : date_months_employed(date_from_ymd(year, 1, 1), today, year);
    html_printf(&resp->body, "<p>%s</p><div class=\"scroll\"><table><caption>%s</caption><thead>"
                             "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("Someone is behind when they used less of their right than the part of the "
                  "year gone by."),
                _("Training right per team member"), _("Number"), _("Name"), _("Right"),
                _("Carried over"), _("Used"), _("Left"), _("Status"));
    for (size_t i = 0; i < r.nlines; i++) {
        const right_line *l = &r.lines[i];
        const employee *e = &f.people[l->person];
        int64_t k;
        if (!map_get(&members, e->employee_id, strlen(e->employee_id), &k))
            continue;
        __int128 due = ((__int128)l->entitlement + l->carried_in) * elapsed / 12;
        bool behind = l->used < due;
        html_printf(&resp->body, "<tr><td>%s</td><td>%s %s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"%s\">%s</td></tr>",
                    e->employee_id, team[k].first_name, team[k].last_name,
                    days(req, l->entitlement, &s),
                    days(req, l->carried_in, &s), days(req, l->used, &s),
                    days(req, l->balance, &s), behind ? "warning" : "",
                    behind ? _("behind") : _("on track"));
    }
    html_raw(&resp->body, "</tbody></table></div>");
    map_free(&members);
    page_end(req, resp);
}
