/* page_sessions.c - organising training: the offer of sessions (/sessions,
 * printable), a session with its enrolments (/sessions/:id), planning and
 * changing sessions (admin), enrolling, cancelling, approving
 * (/team/enrolments), the agreement before the start, attendance (admin
 * and the session's trainers), the calendar files and feed, the outbox
 * (admin) and the representatives' counts. */
#include "web/pages.h"
#include "web/server.h"
#include "util/locale_fmt.h"
#include "web/site.h"
#include "app/ical.h"
#include "app/training.h"
#include "core/labels.h"
#include "core/settings.h"
#include "core/rules.h"
#include "util/crypto.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/table.h"
#include <stdlib.h>
#include <string.h>

#define MAX_FORM_DATES 6

/* ---- helpers ---- */

static bool is_post(const request *req)
{
    return strcmp(req->method, "POST") == 0;
}

/* The form's value of NAME, else FALLBACK, else "". */
static const char *field_or(request *req, const char *name, const char *fallback)
{
    const char *v = request_form(req, name);
    return v ? v : fallback ? fallback : "";
}

/* The id in the route's :id, or 0. */
static int64_t arg_id(const request *req)
{
    long long id;
    return req->arg && number_parse(req->arg, 1, INT64_MAX, &id) ? (int64_t)id : 0;
}

static const char *show_clock(request *req, int minutes)
{
    char buf[6];
    clock_format(minutes, buf);
    return arena_strdup(req->a, buf);
}

/* One date of a session, for a page: "15/12/2026 09:00-12:30". */
static void write_slot(request *req, response *resp, const session_slot *x)
{
    html_printf(&resp->body, "%s %s–%s", show_date(req, x->day), show_clock(req, x->start),
                show_clock(req, x->end));
    if (x->place && *x->place)
        html_printf(&resp->body, ", %s", x->place);
    if (x->online_link && *x->online_link)
        html_printf(&resp->body, ", <a href=\"%s\">%s</a>", x->online_link, _("online"));
    if (x->trainer_name && *x->trainer_name)
        html_printf(&resp->body, " (%s)", x->trainer_name);
}

static const char *language_label(const char *code)
{
    /* not "French" alone: the footer names each language in its own tongue */
    return strcmp(code, "fr") == 0 ? _("French (language)")
           : strcmp(code, "en") == 0 ? _("English (language)") : _("Dutch (language)");
}

/* True when the caller may act for the employee at ROW: themself, their
 * manager (directly or not), or HR. */
static bool may_act_for(request *req, int64_t row)
{
    if (req->user.role == ROLE_ADMIN)
        return true;
    if (req->user.employee_row <= 0)
        return false;
    return row == req->user.employee_row ||
           (req->user.role == ROLE_MANAGER && employees_in_team(req->db, req->user.employee_row,
                                                                 row));
}

/* The message of a training status, as a 4xx/5xx answer. */
static void respond_status(request *req, response *resp, int status)
{
    int code = status == TRAINING_NOT_FOUND ? 404 : status == TRAINING_ERROR ? 500 : 409;
    if (status == TRAINING_NOT_EMPLOYED || status == TRAINING_DEADLINE ||
        status == TRAINING_INVALID)
        code = 422;
    respond_error(req, resp, code, code == 500 ? NULL : _(training_status_text(status)));
}

/* ---- the offer ---- */

static void offer_filters(request *req, response *resp, const session_query *q)
{
    const char *lang = request_query(req, "language");
    const char *comp = request_query(req, "competence"), *month = request_query(req, "month");
    html_printf(&resp->body, "<form method=\"get\" action=\"/sessions\" class=\"filters\">"
                             "<label>%s <select name=\"form\"><option value=\"\">%s</option>",
                _("Form"), _("all"));
    for (int i = 0; i < vocab_form.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_form.names[i],
                    q->form == i ? " selected" : "", show_code(&vocab_form, i));
    html_printf(&resp->body, "</select></label><label>%s <select name=\"language\">"
                             "<option value=\"\">%s</option>", _("Language"), _("all"));
    static const char *const langs[] = {"nl", "fr", "en"};
    for (int i = 0; i < 3; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", langs[i],
                    lang && strcmp(lang, langs[i]) == 0 ? " selected" : "",
                    language_label(langs[i]));
    html_printf(&resp->body, "</select></label><label>%s <input name=\"competence\" "
                             "value=\"%s\" size=\"10\"></label><label>%s <input name=\"month\" "
                             "type=\"month\" value=\"%s\"></label><button>%s</button></form>",
                _("Competence"), comp ? comp : "", _("Month"), month ? month : "", _("Show"));
}

/* Reads the offer's filters from the query into Q. */
static void offer_query(request *req, session_query *q)
{
    memset(q, 0, sizeof *q);
    q->from = date_today();
    const char *form = request_query(req, "form"), *lang = request_query(req, "language");
    const char *comp = request_query(req, "competence"), *month = request_query(req, "month");
    q->form = form && *form ? vocab_find(&vocab_form, form, strlen(form)) : -1;
    q->language = lang && *lang ? lang : NULL;
    q->competence = comp && *comp ? comp : NULL;
    date_t d;
    if (month && strlen(month) == 7) {
        char buf[16];
        snprintf(buf, sizeof buf, "%s-01", month);
        if (date_parse(buf, strlen(buf), &d)) {
            int y, m, dd;
            date_to_ymd(d, &y, &m, &dd);
            q->month = y * 100 + m;
            q->from = DATE_NONE; /* a month chosen is shown whole, a past one too */
        }
    }
}

static void offer_table(request *req, response *resp, const session_plan *s, size_t n,
                        bool actions)
{
    int month = 0;
    for (size_t i = 0; i < n; i++) {
        date_t first = session_first_day(&s[i]);
        int y, m, d;
        date_to_ymd(first, &y, &m, &d);
        if (y * 100 + m != month) {
            if (month)
                html_raw(&resp->body, "</tbody></table></div>");
            month = y * 100 + m;
            char label[FMT_SIZE];
            if (!fmt_month(req->lang, y, m, label, sizeof label))
                snprintf(label, sizeof label, "%02d/%04d", m % 100, y % 10000);
            html_printf(&resp->body,
                        "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><thead><tr>"
                        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                        "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                        "</tr></thead><tbody>",
                        label, _("Training"), _("Dates"), _("Language"), _("Shift"),
                        _("Free seats"), _("Enrol by"));
        }
        html_raw(&resp->body, "<tr><td>");
        if (actions)
            html_printf(&resp->body, "<a href=\"/sessions/%lld\">%s</a>", (long long)s[i].id,
                        s[i].activity_title);
        else
            html_printf(&resp->body, "%s", s[i].activity_title);
        html_printf(&resp->body, "<br><small>%s</small></td><td>",
                    show_code(&vocab_form, s[i].activity_form));
        for (size_t j = 0; j < s[i].nslots; j++) {
            if (j)
                html_raw(&resp->body, "<br>");
            write_slot(req, resp, &s[i].slots[j]);
        }
        html_printf(&resp->body, "</td><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                 "<td>%s</td></tr>",
                    language_label(s[i].language), show_code(&vocab_shift, s[i].shift),
                    show_count(req, s[i].capacity - s[i].seats_taken),
                    show_date(req, s[i].registration_deadline));
    }
    if (month)
        html_raw(&resp->body, "</tbody></table></div>");
    else
        html_printf(&resp->body, "<p>%s</p>", _("No sessions planned."));
}

/* The sessions held but not closed (session_closable today) that the
 * caller registers attendance of: every one for HR, their own for a
 * trainer. Past sessions are in no month of the offer, so this is where
 * they are found again. Nothing when there are none. */
static void to_close_table(request *req, response *resp)
{
    bool admin = req->user.role == ROLE_ADMIN;
    if (!admin && req->user.employee_row <= 0)
        return;
    session_query q;
    memset(&q, 0, sizeof q);
    q.from = DATE_NONE;
    q.form = -1;
    q.closable_on = date_today();
    q.trained_by = admin ? 0 : req->user.employee_row;
    session_plan *s;
    size_t n;
    if (tsessions_list(req->db, req->a, &q, &s, &n) != STORE_OK || n == 0)
        return;
    html_printf(&resp->body, "<section class=\"no-print\" id=\"to-close\"><h2>%s</h2><p>%s</p>"
                             "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("To close"),
                admin ? _("Sessions held that are not closed yet: register the attendance of "
                          "everyone enrolled, then close them.")
                      : _("Sessions you train that are held and not closed yet: register the "
                          "attendance of everyone enrolled."),
                _("Training"), _("Dates"), _("Seats taken"), _("Action"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<tr><td><a href=\"/sessions/%lld\">%s</a></td><td>",
                    (long long)s[i].id, s[i].activity_title);
        for (size_t j = 0; j < s[i].nslots; j++) {
            if (j)
                html_raw(&resp->body, "<br>");
            write_slot(req, resp, &s[i].slots[j]);
        }
        html_printf(&resp->body, "</td><td class=\"num\">%s</td><td><a href=\"/sessions/%lld/"
                                 "attendance\">%s</a></td></tr>",
                    show_count(req, s[i].seats_taken), (long long)s[i].id,
                    admin ? _("Attendance and closing") : _("Attendance"));
    }
    html_raw(&resp->body, "</tbody></table></div></section>");
}

void page_sessions(request *req, response *resp)
{
    session_query q;
    offer_query(req, &q);
    session_plan *s;
    size_t n;
    if (tsessions_list(req->db, req->a, &q, &s, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Sessions"));
    const char *notice = request_query(req, "notice");
    if (notice && strcmp(notice, "session-cancelled") == 0)
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("The session is cancelled. Whoever was enrolled or waiting is told by "
                      "e-mail."));
    html_printf(&resp->body, "<p class=\"no-print\">%s</p>",
                q.month ? _("The sessions of the month chosen, held or to come. The page prints "
                            "as a notice for the board.")
                        : _("The sessions planned from today on. The page prints as a notice "
                            "for the board."));
    offer_filters(req, resp, &q);
    /* Only the links the caller may open: "my enrolments" needs an account
     * linked to an employee, and is no page of a representative's. */
    static const struct {
        const char *href, *label;
        int roles;
    } links[] = {{"/sessions/new", N_("Plan a session"), ROLE_ADMIN},
                 {"/outbox", N_("Outbox"), ROLE_ADMIN},
                 {"/sessions/figures", N_("Enrolments per department"),
                  ROLE_ADMIN | ROLE_REPRESENTATIVE},
                 {"/team/enrolments", N_("Enrolments to approve"), ROLE_ADMIN | ROLE_MANAGER},
                 {"/my/sessions", N_("My enrolments"), ROLE_ANY & ~ROLE_REPRESENTATIVE}};
    bool any = false;
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        if (!(links[i].roles & req->user.role) ||
            (strcmp(links[i].href, "/my/sessions") == 0 && req->user.employee_row <= 0))
            continue;
        html_raw(&resp->body, any ? " · " : "<p class=\"no-print\">");
        html_printf(&resp->body, "<a href=\"%s\">%s</a>", links[i].href, _(links[i].label));
        any = true;
    }
    if (any)
        html_raw(&resp->body, "</p>");
    to_close_table(req, resp);
    offer_table(req, resp, s, n, true);
    page_end(req, resp);
}

/* ---- one session ---- */

static void facts_row(response *resp, const char *label, const char *value)
{
    html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void write_enrolments(request *req, response *resp, const session_plan *p,
                             const enrolment *e, size_t n)
{
    html_printf(&resp->body, "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Enrolments"), _("Employee"), _("Department"), _("State"), _("Agreement"),
                _("Action"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<tr><td>%s (%s)</td><td>%s</td><td>%s", e[i].employee_name,
                    e[i].employee_id, e[i].department, show_code(&vocab_enrol_state, e[i].state));
        if (e[i].state == ENROL_WAITLISTED)
            html_printf(&resp->body, " #%lld", (long long)e[i].waitlist_rank);
        if (e[i].fee_due > 0)
            html_printf(&resp->body, " · %s %s", _("fee"), show_euro(req, e[i].fee_due));
        /* A trainer sees everyone enrolled but acts only for themself: the
         * agreement and the cancelling are the person's, their manager's
         * and HR's (may_act_for, as the handlers check). */
        bool acts = may_act_for(req, e[i].employee_row);
        const char *agreement_state = e[i].has_agreement ? _("filled in") : _("not filled in");
        if (acts)
            html_printf(&resp->body, "</td><td><a href=\"/enrolments/%lld/agreement\">%s</a>"
                                     "</td><td>", (long long)e[i].id, agreement_state);
        else
            html_printf(&resp->body, "</td><td>%s</td><td>", agreement_state);
        if (acts && enrol_is_open(e[i].state) && strcmp(p->state, "planned") == 0) {
            form_open(req, resp, "action=\"/enrolments/%lld/cancel\"", (long long)e[i].id);
            html_printf(&resp->body, "<label class=\"sr\" for=\"r%lld\">%s</label>"
                                     "<input id=\"r%lld\" name=\"reason\" size=\"12\" "
                                     "placeholder=\"%s\"> <button>%s</button></form>",
                        (long long)e[i].id, _("Reason"), (long long)e[i].id, _("Reason"),
                        _("Cancel enrolment"));
        }
        html_raw(&resp->body, "</td></tr>");
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>", _("Nothing yet."));
    html_raw(&resp->body, "</tbody></table></div>");
}

/* The admin's tools on a planned session: enrol a department, change,
 * cancel, attendance. PROBLEM (or NULL) is why the form with id REFUSED
 * ("enrol-one" or "cancel-session") was refused: it is shown again as
 * typed. */
static void admin_tools(request *req, response *resp, const session_plan *p,
                        const char *refused, const char *problem)
{
    bool enrol_again = problem && strcmp(refused, "enrol-one") == 0;
    const char *cancel_problem = problem && strcmp(refused, "cancel-session") == 0 ? problem
                                                                                   : NULL;
    group_count *depts;
    size_t nd;
    html_printf(&resp->body, "<h2>%s</h2><p><a href=\"/sessions/%lld/edit\">%s</a> · "
                             "<a href=\"/sessions/%lld/attendance\">%s</a></p>",
                _("Manage"), (long long)p->id, _("Change the session"), (long long)p->id,
                _("Attendance and closing"));
    if (departments_list(req->db, req->a, &depts, &nd) == STORE_OK && nd) {
        form_open(req, resp, "action=\"/sessions/%lld/group\" class=\"narrow\"",
                  (long long)p->id);
        html_printf(&resp->body, "<label for=\"department\">%s</label><select id=\"department\" "
                                 "name=\"department\">", _("Enrol a whole department"));
        for (size_t i = 0; i < nd; i++)
            html_printf(&resp->body, "<option>%s</option>", depts[i].name);
        html_printf(&resp->body, "</select><button>%s</button></form>", _("Enrol"));
    }
    form_open(req, resp, "action=\"/sessions/%lld/enrol\" class=\"narrow\" id=\"enrol-one\"",
              (long long)p->id);
    form_refused_note(resp, enrol_again ? problem : NULL);
    html_printf(&resp->body, "<label for=\"employee_id\">%s</label><input id=\"employee_id\" "
                             "name=\"employee_id\" required value=\"%s\"><button>%s</button>"
                             "</form>",
                _("Enrol one employee (number)"), form_again(req, enrol_again, "employee_id"),
                _("Enrol"));
    form_open(req, resp, "action=\"/sessions/%lld/cancel\" class=\"narrow\" "
                         "id=\"cancel-session\"", (long long)p->id);
    form_refused_note(resp, cancel_problem);
    html_printf(&resp->body, "<label for=\"cancel_reason\">%s</label><input id=\"cancel_reason\" "
                             "name=\"reason\" required value=\"%s\"><button>%s</button></form>",
                _("Reason for cancelling the session"),
                form_again(req, cancel_problem != NULL, "reason"), _("Cancel the session"));
}

/* What the last enrolling or cancelling on session P did
 * (?notice=enrolled|waitlisted|requested|cancelled&enrolment=N): a notice
 * at the top, naming the person when the caller acted for someone else
 * (HR, a manager). An enrolment of another session, or of someone the
 * caller may not act for, is not named. */
static void enrolment_notice(request *req, response *resp, const session_plan *p)
{
    const char *notice = request_query(req, "notice"), *arg = request_query(req, "enrolment");
    if (!notice)
        return;
    long long id;
    enrolment e;
    const char *other = NULL;
    if (arg && number_parse(arg, 1, INT64_MAX, &id) &&
        enrolments_get(req->db, req->a, id, 0, 0, &e) == STORE_ROW && e.session_id == p->id &&
        e.employee_row != req->user.employee_row && may_act_for(req, e.employee_row))
        other = e.employee_name;
    const char *text = NULL;
    if (strcmp(notice, "waitlisted") == 0)
        text = other ? _("The session is full: %s is on the waiting list.")
                     : _("The session is full: you are on the waiting list.");
    else if (strcmp(notice, "requested") == 0)
        text = other ? _("The request of %s went to their manager.")
                     : _("Your request went to your manager.");
    else if (strcmp(notice, "enrolled") == 0)
        text = other ? _("%s has a seat.") : _("You have a seat.");
    else if (strcmp(notice, "cancelled") == 0)
        text = other ? _("The enrolment of %s is cancelled.") : _("Your enrolment is cancelled.");
    if (!text)
        return;
    html_raw(&resp->body, "<p class=\"notice\" role=\"status\">");
    if (other)
        html_printf(&resp->body, text, other);
    else
        html_printf(&resp->body, "%s", text);
    html_raw(&resp->body, "</p>");
}

/* The caller's own enrolment E in session P, with its cancel button while
 * it is open and the session planned (as on /my/sessions). */
static void own_enrolment(request *req, response *resp, const session_plan *p,
                          const enrolment *e)
{
    html_printf(&resp->body, "<p>%s: <strong>%s</strong>", _("Your enrolment"),
                show_code(&vocab_enrol_state, e->state));
    if (e->state == ENROL_WAITLISTED && e->waitlist_rank > 0)
        html_printf(&resp->body, " #%lld", (long long)e->waitlist_rank);
    html_printf(&resp->body, " · <a href=\"/enrolments/%lld/agreement\">%s</a></p>",
                (long long)e->id, _("The agreement before the start"));
    if (strcmp(p->state, "planned") != 0)
        return;
    form_open(req, resp, "action=\"/enrolments/%lld/cancel\" class=\"narrow\" id=\"my-cancel\"",
              (long long)e->id);
    html_printf(&resp->body, "<label for=\"my-reason\">%s</label><input id=\"my-reason\" "
                             "name=\"reason\" size=\"20\"> <button>%s</button></form>",
                _("Reason"), _("Cancel my enrolment"));
}

/* The page of the path's session; PROBLEM (or NULL) is why HR's form with
 * id REFUSED was refused (status 422, the form as typed). */
static void session_page(request *req, response *resp, const char *refused,
                         const char *problem)
{
    int64_t id = arg_id(req);
    session_plan p;
    int rc = id ? tsessions_get(req->db, req->a, id, &p) : STORE_DONE;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    bool admin = req->user.role == ROLE_ADMIN;
    page_begin(req, resp, p.activity_title);
    if (problem)
        form_refused(resp, problem, refused);
    enrolment_notice(req, resp, &p);
    const char *conflicts = request_query(req, "conflicts");
    int c = conflicts ? atoi(conflicts) : 0;
    if (c & CONFLICT_OVERLAP)
        html_printf(&resp->body, "<p class=\"warning\" role=\"alert\">%s</p>",
                    _("Careful: another session of this person takes place at the same time."));
    if (c & CONFLICT_SHIFT)
        html_printf(&resp->body, "<p class=\"warning\" role=\"alert\">%s</p>",
                    _("Careful: this session does not fit the person's shift."));
    html_raw(&resp->body, "<dl class=\"facts\">");
    /* "scheduled": a session (and a rotation) is feminine in French */
    facts_row(resp, _("State"), strcmp(p.state, "planned") == 0 ? _("scheduled")
                                : strcmp(p.state, "closed") == 0 ? _("closed") : _("cancelled"));
    facts_row(resp, _("Language"), language_label(p.language));
    facts_row(resp, _("Fits the shift"), show_code(&vocab_shift, p.shift));
    str seats = STR_INIT;
    str_printf(&seats, "%d / %d", p.seats_taken, p.capacity);
    facts_row(resp, _("Seats taken"), arena_strdup(req->a, str_cstr(&seats)));
    str_free(&seats);
    facts_row(resp, _("Enrol by"), show_date(req, p.registration_deadline));
    facts_row(resp, _("Cancel free of charge until"), show_date(req, p.cancellation_deadline));
    facts_row(resp, _("Late-cancellation fee (euro)"), show_decimal(req, p.late_fee, 2, 2));
    if (admin)
        facts_row(resp, _("Cost of the session (euro)"), show_decimal(req, p.cost, 2, 2));
    facts_row(resp, _("Manager's approval"), p.needs_approval ? _("yes") : _("no"));
    html_raw(&resp->body, "</dl>");
    if (p.note && *p.note)
        html_printf(&resp->body, "<p>%s</p>", p.note);
    html_printf(&resp->body, "<h2>%s</h2><ul>", _("Dates"));
    for (size_t i = 0; i < p.nslots; i++) {
        html_raw(&resp->body, "<li>");
        write_slot(req, resp, &p.slots[i]);
        html_raw(&resp->body, "</li>");
    }
    html_printf(&resp->body, "</ul><p><a href=\"/sessions/%lld/ics?format=ics\" download>%s</a></p>",
                (long long)p.id, _("Add to my calendar (.ics)"));
    /* the caller's own enrolment */
    if (req->user.employee_row > 0) {
        enrolment mine;
        rc = enrolments_get(req->db, req->a, 0, p.id, req->user.employee_row, &mine);
        if (rc == STORE_ROW && enrol_is_open(mine.state)) {
            own_enrolment(req, resp, &p, &mine);
        } else if (strcmp(p.state, "planned") == 0 &&
                   date_today() <= p.registration_deadline) {
            /* said before the click: a full session puts one on its waiting list */
            if (p.seats_taken >= p.capacity)
                html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                            _("The session is full: you go on its waiting list, and get a seat "
                              "when one frees up."));
            form_open(req, resp, "action=\"/sessions/%lld/enrol\"", (long long)p.id);
            html_printf(&resp->body, "<button>%s</button></form>",
                        p.needs_approval ? _("Ask to take part") : _("Enrol"));
        }
    }
    int trains = req->user.employee_row > 0
                     ? tsessions_trained_by(req->db, p.id, req->user.employee_row) : 0;
    if (admin || req->user.role == ROLE_MANAGER || trains == 1) {
        enrolment_query q = {p.id, 0, 0, -1, false, DATE_NONE};
        if (!admin && trains != 1)
            q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
        enrolment *e;
        size_t n;
        if (enrolments_list(req->db, req->a, &q, &e, &n) == STORE_OK)
            write_enrolments(req, resp, &p, e, n);
        if (trains == 1 && !admin)
            html_printf(&resp->body, "<p><a href=\"/sessions/%lld/attendance\">%s</a></p>",
                        (long long)p.id, _("Attendance"));
    }
    if (admin && strcmp(p.state, "planned") == 0)
        admin_tools(req, resp, &p, refused, problem);
    page_end(req, resp);
}

void page_session(request *req, response *resp)
{
    session_page(req, resp, NULL, NULL);
}

/* ---- planning and changing ---- */

/* TEXT without the spaces around it (in the request's arena), or NULL. */
static const char *trimmed(request *req, const char *text)
{
    if (!text)
        return NULL;
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    return arena_strndup(req->a, text, n);
}

/* What the form says of a trainer NUMBER that names no employee: a
 * mistyped number would otherwise become an outside trainer's name. */
static const char *unknown_trainer(request *req, const char *number)
{
    str msg = STR_INIT;
    str_printf(&msg, _("There is no employee with the number %s. Give the number of an "
                       "employee, or the outside trainer's name and organisation."),
               number);
    const char *text = str_ok(&msg) ? arena_strdup(req->a, str_cstr(&msg)) : NULL;
    str_free(&msg);
    return text ? text : _("There is no employee with that number.");
}

/* Adds MESSAGE to the mistakes WHY of a form, once. */
static void mistake(str *why, const char *message)
{
    if (why->len && strstr(str_cstr(why), message))
        return;
    if (why->len)
        str_putc(why, ' ');
    str_puts(why, message);
}

/* Reads date I of the session form into X; its mistakes added to WHY.
 * False when its day or its hours could not be read (the rules about them
 * then say nothing); a trainer's mistake leaves them readable. */
static bool read_session_slot(request *req, int i, session_slot *x, str *why)
{
    bool readable = true;
    char name[32];
    snprintf(name, sizeof name, "date_id_%d", i);
    const char *did = request_form(req, name);
    long long v;
    x->id = did && number_parse(did, 1, INT64_MAX, &v) ? (int64_t)v : 0;
    snprintf(name, sizeof name, "day_%d", i);
    const char *day = request_form(req, name);
    if (!date_parse(day, strlen(day), &x->day)) {
        mistake(why, _("Give each date as DD/MM/YYYY or YYYY-MM-DD."));
        readable = false;
    }
    snprintf(name, sizeof name, "start_%d", i);
    const char *st = request_form(req, name);
    snprintf(name, sizeof name, "end_%d", i);
    const char *en = request_form(req, name);
    if (!st || !clock_read(st, &x->start) || !en || !clock_read(en, &x->end)) {
        mistake(why, _("Give the start and end of each date as HH:MM."));
        readable = false;
    }
    snprintf(name, sizeof name, "place_%d", i);
    x->place = request_form(req, name);
    snprintf(name, sizeof name, "link_%d", i);
    x->online_link = request_form(req, name);
    snprintf(name, sizeof name, "trainer_%d", i);
    const char *trainer = trimmed(req, request_form(req, name));
    if (!trainer || !*trainer)
        return readable;
    int64_t row = employees_row(req->db, trainer);
    int alike = row == 0 && session_trainer_is_number(trainer)
                    ? employees_number_alike(req->db, trainer)
                    : 0;
    if (row < 0 || alike < 0)
        mistake(why, _("The employees could not be read just now. Please try again later."));
    else if (row > 0)
        x->trainer_row = row;
    else if (alike)
        mistake(why, unknown_trainer(req, trainer));
    else
        x->trainer_name = trainer;
    return readable;
}

/* Reads the session form into P (slots in SLOTS); NULL when it is
 * complete and valid, else every mistake (translated sentences). */
static const char *read_session_form(request *req, session_plan *p, session_slot *slots)
{
    str why = STR_INIT;
    const char *code = request_form(req, "activity");
    int type;
    if (!p->id) {
        if (!code || (p->activity_row = activities_row(req->db, code, &type)) <= 0)
            mistake(&why, _("Choose the activity from the catalogue."));
        p->activity_code = code;
    }
    const char *lang = request_form(req, "language"), *shift = request_form(req, "shift");
    p->language = lang ? lang : "";
    p->shift = shift ? vocab_find(&vocab_shift, shift, strlen(shift)) : -1;
    if (p->shift < 0)
        mistake(&why, _("Choose the shift the session fits."));
    /* What could not be read is said once; the rules below (session_check)
     * then speak only of what was read. */
    unsigned unread = 0;
    long long cap;
    const char *c = request_form(req, "capacity");
    if (!c || !number_parse(c, -1000000, 1000000, &cap)) {
        mistake(&why, _("Give the capacity as a whole number."));
        unread |= SESSION_BIT(SESSION_BAD_CAPACITY) | SESSION_BIT(SESSION_BELOW_TAKEN);
    } else {
        p->capacity = (int)cap;
    }
    const char *rd = request_form(req, "registration_deadline");
    const char *cd = request_form(req, "cancellation_deadline");
    if (!rd || !date_parse(rd, strlen(rd), &p->registration_deadline) || !cd ||
        !date_parse(cd, strlen(cd), &p->cancellation_deadline)) {
        mistake(&why, _("Give both deadlines as days that exist, as DD/MM/YYYY."));
        unread |= SESSION_BIT(SESSION_DEADLINE_AFTER_START);
    }
    const char *fee = request_form(req, "late_fee"), *cost = request_form(req, "cost");
    p->late_fee = p->cost = 0;
    if ((fee && *fee && decimal_parse(fee, strlen(fee), 2, &p->late_fee) != DECIMAL_OK) ||
        (cost && *cost && decimal_parse(cost, strlen(cost), 2, &p->cost) != DECIMAL_OK)) {
        mistake(&why, _("Give amounts as a number such as 95 or 95,50."));
        unread |= SESSION_BIT(SESSION_BAD_FEE);
    }
    p->note = request_form(req, "note");
    p->nslots = 0;
    bool slots_read = true;
    for (int i = 1; i <= MAX_FORM_DATES; i++) {
        char name[32];
        snprintf(name, sizeof name, "day_%d", i);
        const char *day = request_form(req, name);
        if (!day || !*day)
            continue;
        session_slot *x = &slots[p->nslots++];
        memset(x, 0, sizeof *x);
        slots_read &= read_session_slot(req, i, x, &why);
    }
    p->slots = slots;
    if (!slots_read)
        unread |= SESSION_BIT(SESSION_DATE_PAST) | SESSION_BIT(SESSION_END_BEFORE_START) |
                  SESSION_BIT(SESSION_DEADLINE_AFTER_START);
    /* every rule the session breaks at once, not one per try */
    unsigned broken = session_problems(p, date_today()) & ~unread;
    for (int k = 1; k < 32; k++)
        if (broken & (1u << k))
            mistake(&why, _(session_problem_text((enum session_problem)k)));
    bool wrong = why.len || !str_ok(&why);
    const char *out = why.len && str_ok(&why) ? arena_strdup(req->a, str_cstr(&why)) : NULL;
    if (wrong && !out) /* never "valid" for want of memory */
        out = _("Something went wrong on our side");
    str_free(&why);
    return out;
}

static void session_form(request *req, response *resp, const char *action,
                         const session_plan *p)
{
    activity *acts = NULL;
    size_t na = 0;
    if (!p && activities_list(req->db, req->a, &acts, &na) != STORE_OK)
        na = 0;
    /* a session is of an activity: with none, the form would be a dead end */
    if (!p && na == 0) {
        html_printf(&resp->body, "<p>%s <a href=\"/catalogue/edit\">%s</a></p>",
                    _("A session belongs to an activity of the catalogue, and the catalogue is "
                      "empty."),
                    _("Add an activity first."));
        return;
    }
    form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
    if (!p) {
        const char *code = field_or(req, "activity", NULL);
        html_printf(&resp->body, "<label for=\"activity\">%s</label><select id=\"activity\" "
                                 "name=\"activity\" required>", _("Activity"));
        for (size_t i = 0; i < na; i++)
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", acts[i].code,
                        strcmp(code, acts[i].code) == 0 ? " selected" : "", acts[i].title);
        html_raw(&resp->body, "</select>");
    }
    char rd[DATE_TEXT_SIZE] = "", cd[DATE_TEXT_SIZE] = "", cap[16] = "";
    if (p) {
        date_format(p->registration_deadline, rd);
        date_format(p->cancellation_deadline, cd);
        snprintf(cap, sizeof cap, "%d", p->capacity);
    }
    const char *lang = field_or(req, "language", p ? p->language : "nl");
    html_printf(&resp->body, "<label for=\"language\">%s</label><select id=\"language\" "
                             "name=\"language\">", _("Language"));
    static const char *const langs[] = {"nl", "fr", "en"};
    for (int i = 0; i < 3; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", langs[i],
                    strcmp(lang, langs[i]) == 0 ? " selected" : "", language_label(langs[i]));
    const char *shift = field_or(req, "shift", p ? vocab_name(&vocab_shift, p->shift) : "day");
    html_printf(&resp->body, "</select><label for=\"shift\">%s</label><select id=\"shift\" "
                             "name=\"shift\">", _("Fits the shift"));
    for (int i = 0; i < vocab_shift.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_shift.names[i],
                    strcmp(shift, vocab_shift.names[i]) == 0 ? " selected" : "",
                    show_code(&vocab_shift, i));
    html_printf(&resp->body,
                "</select><label for=\"capacity\">%s</label><input id=\"capacity\" "
                "name=\"capacity\" inputmode=\"numeric\" required value=\"%s\">"
                "<label for=\"registration_deadline\">%s</label><input id=\"registration_deadline\" "
                "name=\"registration_deadline\" type=\"%s\" required value=\"%s\">"
                "<label for=\"cancellation_deadline\">%s</label><input id=\"cancellation_deadline\" "
                "name=\"cancellation_deadline\" type=\"%s\" required value=\"%s\">"
                "<label for=\"late_fee\">%s</label><input id=\"late_fee\" name=\"late_fee\" "
                "inputmode=\"decimal\" value=\"%s\"><label for=\"cost\">%s</label>"
                "<input id=\"cost\" name=\"cost\" inputmode=\"decimal\" value=\"%s\">"
                "<label for=\"note\">%s</label><textarea id=\"note\" name=\"note\" rows=\"2\">%s"
                "</textarea>",
                _("Capacity (seats)"), field_or(req, "capacity", cap), _("Enrol by"),
                form_date_type(field_or(req, "registration_deadline", rd)),
                field_or(req, "registration_deadline", rd), _("Cancel free of charge until"),
                form_date_type(field_or(req, "cancellation_deadline", cd)),
                field_or(req, "cancellation_deadline", cd),
                _("Late-cancellation fee (euro)"),
                field_or(req, "late_fee", p ? show_input_decimal(req, p->late_fee, 2, 2) : NULL),
                _("Cost of the session (euro)"),
                field_or(req, "cost", p ? show_input_decimal(req, p->cost, 2, 2) : NULL),
                _("Note"), field_or(req, "note", p ? p->note : NULL));
    html_printf(&resp->body, "<fieldset><legend>%s</legend>", _("Dates"));
    for (int i = 1; i <= MAX_FORM_DATES; i++) {
        const session_slot *x = p && (size_t)i <= p->nslots ? &p->slots[i - 1] : NULL;
        char day[DATE_TEXT_SIZE] = "", a[6] = "", b[6] = "", name[32];
        if (x) {
            date_format(x->day, day);
            clock_format(x->start, a);
            clock_format(x->end, b);
            html_printf(&resp->body, "<input type=\"hidden\" name=\"date_id_%d\" value=\"%lld\">",
                        i, (long long)x->id);
        }
        html_printf(&resp->body, "<p class=\"date-row\"><strong>%s %d</strong></p>", _("Date"), i);
        snprintf(name, sizeof name, "day_%d", i);
        html_printf(&resp->body, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
                                 "type=\"%s\" value=\"%s\">",
                    name, _("Day"), name, name, form_date_type(field_or(req, name, day)),
                    field_or(req, name, day));
        snprintf(name, sizeof name, "start_%d", i);
        html_printf(&resp->body, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
                                 "type=\"time\" value=\"%s\">",
                    name, _("From"), name, name, field_or(req, name, a));
        snprintf(name, sizeof name, "end_%d", i);
        html_printf(&resp->body, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
                                 "type=\"time\" value=\"%s\">",
                    name, _("Until"), name, name, field_or(req, name, b));
        snprintf(name, sizeof name, "place_%d", i);
        html_printf(&resp->body, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
                                 "value=\"%s\">",
                    name, _("Place"), name, name, field_or(req, name, x ? x->place : NULL));
        snprintf(name, sizeof name, "link_%d", i);
        html_printf(&resp->body, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
                                 "type=\"url\" value=\"%s\">",
                    name, _("Online link"), name, name,
                    field_or(req, name, x ? x->online_link : NULL));
        snprintf(name, sizeof name, "trainer_%d", i);
        html_printf(&resp->body, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
                                 "value=\"%s\">",
                    name, _("Trainer (employee number or name)"), name, name,
                    field_or(req, name, x ? x->trainer_name : NULL));
    }
    html_printf(&resp->body, "</fieldset><button type=\"submit\">%s</button></form>", _("Save"));
}

void page_session_new(request *req, response *resp)
{
    const char *error = NULL;
    if (is_post(req)) {
        session_plan p = {0};
        session_slot slots[MAX_FORM_DATES];
        error = read_session_form(req, &p, slots);
        if (!error) {
            enum session_problem problem;
            int st = training_plan(req->db, req->user.login, &p, date_today(), &problem);
            if (st == TRAINING_OK) {
                str to = STR_INIT;
                str_printf(&to, "/sessions/%lld", (long long)p.id);
                response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
                str_free(&to);
                return;
            }
            if (st != TRAINING_INVALID) {
                respond_error(req, resp, 500, NULL);
                return;
            }
            error = _(session_problem_text(problem));
        }
    }
    page_begin(req, resp, _("Plan a session"));
    if (error) {
        resp->status = 422;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", error);
    }
    session_form(req, resp, "/sessions/new", NULL);
    page_end(req, resp);
}

void page_session_edit(request *req, response *resp)
{
    int64_t id = arg_id(req);
    session_plan p;
    int rc = id ? tsessions_get(req->db, req->a, id, &p) : STORE_DONE;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    const char *error = NULL;
    str action = STR_INIT;
    str_printf(&action, "/sessions/%lld/edit", (long long)id);
    if (is_post(req)) {
        session_plan changed = p;
        session_slot slots[MAX_FORM_DATES];
        error = read_session_form(req, &changed, slots);
        if (!error) {
            enum session_problem problem;
            int st = training_change(req->db, req->user.login, &changed, date_today(), &problem);
            if (st == TRAINING_OK) {
                action.len -= strlen("/edit");
                action.p[action.len] = '\0';
                response_redirect(req, resp, arena_strdup(req->a, str_cstr(&action)));
                str_free(&action);
                return;
            }
            error = st == TRAINING_INVALID ? _(session_problem_text(problem))
                                           : _(training_status_text(st));
        }
    }
    page_begin(req, resp, _("Change the session"));
    html_printf(&resp->body, "<p>%s</p>", p.activity_title);
    if (error) {
        resp->status = 422;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", error);
    }
    session_form(req, resp, str_cstr(&action), &p);
    str_free(&action);
    page_end(req, resp);
}

static const char *session_path(request *req, int64_t id);

/* Cancelling a session cannot be taken back, and tells everyone enrolled or
 * waiting: it asks first, saying how many that are, and keeps the reason
 * typed. True when confirmed. */
static bool session_cancel_confirmed(request *req, response *resp, int64_t id,
                                     const char *reason)
{
    const char *confirm = request_form(req, "confirm");
    if (confirm && strcmp(confirm, "yes") == 0)
        return true;
    session_plan p;
    enrolment_query q = {id, 0, 0, -1, false, DATE_NONE};
    enrolment *e = NULL;
    size_t n = 0, open = 0;
    int rc = tsessions_get(req->db, req->a, id, &p);
    if (rc == STORE_ROW && enrolments_list(req->db, req->a, &q, &e, &n) != STORE_OK)
        rc = STORE_ERROR;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
        return false;
    }
    if (strcmp(p.state, "planned") != 0) { /* cancelled or closed already: nothing to ask */
        respond_status(req, resp, TRAINING_NOT_OPEN);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        open += enrol_is_open(e[i].state);
    page_begin(req, resp, _("Cancel the session"));
    html_printf(&resp->body, "<div class=\"warning\" id=\"confirm\"><p>%s · %s</p>"
                             "<p role=\"alert\">%s ",
                p.activity_title, p.nslots ? show_date(req, p.slots[0].day) : "",
                _("Cancel this session? It cannot be taken back."));
    if (open)
        html_printf(&resp->body,
                    P_("%zu person is enrolled or waiting: they lose their place and get an "
                       "e-mail with your reason.",
                       "%zu people are enrolled or waiting: they lose their place and get an "
                       "e-mail with your reason.",
                       open),
                    open);
    else
        html_printf(&resp->body, "%s", _("Nobody is enrolled."));
    html_printf(&resp->body, "</p><p>%s: %s</p>", _("Reason"), reason);
    form_open(req, resp, "action=\"/sessions/%lld/cancel\"", (long long)id);
    html_printf(&resp->body, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                             "<input type=\"hidden\" name=\"reason\" value=\"%s\">"
                             "<button>%s</button> <a href=\"%s\">%s</a></form></div>",
                reason, _("Yes, cancel the session"), session_path(req, id),
                _("No, keep the session"));
    page_end(req, resp);
    return false;
}

void page_session_cancel(request *req, response *resp)
{
    /* spaces alone pass the field's "required" but say no reason */
    const char *reason = trimmed(req, request_form(req, "reason"));
    if (!reason || !*reason) {
        session_page(req, resp, "cancel-session", _("Say why the session is cancelled."));
        return;
    }
    int64_t id = arg_id(req);
    if (!session_cancel_confirmed(req, resp, id, reason))
        return;
    int st = training_cancel_session(req->db, req->user.login, id, reason);
    if (st != TRAINING_OK) {
        respond_status(req, resp, st);
        return;
    }
    response_redirect(req, resp, "/sessions?notice=session-cancelled");
}

/* ---- enrolling ---- */

void page_session_enrol(request *req, response *resp)
{
    int64_t id = arg_id(req), row = req->user.employee_row;
    const char *who = request_form(req, "employee_id");
    bool by_hr = req->user.role == ROLE_ADMIN && who && *who;
    if (by_hr)
        row = employees_row(req->db, who);
    /* HR's number typed on the session's page comes back there */
    bool on_page = by_hr && !request_is_api(req);
    if (row == 0 && on_page) {
        session_page(req, resp, "enrol-one", _("There is no employee with that number."));
        return;
    }
    if (row <= 0) {
        respond_error(req, resp, row < 0 ? 500 : 422,
                      row < 0 ? NULL : by_hr ? _("There is no employee with that number.")
                                             : _("Your account is not linked to an employee."));
        return;
    }
    enrol_outcome out;
    int st = training_enrol(req->db, req->user.login, id, row, by_hr, date_today(), &out);
    if (request_is_api(req)) {
        if (st != TRAINING_OK) {
            respond_status(req, resp, st);
            return;
        }
        respond_json(req, resp, 201,
                     json_pack("{s:I, s:s, s:i}", "enrolment", (json_int_t)out.enrolment_id,
                               "state", vocab_name(&vocab_enrol_state, out.state), "conflicts",
                               out.conflicts));
        return;
    }
    if (on_page && (st == TRAINING_NOT_EMPLOYED || st == TRAINING_ALREADY ||
                    st == TRAINING_DEADLINE || st == TRAINING_INVALID)) {
        session_page(req, resp, "enrol-one", _(training_status_text(st)));
        return;
    }
    if (st != TRAINING_OK) {
        respond_status(req, resp, st);
        return;
    }
    str to = STR_INIT;
    str_printf(&to, "/sessions/%lld?notice=%s&conflicts=%d&enrolment=%lld", (long long)id,
               vocab_name(&vocab_enrol_state, out.state), out.conflicts,
               (long long)out.enrolment_id);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
    str_free(&to);
}

/* The path of session ID's page, in the request's arena ("/sessions" when
 * out of memory). */
static const char *session_path(request *req, int64_t id)
{
    char path[48];
    snprintf(path, sizeof path, "/sessions/%lld", (long long)id);
    const char *copy = arena_strdup(req->a, path);
    return copy ? copy : "/sessions";
}

/* Appends the question of enrolling the N active employees of DEPT in the
 * session of TITLE, whose outcome would be OUT: a sentence for each part
 * there is, each number with its own plural. */
static void group_question(str *q, const char *dept, const char *title, int n,
                           const group_outcome *out)
{
    str_printf(q, P_("Enrol the %d active employee of %s in %s?",
                     "Enrol the %d active employees of %s in %s?", (unsigned long)n),
               n, dept, title);
    int left_out = out->not_employed + out->unknown;
    if (out->trainers) {
        str_putc(q, ' ');
        str_printf(q, P_("%d of them gives the session and is left out.",
                         "%d of them give the session and are left out.",
                         (unsigned long)out->trainers),
                   out->trainers);
    }
    if (out->already) {
        str_putc(q, ' ');
        str_printf(q, P_("%d of them is enrolled already and stays as they are.",
                         "%d of them are enrolled already and stay as they are.",
                         (unsigned long)out->already),
                   out->already);
    }
    if (left_out) {
        str_putc(q, ' ');
        str_printf(q, P_("%d of them is not employed on every day of the session and is left "
                         "out.",
                         "%d of them are not employed on every day of the session and are left "
                         "out.",
                         (unsigned long)left_out),
                   left_out);
    }
    str_putc(q, ' ');
    str_printf(q, P_("%d gets a seat.", "%d get a seat.", (unsigned long)out->enrolled),
               out->enrolled);
    if (out->waiting) {
        str_putc(q, ' ');
        str_printf(q, P_("%d goes on the waiting list.", "%d go on the waiting list.",
                         (unsigned long)out->waiting),
                   out->waiting);
    }
    if (out->enrolled + out->waiting) {
        str_putc(q, ' ');
        str_puts(q, _("Each of them is sent an e-mail."));
    }
}

/* Enrolling a whole department cannot be taken back in one go and mails
 * everyone: it asks first, saying how many get a seat, how many go on the
 * waiting list, how many are left out and that each gets an e-mail. The
 * figures come from the enrolment itself, made and rolled back
 * (training_enrol_group's preview), so they hold for who is employed on the
 * session's days. True when confirmed (a POST with confirm=yes); otherwise
 * the question is the answer. */
static bool group_confirmed(request *req, response *resp, int64_t id, const char *dept,
                            const int64_t *rows, size_t n)
{
    const char *confirm = request_form(req, "confirm");
    if (confirm && strcmp(confirm, "yes") == 0)
        return true;
    session_plan p;
    int rc = tsessions_get(req->db, req->a, id, &p);
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return false;
    }
    if (strcmp(p.state, "planned") != 0)
        return true; /* nothing to ask: enrolling answers that it is not open */
    group_outcome out;
    int st = training_enrol_group(req->db, req->user.login, id, rows, n, date_today(), true,
                                  &out);
    if (st != TRAINING_OK) {
        respond_status(req, resp, st);
        return false;
    }
    str q = STR_INIT;
    group_question(&q, dept, p.activity_title, (int)n, &out);
    char action[64];
    snprintf(action, sizeof action, "/sessions/%lld/group", (long long)id);
    page_begin(req, resp, _("Enrol a whole department"));
    confirm_box(req, resp, str_ok(&q) ? str_cstr(&q) : "", action, "department", dept,
                _("Yes, enrol them"), session_path(req, id), _("No, enrol nobody"));
    page_end(req, resp);
    str_free(&q);
    return false;
}

void page_session_group(request *req, response *resp)
{
    int64_t id = arg_id(req);
    const char *dept = request_form(req, "department");
    employee_query q = {0};
    q.department = dept;
    q.status = 1;
    employee *list;
    size_t n, total;
    if (!dept || !*dept || employees_list(req->db, req->a, &q, &list, &n, &total) != STORE_OK) {
        respond_error(req, resp, dept && *dept ? 500 : 422, NULL);
        return;
    }
    int64_t *rows = arena_alloc(req->a, (n ? n : 1) * sizeof *rows);
    if (!rows) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    for (size_t i = 0; i < n; i++)
        rows[i] = list[i].id;
    if (n == 0) { /* nothing to ask: say so */
        respond_error(req, resp, 422, text_of(req, _("%s has no active employees to enrol."),
                                              dept));
        return;
    }
    if (!group_confirmed(req, resp, id, dept, rows, n))
        return;
    group_outcome out;
    int st = training_enrol_group(req->db, req->user.login, id, rows, n, date_today(), false,
                                  &out);
    if (st != TRAINING_OK) {
        respond_status(req, resp, st);
        return;
    }
    str to = STR_INIT;
    str_printf(&to, "/sessions/%lld", (long long)id);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
    str_free(&to);
}

/* Who gets the seat a cancellation frees in SESSION_ID: the first on its
 * waiting list, named to who may act for them (HR, their manager),
 * unnamed to anyone else; nothing when nobody waits. */
static void moves_up_note(request *req, response *resp, int64_t session_id)
{
    int64_t first = enrolments_first_waiting(req->db, session_id);
    enrolment w;
    if (first <= 0 || enrolments_get(req->db, req->a, first, 0, 0, &w) != STORE_ROW)
        return;
    if (may_act_for(req, w.employee_row))
        html_printf(&resp->body, "<p>%s: <strong>%s (%s)</strong>. %s</p>",
                    _("The seat goes to the first on the waiting list"), w.employee_name,
                    w.employee_id, _("They are sent an e-mail."));
    else
        html_printf(&resp->body, "<p>%s. %s</p>",
                    _("The seat goes to the first on the waiting list"),
                    _("They are sent an e-mail."));
}

/* A cancellation cannot be taken back (the seat goes to who waits) and may
 * cost the late fee: it asks first, saying which, and keeps the reason
 * typed and the page to go back to. */
static bool cancel_confirmed(request *req, response *resp, const enrolment *e)
{
    const char *confirm = request_form(req, "confirm");
    if (confirm && strcmp(confirm, "yes") == 0)
        return true;
    session_plan p;
    int rc = tsessions_get(req->db, req->a, e->session_id, &p);
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
        return false;
    }
    const char *reason = request_form(req, "reason"), *back = request_form(req, "back");
    bool mine = back && strcmp(back, "my") == 0;
    page_begin(req, resp, _("Cancel the enrolment"));
    html_printf(&resp->body, "<div class=\"warning\" role=\"alert\" id=\"confirm\"><p>%s · %s</p>"
                             "<p>%s</p>",
                e->employee_name ? e->employee_name : "", p.activity_title,
                _("Cancel this enrolment? It cannot be taken back: a seat goes to whoever "
                  "waits for one."));
    if (enrol_holds_seat(e->state) && p.late_fee > 0 && date_today() > p.cancellation_deadline)
        html_printf(&resp->body, "<p><strong>%s %s. %s: %s</strong></p>",
                    _("Free cancellation ended on"), show_date(req, p.cancellation_deadline),
                    _("Late-cancellation fee (euro)"), show_decimal(req, p.late_fee, 2, 2));
    if (enrol_holds_seat(e->state))
        moves_up_note(req, resp, e->session_id);
    form_open(req, resp, "action=\"/enrolments/%lld/cancel\"", (long long)e->id);
    html_printf(&resp->body, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                             "<input type=\"hidden\" name=\"reason\" value=\"%s\">"
                             "<input type=\"hidden\" name=\"back\" value=\"%s\">"
                             "<button>%s</button> <a href=\"%s\">%s</a></form></div>",
                reason ? reason : "", mine ? "my" : "", _("Yes, cancel it"),
                mine ? "/my/sessions" : session_path(req, e->session_id),
                _("No, keep the enrolment"));
    page_end(req, resp);
    return false;
}

void page_enrolment_cancel(request *req, response *resp)
{
    int64_t id = arg_id(req);
    enrolment e;
    int rc = id ? enrolments_get(req->db, req->a, id, 0, 0, &e) : STORE_DONE;
    if (rc != STORE_ROW || !may_act_for(req, e.employee_row)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    if (!cancel_confirmed(req, resp, &e))
        return;
    int st = training_cancel_enrolment(req->db, req->user.login, id,
                                       request_form(req, "reason"), date_today());
    if (st != TRAINING_OK) {
        respond_status(req, resp, st);
        return;
    }
    /* back where the cancel button was, saying it is done */
    const char *back = request_form(req, "back");
    str to = STR_INIT;
    if (back && strcmp(back, "my") == 0)
        str_printf(&to, "/my/sessions?notice=cancelled");
    else
        str_printf(&to, "/sessions/%lld?notice=cancelled&enrolment=%lld",
                   (long long)e.session_id, (long long)id);
    const char *location = str_ok(&to) ? arena_strdup(req->a, str_cstr(&to)) : NULL;
    str_free(&to);
    response_redirect(req, resp, location ? location : "/my/sessions");
}

/* ---- approving ---- */

/* What stands in the way of enrolment E, as the manager deciding sees it:
 * another session at the same time, a shift that does not fit, a date
 * outside the employment (enum enrol_conflict). */
static void write_conflicts(request *req, response *resp, const enrolment *e)
{
    session_plan p;
    session_slot *others;
    size_t nothers;
    date_t hire, exit;
    int shift;
    if (tsessions_get(req->db, req->a, e->session_id, &p) != STORE_ROW ||
        employees_brief(req->db, e->employee_row, &hire, &exit, &shift) != STORE_ROW ||
        enrolments_other_slots(req->db, req->a, e->employee_row, e->session_id, &others,
                               &nothers) != STORE_OK)
        return;
    int c = enrol_conflicts(&p, hire, exit, shift, others, nothers);
    if (c & CONFLICT_OVERLAP)
        html_printf(&resp->body, "<span class=\"warning\">%s</span> ",
                    _("another session at the same time"));
    if (c & CONFLICT_SHIFT)
        html_printf(&resp->body, "<span class=\"warning\">%s</span> ",
                    _("does not fit the shift"));
    if (c & CONFLICT_EMPLOYMENT)
        html_printf(&resp->body, "<span class=\"warning\">%s</span> ",
                    _("a date outside the employment"));
}

/* True when the caller decides on enrolment E: HR, or a manager for their
 * team, never for themself. */
static bool may_decide(request *req, const enrolment *e)
{
    return req->user.role == ROLE_ADMIN ||
           (req->user.employee_row > 0 && e->employee_row != req->user.employee_row &&
            employees_in_team(req->db, req->user.employee_row, e->employee_row));
}

/* What the last decision did (?done=approved|declined&id=N), or that a
 * decline came without its reason (?decline=N): a notice at the top, the
 * latter linking to the reason's field. */
static void decision_notice(request *req, response *resp)
{
    const char *done = request_query(req, "done"), *missing = request_query(req, "decline");
    const char *arg = missing ? missing : request_query(req, "id");
    long long id;
    enrolment e;
    if (!arg || !number_parse(arg, 1, INT64_MAX, &id) ||
        enrolments_get(req->db, req->a, id, 0, 0, &e) != STORE_ROW || !may_decide(req, &e))
        return;
    if (missing) {
        html_raw(&resp->body, "<p class=\"error\" role=\"alert\">");
        html_printf(&resp->body, _("To decline the request of %s for \"%s\", give a reason: "
                                   "they are told it."), e.employee_name, e.activity_title);
        html_printf(&resp->body, " <a href=\"#why%lld\">%s</a></p>", id, _("To the reason"));
    } else if (done && (strcmp(done, "approved") == 0 || strcmp(done, "declined") == 0)) {
        html_raw(&resp->body, "<p class=\"notice\" role=\"status\">");
        html_printf(&resp->body, strcmp(done, "approved") == 0
                                     ? _("The request of %s for \"%s\" was approved.")
                                     : _("The request of %s for \"%s\" was declined; they are "
                                         "told your reason."),
                    e.employee_name, e.activity_title);
        html_raw(&resp->body, "</p>");
    }
}

/* The enrolments that wait for the caller's approval: all for HR, their
 * team's for a manager. */
static enrolment_query waiting_for_approval(request *req)
{
    enrolment_query q = {0, 0, 0, ENROL_REQUESTED, false, DATE_NONE};
    if (req->user.role != ROLE_ADMIN)
        q.team_of = req->user.employee_row > 0 ? req->user.employee_row : -1;
    return q;
}

void home_enrolments(request *req, response *resp)
{
    enrolment_query q = waiting_for_approval(req);
    int64_t n;
    if ((req->user.role == ROLE_ADMIN || req->user.role == ROLE_MANAGER) &&
        enrolments_count(req->db, &q, &n) == STORE_OK && n > 0)
        html_printf(&resp->body, "<p><a href=\"/team/enrolments\">%s</a>: %s</p>",
                    _("Enrolments to approve"), show_count(req, n));
}

void page_team_enrolments(request *req, response *resp)
{
    enrolment_query q = waiting_for_approval(req);
    enrolment *e;
    size_t n;
    if (enrolments_list(req->db, req->a, &q, &e, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Enrolments to approve"));
    decision_notice(req, resp);
    const char *missing = request_query(req, "decline");
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Employee"), _("Session"), _("First date"), _("Careful"), _("Decision"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<tr><td>%s</td><td><a href=\"/sessions/%lld\">%s</a></td>"
                                 "<td>%s</td><td>",
                    e[i].employee_name, (long long)e[i].session_id, e[i].activity_title,
                    show_date(req, e[i].first_day));
        write_conflicts(req, resp, &e[i]);
        html_raw(&resp->body, "</td><td>");
        form_open(req, resp, "action=\"/enrolments/%lld/decide\"", (long long)e[i].id);
        /* The reason is required to decline; approving needs none
         * (formnovalidate), and the handler checks it too. */
        bool asked = missing && atoll(missing) == e[i].id;
        html_printf(&resp->body, "<label for=\"why%lld\">%s</label><input id=\"why%lld\" "
                                 "name=\"reason\" size=\"14\" required aria-invalid=\"%s\"> "
                                 "<button name=\"decision\" value=\"approve\" formnovalidate>"
                                 "%s</button> "
                                 "<button name=\"decision\" value=\"decline\">%s</button>"
                                 "</form></td></tr>",
                    (long long)e[i].id, _("Reason (when declining)"), (long long)e[i].id,
                    asked ? "true" : "false", _("Approve"), _("Decline"));
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>", _("Nothing yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    /* the team's coming enrolments, and which lack their agreement */
    enrolment_query all = {0, 0, q.team_of, ENROL_ENROLLED, true, date_today()};
    if (enrolments_list(req->db, req->a, &all, &e, &n) == STORE_OK) {
        html_printf(&resp->body, "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><thead><tr>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "</tr></thead><tbody>",
                    _("Coming training of the team"), _("Employee"), _("Session"),
                    _("First date"), _("Agreement"));
        for (size_t i = 0; i < n; i++)
            html_printf(&resp->body, "<tr><td>%s</td><td><a href=\"/sessions/%lld\">%s</a></td>"
                                     "<td>%s</td><td><a href=\"/enrolments/%lld/agreement\">"
                                     "%s</a></td></tr>",
                        e[i].employee_name, (long long)e[i].session_id, e[i].activity_title,
                        show_date(req, e[i].first_day), (long long)e[i].id,
                        e[i].has_agreement ? _("filled in") : _("not filled in"));
        if (n == 0)
            html_printf(&resp->body, "<tr><td colspan=\"4\">%s</td></tr>", _("Nothing yet."));
        html_raw(&resp->body, "</tbody></table></div>");
    }
    page_end(req, resp);
}

void page_enrolment_decide(request *req, response *resp)
{
    int64_t id = arg_id(req);
    const char *decision = request_form(req, "decision");
    enrolment e;
    int rc = id ? enrolments_get(req->db, req->a, id, 0, 0, &e) : STORE_DONE;
    if (rc != STORE_ROW || !decision ||
        (strcmp(decision, "approve") != 0 && strcmp(decision, "decline") != 0)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 400 : 404, NULL);
        return;
    }
    /* a manager decides for their team only, never for themself */
    if (!may_decide(req, &e)) {
        respond_error(req, resp, 403, NULL);
        return;
    }
    bool approve = strcmp(decision, "approve") == 0;
    const char *reason = request_form(req, "reason");
    char to[80];
    if (!approve && (!reason || !reason[strspn(reason, " \t\r\n")])) { /* they are told why */
        snprintf(to, sizeof to, "/team/enrolments?decline=%lld#why%lld", (long long)id,
                 (long long)id);
    } else {
        enrol_outcome out;
        int st = training_decide(req->db, req->user.login, id, approve, reason, date_today(),
                                 &out);
        if (st != TRAINING_OK) {
            respond_status(req, resp, st);
            return;
        }
        snprintf(to, sizeof to, "/team/enrolments?done=%s&id=%lld",
                 approve ? "approved" : "declined", (long long)id);
    }
    const char *location = arena_strdup(req->a, to);
    response_redirect(req, resp, location ? location : "/team/enrolments");
}

/* ---- the agreement and the history ---- */

/* The history of enrolment ID: each state, who set it, when and why. */
static void history_table(request *req, response *resp, int64_t id)
{
    enrolment_event *ev;
    size_t n;
    if (enrolments_history(req->db, req->a, id, &ev, &n) != STORE_OK)
        return;
    html_printf(&resp->body, "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("History of the enrolment"), _("When"), _("State"), _("By"), _("Reason"));
    for (size_t i = 0; i < n; i++) {
        int st = vocab_find(&vocab_enrol_state, ev[i].state, strlen(ev[i].state));
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    show_timestamp(req, ev[i].at), st >= 0 ? show_code(&vocab_enrol_state, st)
                                                           : ev[i].state,
                    person_of_login(req, ev[i].actor), ev[i].reason ? _(ev[i].reason) : "");
    }
    html_raw(&resp->body, "</tbody></table></div>");
}

void page_enrolment_agreement(request *req, response *resp)
{
    int64_t id = arg_id(req);
    enrolment e;
    int rc = id ? enrolments_get(req->db, req->a, id, 0, 0, &e) : STORE_DONE;
    if (rc != STORE_ROW || !may_act_for(req, e.employee_row)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    agreement g = {0};
    rc = agreements_get(req->db, req->a, id, &g);
    if (rc == STORE_ERROR) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *error = NULL;
    if (is_post(req)) {
        agreement n = {request_form(req, "goals"), request_form(req, "preconditions"),
                       request_form(req, "application"), request_form(req, "replacement"),
                       NULL, NULL};
        if (!n.goals || !*n.goals || !n.application || !*n.application)
            error = _("Write down at least the goals and how the learning will be applied.");
        else {
            rc = store_begin(req->db);
            if (rc == STORE_OK)
                rc = agreements_save(req->db, req->user.login, id, &n);
            if (store_end(req->db, rc) != STORE_OK) {
                respond_error(req, resp, 500, NULL);
                return;
            }
            str to = STR_INIT;
            str_printf(&to, "/enrolments/%lld/agreement", (long long)id);
            response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
            str_free(&to);
            return;
        }
    }
    page_begin(req, resp, _("The agreement before the start"));
    html_printf(&resp->body, "<p>%s · %s · %s</p>", e.employee_name, e.activity_title,
                show_date(req, e.first_day));
    if (error) {
        resp->status = 422;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", error);
    }
    if (g.updated_by)
        html_printf(&resp->body, "<p>%s %s, %s</p>", _("Last saved by"), g.updated_by,
                    show_timestamp(req, g.updated_at));
    form_open(req, resp, "action=\"/enrolments/%lld/agreement\" class=\"narrow\"",
              (long long)id);
    html_printf(&resp->body,
                "<label for=\"goals\">%s</label><textarea id=\"goals\" name=\"goals\" rows=\"3\" "
                "required>%s</textarea><label for=\"preconditions\">%s</label><textarea "
                "id=\"preconditions\" name=\"preconditions\" rows=\"2\">%s</textarea>"
                "<label for=\"application\">%s</label><textarea id=\"application\" "
                "name=\"application\" rows=\"3\" required>%s</textarea>"
                "<label for=\"replacement\">%s</label><input id=\"replacement\" "
                "name=\"replacement\" value=\"%s\"><button type=\"submit\">%s</button></form>",
                _("What should the training change at work? (goals)"),
                field_or(req, "goals", g.goals), _("What is needed beforehand? (preconditions)"),
                field_or(req, "preconditions", g.preconditions),
                _("How will the learning be applied at work?"),
                field_or(req, "application", g.application),
                _("Who replaces the person during the training?"),
                field_or(req, "replacement", g.replacement), _("Save"));
    history_table(req, resp, id);
    page_end(req, resp);
}

/* ---- my enrolments and calendar ---- */

/* For a declined enrolment E, ": " and the reason its decider gave (the
 * employee is promised they read it), else "". */
static const char *decline_reason(request *req, const enrolment *e)
{
    enrolment_event *ev;
    size_t n;
    if (e->state != ENROL_DECLINED || enrolments_history(req->db, req->a, e->id, &ev, &n) !=
                                          STORE_OK)
        return "";
    for (size_t i = n; i-- > 0;)
        if (strcmp(ev[i].state, "declined") == 0)
            return ev[i].reason && *ev[i].reason
                       ? text_of(req, "%s %s", i18n_colon(), ev[i].reason)
                       : "";
    return "";
}

void page_my_sessions(request *req, response *resp)
{
    if (req->user.employee_row <= 0) {
        respond_error(req, resp, 403, _("Your account is not linked to an employee."));
        return;
    }
    enrolment_query q = {0, req->user.employee_row, 0, -1, false, DATE_NONE};
    enrolment *e;
    size_t n;
    char token[TOKEN_HEX_SIZE];
    int rc = enrolments_list(req->db, req->a, &q, &e, &n);
    if (rc == STORE_OK) {
        rc = store_begin(req->db);
        if (rc == STORE_OK)
            rc = feeds_token(req->db, req->user.id, false, token);
        rc = store_end(req->db, rc);
    }
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("My enrolments"));
    const char *notice = request_query(req, "notice");
    if (notice && strcmp(notice, "cancelled") == 0)
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("Your enrolment is cancelled."));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Session"), _("First date"), _("State"), _("Agreement"), _("Action"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<tr><td><a href=\"/sessions/%lld\">%s</a></td><td>%s</td>"
                                 "<td>%s%s</td><td><a href=\"/enrolments/%lld/agreement\">%s</a>"
                                 "</td><td>",
                    (long long)e[i].session_id, e[i].activity_title,
                    show_date(req, e[i].first_day), show_code(&vocab_enrol_state, e[i].state),
                    decline_reason(req, &e[i]), (long long)e[i].id,
                    e[i].has_agreement ? _("filled in") : _("not filled in"));
        if (enrol_is_open(e[i].state) && strcmp(e[i].session_state, "planned") == 0) {
            form_open(req, resp, "action=\"/enrolments/%lld/cancel\"", (long long)e[i].id);
            html_printf(&resp->body, "<input type=\"hidden\" name=\"back\" value=\"my\">"
                                     "<label for=\"r%lld\">%s</label><input id=\"r%lld\" "
                                     "name=\"reason\" size=\"12\"> <button>%s</button></form>",
                        (long long)e[i].id, _("Reason"), (long long)e[i].id,
                        _("Cancel enrolment"));
        }
        html_raw(&resp->body, "</td></tr>");
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>", _("Nothing yet."));
    /* The address names the organisation wherever it has a slug (a site, or
     * serve --org of one of its organisations): calendar applications send
     * no cookie that would, and the address is the same however the site
     * is served. Shown whole, to paste into one. */
    str path = STR_INIT;
    str_printf(&path, "/calendar/%s%s%s.ics", req->org ? req->org : "", req->org ? "/" : "",
               token);
    html_printf(&resp->body, "</tbody></table></div><h2>%s</h2><p>%s</p>"
                             "<p>%s: <code id=\"calendar-address\">%s</code></p>",
                _("My calendar"),
                _("Subscribe to this private address in your calendar application: it shows "
                  "your sessions and follows every change. Keep it to yourself."),
                _("My calendar address"), public_address(req, str_cstr(&path)));
    str_free(&path);
    form_open(req, resp, "action=\"/my/calendar\"");
    /* said before the click: the old address stops at once */
    html_printf(&resp->body, "<p class=\"hint\">%s</p><button>%s</button></form>",
                _("A new address ends the old one: a calendar still subscribed to it stops "
                  "following your sessions. Only when the address was shared by mistake."),
                _("Make a new address"));
    page_end(req, resp);
}

void page_my_calendar_renew(request *req, response *resp)
{
    char token[TOKEN_HEX_SIZE];
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = feeds_token(req->db, req->user.id, true, token);
    if (store_end(req->db, rc) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/my/sessions");
}

/* The organiser named in calendars: the organisation and the sender. */
static void organizer_of(request *req, ical_organizer *org)
{
    str from = STR_INIT;
    org->name = org_display_name(req);
    org->email = settings_get(req->db, "smtp_from", &from) == STORE_ROW
                     ? arena_strdup(req->a, str_cstr(&from)) : "noreply@groeipad.invalid";
    if (!org->name)
        org->name = "groeipad";
    if (!org->email)
        org->email = "noreply@groeipad.invalid";
    str_free(&from);
}

static void send_calendar(request *req, response *resp, str *cal, const char *filename)
{
    str_clear(&resp->body);
    str_append(&resp->body, cal->p ? cal->p : "", cal->len);
    resp->status = 200;
    resp->content_type = "text/calendar; charset=utf-8";
    respond_attachment(req, resp, filename);
}

void page_session_ics(request *req, response *resp)
{
    int64_t id = arg_id(req);
    session_plan p;
    int rc = id ? tsessions_get(req->db, req->a, id, &p) : STORE_DONE;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    ical_organizer org;
    organizer_of(req, &org);
    str cal = STR_INIT;
    if (!ical_session(&cal, &p, &org)) {
        str_free(&cal);
        respond_error(req, resp, 500, NULL);
        return;
    }
    char name[48];
    snprintf(name, sizeof name, "session-%lld.ics", (long long)id);
    send_calendar(req, resp, &cal, name);
    str_free(&cal);
}

/* The token of feed address ARG ("<token>.ics", or "<org>/<token>.ics")
 * into TOKEN, with REQ pointed at the organisation the address names (on
 * serve --org, its own slug only) and *NAMED set when it names one; 404
 * when there is no such feed address, 500 on a storage error, 0 when
 * found. A named organisation's token is then looked up in it only, so a
 * token of one organisation never opens another's calendar. */
static int feed_address(request *req, const char *arg, char token[TOKEN_HEX_SIZE], bool *named)
{
    const char *slash = strchr(arg, '/');
    *named = slash != NULL;
    if (slash) {
        const char *org = arena_strndup(req->a, arg, (size_t)(slash - arg));
        int found = org ? site_serve_org(req, org) : -1;
        if (found <= 0)
            return found < 0 ? 500 : 404;
        arg = slash + 1;
    }
    if (strlen(arg) != 68 || strcmp(arg + 64, ".ics") != 0 ||
        strspn(arg, "0123456789abcdef") != 64)
        return 404;
    memcpy(token, arg, 64);
    token[64] = '\0';
    return 0;
}

/* What feed_on_site asks each organisation for. */
typedef struct feed_search {
    const char *token;
    int64_t *row;
} feed_search;

static int holds_feed(request *req, void *ctx)
{
    feed_search *s = ctx;
    return feeds_find(req->db, s->token, s->row);
}

/* The feed of TOKEN on a site, addressed without its organisation (as
 * serve --org gave it out before addresses named it): the organisation
 * the site's registry names, REQ pointed at it; its employee's row
 * in *ROW. The caller's cookie plays no part. */
static int feed_on_site(request *req, const char *token, int64_t *row)
{
    feed_search s = {token, row};
    return site_find_org(req, "calendar", token, holds_feed, &s);
}

/* /calendar/<token>.ics or /calendar/<org>/<token>.ics: no login, the
 * secret address is the key. */
void page_calendar_feed(request *req, response *resp)
{
    char token[TOKEN_HEX_SIZE];
    bool named;
    /* A miss looks the same whether the named organisation exists or not. */
    site_place was = site_place_of(req);
    int problem = feed_address(req, req->arg ? req->arg : "", token, &named);
    if (problem == 404 && !site_serve_back(req, was))
        problem = 500;
    if (problem) {
        respond_error(req, resp, problem, NULL);
        return;
    }
    int64_t row = 0;
    int rc = req->site && !named ? feed_on_site(req, token, &row)
                                 : feeds_find(req->db, token, &row);
    /* A feed that could not be read just now: its calendar application
     * tries again later, rather than dropping the feed as gone. */
    if (rc == STORE_ERROR) {
        server_log(N_("calendar feed of %s: %s"), req->org ? req->org : "-",
                store_error(req->db));
        respond_unavailable(req, resp);
        return;
    }
    if (rc != STORE_ROW) {
        respond_error(req, resp, named && !site_serve_back(req, was) ? 500 : 404, NULL);
        return;
    }
    calendar_item *items = NULL;
    size_t n = 0;
    if (row > 0 && calendar_items(req->db, req->a, row, date_today() - 90, &items, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    ical_organizer org;
    organizer_of(req, &org);
    str cal = STR_INIT;
    if (!ical_feed(&cal, items, n, _("My training"), &org)) {
        str_free(&cal);
        respond_error(req, resp, 500, NULL);
        return;
    }
    send_calendar(req, resp, &cal, "groeipad.ics");
    str_free(&cal);
}

/* ---- attendance and closing ---- */

/* True when the caller may register attendance of session ID: HR, or an
 * employee named as trainer of one of its dates. */
static bool may_register(request *req, int64_t id)
{
    return req->user.role == ROLE_ADMIN ||
           (req->user.employee_row > 0 &&
            tsessions_trained_by(req->db, id, req->user.employee_row) == 1);
}

/* Saves the attendance form of session P for its enrolments E. */
static int save_attendance(request *req, const session_plan *p, const enrolment *e, size_t n,
                           const char **error)
{
    int rc = store_begin(req->db);
    for (size_t i = 0; rc == STORE_OK && i < n; i++)
        for (size_t j = 0; rc == STORE_OK && j < p->nslots; j++) {
            char name[64];
            snprintf(name, sizeof name, "m_%lld_%lld", (long long)e[i].id,
                     (long long)p->slots[j].id);
            const char *mark = request_form(req, name);
            if (!mark || !*mark)
                continue;
            int m = vocab_find(&vocab_attendance, mark, strlen(mark));
            snprintf(name, sizeof name, "h_%lld_%lld", (long long)e[i].id,
                     (long long)p->slots[j].id);
            const char *h = request_form(req, name);
            int64_t hours = 0;
            if (m < 0 || (m == MARK_PARTLY && (!h || decimal_parse(h, strlen(h), 2, &hours) !=
                                                          DECIMAL_OK || hours <= 0 ||
                                               hours > slot_hours(&p->slots[j])))) {
                /* whose mark it is: the table may be long */
                *error = text_of(req, "%s, %s%s %s", e[i].employee_name,
                                 show_date(req, p->slots[j].day), i18n_colon(),
                                 _("For partly present, give the hours attended (at most the "
                                   "date's)."));
                rc = STORE_CONSTRAINT;
                break;
            }
            rc = attendance_set(req->db, req->user.login, e[i].id, p->slots[j].id, m, hours);
        }
    return store_end(req->db, rc);
}

void page_session_attendance(request *req, response *resp)
{
    int64_t id = arg_id(req);
    session_plan p;
    int rc = id ? tsessions_get(req->db, req->a, id, &p) : STORE_DONE;
    if (rc != STORE_ROW || !may_register(req, id)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    enrolment_query q = {id, 0, 0, -1, false, DATE_NONE};
    enrolment *all, *e;
    size_t na, n = 0;
    if (enrolments_list(req->db, req->a, &q, &all, &na) != STORE_OK ||
        !(e = arena_alloc(req->a, (na ? na : 1) * sizeof *e))) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    for (size_t i = 0; i < na; i++)
        if (enrol_holds_seat(all[i].state))
            e[n++] = all[i];
    const char *error = NULL;
    bool planned = strcmp(p.state, "planned") == 0;
    if (is_post(req) && planned) {
        rc = save_attendance(req, &p, e, n, &error);
        if (rc == STORE_OK) {
            str to = STR_INIT;
            str_printf(&to, "/sessions/%lld/attendance?saved=1", (long long)id);
            response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
            str_free(&to);
            return;
        }
        if (!error) {
            respond_error(req, resp, 500, NULL);
            return;
        }
    }
    page_begin(req, resp, _("Attendance"));
    html_printf(&resp->body, "<p><a href=\"/sessions/%lld\">%s</a></p>", (long long)id,
                p.activity_title);
    if (error) {
        resp->status = 422;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", error);
    } else if (request_query(req, "saved")) {
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("The attendance is saved."));
    }
    attendance_entry *marks = arena_alloc(req->a, (p.nslots ? p.nslots : 1) * sizeof *marks);
    if (!marks) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (planned)
        form_open(req, resp, "action=\"/sessions/%lld/attendance\"", (long long)id);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>",
                _("Employee"));
    for (size_t j = 0; j < p.nslots; j++)
        html_printf(&resp->body, "<th scope=\"col\">%s</th>", show_date(req, p.slots[j].day));
    html_raw(&resp->body, "</tr></thead><tbody>");
    /* who has a date without a mark yet: the session closes only without */
    str missing = STR_INIT;
    for (size_t i = 0; i < n; i++) {
        if (attendance_of(req->db, &p, e[i].id, marks) != STORE_OK)
            break;
        if (e[i].state == ENROL_ENROLLED && !attendance_registered(marks, p.nslots))
            str_printf(&missing, "%s%s", missing.len ? ", " : "", e[i].employee_name);
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th>", e[i].employee_name);
        for (size_t j = 0; j < p.nslots; j++) {
            long long eid = (long long)e[i].id, did = (long long)p.slots[j].id;
            if (!planned) {
                html_printf(&resp->body, "<td>%s</td>",
                            marks[j].mark >= 0 ? show_code(&vocab_attendance, marks[j].mark) : "—");
                continue;
            }
            /* refused, the form shows what was sent, not what is stored */
            int chosen = marks[j].mark;
            const char *typed = NULL;
            if (error) {
                char name[64];
                snprintf(name, sizeof name, "m_%lld_%lld", eid, did);
                const char *sent = request_form(req, name);
                chosen = sent && *sent ? vocab_find(&vocab_attendance, sent, strlen(sent)) : -1;
                snprintf(name, sizeof name, "h_%lld_%lld", eid, did);
                typed = form_again(req, true, name);
            }
            html_printf(&resp->body, "<td><label class=\"sr\" for=\"m_%lld_%lld\">%s %s</label>"
                                     "<select id=\"m_%lld_%lld\" name=\"m_%lld_%lld\">"
                                     "<option value=\"\">—</option>",
                        eid, did, e[i].employee_name, show_date(req, p.slots[j].day), eid, did,
                        eid, did);
            for (int k = 0; k < vocab_attendance.count; k++)
                html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>",
                            vocab_attendance.names[k], chosen == k ? " selected" : "",
                            show_code(&vocab_attendance, k));
            html_printf(&resp->body, "</select> <label class=\"sr\" for=\"h_%lld_%lld\">%s</label>"
                                     "<input id=\"h_%lld_%lld\" name=\"h_%lld_%lld\" size=\"4\" "
                                     "inputmode=\"decimal\" value=\"%s\"></td>",
                        eid, did, _("Hours when partly present"), eid, did, eid, did,
                        typed                        ? typed
                        : marks[j].mark == MARK_PARTLY ? show_input_decimal(req, marks[j].hours, 2, 2)
                                                       : "");
        }
        html_raw(&resp->body, "</tr>");
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"%d\">%s</td></tr>", (int)p.nslots + 1,
                    _("Nothing yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    if (planned) {
        html_printf(&resp->body, "<button type=\"submit\">%s</button></form>",
                    _("Save attendance"));
        date_t last = session_last_day(&p);
        if (req->user.role == ROLE_ADMIN && last > date_today()) {
            /* no button that can only answer "not yet" */
            html_printf(&resp->body, "<p>%s %s</p>",
                        _("The session can be closed after its last date:"), show_date(req, last));
        } else {
            if (missing.len)
                html_printf(&resp->body, "<p class=\"warning\" id=\"unregistered\">%s %s</p>",
                            _("No attendance registered yet on every date for:"),
                            str_cstr(&missing));
            if (req->user.role == ROLE_ADMIN) {
                form_open(req, resp, "action=\"/sessions/%lld/close\"", (long long)id);
                html_printf(&resp->body, "<p>%s</p><button>%s</button></form>",
                            _("Closing writes the learning records of everyone who attended; "
                              "it cannot be undone."),
                            _("Close the session"));
            }
        }
    }
    str_free(&missing);
    page_end(req, resp);
}

/* The page that says session ID cannot be closed yet, naming the N people
 * of E whose attendance is not registered on every date, with the way back
 * to the attendance and no button to close: "not registered" is never
 * turned into a no-show who owes the fee. STATUS is the answer's. */
static void close_refused(request *req, response *resp, int64_t id, const char *title,
                          const enrolment *e, size_t n, int status)
{
    page_begin(req, resp, _("Close the session"));
    resp->status = status;
    html_printf(&resp->body, "<p>%s</p><div class=\"warning\" role=\"alert\" id=\"confirm\">"
                             "<p>%s</p><ul>",
                title,
                _("Close this session? Not yet: the attendance of these people is not "
                  "registered on every date. Register it first, and mark who did not come as "
                  "absent."));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<li>%s (%s)</li>", e[i].employee_name, e[i].employee_id);
    html_printf(&resp->body, "</ul><p><a href=\"/sessions/%lld/attendance\">%s</a></p></div>",
                (long long)id, _("Back to the attendance"));
    page_end(req, resp);
}

/* Closing cannot be undone and its button sits beside the attendance one:
 * it asks first, and reminds to save changed marks (the close does not
 * read them). While someone's attendance is missing it does not ask but
 * names them (close_refused). */
static bool close_confirmed(request *req, response *resp, int64_t id)
{
    const char *confirm = request_form(req, "confirm");
    if (confirm && strcmp(confirm, "yes") == 0)
        return true;
    session_plan p;
    int rc = id ? tsessions_get(req->db, req->a, id, &p) : STORE_DONE;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
        return false;
    }
    enrolment *missing;
    size_t nmissing;
    if (training_unregistered(req->db, req->a, id, &missing, &nmissing) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return false;
    }
    if (nmissing > 0) {
        close_refused(req, resp, id, p.activity_title, missing, nmissing, 200);
        return false;
    }
    char action[64], back[64];
    snprintf(action, sizeof action, "/sessions/%lld/close", (long long)id);
    snprintf(back, sizeof back, "/sessions/%lld/attendance", (long long)id);
    page_begin(req, resp, _("Close the session"));
    html_printf(&resp->body, "<p>%s</p>", p.activity_title);
    confirm_box(req, resp,
                _("Close this session? Whoever attended every date in full gets a learning "
                  "record as completed (with the activity's certification); whoever attended "
                  "in part gets one with the hours attended, as ongoing, without "
                  "certification; whoever was absent on every date is a no-show and owes the "
                  "session's fee, if it has one. This cannot be undone. Attendance changed but not "
                  "saved is not taken: save it first."),
                action, NULL, NULL, _("Yes, close it"), back, _("No, back to the attendance"));
    page_end(req, resp);
    return false;
}

void page_session_close(request *req, response *resp)
{
    int64_t id = arg_id(req);
    if (!close_confirmed(req, resp, id))
        return;
    int records;
    int st = training_close(req->db, req->user.login, id, date_today(), &records);
    if (st == TRAINING_UNREGISTERED) { /* a mark was taken away since the question */
        session_plan p;
        enrolment *missing;
        size_t nmissing;
        if (tsessions_get(req->db, req->a, id, &p) == STORE_ROW &&
            training_unregistered(req->db, req->a, id, &missing, &nmissing) == STORE_OK) {
            close_refused(req, resp, id, p.activity_title, missing, nmissing, 409);
            return;
        }
    }
    if (st != TRAINING_OK) {
        respond_status(req, resp, st);
        return;
    }
    str to = STR_INIT;
    str_printf(&to, "/sessions/%lld", (long long)id);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
    str_free(&to);
}

/* ---- the outbox ---- */

void page_outbox(request *req, response *resp)
{
    outbox_message *m;
    size_t n;
    if (outbox_list(req->db, req->a, NULL, 200, &m, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str host = STR_INIT;
    bool configured = settings_get(req->db, "smtp_host", &host) == STORE_ROW;
    str_free(&host);
    page_begin(req, resp, _("Outbox"));
    html_printf(&resp->body, "<p>%s</p>",
                configured ? _("Messages are sent to the mail server set in the settings "
                               "(smtp_host); failures are tried again later.")
                           : _("No mail server is set (setting smtp_host): messages wait here "
                               "until one is."));
    html_printf(&resp->body, "<p><a href=\"/settings\">%s</a></p>", _("Settings"));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Made"), _("Recipient"), _("Subject"), _("State"), _("Attempts"), _("Last error"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                                 "<td class=\"num\">%d</td><td>%s</td></tr>",
                    show_timestamp(req, m[i].created_at), m[i].recipient, m[i].subject,
                    strcmp(m[i].state, "sent") == 0 ? _("sent")
                    : strcmp(m[i].state, "failed") == 0 ? _("failed") : _("waiting"),
                    m[i].attempts, m[i].last_error ? m[i].last_error : "");
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"6\">%s</td></tr>", _("Nothing yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    page_end(req, resp);
}

/* ---- representatives: counts per department, no names ---- */

void page_session_figures(request *req, response *resp)
{
    int year = page_year(req, date_year(date_today()));
    enrolment_count *c;
    size_t n;
    if (enrolments_by_department(req->db, req->a, year, &c, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str min = STR_INIT;
    int64_t min_group = setting_decimal("min_group",
                                        settings_get(req->db, "min_group", &min) == STORE_ROW
                                            ? str_cstr(&min) : NULL, 0);
    str_free(&min);
    page_begin(req, resp, _("Enrolments per department"));
    year_form(req, resp, "/sessions/figures", year);
    html_printf(&resp->body, "<p>%s</p>",
                _("Enrolments in sessions starting this year and how many were cancelled. A "
                  "department with fewer enrolments than the smallest group shown is not "
                  "listed on its own."));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Department"), _("Enrolments"), _("Cancelled"));
    int64_t rest_e = 0, rest_c = 0;
    for (size_t i = 0; i < n; i++) {
        if (privacy_is_small(c[i].enrolments, (int)min_group)) {
            rest_e += c[i].enrolments;
            rest_c += c[i].cancellations;
            continue;
        }
        html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td></tr>",
                    c[i].department, show_count(req, c[i].enrolments),
                    show_count(req, c[i].cancellations));
    }
    if (rest_e > 0 && !privacy_is_small(rest_e, (int)min_group))
        html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td></tr>",
                    _("Smaller departments together"), show_count(req, rest_e),
                    show_count(req, rest_c));
    else if (rest_e > 0)
        html_printf(&resp->body, "<tr><td colspan=\"3\">%s</td></tr>",
                    _("Smaller departments: too few to show."));
    html_raw(&resp->body, "</tbody></table></div>");
    page_end(req, resp);
}

/* ---- the offer as JSON (GET /api/v1/sessions) ---- */

static const char *const session_json_columns[] = {
    "id", "activity", "title", "form", "language", "capacity", "seats_taken", "shift",
    "registration_deadline", "cancellation_deadline", "late_fee", "needs_approval", "state",
    NULL};
static const char *const slot_json_columns[] = {"day", "start", "end", "place", "online_link",
                                                "trainer", NULL};

/* Session P as a JSON object with its dates; NULL when out of memory. */
static json_t *session_json(request *req, const session_plan *p)
{
    cell c[13] = {
        cell_number(p->id, 0), cell_text(p->activity_code), cell_text(p->activity_title),
        cell_code(vocab_name(&vocab_form, p->activity_form)), cell_code(p->language),
        cell_number(p->capacity, 0), cell_number(p->seats_taken, 0),
        cell_code(vocab_name(&vocab_shift, p->shift)), cell_date(p->registration_deadline),
        cell_date(p->cancellation_deadline), cell_money(p->late_fee),
        cell_code(p->needs_approval ? "yes" : "no"), cell_code(p->state)};
    json_t *o = table_json_object(session_json_columns, c, 13), *dates = json_array();
    for (size_t i = 0; o && dates && i < p->nslots; i++) {
        const session_slot *x = &p->slots[i];
        cell d[6] = {cell_date(x->day), cell_text(show_clock(req, x->start)),
                     cell_text(show_clock(req, x->end)), cell_text(x->place),
                     cell_text(x->online_link), cell_text(x->trainer_name)};
        json_t *slot = table_json_object(slot_json_columns, d, 6);
        if (!slot || json_array_append_new(dates, slot) != 0) {
            json_decref(o);
            o = NULL;
        }
    }
    if (!o || !dates || json_object_set_new(o, "dates", dates) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

void api_sessions(request *req, response *resp)
{
    session_query q;
    offer_query(req, &q);
    session_plan *s;
    size_t n;
    if (tsessions_list(req->db, req->a, &q, &s, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; items && i < n; i++) {
        json_t *one = session_json(req, &s[i]);
        if (!one || json_array_append_new(items, one) != 0) {
            json_decref(items);
            items = NULL;
        }
    }
    if (!items) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    respond_json(req, resp, 200, json_pack("{s:o, s:I}", "items", items, "total",
                                           (json_int_t)n));
}
