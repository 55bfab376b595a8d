/* page_onboarding.c - onboarding with a mentor and workplace learning made
 * visible (issue 14): the onboarding report's API, the overview per role
 * (HR's compliance list, a manager's team, the representatives' figures, a
 * mentor's newcomers), mentor assignments, trajectories with their
 * sign-off, monthly reviews, communities of practice and job rotation. */
#include "web/pages.h"
#include "app/onboarding.h"
#include "core/formats.h"
#include "core/import.h"
#include "core/labels.h"
#include "store/facts.h"
#include "store/import.h"
#include "store/onboarding.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- GET /api/v1/reports/onboarding?date=D ---- */

void api_onboarding_report(request *req, response *resp)
{
    onboarding_query q = {DATE_NONE, req->user.role, req->user.employee_row, REPORT_JSON, false};
    const char *date = request_query(req, "date");
    if (date && *date && !date_parse(date, strlen(date), &q.date)) {
        respond_error(req, resp, 400, _("a date such as 2026-06-30"));
        return;
    }
    report_output out;
    str err = STR_INIT;
    int rc = onboarding_report_build(req->db, req->a, &q, &out, &err);
    if (rc == REPORT_OK) {
        resp->status = 200;
        resp->content_type = "application/json";
        str_free(&resp->body);
        resp->body = out.json;
        str_putc(&resp->body, '\n');
    } else {
        respond_error(req, resp, rc == REPORT_FORBIDDEN ? 403 : 500, NULL);
    }
    str_free(&err);
}

/* ---- shared pieces ---- */

/* The form's value of NAME, or "". */
static const char *form_value(request *req, const char *name)
{
    const char *v = request_form(req, name);
    return v ? v : "";
}

/* PROBLEM when the refused form was the one with id HERE (REFUSED), else
 * NULL: a page with several forms shows one of them again as typed. */
static const char *refused_form(const char *problem, const char *refused, const char *here)
{
    return problem && refused && strcmp(refused, here) == 0 ? problem : NULL;
}

/* An hours field ("1,5") in hundredths; false when it is not a number of
 * hours from MIN (hundredths) to 1,000. */
static bool hours_of(const char *text, int64_t min, int64_t *out)
{
    return text && decimal_parse(text, strlen(text), 2, out) == DECIMAL_OK && *out >= min &&
           *out <= 100000;
}

/* A date field; false when it is not a date. */
static bool date_of(const char *text, date_t *out)
{
    return text && date_parse(text, strlen(text), out);
}

/* Runs one change: store_begin, WORK(req, ctx), store_end. The status. */
static int in_transaction(request *req, int (*work)(request *req, void *ctx), void *ctx)
{
    if (store_begin(req->db) != STORE_OK)
        return STORE_ERROR;
    return store_end(req->db, work(req, ctx));
}

/* What the caller may do with the onboarding of the newcomer at ROW. */
enum {
    MAY_SEE = 1,      /* the page */
    MAY_MANAGE = 2,   /* HR or the newcomer's manager: trajectory, document */
    MAY_REVIEW = 4,   /* HR, the manager, a mentor or the newcomer: monthly reviews */
    IS_NEWCOMER = 8,  /* the newcomer themself */
    IS_MENTOR = 16    /* a mentor guiding them today */
};

/* The caller's rights on the newcomer at ROW; -1 on a storage error. */
static int rights_on(request *req, int64_t row)
{
    int r = 0;
    int64_t self = req->user.employee_row;
    if (req->user.role == ROLE_ADMIN)
        r |= MAY_SEE | MAY_MANAGE | MAY_REVIEW;
    if (req->user.role == ROLE_MANAGER && self > 0 && employees_in_team(req->db, self, row))
        r |= MAY_SEE | MAY_MANAGE | MAY_REVIEW;
    if (self > 0 && self == row) /* the review is the newcomer's conversation too */
        r |= MAY_SEE | MAY_REVIEW | IS_NEWCOMER;
    if (self > 0 && self != row) {
        int guides = mentors_guides(req->db, self, row, date_today());
        if (guides < 0)
            return -1;
        if (guides)
            r |= MAY_SEE | MAY_REVIEW | IS_MENTOR;
    }
    return r;
}

/* The employee of the :id segment: STORE_ROW with *e, or the page answered. */
static bool newcomer_of_path(request *req, response *resp, employee *e)
{
    int rc = req->arg ? employees_get(req->db, req->a, req->arg, e) : STORE_DONE;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return false;
    }
    return true;
}

/* ---- GET /onboarding: the overview per role ---- */

/* How far the trajectory of EMPLOYEE_ID is: "2 of 6 modules", or that there
 * is none; NULL on a storage error. */
static const char *trajectory_progress(request *req, const char *employee_id)
{
    int64_t row = employees_row(req->db, employee_id);
    trajectory t;
    int rc = row > 0 ? trajectory_get(req->db, req->a, row, &t) : STORE_ERROR;
    if (rc == STORE_ERROR)
        return NULL;
    if (rc != STORE_ROW)
        return _("no trajectory yet");
    int done = 0;
    for (size_t k = 0; k < t.nmodules; k++) {
        module_signoff m = {t.modules[k].safety, t.modules[k].week, t.modules[k].mentor_signed,
                            t.modules[k].newcomer_signed};
        done += onboarding_module_complete(&m);
    }
    /* plural by the modules there are: "1 of 1 module" */
    return text_of(req, P_("%d of %zu module", "%d of %zu modules", t.nmodules), done,
                   t.nmodules);
}

/* The compliance list (HR) or the team's newcomers (a manager): rule 7 on
 * today, each newcomer linked to their trajectory. */
static bool compliance_list(request *req, response *resp)
{
    onboarding_query q = {DATE_NONE, req->user.role, req->user.employee_row, REPORT_JSON, false};
    report_output out;
    str err = STR_INIT;
    int rc = onboarding_report_build(req->db, req->a, &q, &out, &err);
    str_free(&err);
    if (rc != REPORT_OK)
        return false;
    json_error_t jerr;
    json_t *doc = json_loadb(out.json.p, out.json.len, 0, &jerr);
    str_free(&out.json);
    if (!doc)
        return false;
    json_t *totals = json_object_get(doc, "totals");
    html_printf(&resp->body, "<ul class=\"cards\"><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li></ul>",
                show_count(req, json_integer_value(json_object_get(totals, "newcomers"))),
                P_("newcomer", "newcomers",
                   (unsigned long)json_integer_value(json_object_get(totals, "newcomers"))),
                show_count(req, json_integer_value(json_object_get(totals, "with_mentor"))),
                _("with a mentor"),
                show_count(req, json_integer_value(json_object_get(totals, "late"))),
                _("mentor assigned late"),
                show_count(req, json_integer_value(json_object_get(totals, "inexperienced"))),
                _("mentor with too little service"));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
                             "</thead><tbody>",
                req->user.role == ROLE_ADMIN ? _("Newcomers today and their mentor (Royal "
                                                 "Decree of 25 April 2007)")
                                             : _("Your team's newcomers and their mentor"),
                _("Newcomer"), _("Hired on"), _("Mentor"), _("Since"), _("To do"),
                _("Onboarding trajectory"));
    json_t *line;
    size_t i;
    json_array_foreach(json_object_get(doc, "newcomers"), i, line) {
        const char *id = json_string_value(json_object_get(line, "employee_id"));
        const char *mentor = json_string_value(json_object_get(line, "mentor"));
        const char *hire = json_string_value(json_object_get(line, "hire_date"));
        const char *from = json_string_value(json_object_get(line, "mentor_from"));
        date_t hd = DATE_NONE, fd = DATE_NONE;
        date_parse(hire, strlen(hire), &hd);
        if (from)
            date_parse(from, strlen(from), &fd);
        json_t *issues = json_object_get(line, "issues");
        html_raw(&resp->body, json_array_size(issues) ? "<tr class=\"warning\">" : "<tr>");
        html_printf(&resp->body, "<td><a href=\"/onboarding/%s\">%s</a>"
                                 "</td><td>%s</td><td>%s</td><td>%s</td><td>",
                    id, show_person(req, id), show_date(req, hd), show_person(req, mentor),
                    show_date(req, fd));
        json_t *issue;
        size_t k;
        json_array_foreach(issues, k, issue) { /* the issues of rule 7, by their labels */
            const char *code = json_string_value(issue);
            if (code)
                html_printf(&resp->body, "%s%s", k ? ", " : "",
                            _(code_label_of(&vocab_onboarding_count, code)));
        }
        const char *progress = trajectory_progress(req, id);
        if (!progress) {
            json_decref(doc);
            return false;
        }
        html_printf(&resp->body, "</td><td>%s</td></tr>", progress);
    }
    if (json_array_size(json_object_get(doc, "newcomers")) == 0)
        html_printf(&resp->body, "<tr><td colspan=\"6\">%s</td></tr>",
                    _("Nobody is a newcomer today."));
    html_raw(&resp->body, "</tbody></table></div>");
    json_decref(doc);
    return true;
}

/* Mentors guiding more newcomers at once than the setting allows. */
static bool mentor_load_warnings(request *req, response *resp)
{
    onboarding_settings s;
    mentor_assignment *all;
    size_t n;
    if (onboarding_settings_load(req->db, &s) != STORE_OK ||
        mentors_all(req->db, req->a, &all, &n) != STORE_OK)
        return false;
    date_t today = date_today();
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        bool first = true; /* each mentor once: at their first assignment */
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(all[k].mentor_id, all[i].mentor_id) != 0;
        int load = first ? onboarding_mentor_load(all, n, all[i].mentor_id, today) : 0;
        if (load <= s.mentor_max_newcomers)
            continue;
        if (!any)
            html_printf(&resp->body, "<ul class=\"warning\" aria-label=\"%s\">",
                        _("Mentors with many newcomers"));
        any = true;
        html_printf(&resp->body, "<li>%s: ", show_person(req, all[i].mentor_id));
        html_printf(&resp->body, _("guides %d newcomers at once (more than %d)"), load,
                    s.mentor_max_newcomers);
        html_raw(&resp->body, "</li>");
    }
    if (any)
        html_raw(&resp->body, "</ul>");
    return true;
}

/* HR's view of the mentors guiding today: how many newcomers each has, the
 * time reserved for it and whether they had mentor training. */
static bool mentors_support(request *req, response *resp)
{
    mentor_view *v;
    size_t n;
    date_t today = date_today();
    if (mentors_list(req->db, req->a, 0, 0, 0, today, &v, &n) != STORE_OK)
        return false;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        bool first = v[i].a.from <= today; /* each mentor once, at their first line */
        for (size_t k = 0; k < i && first; k++)
            first = v[k].mentor_row != v[i].mentor_row || v[k].a.from > today;
        if (!first)
            continue;
        int newcomers = 0;
        int64_t reserved = 0;
        for (size_t k = i; k < n; k++)
            if (v[k].mentor_row == v[i].mentor_row && v[k].a.from <= today) {
                newcomers++;
                reserved += v[k].reserved_hours > 0 ? v[k].reserved_hours : 0;
            }
        date_t trained;
        int rc = mentor_training_of(req->db, v[i].mentor_row, &trained);
        if (rc == STORE_ERROR)
            return false;
        if (!any)
            html_printf(&resp->body, "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><caption>%s"
                                     "</caption><thead><tr><th scope=\"col\">%s</th>"
                                     "<th scope=\"col\" class=\"num\">%s</th>"
                                     "<th scope=\"col\" class=\"num\">%s</th>"
                                     "<th scope=\"col\">%s</th></tr></thead><tbody>",
                        _("Mentors"), _("Mentors today and their own support"), _("Mentor"),
                        _("newcomers"), _("Time reserved for mentoring"),
                        _("Mentor training"));
        any = true;
        html_printf(&resp->body, "<tr><td>%s <span translate=\"no\">(%s)</span></td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td>%s</td></tr>",
                    v[i].mentor_name, v[i].a.mentor_id, show_count(req, newcomers),
                    reserved ? text_of(req, _("%s hours a week"), show_decimal(req, reserved, 2, 1))
                             : _("not set"),
                    rc == STORE_ROW ? show_date(req, trained) : _("none yet"));
    }
    if (any)
        html_raw(&resp->body, "</tbody></table></div>");
    return true;
}

/* The form to assign a mentor: one row of the mentors import; AGAIN: it
 * was refused, and shows what was typed. */
static void assignment_form(request *req, response *resp, bool again)
{
    html_printf(&resp->body, "<h2>%s</h2><p>%s</p>", _("Assign a mentor"),
                _("The law asks for an experienced colleague as guide from the first day. A "
                  "whole list at once: import it (Mentors) on the import page."));
    form_open(req, resp, "action=\"/onboarding/mentors\" class=\"narrow\"");
    html_printf(&resp->body,
                "<label for=\"employee_id\">%s</label><input id=\"employee_id\" "
                "name=\"employee_id\" required value=\"%s\">"
                "<label for=\"mentor_id\">%s</label><input id=\"mentor_id\" name=\"mentor_id\" "
                "required value=\"%s\">"
                "<label for=\"from\">%s</label><input id=\"from\" name=\"from\" type=\"%s\" "
                "required value=\"%s\">"
                "<label for=\"to\">%s</label><input id=\"to\" name=\"to\" type=\"%s\" "
                "value=\"%s\"><button type=\"submit\">%s</button></form>",
                _("Newcomer (number)"), form_again(req, again, "employee_id"),
                _("Mentor (number)"), form_again(req, again, "mentor_id"), _("From"),
                form_date_type(form_again(req, again, "from")), form_again(req, again, "from"),
                _("To (optional)"), form_date_type(form_again(req, again, "to")),
                form_again(req, again, "to"), _("Assign"));
}

/* The representatives' view: counts only, and only for enough newcomers. */
static bool onboarding_figures(request *req, response *resp)
{
    onboarding_settings s;
    rule_settings rs;
    onboarding_person *people;
    mentor_assignment *all;
    size_t np, na;
    if (onboarding_settings_load(req->db, &s) != STORE_OK ||
        rule_settings_load(req->db, &rs) != STORE_OK ||
        onboarding_people(req->db, req->a, &people, &np) != STORE_OK ||
        mentors_all(req->db, req->a, &all, &na) != STORE_OK)
        return false;
    date_t today = date_today();
    onboarding_report r;
    if (!onboarding_report_for(people, np, all, na, &s, today, req->a, &r))
        return false;
    /* On schedule: the newcomers whose trajectory has every due module signed. */
    int64_t with_trajectory = 0, on_schedule = 0;
    for (size_t i = 0; i < r.nlines; i++) {
        int64_t row = employees_row(req->db, people[r.lines[i].person].employee_id);
        trajectory t;
        int rc = row > 0 ? trajectory_get(req->db, req->a, row, &t) : STORE_ERROR;
        if (rc == STORE_ERROR)
            return false;
        if (rc != STORE_ROW)
            continue;
        with_trajectory++;
        bool late = false;
        for (size_t k = 0; k < t.nmodules && !late; k++) {
            module_signoff m = {t.modules[k].safety, t.modules[k].week, t.modules[k].mentor_signed,
                                t.modules[k].newcomer_signed};
            late = !onboarding_on_schedule(&m, 1, t.start, today);
        }
        on_schedule += !late;
    }
    html_printf(&resp->body, "<p>%s</p>",
                _("Figures for all newcomers together, never for one person."));
    if (privacy_is_small(r.newcomers, rs.min_group)) {
        html_printf(&resp->body, "<p>%s: %s. %s</p>", _("Newcomers today"),
                    show_count(req, r.newcomers),
                    _("Too few to show more without pointing at a person."));
        return true;
    }
    /* Each count as the rule for counts of people allows (RULES.md §4):
     * on schedule is a share of those with a trajectory. */
    onboarding_report_aggregate(&r, rs.min_group);
    bool trajectories = privacy_count_shown(with_trajectory, r.newcomers, rs.min_group);
    bool scheduled = trajectories &&
                     privacy_count_shown(on_schedule, with_trajectory, rs.min_group);
    const char *hidden = "—";
    html_printf(&resp->body, "<ul class=\"cards\"><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li></ul>",
                show_count(req, r.newcomers),
                P_("newcomer", "newcomers", (unsigned long)r.newcomers),
                r.hidden & ONBOARDING_HIDES_WITH_MENTOR ? hidden : show_count(req, r.with_mentor),
                _("with a mentor"), trajectories ? show_count(req, with_trajectory) : hidden,
                _("with an onboarding trajectory"),
                scheduled ? show_count(req, on_schedule) : hidden, _("on schedule"));
    if ((r.hidden & ONBOARDING_HIDES_WITH_MENTOR) || !scheduled)
        html_printf(&resp->body, "<p>%s</p>",
                    text_of(req,
                            _("—: a count of fewer than %d people, or one that would give such "
                              "a count by subtraction, is not shown."),
                            rs.min_group));
    return true;
}

/* What awaits the caller's signature in trajectory T, as mentor (AS_MENTOR)
 * or as newcomer: every module they have not signed yet. RULES.md §7 sets no
 * order, so a module may be signed before its week (the page offers a Sign
 * button on each of these) and the count says as many as there are buttons. */
static int awaiting(const trajectory *t, bool as_mentor)
{
    int n = 0;
    for (size_t k = 0; k < t->nmodules; k++) {
        const onboarding_module *m = &t->modules[k];
        n += (as_mentor ? m->mentor_signed : m->newcomer_signed) == DATE_NONE;
    }
    return n;
}

/* The caller's newcomers as mentor, with what awaits their signature and
 * the support the mentor has (reserved time, mentor training). */
static bool my_newcomers(request *req, response *resp)
{
    mentor_view *v;
    size_t n;
    date_t today = date_today();
    if (mentors_list(req->db, req->a, req->user.employee_row, 0, 0, today, &v, &n) != STORE_OK)
        return false;
    if (n == 0)
        return true;
    html_printf(&resp->body, "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption>"
                             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("My newcomers"), _("The newcomers you guide"), _("Newcomer"), _("Since"),
                _("Time reserved for mentoring"), _("Modules signed by both"),
                _("Awaiting your signature"));
    for (size_t i = 0; i < n; i++) {
        if (v[i].a.from > today)
            continue;
        trajectory t;
        int rc = trajectory_get(req->db, req->a, v[i].newcomer_row, &t);
        if (rc == STORE_ERROR)
            return false;
        int done = 0;
        for (size_t k = 0; rc == STORE_ROW && k < t.nmodules; k++) {
            module_signoff m = {t.modules[k].safety, t.modules[k].week, t.modules[k].mentor_signed,
                                t.modules[k].newcomer_signed};
            done += onboarding_module_complete(&m);
        }
        html_printf(&resp->body, "<tr><td><a href=\"/onboarding/%s\">%s</a></td><td>%s</td>"
                                 "<td>%s</td><td>%s</td><td class=\"num\">%s</td></tr>",
                    v[i].a.newcomer_id, v[i].newcomer_name, show_date(req, v[i].a.from),
                    v[i].reserved_hours >= 0
                        ? text_of(req, _("%s hours a week"),
                                       show_decimal(req, v[i].reserved_hours, 2, 1))
                        : _("not set"),
                    rc == STORE_ROW ? text_of(req, P_("%d of %zu module", "%d of %zu modules",
                                                      t.nmodules),
                                              done, t.nmodules)
                                    : _("no trajectory yet"),
                    rc == STORE_ROW ? show_count(req, awaiting(&t, true)) : "");
    }
    html_raw(&resp->body, "</tbody></table></div>");
    date_t trained;
    int rc = mentor_training_of(req->db, req->user.employee_row, &trained);
    if (rc == STORE_ERROR)
        return false;
    html_printf(&resp->body, "<p>%s</p>",
                rc == STORE_ROW ? text_of(req, _("Mentor training: followed on %s."),
                                               show_date(req, trained))
                                : _("Mentor training: none in your learning record yet. Ask HR "
                                    "for a course for mentors."));
    return true;
}

/* The links to workplace learning every role with a person may follow. */
static void workplace_links(request *req, response *resp)
{
    html_printf(&resp->body, "<h2>%s</h2><ul><li><a href=\"/communities\">%s</a></li>"
                             "<li><a href=\"/rotations\">%s</a></li>",
                _("Learning at work"), _("Communities of practice and learning networks"),
                _("Job rotation"));
    if (req->user.role == ROLE_ADMIN || req->user.role == ROLE_MANAGER)
        html_printf(&resp->body, "<li><a href=\"/onboarding/templates\">%s</a></li>",
                    _("Onboarding trajectories per function"));
    html_raw(&resp->body, "</ul>");
}

void page_onboarding(request *req, response *resp)
{
    page_begin(req, resp, _("Onboarding"));
    if (request_query(req, "signed"))
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("Signed: the module shows the date of your signature."));
    else if (request_query(req, "assigned"))
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("The mentor is assigned: the newcomer's row shows them."));
    bool ok = true;
    if (req->user.role == ROLE_REPRESENTATIVE) {
        ok = onboarding_figures(req, resp);
    } else {
        if (req->user.role == ROLE_ADMIN || req->user.role == ROLE_MANAGER)
            ok = compliance_list(req, resp);
        if (ok && req->user.role == ROLE_ADMIN)
            ok = mentor_load_warnings(req, resp) && mentors_support(req, resp);
        if (ok && req->user.employee_row > 0) {
            size_t before = resp->body.len;
            ok = my_newcomers(req, resp);
            trajectory t;
            int rc = ok ? trajectory_get(req->db, req->a, req->user.employee_row, &t) : STORE_ERROR;
            if (rc == STORE_ERROR)
                ok = false;
            else if (rc == STORE_ROW)
                html_printf(&resp->body, "<p><a href=\"/onboarding/%s\">%s</a></p>",
                            t.newcomer_id, _("My onboarding trajectory"));
            /* neither newcomer nor mentor: say what the page is for */
            if (ok && resp->body.len == before && req->user.role == ROLE_EMPLOYEE)
                html_printf(&resp->body, "<p>%s</p>",
                            _("Here a newcomer follows the modules of their onboarding, and "
                              "their mentor signs each one with them. You have no onboarding "
                              "trajectory and guide no newcomer now; below is how you can "
                              "learn at work besides."));
        }
        if (ok && req->user.role == ROLE_ADMIN)
            assignment_form(req, resp, false);
        workplace_links(req, resp);
    }
    if (!ok) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_end(req, resp);
}

/* ---- POST /onboarding/mentors: assign a mentor (the import's checks) ---- */

void page_mentor_post(request *req, response *resp)
{
    arena a = ARENA_INIT;
    import_log log;
    import_log_init(&log, &a);
    int rc = import_form_row(req, IMPORT_MENTORS, mentor_columns, -1, NULL, 0, &log);
    if (rc == IMPORT_DONE) {
        arena_free(&a);
        response_redirect(req, resp, "/onboarding?assigned=1");
        return;
    }
    if (rc == IMPORT_FAILED) {
        arena_free(&a);
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Onboarding"));
    resp->status = 422;
    form_problems(resp, &log);
    assignment_form(req, resp, true);
    page_end(req, resp);
    arena_free(&a);
}

/* ---- POST /onboarding/mentors/:n: time reserved, end of the guidance ---- */

/* The id of the form of assignment ID on the newcomer's page. */
static const char *assignment_anchor(request *req, int64_t id)
{
    return text_of(req, "assignment-%lld", (long long)id);
}

/* HR's form for assignment V: the time reserved for mentoring and its end;
 * after a refusal (PROBLEM not NULL) it says why and keeps what was typed. */
static void assignment_edit_form(request *req, response *resp, const mentor_view *v,
                                 const char *problem)
{
    bool again = problem != NULL;
    char to[DATE_TEXT_SIZE];
    date_format(v->a.to, to);
    form_open(req, resp, "action=\"/onboarding/mentors/%lld\" class=\"filters\" id=\"%s\"",
              (long long)v->a.id, assignment_anchor(req, v->a.id));
    form_refused_note(resp, problem);
    html_printf(&resp->body, "<label>%s <input name=\"reserved\" inputmode=\"decimal\" "
                             "size=\"5\" value=\"%s\"></label><label>%s <input name=\"to\" "
                             "type=\"%s\" value=\"%s\"></label><button>%s</button></form>",
                _("Hours a week for mentoring"),
                again ? form_again(req, true, "reserved")
                : v->reserved_hours >= 0 ? show_input_decimal(req, v->reserved_hours, 2, 1)
                                         : "",
                _("Guidance ends on"), form_date_type(again ? form_again(req, true, "to") : to),
                again ? form_again(req, true, "to") : to, _("Save"));
}

typedef struct assignment_change {
    int64_t id, reserved;
    date_t to;
} assignment_change;

static int change_assignment(request *req, void *ctx)
{
    assignment_change *c = ctx;
    int rc = mentors_set_reserved(req->db, req->user.login, c->id, c->reserved);
    if (rc == STORE_OK && c->to != DATE_NONE)
        rc = mentors_end(req->db, req->user.login, c->id, c->to);
    return rc;
}

/* The number of the newcomer of mentor assignment ID; NULL when there is
 * no such assignment, with *FAILED set on a storage error. */
static const char *assignment_newcomer(request *req, int64_t id, bool *failed)
{
    mentor_assignment *all;
    size_t n;
    *failed = mentors_all(req->db, req->a, &all, &n) != STORE_OK;
    for (size_t i = 0; !*failed && i < n; i++)
        if (all[i].id == id)
            return all[i].newcomer_id;
    return NULL;
}

static void trajectory_page(request *req, response *resp, const char *newcomer_id,
                            const char *problem, const char *refused);

void page_mentor_update(request *req, response *resp)
{
    long long id;
    assignment_change c = {0, -1, DATE_NONE};
    const char *reserved = form_value(req, "reserved"), *to = form_value(req, "to");
    bool failed = false;
    const char *newcomer = number_parse(req->arg, 1, INT64_MAX, &id)
                               ? assignment_newcomer(req, id, &failed)
                               : NULL;
    if (!newcomer) {
        respond_error(req, resp, failed ? 500 : 404, NULL);
        return;
    }
    c.id = id;
    const char *problem = NULL;
    if (*reserved && !hours_of(reserved, 0, &c.reserved))
        problem = _("Give the hours as a number such as 2 or 1,5.");
    else if (*to && !date_of(to, &c.to))
        problem = _("Give the date as DD/MM/YYYY or YYYY-MM-DD.");
    int rc = problem ? STORE_OK : in_transaction(req, change_assignment, &c);
    if (rc == STORE_DONE)
        problem = _("The end comes on or after the start.");
    else if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (problem) { /* the newcomer's page, where the form is, as typed */
        trajectory_page(req, resp, newcomer, problem, assignment_anchor(req, c.id));
        return;
    }
    response_redirect(req, resp, "/onboarding");
}

/* ---- GET /onboarding/:id: a newcomer's trajectory ---- */

/* One module's signature cell: the date, or a button for the one who may
 * sign it now. */
static void signature_cell(request *req, response *resp, const onboarding_module *m,
                           date_t signed_on, bool may_sign, const char *next)
{
    html_raw(&resp->body, "<td>");
    if (signed_on != DATE_NONE) {
        html_printf(&resp->body, "%s", show_date(req, signed_on));
    } else if (may_sign) {
        form_open(req, resp, "action=\"/modules/%lld/sign\"", (long long)m->id);
        html_printf(&resp->body, "<input type=\"hidden\" name=\"next\" value=\"%s\">"
                                 "<button>%s</button></form>", next, _("Sign"));
    } else {
        html_printf(&resp->body, "%s", _("not yet"));
    }
    html_raw(&resp->body, "</td>");
}

static void modules_table(request *req, response *resp, const trajectory *t, int rights)
{
    char next[96];
    snprintf(next, sizeof next, "/onboarding/%s", t->newcomer_id);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Modules, safety first"), _("Module"), _("Due by"), _("Hours"),
                _("Signed by the mentor"), _("Signed by the newcomer"), _("Status"));
    for (size_t k = 0; k < t->nmodules; k++) {
        const onboarding_module *m = &t->modules[k];
        module_signoff s = {m->safety, m->week, m->mentor_signed, m->newcomer_signed};
        html_printf(&resp->body, "<tr><td><strong>%s</strong>%s%s", m->title,
                    m->safety ? " · " : "", m->safety ? _("safety") : "");
        if (m->description)
            html_printf(&resp->body, "<br>%s", m->description);
        html_printf(&resp->body, "</td><td>%s</td><td class=\"num\">%s</td>",
                    show_date(req, onboarding_module_due(t->start, m->week)),
                    show_decimal(req, m->hours, 2, 1));
        signature_cell(req, resp, m, m->mentor_signed, rights & IS_MENTOR, next);
        signature_cell(req, resp, m, m->newcomer_signed, rights & IS_NEWCOMER, next);
        html_printf(&resp->body, "<td>%s</td></tr>",
                    onboarding_module_complete(&s)
                        ? (m->record_id ? _("complete, in the learning record") : _("complete"))
                        : _("open"));
    }
    html_raw(&resp->body, "</tbody></table></div>");
}

/* The fields of a new module (of a newcomer's trajectory or of a
 * function's); AGAIN: as the refused form had them. */
static void module_fields(request *req, response *resp, bool again)
{
    html_printf(&resp->body,
                "<label for=\"title\">%s</label><input id=\"title\" name=\"title\" required "
                "value=\"%s\"><label for=\"description\">%s</label><textarea "
                "id=\"description\" name=\"description\" rows=\"2\">%s</textarea>"
                "<label for=\"week\">%s</label><input id=\"week\" name=\"week\" "
                "type=\"number\" min=\"1\" max=\"104\" required value=\"%s\">"
                "<label for=\"hours\">%s</label><input id=\"hours\" name=\"hours\" "
                "inputmode=\"decimal\" value=\"%s\">"
                "<label><input type=\"checkbox\" name=\"safety\" value=\"yes\"%s> %s</label>",
                _("Module"), form_again(req, again, "title"), _("Description"),
                form_again(req, again, "description"), _("Planned in week"),
                again ? form_again(req, true, "week") : "1",
                _("Hours (they become informal learning once signed by both)"),
                again ? form_again(req, true, "hours") : "0",
                form_checked(req, again, "safety", "yes"), _("Safety module (comes first)"));
}

/* The trajectory of E and, for who may manage it, its forms; PROBLEM and
 * REFUSED: why, and which form (its id) was refused, shown again as typed. */
static void trajectory_section(request *req, response *resp, const employee *e,
                               const trajectory *t, int found, int rights, const char *problem,
                               const char *refused)
{
    date_t today = date_today();
    if (found != STORE_ROW) {
        html_printf(&resp->body, "<p>%s</p>", _("No onboarding trajectory yet."));
        if (rights & MAY_MANAGE) {
            char hire[DATE_TEXT_SIZE];
            date_format(e->hire_date, hire);
            const char *why = refused_form(problem, refused, "trajectory-start");
            form_open(req, resp, "action=\"/onboarding/%s\" class=\"narrow\" "
                                 "id=\"trajectory-start\"", e->employee_id);
            form_refused_note(resp, why);
            html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"start\">"
                                     "<label for=\"start\">%s</label><input id=\"start\" "
                                     "name=\"start\" type=\"%s\" required value=\"%s\">"
                                     "<button>%s</button></form>",
                        _("Start date"),
                        form_date_type(why ? form_again(req, true, "start") : hire),
                        why ? form_again(req, true, "start") : hire,
                        _("Start the trajectory of this function"));
        }
        return;
    }
    size_t done = 0;
    module_signoff *s = arena_alloc(req->a, (t->nmodules + 1) * sizeof *s);
    for (size_t k = 0; s && k < t->nmodules; k++) {
        s[k] = (module_signoff){t->modules[k].safety, t->modules[k].week,
                                t->modules[k].mentor_signed, t->modules[k].newcomer_signed};
        done += onboarding_module_complete(&s[k]);
    }
    bool complete = s && onboarding_trajectory_complete(s, t->nmodules);
    bool on_time = s && onboarding_on_schedule(s, t->nmodules, t->start, today);
    html_printf(&resp->body, "<p>%s %s. %s</p>",
                _("Started on"), show_date(req, t->start),
                complete ? _("Every module is complete: the trajectory is complete.")
                /* plural by the modules done: French says "1 module terminé" */
                : on_time ? text_of(req, P_("%zu of %zu module complete, on schedule.",
                                            "%zu of %zu modules complete, on schedule.", done),
                                    done, t->nmodules)
                          : text_of(req, P_("%zu of %zu module complete, behind schedule.",
                                            "%zu of %zu modules complete, behind schedule.",
                                            done), done, t->nmodules));
    modules_table(req, resp, t, rights);
    html_printf(&resp->body, "<p><a href=\"/onboarding/%s/document\">%s</a></p>",
                e->employee_id, _("The onboarding document, to print"));
    if (t->document_signed_by)
        html_printf(&resp->body, "<p>%s <span translate=\"no\">%s</span>, %s.</p>",
                    _("Onboarding document signed by"),
                    person_of_login(req, t->document_signed_by),
                    show_date(req, t->document_signed_on));
    else if (rights & MAY_MANAGE) {
        form_open(req, resp, "action=\"/onboarding/%s\"", e->employee_id);
        html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"document\">"
                                 "<p>%s <button>%s</button></p></form>",
                    _("The onboarding document is signed by the employer or the designated line "
                      "manager."), _("Sign the onboarding document"));
    }
    if (rights & MAY_MANAGE) {
        const char *why = refused_form(problem, refused, "module");
        html_printf(&resp->body, "<details%s><summary>%s</summary>", why ? " open" : "",
                    _("Add a module for this newcomer"));
        form_open(req, resp, "action=\"/onboarding/%s\" class=\"narrow\" id=\"module\"",
                  e->employee_id);
        form_refused_note(resp, why);
        html_raw(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"module\">");
        module_fields(req, resp, why != NULL);
        html_printf(&resp->body, "<button>%s</button></form></details>", _("Add"));
    }
}

/* The monthly reviews of E and, for who may record one, the form; after a
 * refused review (PROBLEM not NULL) the form says why and keeps what was
 * typed. */
static void reviews_section(request *req, response *resp, const employee *e, int rights,
                            const char *problem)
{
    onboarding_review *r;
    size_t n;
    if (reviews_list(req->db, req->a, e->id, &r, &n) != STORE_OK)
        return;
    html_printf(&resp->body, "<h2>%s</h2>", _("Monthly reviews"));
    if (n == 0)
        html_printf(&resp->body, "<p>%s</p>", _("No review yet."));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<section class=\"review\"><h3>%s</h3><dl>",
                    show_date(req, r[i].on));
        html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                                 "<dd>%s</dd><dt>%s</dt><dd translate=\"no\">%s</dd></dl>",
                    _("Practised"), r[i].practised ? r[i].practised : "—", _("Mastered"),
                    r[i].mastered ? r[i].mastered : "—", _("Plan for next month"),
                    r[i].next_plan ? r[i].next_plan : "—", _("Recorded by"),
                    person_of_login(req, r[i].recorded_by));
        if (r[i].note && strcmp(r[i].note, "after_newcomer_period") == 0)
            html_printf(&resp->body, "<p class=\"warning\">%s</p>",
                        _("Recorded after the newcomer period."));
        html_raw(&resp->body, "</section>");
    }
    if (!(rights & MAY_REVIEW))
        return;
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    form_open(req, resp, "action=\"/onboarding/%s/review\" class=\"narrow\" id=\"review\"",
              e->employee_id);
    html_printf(&resp->body, "<fieldset><legend>%s</legend>", _("Record a monthly review"));
    form_refused_note(resp, problem);
    /* the date field is a text field after a refusal: a date input would
     * drop a day such as 31/02 instead of showing it to be corrected */
    html_printf(&resp->body,
                "<label for=\"on\">%s</label><input id=\"on\" name=\"on\" type=\"%s\" "
                "required value=\"%s\"><label for=\"practised\">%s</label><textarea "
                "id=\"practised\" name=\"practised\" rows=\"2\">%s</textarea>"
                "<label for=\"mastered\">%s</label><textarea id=\"mastered\" name=\"mastered\" "
                "rows=\"2\">%s</textarea><label for=\"next_plan\">%s</label><textarea "
                "id=\"next_plan\" name=\"next_plan\" rows=\"2\">%s</textarea><button>%s</button>"
                "</fieldset></form>",
                _("Date"), form_date_type(problem ? form_value(req, "on") : today),
                problem ? form_value(req, "on") : today,
                _("Practised"), problem ? form_value(req, "practised") : "", _("Mastered"),
                problem ? form_value(req, "mastered") : "", _("Plan for next month"),
                problem ? form_value(req, "next_plan") : "", _("Save the review"));
}

/* The page of the newcomer numbered NEWCOMER_ID; PROBLEM (or NULL) is why
 * its form with id REFUSED was refused, said at the top and at the form,
 * which shows what was typed. */
static void trajectory_page(request *req, response *resp, const char *newcomer_id,
                            const char *problem, const char *refused)
{
    employee e;
    int found_e = employees_get(req->db, req->a, newcomer_id, &e);
    if (found_e != STORE_ROW) {
        respond_error(req, resp, found_e == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    int rights = rights_on(req, e.id);
    if (rights < 0 || !(rights & MAY_SEE)) {
        respond_error(req, resp, rights < 0 ? 500 : 403, NULL);
        return;
    }
    trajectory t;
    int found = trajectory_get(req->db, req->a, e.id, &t);
    mentor_view *v;
    size_t nv;
    if (found == STORE_ERROR ||
        mentors_list(req->db, req->a, 0, e.id, 0, date_today(), &v, &nv) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, text_of(req, "%s %s", e.first_name, e.last_name));
    if (problem)
        form_refused(resp, problem, refused);
    else if (request_query(req, "signed"))
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("Signed: the module shows the date of your signature."));
    html_printf(&resp->body, "<p>%s · %s %s</p>", e.function, _("hired on"),
                show_date(req, e.hire_date));
    for (size_t i = 0; i < nv; i++) {
        html_printf(&resp->body, "<p>%s, %s %s%s", text_of(req, _("Mentor: %s"),
                                                          v[i].mentor_name),
                    _("from"), show_date(req, v[i].a.from),
                    v[i].a.to != DATE_NONE ? text_of(req, " %s %s", _("to"),
                                                     show_date(req, v[i].a.to))
                                           : "");
        if (v[i].reserved_hours >= 0)
            html_printf(&resp->body, " · %s", text_of(req, _("%s hours a week"),
                                                      show_decimal(req, v[i].reserved_hours, 2,
                                                                   1)));
        html_raw(&resp->body, "</p>");
        if (req->user.role == ROLE_ADMIN)
            assignment_edit_form(req, resp, &v[i],
                                 refused_form(problem, refused,
                                              assignment_anchor(req, v[i].a.id)));
    }
    if (nv == 0)
        html_printf(&resp->body, "<p class=\"warning\">%s</p>", _("No mentor assigned."));
    html_printf(&resp->body, "<h2>%s</h2>", _("Onboarding trajectory"));
    trajectory_section(req, resp, &e, &t, found, rights, problem, refused);
    reviews_section(req, resp, &e, rights, refused_form(problem, refused, "review"));
    page_end(req, resp);
}

void page_trajectory(request *req, response *resp)
{
    trajectory_page(req, resp, req->arg ? req->arg : "", NULL, NULL);
}

/* ---- GET /onboarding/:id/document: the onboarding document, to print ---- */

void page_onboarding_document(request *req, response *resp)
{
    employee e;
    if (!newcomer_of_path(req, resp, &e))
        return;
    int rights = rights_on(req, e.id);
    if (rights < 0 || !(rights & MAY_SEE)) {
        respond_error(req, resp, rights < 0 ? 500 : 403, NULL);
        return;
    }
    trajectory t;
    int found = trajectory_get(req->db, req->a, e.id, &t);
    mentor_view *v;
    size_t nv;
    if (found != STORE_ROW ||
        mentors_list(req->db, req->a, 0, e.id, 0, e.hire_date, &v, &nv) != STORE_OK) {
        respond_error(req, resp, found == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    page_begin(req, resp, _("Onboarding document"));
    html_printf(&resp->body, "<dl><dt>%s</dt><dd>%s %s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                             "<dd>%s</dd><dt>%s</dt><dd>",
                _("Newcomer"), e.first_name, e.last_name, _("Function"), e.function,
                _("Hired on"), show_date(req, e.hire_date), _("Mentor"));
    for (size_t i = 0; i < nv; i++)
        html_printf(&resp->body, "%s%s (%s %s)", i ? "; " : "", v[i].mentor_name, _("from"),
                    show_date(req, v[i].a.from));
    html_printf(&resp->body, "%s</dd></dl>", nv ? "" : _("No mentor assigned."));
    modules_table(req, resp, &t, 0);
    html_printf(&resp->body, "<p>%s: ", _("Onboarding document signed by"));
    if (t.document_signed_by)
        html_printf(&resp->body, "<span translate=\"no\">%s</span>, %s</p>",
                    person_of_login(req, t.document_signed_by),
                    show_date(req, t.document_signed_on));
    else
        html_printf(&resp->body, "%s</p>", _("not yet"));
    html_printf(&resp->body, "<p>%s</p>",
                _("For the prevention service: the modules and who signed them, as recorded "
                  "in groeipad."));
    page_end(req, resp);
}

/* ---- POST /onboarding/:id: start, add a module, sign the document ---- */

typedef struct trajectory_change {
    const employee *e;
    const char *action;
    onboarding_module m;
    date_t start;
} trajectory_change;

static int change_trajectory(request *req, void *ctx)
{
    trajectory_change *c = ctx;
    if (strcmp(c->action, "start") == 0)
        return trajectory_create(req->db, req->user.login, c->e->id, c->start);
    if (strcmp(c->action, "module") == 0)
        return trajectory_add_module(req->db, req->user.login, c->e->id, &c->m);
    return trajectory_sign_document(req->db, req->user.login, c->e->id, date_today());
}

void page_trajectory_post(request *req, response *resp)
{
    employee e;
    if (!newcomer_of_path(req, resp, &e))
        return;
    int rights = rights_on(req, e.id);
    if (rights < 0 || !(rights & MAY_MANAGE)) {
        respond_error(req, resp, rights < 0 ? 500 : 403, NULL);
        return;
    }
    trajectory_change c = {&e, form_value(req, "action"), {0}, DATE_NONE};
    const char *error = NULL;
    long long week = 0;
    if (strcmp(c.action, "start") == 0) {
        if (!date_of(request_form(req, "start"), &c.start))
            error = _("Give the start date as DD/MM/YYYY or YYYY-MM-DD.");
    } else if (strcmp(c.action, "module") == 0) {
        c.m.title = form_value(req, "title");
        c.m.description = form_value(req, "description");
        c.m.safety = strcmp(form_value(req, "safety"), "yes") == 0;
        if (!*c.m.title)
            error = _("Give the module a title.");
        else if (!number_parse(form_value(req, "week"), 1, 104, &week))
            error = _("Give the week as a number from 1 to 104.");
        else if (!hours_of(*form_value(req, "hours") ? form_value(req, "hours") : "0", 0,
                           &c.m.hours))
            error = _("Give the hours as a number such as 2 or 1,5.");
        c.m.week = (int)week;
    } else if (strcmp(c.action, "document") != 0) {
        error = _("This action is not possible here");
    }
    int rc = error ? STORE_OK : in_transaction(req, change_trajectory, &c);
    if (!error && rc == STORE_CONSTRAINT)
        error = _("This newcomer has a trajectory already.");
    else if (!error && rc != STORE_OK) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    bool typed = strcmp(c.action, "start") == 0 || strcmp(c.action, "module") == 0;
    if (error && !typed) /* the document's button: nothing was typed */
        respond_error(req, resp, 422, error);
    else if (error)
        trajectory_page(req, resp, e.employee_id, error,
                        strcmp(c.action, "start") == 0 ? "trajectory-start" : "module");
    else
        response_redirect(req, resp, text_of(req, "/onboarding/%s", e.employee_id));
}

/* ---- POST /onboarding/:id/review ---- */

typedef struct review_change {
    int64_t row;
    onboarding_review r;
} review_change;

static int add_review(request *req, void *ctx)
{
    review_change *c = ctx;
    return reviews_add(req->db, req->user.login, c->row, &c->r);
}

void page_review_post(request *req, response *resp)
{
    employee e;
    if (!newcomer_of_path(req, resp, &e))
        return;
    int rights = rights_on(req, e.id);
    if (rights < 0 || !(rights & MAY_REVIEW)) {
        respond_error(req, resp, rights < 0 ? 500 : 403, NULL);
        return;
    }
    review_change c = {e.id, {0, DATE_NONE, form_value(req, "practised"),
                              form_value(req, "mastered"), form_value(req, "next_plan"), NULL,
                              req->user.login}};
    if (!date_of(request_form(req, "on"), &c.r.on)) {
        trajectory_page(req, resp, e.employee_id,
                        _("Give the date as DD/MM/YYYY or YYYY-MM-DD."), "review");
        return;
    }
    if (!*c.r.practised && !*c.r.mastered && !*c.r.next_plan) {
        trajectory_page(req, resp, e.employee_id,
                        _("Say what was practised, mastered or planned."), "review");
        return;
    }
    /* A review after the newcomer period is allowed, with a note. */
    onboarding_settings s;
    if (onboarding_settings_load(req->db, &s) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    onboarding_person p = {e.employee_id, e.hire_date, e.exit_date};
    if (!onboarding_is_newcomer(&p, c.r.on, s.newcomer_months))
        c.r.note = "after_newcomer_period";
    if (in_transaction(req, add_review, &c) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, text_of(req, "/onboarding/%s", e.employee_id));
}

/* ---- POST /modules/:id/sign: the mentor or the newcomer, each for
 * themself ---- */

typedef struct signing {
    int64_t module;
    enum signer who;
} signing;

static int sign_module(request *req, void *ctx)
{
    signing *s = ctx;
    return trajectory_sign(req->db, req->user.login, s->module, s->who, req->user.employee_row,
                           date_today());
}

void page_module_sign(request *req, response *resp)
{
    long long id;
    if (!number_parse(req->arg, 1, INT64_MAX, &id)) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    int64_t newcomer = trajectory_module_newcomer(req->db, id);
    if (newcomer <= 0) {
        respond_error(req, resp, newcomer < 0 ? 500 : 404, NULL);
        return;
    }
    int rights = rights_on(req, newcomer);
    if (rights < 0) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* Only the newcomer and a mentor guiding them sign, each for themself. */
    if (!(rights & (IS_NEWCOMER | IS_MENTOR))) {
        respond_error(req, resp, 403, _("Only the newcomer and their mentor sign a module."));
        return;
    }
    signing s = {id, (rights & IS_NEWCOMER) ? SIGN_NEWCOMER : SIGN_MENTOR};
    int rc = in_transaction(req, sign_module, &s);
    if (rc == STORE_DONE) {
        respond_error(req, resp, 409, _("You signed this module already."));
        return;
    }
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* back to the trajectory, which says the signature was taken */
    const char *next = request_form(req, "next");
    next = next && strncmp(next, "/onboarding/", 12) == 0 && !strchr(next, '?') ? next
                                                                                : "/onboarding";
    response_redirect(req, resp, text_of(req, "%s?signed=1", next));
}

/* ---- GET/POST /onboarding/templates ---- */

/* The question before module ?remove= of one of the N templates T goes
 * from its function's trajectory. */
static void removal_question(request *req, response *resp, const onboarding_template *t,
                             size_t n)
{
    const char *asked = request_query(req, "remove");
    long long id;
    if (!asked || !number_parse(asked, 1, INT64_MAX, &id))
        return;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < t[i].nmodules; k++) {
            if (t[i].modules[k].id != id)
                continue;
            str question = STR_INIT;
            str_printf(&question, _("Remove the module \"%s\" from the trajectory of %s? "
                                    "Newcomers who started already keep it; later newcomers "
                                    "no longer get it."),
                       t[i].modules[k].title, t[i].function);
            if (str_ok(&question))
                confirm_box(req, resp, question.p, "/onboarding/templates", "remove", asked,
                            _("Yes, remove it"), "/onboarding/templates", _("No, keep it"));
            str_free(&question);
        }
}

/* The templates per function and HR's form to add a module; after a
 * refusal (PROBLEM not NULL) the form says why and keeps what was typed. */
static void templates_page(request *req, response *resp, const char *problem)
{
    onboarding_template *t;
    size_t n;
    if (templates_list(req->db, req->a, &t, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Onboarding trajectories per function"));
    if (problem)
        form_refused(resp, problem, "template-module");
    if (req->user.role == ROLE_ADMIN && !problem)
        removal_question(req, resp, t, n);
    html_printf(&resp->body, "<p>%s</p>",
                _("Each newcomer starts with the trajectory of their function, adjusted per "
                  "person. Safety modules come first."));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<h2>%s: %s</h2><div class=\"scroll\" tabindex=\"0\"><table><caption>%s"
                                 "</caption><thead><tr><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>",
                    t[i].function, t[i].title, t[i].title, _("Module"), _("Week"), _("Hours"));
        if (req->user.role == ROLE_ADMIN)
            html_printf(&resp->body, "<th scope=\"col\">%s</th>", _("Remove"));
        html_raw(&resp->body, "</tr></thead><tbody>");
        for (size_t k = 0; k < t[i].nmodules; k++) {
            const onboarding_module *m = &t[i].modules[k];
            html_printf(&resp->body, "<tr><td><strong>%s</strong>%s%s", m->title,
                        m->safety ? " · " : "", m->safety ? _("safety") : "");
            if (m->description)
                html_printf(&resp->body, "<br>%s", m->description);
            html_printf(&resp->body, "</td><td class=\"num\">%d</td><td class=\"num\">%s</td>",
                        m->week, show_decimal(req, m->hours, 2, 1));
            if (req->user.role == ROLE_ADMIN) {
                html_raw(&resp->body, "<td>");
                form_open(req, resp, "action=\"/onboarding/templates\"");
                html_printf(&resp->body, "<input type=\"hidden\" name=\"remove\" "
                                         "value=\"%lld\"><button>%s</button></form></td>",
                            (long long)m->id, _("Remove"));
            }
            html_raw(&resp->body, "</tr>");
        }
        html_raw(&resp->body, "</tbody></table></div>");
    }
    if (req->user.role == ROLE_ADMIN) {
        html_printf(&resp->body, "<h2>%s</h2>", _("Add a module to a function's trajectory"));
        form_open(req, resp, "action=\"/onboarding/templates\" class=\"narrow\" "
                             "id=\"template-module\"");
        form_refused_note(resp, problem);
        bool again = problem != NULL;
        html_printf(&resp->body,
                    "<label for=\"function\">%s</label><input id=\"function\" name=\"function\" "
                    "required value=\"%s\"><label for=\"ttitle\">%s</label><input id=\"ttitle\" "
                    "name=\"template_title\" value=\"%s\">",
                    _("Function"), form_again(req, again, "function"),
                    _("Name of the trajectory (optional)"),
                    form_again(req, again, "template_title"));
        module_fields(req, resp, again);
        html_printf(&resp->body, "<button>%s</button></form>", _("Add"));
    }
    page_end(req, resp);
}

void page_templates(request *req, response *resp)
{
    templates_page(req, resp, NULL);
}

typedef struct template_change {
    const char *function, *title;
    onboarding_module m;
} template_change;

static int add_template_module(request *req, void *ctx)
{
    template_change *c = ctx;
    int64_t id;
    int rc = templates_ensure(req->db, req->user.login, c->function, c->title, &id);
    return rc == STORE_OK ? templates_add_module(req->db, req->user.login, id, &c->m) : rc;
}

static int remove_template_module(request *req, void *ctx)
{
    return templates_delete_module(req->db, req->user.login, *(int64_t *)ctx);
}

void page_templates_post(request *req, response *resp)
{
    long long remove;
    if (request_form(req, "remove")) {
        if (!number_parse(request_form(req, "remove"), 1, INT64_MAX, &remove)) {
            respond_error(req, resp, 404, NULL);
            return;
        }
        const char *confirmed = request_form(req, "confirm");
        if (!confirmed || strcmp(confirmed, "yes") != 0) { /* ask first */
            char to[64];
            snprintf(to, sizeof to, "/onboarding/templates?remove=%lld#confirm", remove);
            const char *location = arena_strdup(req->a, to);
            response_redirect(req, resp, location ? location : "/onboarding/templates");
            return;
        }
        int64_t id = remove;
        int rc = in_transaction(req, remove_template_module, &id);
        if (rc != STORE_OK) {
            respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
            return;
        }
        response_redirect(req, resp, "/onboarding/templates");
        return;
    }
    template_change c = {form_value(req, "function"), form_value(req, "template_title"), {0}};
    long long week;
    c.m.title = form_value(req, "title");
    c.m.description = form_value(req, "description");
    c.m.safety = strcmp(form_value(req, "safety"), "yes") == 0;
    const char *hours = *form_value(req, "hours") ? form_value(req, "hours") : "0";
    const char *error = !*c.function ? _("Name the function.")
                      : !*c.m.title  ? _("Give the module a title.")
                      : !number_parse(form_value(req, "week"), 1, 104, &week)
                          ? _("Give the week as a number from 1 to 104.")
                      : !hours_of(hours, 0, &c.m.hours)
                          ? _("Give the hours as a number such as 2 or 1,5.")
                          : NULL;
    if (error) {
        templates_page(req, resp, error);
        return;
    }
    c.m.week = (int)week;
    if (!*c.title)
        c.title = c.function;
    if (in_transaction(req, add_template_module, &c) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/onboarding/templates");
}

/* ---- communities of practice ---- */

static const vocab community_kinds = {
    (const char *const[]){"community_of_practice", "learning_network"}, 2};

/* The label of a community's kind, a code of the form vocabulary. */
static const char *kind_label(const char *kind)
{
    int i = vocab_find(&vocab_form, kind, strlen(kind));
    return i >= 0 ? show_code(&vocab_form, i) : kind;
}

/* The communities and HR's form to start one; after a refusal (PROBLEM not
 * NULL) the form says why and keeps what was typed. */
static void communities_page(request *req, response *resp, const char *problem)
{
    community *c;
    size_t n;
    if (communities_list(req->db, req->a, &c, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Communities of practice and learning networks"));
    if (problem)
        form_refused(resp, problem, "community");
    html_printf(&resp->body, "<p>%s</p>",
                _("Colleagues who learn together at a steady rhythm. Each meeting counts as "
                  "informal learning for those who were there."));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Communities"), _("Name"), _("Kind"), _("Lead"), _("Rhythm"), _("Members"),
                _("Meetings"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<tr><td><a href=\"/communities/%lld\">%s</a></td><td>%s</td>"
                                 "<td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td></tr>",
                    (long long)c[i].id, c[i].name, kind_label(c[i].kind),
                    c[i].lead_name ? c[i].lead_name : "—", c[i].rhythm ? c[i].rhythm : "—",
                    show_count(req, c[i].members), show_count(req, c[i].meetings));
    html_raw(&resp->body, "</tbody></table></div>");
    if (req->user.role == ROLE_ADMIN) {
        html_printf(&resp->body, "<h2>%s</h2>", _("Start a community"));
        form_open(req, resp, "action=\"/communities\" class=\"narrow\" id=\"community\"");
        form_refused_note(resp, problem);
        bool again = problem != NULL;
        html_printf(&resp->body, "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" "
                                 "required maxlength=\"%d\" value=\"%s\"><label for=\"kind\">%s"
                                 "</label><select id=\"kind\" name=\"kind\">",
                    _("Name"), COMMUNITY_NAME_MAX, form_again(req, again, "name"), _("Kind"));
        for (int k = 0; k < community_kinds.count; k++)
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>",
                        community_kinds.names[k],
                        again && strcmp(form_again(req, true, "kind"),
                                        community_kinds.names[k]) == 0 ? " selected" : "",
                        kind_label(community_kinds.names[k]));
        html_printf(&resp->body, "</select><label for=\"lead\">%s</label><input id=\"lead\" "
                                 "name=\"lead\" value=\"%s\"><label for=\"rhythm\">%s</label>"
                                 "<input id=\"rhythm\" name=\"rhythm\" value=\"%s\">"
                                 "<label for=\"goals\">%s</label><textarea id=\"goals\" "
                                 "name=\"goals\" rows=\"2\">%s</textarea><button>%s</button>"
                                 "</form>",
                    _("Lead (number, optional)"), form_again(req, again, "lead"),
                    _("Rhythm, such as two hours every fortnight"),
                    form_again(req, again, "rhythm"), _("Agreed goals"),
                    form_again(req, again, "goals"), _("Start"));
    }
    page_end(req, resp);
}

void page_communities(request *req, response *resp)
{
    communities_page(req, resp, NULL);
}

typedef struct community_change {
    community c;
    int64_t lead, id;
} community_change;

static int add_community(request *req, void *ctx)
{
    community_change *c = ctx;
    return communities_add(req->db, req->user.login, &c->c, c->lead, &c->id);
}

void page_communities_post(request *req, response *resp)
{
    community_change c = {{0}, 0, 0};
    c.c.name = form_value(req, "name");
    c.c.kind = form_value(req, "kind");
    c.c.rhythm = form_value(req, "rhythm");
    c.c.goals = form_value(req, "goals");
    const char *lead = form_value(req, "lead");
    if (*lead && (c.lead = employees_row(req->db, lead)) < 0) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *problem =
        !*c.c.name || vocab_find(&community_kinds, c.c.kind, strlen(c.c.kind)) < 0
            ? _("Name the community and choose its kind.")
        : !community_name_valid(c.c.name)
            ? text_of(req, _("Give the community a name of at most %d characters, on one line."),
                      COMMUNITY_NAME_MAX)
        : *lead && c.lead == 0 ? _("There is no employee with that number.")
                               : NULL;
    int rc = problem ? STORE_OK : in_transaction(req, add_community, &c);
    if (rc == STORE_CONSTRAINT)
        problem = _("A community with that name exists already.");
    else if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (problem)
        communities_page(req, resp, problem);
    else
        response_redirect(req, resp, text_of(req, "/communities/%lld", (long long)c.id));
}

/* True when the caller leads community C. */
static bool leads_community(request *req, const community *c)
{
    return c->lead_id && req->user.employee_id && strcmp(c->lead_id, req->user.employee_id) == 0;
}

/* True when the caller may change community C: HR, a manager, its lead.
 * What a change writes is bounded further: see page_community_post. */
static bool may_run_community(request *req, const community *c)
{
    return req->user.role == ROLE_ADMIN || req->user.role == ROLE_MANAGER ||
           leads_community(req, c);
}

/* True when the caller may add the employee at ROW to community C: HR and
 * its lead anyone (a community crosses teams), another manager only
 * someone of their team. */
static bool may_add_member(request *req, const community *c, int64_t row)
{
    return req->user.role == ROLE_ADMIN || leads_community(req, c) ||
           (req->user.employee_row > 0 &&
            (row == req->user.employee_row ||
             employees_in_team(req->db, req->user.employee_row, row) == 1));
}

/* Community ID's page and, for who runs it, its forms; PROBLEM and REFUSED:
 * why, and which form ("meeting", "member") was refused, shown again as
 * typed. */
static void community_page(request *req, response *resp, long long id, const char *problem,
                           const char *refused)
{
    community c;
    int rc = communities_get(req->db, req->a, id, &c);
    group_count *members;
    community_meeting *meetings;
    size_t nm, ng;
    if (rc == STORE_ROW && (communities_members(req->db, req->a, id, &members, &nm) != STORE_OK ||
                            communities_meetings(req->db, req->a, id, &meetings, &ng) != STORE_OK))
        rc = STORE_ERROR;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    page_begin(req, resp, c.name);
    if (problem)
        form_refused(resp, problem, refused);
    long long waiting;
    const char *to_confirm = request_query(req, "to_confirm");
    if (!problem && to_confirm && number_parse(to_confirm, 1, INT64_MAX, &waiting))
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    text_of(req, P_("The meeting is registered. The hours of %s person wait for "
                                    "confirmation by their manager.",
                                    "The meeting is registered. The hours of %s people wait for "
                                    "confirmation by their manager.",
                                    (unsigned long)waiting),
                            show_count(req, waiting)));
    html_printf(&resp->body, "<p>%s · %s: %s · %s: %s</p>", kind_label(c.kind), _("Lead"),
                c.lead_name ? c.lead_name : "—", _("Rhythm"), c.rhythm ? c.rhythm : "—");
    if (c.goals)
        html_printf(&resp->body, "<p>%s: %s</p>", _("Agreed goals"), c.goals);
    html_printf(&resp->body, "<h2>%s</h2><ul>", _("Members"));
    for (size_t i = 0; i < nm; i++)
        html_printf(&resp->body, "<li>%s</li>", show_person(req, members[i].name));
    html_printf(&resp->body, "</ul><h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><caption>%s"
                             "</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Meetings"), _("Meetings and who came"), _("Date"), _("Topic"), _("Hours"),
                _("Present"));
    for (size_t i = 0; i < ng; i++)
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td></tr>",
                    show_date(req, meetings[i].on), meetings[i].topic ? meetings[i].topic : "—",
                    show_decimal(req, meetings[i].hours, 2, 1),
                    show_count(req, meetings[i].attendees));
    html_raw(&resp->body, "</tbody></table></div>");
    if (may_run_community(req, &c)) {
        char today[DATE_TEXT_SIZE];
        date_format(date_today(), today);
        const char *why = refused_form(problem, refused, "meeting");
        bool again = why != NULL;
        form_open(req, resp, "action=\"/communities/%lld\" class=\"narrow\" id=\"meeting\"", id);
        html_printf(&resp->body, "<fieldset><legend>%s</legend>", _("Register a meeting"));
        form_refused_note(resp, why);
        html_printf(&resp->body,
                    "<input type=\"hidden\" name=\"action\" "
                    "value=\"meeting\"><label for=\"on\">%s</label><input id=\"on\" name=\"on\" "
                    "type=\"%s\" required value=\"%s\"><label for=\"hours\">%s</label><input "
                    "id=\"hours\" name=\"hours\" inputmode=\"decimal\" required value=\"%s\">"
                    "<label for=\"topic\">%s</label><input id=\"topic\" name=\"topic\" "
                    "value=\"%s\"><p>%s</p>",
                    _("Date"), form_date_type(again ? form_again(req, true, "on") : today),
                    again ? form_again(req, true, "on") : today,
                    _("Hours"), again ? form_again(req, true, "hours") : "2", _("Topic"),
                    form_again(req, again, "topic"),
                    _("Who was there (their hours become informal learning):"));
        if (req->user.role == ROLE_MANAGER)
            html_printf(&resp->body, "<p>%s</p>",
                        _("Your own hours, and those of people outside your team, wait for "
                          "confirmation by their manager."));
        else if (req->user.role != ROLE_ADMIN)
            html_printf(&resp->body, "<p>%s</p>",
                        _("Everyone's hours, yours too, wait for confirmation by their manager."));
        for (size_t i = 0; i < nm; i++)
            html_printf(&resp->body, "<label><input type=\"checkbox\" name=\"present\" "
                                     "value=\"%s\"%s> %s</label>",
                        members[i].name, form_checked(req, again, "present", members[i].name),
                        show_person(req, members[i].name));
        html_printf(&resp->body, "<button>%s</button></fieldset></form>", _("Register"));
        why = refused_form(problem, refused, "member-form");
        form_open(req, resp, "action=\"/communities/%lld\" class=\"narrow\" id=\"member-form\"",
                  id);
        form_refused_note(resp, why);
        html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"member\">"
                                 "<label for=\"member\">%s</label><input id=\"member\" "
                                 "name=\"member\" required value=\"%s\"><button>%s</button>"
                                 "</form>",
                    _("New member (number)"), form_again(req, why != NULL, "member"), _("Add"));
    }
    page_end(req, resp);
}

void page_community(request *req, response *resp)
{
    long long id;
    if (!number_parse(req->arg, 1, INT64_MAX, &id)) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    community_page(req, resp, id, NULL, NULL);
}

typedef struct meeting_change {
    int64_t id;
    const char *action;
    int64_t member;
    date_t on;
    int64_t hours;
    const char *topic;
    int64_t *rows;
    bool *to_confirm; /* per row: the caller may not write their learning */
    meeting_attendance who;
} meeting_change;

/* The members of community ID ticked present on the meeting form, into
 * M's attendance, each once; those whose learning the caller may not write
 * (their own, or outside a manager's team) marked to confirm, so that
 * their hours wait for their manager or HR as self-logged learning does.
 * False when out of memory. */
static bool meeting_attendees(request *req, long long id, meeting_change *m)
{
    m->rows = arena_alloc(req->a, (req->form.n + 1) * sizeof *m->rows);
    m->to_confirm = arena_alloc(req->a, (req->form.n + 1) * sizeof *m->to_confirm);
    if (!m->rows || !m->to_confirm)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < req->form.n; i++) {
        if (strcmp(req->form.v[i].name, "present") != 0)
            continue;
        int64_t row = employees_row(req->db, req->form.v[i].value);
        bool twice = false; /* one record per person, however often ticked */
        for (size_t k = 0; k < n && !twice; k++)
            twice = m->rows[k] == row;
        if (row > 0 && !twice && communities_is_member(req->db, id, row) == 1) {
            m->to_confirm[n] = !may_write_learning(req, row);
            m->rows[n++] = row;
        }
    }
    m->who = (meeting_attendance){m->rows, m->to_confirm, n, 0, 0};
    return true;
}

static int change_community(request *req, void *ctx)
{
    meeting_change *m = ctx;
    if (strcmp(m->action, "member") == 0)
        return communities_add_member(req->db, req->user.login, m->id, m->member);
    return communities_add_meeting(req->db, req->user.login, m->id, m->on, m->hours, m->topic,
                                   &m->who);
}

void page_community_post(request *req, response *resp)
{
    long long id;
    community c;
    int rc = number_parse(req->arg, 1, INT64_MAX, &id) ? communities_get(req->db, req->a, id, &c)
                                                       : STORE_DONE;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    if (!may_run_community(req, &c)) {
        respond_error(req, resp, 403, NULL);
        return;
    }
    meeting_change m = {id, form_value(req, "action"), 0, DATE_NONE, 0,
                        form_value(req, "topic"), NULL, NULL, {NULL, NULL, 0, 0, 0}};
    const char *error = NULL;
    if (strcmp(m.action, "member") == 0) {
        if ((m.member = employees_row(req->db, form_value(req, "member"))) <= 0)
            error = _("There is no employee with that number.");
        else if (!may_add_member(req, &c, m.member))
            error = _("You may add people of your own team only.");
    } else if (!date_of(request_form(req, "on"), &m.on)) {
        error = _("Give the date as DD/MM/YYYY or YYYY-MM-DD.");
    } else if (m.on > date_today()) {
        error = _("Register a meeting once it has taken place.");
    } else if (!hours_of(request_form(req, "hours"), 1, &m.hours)) {
        error = _("Give the hours as a number such as 2 or 1,5.");
    } else if (!meeting_attendees(req, id, &m)) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (error) {
        community_page(req, resp, id, error,
                       strcmp(m.action, "member") == 0 ? "member-form" : "meeting");
        return;
    }
    if (in_transaction(req, change_community, &m) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (m.who.claimed)
        response_redirect(req, resp, text_of(req, "/communities/%lld?to_confirm=%zu", id,
                                             m.who.claimed));
    else
        response_redirect(req, resp, text_of(req, "/communities/%lld", id));
}

/* ---- job rotation ---- */

/* The rotation plan and, for HR and managers, the form to plan one; after
 * a refusal (PROBLEM not NULL) the form says why and keeps what was typed. */
static void rotations_page(request *req, response *resp, const char *problem)
{
    int64_t self = req->user.employee_row;
    int64_t only = req->user.role == ROLE_ADMIN || req->user.role == ROLE_MANAGER ? 0
                 : self > 0 ? self : -1;
    int64_t team = req->user.role == ROLE_MANAGER ? (self > 0 ? self : -1) : 0;
    job_rotation *r;
    size_t n;
    if (rotations_list(req->db, req->a, only, team, &r, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    bool manage = req->user.role == ROLE_ADMIN || req->user.role == ROLE_MANAGER;
    page_begin(req, resp, _("Job rotation"));
    if (problem)
        form_refused(resp, problem, "rotation");
    html_printf(&resp->body, "<p>%s</p>",
                _("Working for a while at another workstation or in another department. A "
                  "completed rotation counts as informal learning."));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("Rotation plan"), _("Who"), _("Workstation or department"), _("From"), _("To"),
                _("Hours"), _("Status"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                                 "<td class=\"num\">%s</td><td>",
                    r[i].employee_name, r[i].workstation, show_date(req, r[i].from),
                    show_date(req, r[i].to), show_decimal(req, r[i].hours, 2, 1));
        if (r[i].completed_on != DATE_NONE) {
            html_printf(&resp->body, "%s %s", _("completed on"),
                        show_date(req, r[i].completed_on));
        } else if (manage) {
            form_open(req, resp, "action=\"/rotations/%lld/complete\"", (long long)r[i].id);
            html_printf(&resp->body, "<button>%s</button></form>", _("Mark as completed"));
        } else {
            html_printf(&resp->body, "%s", _("scheduled"));
        }
        html_raw(&resp->body, "</td></tr>");
    }
    html_raw(&resp->body, "</tbody></table></div>");
    if (manage) {
        html_printf(&resp->body, "<h2>%s</h2>", _("Plan a rotation"));
        form_open(req, resp, "action=\"/rotations\" class=\"narrow\" id=\"rotation\"");
        form_refused_note(resp, problem);
        bool again = problem != NULL;
        html_printf(&resp->body,
                    "<label for=\"who\">%s</label><input id=\"who\" name=\"employee_id\" "
                    "required value=\"%s\"><label for=\"workstation\">%s</label><input "
                    "id=\"workstation\" name=\"workstation\" required value=\"%s\"><label "
                    "for=\"from\">%s</label><input id=\"from\" name=\"from\" type=\"%s\" "
                    "required value=\"%s\"><label for=\"to\">%s</label><input id=\"to\" "
                    "name=\"to\" type=\"%s\" required value=\"%s\"><label for=\"hours\">%s"
                    "</label><input id=\"hours\" name=\"hours\" inputmode=\"decimal\" required "
                    "value=\"%s\"><button>%s</button></form>",
                    _("Employee (number)"), form_again(req, again, "employee_id"),
                    _("Workstation or department"), form_again(req, again, "workstation"),
                    _("From"), form_date_type(form_again(req, again, "from")),
                    form_again(req, again, "from"), _("To"),
                    form_date_type(form_again(req, again, "to")), form_again(req, again, "to"),
                    _("Hours of learning"),
                    form_again(req, again, "hours"), _("Plan"));
    }
    page_end(req, resp);
}

void page_rotations(request *req, response *resp)
{
    rotations_page(req, resp, NULL);
}

typedef struct rotation_change {
    int64_t row, id;
    job_rotation r;
} rotation_change;

static int add_rotation(request *req, void *ctx)
{
    rotation_change *c = ctx;
    return rotations_add(req->db, req->user.login, c->row, &c->r, &c->id);
}

/* True when the caller may plan or complete rotations of the employee at
 * ROW: HR, or their manager. */
static bool may_rotate(request *req, int64_t row)
{
    return req->user.role == ROLE_ADMIN ||
           (req->user.role == ROLE_MANAGER && req->user.employee_row > 0 &&
            employees_in_team(req->db, req->user.employee_row, row) == 1);
}

void page_rotations_post(request *req, response *resp)
{
    rotation_change c = {0, 0, {0}};
    c.row = employees_row(req->db, form_value(req, "employee_id"));
    c.r.workstation = form_value(req, "workstation");
    const char *error = c.row <= 0 ? _("There is no employee with that number.")
                      : !*c.r.workstation ? _("Name the workstation or department.")
                      : !date_of(request_form(req, "from"), &c.r.from) ||
                                !date_of(request_form(req, "to"), &c.r.to)
                          ? _("Give the dates as DD/MM/YYYY or YYYY-MM-DD.")
                      : c.r.to < c.r.from ? _("The end comes on or after the start.")
                      : !hours_of(request_form(req, "hours"), 1, &c.r.hours)
                          ? _("Give the hours as a number such as 2 or 1,5.")
                          : NULL;
    if (c.row > 0 && !may_rotate(req, c.row)) {
        respond_error(req, resp, 403, NULL);
        return;
    }
    if (error) {
        rotations_page(req, resp, error);
        return;
    }
    if (in_transaction(req, add_rotation, &c) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/rotations");
}

static int complete_rotation(request *req, void *ctx)
{
    return rotations_complete(req->db, req->user.login, *(int64_t *)ctx, date_today());
}

void page_rotation_complete(request *req, response *resp)
{
    long long id;
    int64_t row = number_parse(req->arg, 1, INT64_MAX, &id) ? rotations_employee(req->db, id) : 0;
    if (row <= 0) {
        respond_error(req, resp, row < 0 ? 500 : 404, NULL);
        return;
    }
    if (!may_rotate(req, row)) {
        respond_error(req, resp, 403, NULL);
        return;
    }
    int64_t rid = id;
    int rc = in_transaction(req, complete_rotation, &rid);
    if (rc != STORE_OK) {
        respond_error(req, resp, rc == STORE_DONE ? 409 : 500,
                      rc == STORE_DONE ? _("This rotation was completed already.") : NULL);
        return;
    }
    response_redirect(req, resp, "/rotations");
}

/* ---- the home page's part ---- */

void onboarding_home(request *req, response *resp)
{
    if (req->user.employee_row <= 0)
        return;
    date_t today = date_today();
    trajectory t;
    int rc = trajectory_get(req->db, req->a, req->user.employee_row, &t);
    if (rc == STORE_ROW) {
        int waiting = awaiting(&t, false);
        html_printf(&resp->body, "<section><h2>%s</h2><p>", _("My onboarding"));
        html_printf(&resp->body, P_("%d module awaits your signature.",
                                    "%d modules await your signature.", (unsigned long)waiting),
                    waiting);
        html_printf(&resp->body, " <a href=\"/onboarding/%s\">%s</a></p>", t.newcomer_id,
                    _("See my onboarding trajectory"));
        modules_table(req, resp, &t, IS_NEWCOMER);
        html_raw(&resp->body, "</section>");
    }
    mentor_view *v;
    size_t n;
    if (mentors_list(req->db, req->a, req->user.employee_row, 0, 0, today, &v, &n) == STORE_OK &&
        n > 0)
        html_printf(&resp->body, "<p><a href=\"/onboarding\">%s</a></p>",
                    _("My newcomers and what awaits my signature"));
}
