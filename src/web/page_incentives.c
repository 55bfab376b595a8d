/* page_incentives.c - HR's year of incentives (/incentives): the
 * training-leave refund per employee for the school year and its claim list
 * (also as CSV), the claims under every scheme with their status, what is
 * still claimable and by when; new claims (/incentives/claims), a claim's
 * next step (/incentives/claims/:id), and the schemes with their dated
 * parameters (/incentives/schemes). */
#include "web/pages.h"
#include "app/export.h"
#include "app/incentives.h"
#include "core/labels.h"
#include "core/policy.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <stdlib.h>
#include <string.h>

/* How far back the new-claim form offers courses, in days. */
#define CLAIM_WINDOW_DAYS 92

/* Money in cents for a page: "1.234,56". */
static const char *money(request *req, int64_t cents)
{
    return show_decimal(req, cents, 2, 2);
}

/* Millionths of an hour for a page, as hours with two decimals. */
static const char *hours_u(request *req, int64_t u)
{
    return show_decimal(req, div_round(u, LEAVE_UNIT), 2, 2);
}

/* "2026–2027" for a school year, "2026" for a calendar year, in A. */
static const char *period_label(request *req, int period, int year)
{
    str s = STR_INIT;
    if (period == PERIOD_SCHOOL_YEAR)
        str_printf(&s, "%d–%d", year, year + 1);
    else
        str_printf(&s, "%d", year);
    const char *out = str_ok(&s) ? arena_strdup(req->a, str_cstr(&s)) : "";
    str_free(&s);
    return out ? out : "";
}

/* The scheme's own name, translated when it is one groeipad ships. */
static const char *scheme_name(const incentive_scheme *s)
{
    return _(s->name);
}

/* The sentences HR reads first: the training-leave refund still to claim
 * this school year, and what is left of the SME wallet's cap. */
static void headline(request *req, response *resp, const incentive_year *y)
{
    const scheme_year *leave = incentive_year_kind(y, KIND_TRAINING_LEAVE);
    const scheme_year *sme = incentive_year_kind(y, KIND_SME_WALLET);
    html_raw(&resp->body, "<ul class=\"headline\">");
    if (leave)
        html_printf(&resp->body, "<li id=\"leave-claimable\">%s <strong>%s</strong> (%s %s)</li>",
                    _("Training-leave refund you can still claim for this school year:"),
                    show_euro(req, leave->claimable), _("file by"),
                    show_date(req, leave->deadline));
    if (sme && sme->cap_left >= 0)
        html_printf(&resp->body, "<li id=\"sme-left\">%s <strong>%s</strong> %s %s</li>",
                    _("Left of the SME wallet's cap this calendar year:"),
                    show_euro(req, sme->cap_left), _("of"),
                    show_euro(req, sme->params->cap_amount));
    html_raw(&resp->body, "</ul>");
}

/* "file by 15/03/2026", in A. */
static const char *file_by_day(request *req, date_t last)
{
    str t = STR_INIT;
    str_printf(&t, _("file by %s"), show_date(req, last));
    const char *out = str_ok(&t) ? arena_strdup(req->a, str_cstr(&t)) : "";
    str_free(&t);
    return out ? out : "";
}

/* By when a claim of scheme year S is filed: the scheme's term after each
 * course's start when its figures set one (the SME wallet's), else the
 * period's last day to file. */
static const char *file_by_text(request *req, const scheme_year *s)
{
    if (s->scheme->kind == KIND_TRAINING_LEAVE || !s->params || s->params->file_within_days < 0)
        return show_date(req, s->deadline);
    str t = STR_INIT;
    long days = (long)s->params->file_within_days;
    str_printf(&t, P_("%ld day after the course starts", "%ld days after the course starts",
                      (unsigned long)days),
               days);
    const char *out = str_ok(&t) ? arena_strdup(req->a, str_cstr(&t)) : "";
    str_free(&t);
    return out ? out : "";
}

/* One row per scheme: what is to file, filed, paid, refused and claimable. */
static void scheme_summary(request *req, response *resp, const incentive_year *y)
{
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table id=\"schemes\"><caption>%s</caption>"
                             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("Claims per scheme (euro)"), _("Scheme"), _("Period"), _("To file"),
                _("Filed"), _("Paid"), _("Refused"), _("Still claimable"), _("File by"));
    for (size_t i = 0; i < y->nschemes; i++) {
        const scheme_year *s = &y->per_scheme[i];
        const char *left = s->scheme->kind == KIND_TRAINING_LEAVE ? money(req, s->claimable)
                              : s->cap_left >= 0 ? money(req, s->cap_left) : "—";
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td>%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td>%s</td></tr>",
                    scheme_name(s->scheme), period_label(req, s->scheme->period, s->period_year),
                    money(req, s->to_file), money(req, s->filed), money(req, s->paid),
                    money(req, s->refused), left, file_by_text(req, s));
    }
    html_raw(&resp->body, "</tbody></table></div>");
}

/* The name of employee P with their courses under it: what each counted
 * and, when less than its hours, why. */
static void leave_courses(request *req, response *resp, const incentive_year *y,
                          const leave_person *p)
{
    static const char *const reasons[] = {
        NULL, N_("below the minimum length"), N_("past the cap"),
        N_("occupation below the minimum"), N_("no figures")};
    html_printf(&resp->body, "<details><summary>%s</summary><ul>", p->name);
    for (size_t k = p->first; k < p->first + p->count; k++) {
        const leave_row *row = &y->rows[k];
        const leave_line *l = &y->lines[k];
        html_printf(&resp->body, "<li>%s · %s · %s %s", show_date(req, row->start_date),
                    row->title, show_decimal(req, row->hours, 2, 2), _("hours"));
        if (l->reason != LEAVE_COUNTED)
            html_printf(&resp->body, " — %s %s: %s", _("counted"), hours_u(req, l->counted_u),
                        _(reasons[l->reason]));
        html_raw(&resp->body, "</li>");
    }
    html_raw(&resp->body, "</ul></details>");
}

/* The school year's training leave per employee, with a button to claim
 * what is left of each refund. */
static void leave_section(request *req, response *resp, const incentive_year *y)
{
    const scheme_year *leave = incentive_year_kind(y, KIND_TRAINING_LEAVE);
    html_printf(&resp->body, "<section id=\"training-leave\"><h2>%s %s</h2><p>%s</p>",
                _("Training leave, school year"), period_label(req, PERIOD_SCHOOL_YEAR, y->year),
                _("The refund per employee: the hours of courses long enough, up to the cap of "
                  "the occupation, times the rate per hour. A course counts in the school year "
                  "it starts in."));
    if (leave && leave->params)
        html_printf(&resp->body, "<p class=\"hint\">%s %s · %s %s · %s %s · %s %s</p>",
                    _("Rate per hour:"), show_euro(req, leave->params->rate_per_hour),
                    _("cap at full time (hours):"),
                    leave->params->cap_hours >= 0
                        ? show_decimal(req, leave->params->cap_hours, 2, 2) : "—",
                    _("minimum course length (hours):"),
                    leave->params->min_hours >= 0
                        ? show_decimal(req, leave->params->min_hours, 2, 2) : "—",
                    _("minimum occupation:"),
                    leave->params->min_occupation >= 0
                        ? show_percent(req, leave->params->min_occupation, 10000) : "—");
    else
        html_printf(&resp->body, "<p class=\"warning\">%s</p>",
                    _("There are no training-leave figures for this school year."));
    str href = STR_INIT;
    str_printf(&href, "/incentives?year=%d&format=csv", y->year);
    html_printf(&resp->body, "<p><a href=\"%s\" download>%s</a></p>", str_cstr(&href),
                _("Download the claim list as CSV"));
    str_free(&href);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table id=\"leave\"><caption>%s</caption>"
                             "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "</tr></thead><tbody>",
                _("Training-leave refund per employee"), _("Employee"), _("Name"),
                _("Occupation"), _("Eligible hours"), _("Cap (hours)"), _("Hours counted"),
                _("Refund (euro)"), _("Claimed (euro)"), _("Claim"));
    for (size_t i = 0; i < y->npeople; i++) {
        const leave_person *p = &y->people[i];
        int64_t refund = leave_refund_cents(&p->r);
        html_printf(&resp->body, "<tr><td>%s</td><td>", p->employee_id);
        leave_courses(req, resp, y, p);
        html_printf(&resp->body, "</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td>",
                    show_percent(req, p->fte, 10000),
                    hours_u(req, p->r.taken_u),
                    p->r.cap_u == INT64_MAX ? "—" : hours_u(req, p->r.cap_u),
                    hours_u(req, p->r.counted_u), money(req, refund), money(req, p->claimed));
        if (refund == 0 && p->r.eligible)
            html_printf(&resp->body, "<span class=\"hint\">%s</span>", _("nothing to claim"));
        else if (!p->r.eligible)
            html_printf(&resp->body, "<span class=\"hint\">%s</span>",
                        leave && leave->params ? _("occupation below the minimum")
                                               : _("no figures"));
        else if (refund > p->claimed && leave) {
            form_open(req, resp, "action=\"/incentives/claims\" class=\"inline\"");
            html_printf(&resp->body, "<input type=\"hidden\" name=\"scheme\" value=\"%lld\">"
                                     "<input type=\"hidden\" name=\"employee\" value=\"%s\">"
                                     "<input type=\"hidden\" name=\"year\" value=\"%d\">"
                                     "<button aria-label=\"%s %s, %s\">%s %s</button>"
                                     "</form>",
                        (long long)leave->scheme->id, p->employee_id, y->year, _("Claim"),
                        show_euro(req, refund - p->claimed), p->name, _("Claim"),
                        show_euro(req, refund - p->claimed));
        } else
            html_printf(&resp->body, "%s", _("claimed"));
        html_raw(&resp->body, "</td></tr>");
    }
    if (y->npeople == 0)
        html_printf(&resp->body, "<tr><td colspan=\"9\">%s</td></tr>",
                    _("Nobody took training leave this school year."));
    html_raw(&resp->body, "</tbody></table></div></section>");
}

/* The form for the next step of claim C. */
static void claim_actions(request *req, response *resp, const incentive_claim *c)
{
    if (c->status != CLAIM_TO_FILE && c->status != CLAIM_FILED)
        return;
    form_open(req, resp, "action=\"/incentives/claims/%lld\" class=\"inline\"", (long long)c->id);
    if (c->status == CLAIM_TO_FILE) {
        html_printf(&resp->body, "<input type=\"hidden\" name=\"to\" value=\"filed\">"
                                 "<label for=\"ref-%lld\">%s</label><input id=\"ref-%lld\" "
                                 "name=\"reference\" size=\"10\"><button>%s</button></form>",
                    (long long)c->id, _("Reference"), (long long)c->id, _("Mark as filed"));
        return;
    }
    html_printf(&resp->body, "<label for=\"paid-%lld\">%s</label><input id=\"paid-%lld\" "
                             "name=\"paid\" inputmode=\"decimal\" size=\"8\" value=\"%s\">"
                             "<button name=\"to\" value=\"paid\">%s</button>"
                             "<button name=\"to\" value=\"refused\">%s</button></form>",
                (long long)c->id, _("Paid (euro)"), (long long)c->id,
                show_input_decimal(req, c->amount, 2, 2), _("Paid"), _("Refused"));
}

/* Every claim of the year, with its status and next step. */
static void claims_section(request *req, response *resp, const incentive_year *y)
{
    html_printf(&resp->body, "<section id=\"claims\"><h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table>"
                             "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Claims"), _("Claims of this year"), _("Scheme"), _("Employee"), _("Course"),
                _("Asked (euro)"), _("Status"), _("Date"), _("Paid (euro)"), _("Next step"));
    for (size_t i = 0; i < y->nclaims; i++) {
        const incentive_claim *c = &y->claims[i];
        date_t when = c->status == CLAIM_FILED ? c->filed_on : c->decided_on;
        /* a claim still to file says by when, when its scheme sets a term */
        const incentive_scheme *sc = NULL;
        for (size_t k = 0; k < y->nschemes && !sc; k++)
            if (y->schemes[k].id == c->scheme_id)
                sc = &y->schemes[k];
        date_t last = c->status == CLAIM_TO_FILE && sc && c->record_start != DATE_NONE
                          ? incentive_course_file_by(sc, c->record_start) : DATE_NONE;
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"claim-%s\">%s</td><td>%s</td>"
                                 "<td class=\"num\">%s</td><td>",
                    _(c->scheme_name), c->employee_name ? c->employee_name : "—",
                    c->record_title ? c->record_title : "—", money(req, c->amount),
                    vocab_name(&vocab_claim_status, c->status),
                    show_code(&vocab_claim_status, c->status),
                    last != DATE_NONE   ? file_by_day(req, last)
                    : when != DATE_NONE ? show_date(req, when) : "",
                    c->paid_amount >= 0 ? money(req, c->paid_amount) : "");
        claim_actions(req, resp, c);
        html_raw(&resp->body, "</td></tr>");
    }
    if (y->nclaims == 0)
        html_printf(&resp->body, "<tr><td colspan=\"8\">%s</td></tr>", _("No claims yet."));
    html_raw(&resp->body, "</tbody></table></div></section>");
}

/* A form per cost-based scheme: a course with a cost and no claim yet, and
 * the amount (blank: the most it may ask). A course whose term to file has
 * passed (incentive_file_by: the SME wallet's 14 days after its start) is
 * not offered; the others say their last day to file when there is one. */
static void new_claim_section(request *req, response *resp, const incentive_year *y)
{
    html_printf(&resp->body, "<section id=\"new-claim\"><h2>%s</h2>", _("A new claim"));
    for (size_t i = 0; i < y->nschemes; i++) {
        const scheme_year *s = &y->per_scheme[i];
        if (s->scheme->kind == KIND_TRAINING_LEAVE)
            continue;
        leave_row *rows;
        size_t n;
        /* The courses of the last three months of the period up to today:
         * claims are filed soon after a course (the SME wallet's within its
         * term), and the list stays short on a large organisation. */
        date_t today = date_today();
        date_t until = today < s->to ? today : s->to;
        date_t since = until - CLAIM_WINDOW_DAYS > s->from ? until - CLAIM_WINDOW_DAYS : s->from;
        if (claimable_rows(req->db, req->a, s->scheme->id, since, until, 200, &rows, &n) !=
            STORE_OK)
            n = 0;
        html_printf(&resp->body, "<h3>%s</h3>", scheme_name(s->scheme));
        size_t open = 0;
        for (size_t k = 0; k < n; k++) /* those still in time, in their order */
            if (incentive_in_time(incentive_params_on(s->scheme->params, s->scheme->nparams,
                                                      rows[k].start_date),
                                  rows[k].start_date, today))
                rows[open++] = rows[k];
        if (open < n)
            html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                        _("Courses whose term to file a claim has passed are not listed."));
        n = open;
        if (n == 0) {
            html_printf(&resp->body, "<p>%s</p>",
                        _("No course with a cost of the last three months left to claim."));
            continue;
        }
        form_open(req, resp, "action=\"/incentives/claims\" class=\"narrow\" id=\"claim-%s\"",
                  s->scheme->code);
        html_printf(&resp->body, "<input type=\"hidden\" name=\"scheme\" value=\"%lld\">"
                                 "<input type=\"hidden\" name=\"year\" value=\"%d\">"
                                 "<label for=\"record-%s\">%s</label><select id=\"record-%s\" "
                                 "name=\"record\">",
                    (long long)s->scheme->id, y->year, s->scheme->code, _("Course"),
                    s->scheme->code);
        for (size_t k = 0; k < n; k++) {
            int64_t most = incentive_course_most(req->db, s->scheme, &rows[k], y->employer_size);
            date_t last = incentive_course_file_by(s->scheme, rows[k].start_date);
            html_printf(&resp->body, "<option value=\"%lld\">%s · %s · %s · %s · %s %s%s%s"
                                     "</option>",
                        (long long)rows[k].record_id, show_date(req, rows[k].start_date),
                        rows[k].name, rows[k].title, show_euro(req, rows[k].cost),
                        most >= 0 ? _("claimable:") : _("not claimable"),
                        most >= 0 ? show_euro(req, most) : "",
                        last != DATE_NONE ? " · " : "",
                        last != DATE_NONE ? file_by_day(req, last) : "");
        }
        html_printf(&resp->body, "</select><label for=\"amount-%s\">%s</label>"
                                 "<input id=\"amount-%s\" name=\"amount\" inputmode=\"decimal\">"
                                 "<button>%s</button></form>",
                    s->scheme->code, _("Amount (euro; blank: the most it may ask)"),
                    s->scheme->code, _("Add the claim"));
    }
    html_raw(&resp->body, "</section>");
}

/* The whole page for YEAR; PROBLEM, when not NULL, heads it (status 422). */
static void render(request *req, response *resp, int year, const char *problem)
{
    incentive_year y;
    if (incentive_year_load(req->db, req->a, year, &y) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *format = request_query(req, "format");
    if (format && !problem) {
        if (strcmp(format, "csv") != 0) {
            respond_error(req, resp, 404, NULL);
            return;
        }
        report_table t;
        str err = STR_INIT, base = STR_INIT;
        FILE *data = download_open();
        bool written = data && incentive_leave_table(&y, req->a, &t) &&
                       export_table(&t, EXPORT_CSV, "training-leave", download_write, data,
                                    &err) == STORE_OK;
        str_printf(&base, "training-leave-%d-%d", year, year + 1);
        download_send(req, resp, data, written && str_ok(&base), EXPORT_CSV, str_cstr(&base));
        str_free(&base);
        str_free(&err);
        return;
    }
    page_begin(req, resp, _("Incentives"));
    if (problem) {
        resp->status = 422;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", problem);
    }
    year_form(req, resp, "/incentives", year);
    html_printf(&resp->body, "<p>%s <a href=\"/incentives/schemes\">%s</a></p>",
                _("The school year starting in this year, and the calendar year itself."),
                _("Schemes and their figures"));
    headline(req, resp, &y);
    scheme_summary(req, resp, &y);
    leave_section(req, resp, &y);
    claims_section(req, resp, &y);
    new_claim_section(req, resp, &y);
    page_end(req, resp);
}

/* The year of the form, else the school year of today. */
static int form_year(request *req)
{
    const char *y = request_form(req, "year");
    int year = y ? atoi(y) : 0;
    return year >= 1990 && year <= 2199 ? year : school_year_of(date_today());
}

void page_incentives(request *req, response *resp)
{
    render(req, resp, page_year(req, school_year_of(date_today())), NULL);
}

/* The refusal PROBLEM of a new claim in words, with LIMIT where it says
 * what is left. */
static const char *claim_problem_text(request *req, int problem, int64_t limit)
{
    str s = STR_INIT;
    switch (problem) {
    case CLAIMABLE_NO_PARAMS:
        str_puts(&s, _("This scheme has no figures for the course's date: enter them first."));
        break;
    case CLAIMABLE_SHORT:
        str_puts(&s, _("The course is shorter than the scheme's minimum length."));
        break;
    case CLAIMABLE_NOT_SME:
        str_puts(&s, _("The SME wallet is for small and medium-sized employers only."));
        break;
    case CLAIMABLE_ABOVE_SHARE:
        str_printf(&s, _("That is more than the scheme's share of the cost: at most %s."),
                   show_euro(req, limit));
        break;
    case CLAIMABLE_ABOVE_CAP:
        str_printf(&s, _("That is above the cap: %s is left."), show_euro(req, limit));
        break;
    case CLAIM_NEW_NOTHING_LEFT:
        str_puts(&s, _("This refund is claimed already."));
        break;
    case CLAIMABLE_LATE:
        str_printf(&s, _("The term to file a claim for this course has passed: the last day "
                         "was %s."),
                   show_date(req, (date_t)limit));
        break;
    default:
        str_puts(&s, _("Choose a scheme and a course."));
    }
    const char *out = str_ok(&s) ? arena_strdup(req->a, str_cstr(&s)) : "";
    str_free(&s);
    return out ? out : "";
}

void page_incentive_claim_new(request *req, response *resp)
{
    int year = form_year(req);
    const char *scheme = request_form(req, "scheme"), *record = request_form(req, "record");
    const char *amount_text = request_form(req, "amount");
    int64_t amount = -1;
    if (amount_text && *amount_text &&
        (decimal_parse_money(amount_text, strlen(amount_text), &amount) != DECIMAL_OK ||
         amount < 0)) {
        render(req, resp, year, _("Amount: give an amount such as 125 or 1.250,50."));
        return;
    }
    incentive_claim c;
    int problem;
    int64_t limit;
    int rc = incentive_claim_new(req->db, req->a, req->user.login, scheme ? atoll(scheme) : 0,
                                 record ? atoll(record) : 0, request_form(req, "employee"), year,
                                 amount, date_today(), &c, &problem, &limit);
    if (rc == STORE_CONSTRAINT) {
        render(req, resp, year, claim_problem_text(req, problem, limit));
        return;
    }
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str back = STR_INIT;
    str_printf(&back, "/incentives?year=%d#claims", year);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&back)));
    str_free(&back);
}

void page_incentive_claim_move(request *req, response *resp)
{
    const char *to_text = request_form(req, "to");
    int to = to_text ? vocab_find(&vocab_claim_status, to_text, strlen(to_text)) : -1;
    incentive_claim c;
    int64_t id = atoll(req->arg);
    int rc = incentive_claim_get(req->db, req->a, id, &c);
    if (rc != STORE_ROW || to < 0) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : to < 0 ? 400 : 404, NULL);
        return;
    }
    /* a refusal ends the claim for good, one button beside "Paid": asked first */
    const char *confirm = request_form(req, "confirm");
    if (to == CLAIM_REFUSED && c.status == CLAIM_FILED &&
        !(confirm && strcmp(confirm, "yes") == 0)) {
        char action[48], back[48];
        snprintf(action, sizeof action, "/incentives/claims/%lld", (long long)id);
        snprintf(back, sizeof back, "/incentives?year=%d#claims", c.period_year);
        page_begin(req, resp, _("Mark the claim as refused"));
        html_printf(&resp->body, "<p>%s · %s</p>", _(c.scheme_name),
                    c.employee_name ? c.employee_name : _("the whole organisation"));
        confirm_box(req, resp,
                    _("Mark this claim as refused? It cannot be moved on afterwards."), action,
                    "to", "refused", _("Yes, it was refused"), back, _("No, back to the claims"));
        page_end(req, resp);
        return;
    }
    int64_t paid = -1;
    const char *paid_text = request_form(req, "paid");
    if (to == CLAIM_PAID &&
        (!paid_text || decimal_parse_money(paid_text, strlen(paid_text), &paid) != DECIMAL_OK ||
         paid < 0)) {
        render(req, resp, c.period_year, _("Paid: give the amount that came in, such as 125,00."));
        return;
    }
    rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = incentive_claim_settle(req->db, req->a, req->user.login, id, to, date_today(), paid,
                                    request_form(req, "reference"));
    rc = store_end(req->db, rc);
    if (rc == STORE_CONSTRAINT) {
        render(req, resp, c.period_year, _("That step does not follow from the claim's status."));
        return;
    }
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str back = STR_INIT;
    str_printf(&back, "/incentives?year=%d#claims", c.period_year);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&back)));
    str_free(&back);
}

/* ---- schemes and their dated parameters ---- */

/* A figure of a parameter set for a page: SCALE decimals, "—" when absent. */
static const char *figure(request *req, int64_t v, int scale, int places)
{
    return v < 0 ? "—" : show_decimal(req, v, scale, places);
}

/* A select of the codes of V named NAME, labelled LABEL. */
static void code_select(response *resp, const char *name, const char *label, const vocab *v)
{
    html_printf(&resp->body, "<label for=\"new-%s\">%s</label><select id=\"new-%s\" "
                             "name=\"%s\">",
                name, label, name, name);
    for (int i = 0; i < v->count; i++)
        html_printf(&resp->body, "<option value=\"%s\">%s</option>", v->names[i],
                    show_code(v, i));
    html_raw(&resp->body, "</select>");
}

/* The form for a new scheme (a sector fund's, say); after a refusal
 * (PROBLEM not NULL) it says why and shows what was typed. */
static void scheme_form(request *req, response *resp, const char *problem)
{
    bool again = problem != NULL;
    html_printf(&resp->body, "<section id=\"new-scheme\"><h2>%s</h2>", _("A new scheme"));
    form_open(req, resp, "action=\"/incentives/schemes\" class=\"narrow\"");
    if (again)
        html_printf(&resp->body, "<p class=\"error\">%s</p>", problem);
    html_printf(&resp->body, "<label for=\"new-code\">%s</label><input id=\"new-code\" "
                             "name=\"code\" required pattern=\"[a-z0-9_]{1,40}\" value=\"%s\">"
                             "<label for=\"new-name\">%s</label><input id=\"new-name\" "
                             "name=\"name\" required value=\"%s\">",
                _("Code (lowercase letters, digits and _)"), form_again(req, again, "code"),
                _("Name"), form_again(req, again, "name"));
    code_select(resp, "kind", _("Kind"), &vocab_incentive_kind);
    code_select(resp, "period", _("Caps count per"), &vocab_incentive_period);
    html_printf(&resp->body, "<label for=\"new-per\">%s</label><select id=\"new-per\" "
                             "name=\"per_employee\"><option value=\"yes\">%s</option>"
                             "<option value=\"no\">%s</option></select>"
                             "<button>%s</button></form></section>",
                _("Caps apply"), _("caps per employee"), _("caps per organisation"),
                _("Add the scheme"));
}

static void schemes_render(request *req, response *resp, const char *problem)
{
    incentive_scheme *schemes;
    size_t n;
    if (incentive_schemes_load(req->db, req->a, &schemes, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Incentive schemes"));
    if (problem) {
        resp->status = 422;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", problem);
    }
    html_printf(&resp->body, "<p>%s</p><p><a href=\"/incentives\">%s</a></p>",
                _("The figures change every year: enter next year's when they are known. New "
                  "figures without an end date that start after figures without one end those "
                  "the day before."),
                _("Back to the incentives"));
    for (size_t i = 0; i < n; i++) {
        const incentive_scheme *s = &schemes[i];
        html_printf(&resp->body, "<section id=\"scheme-%s\"><h2>%s</h2><p>%s · %s · %s</p>"
                                 "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th>"
                                 "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                    s->code, scheme_name(s), show_code(&vocab_incentive_kind, s->kind),
                    show_code(&vocab_incentive_period, s->period),
                    s->per_employee ? _("caps per employee") : _("caps per organisation"),
                    _("Figures by period"), _("From"), _("Until"), _("Rate per hour (euro)"),
                    _("Share (%)"), _("Share, medium-sized employer (%)"), _("Cap (hours)"),
                    _("Cap (euro)"), _("Minimum length (hours)"), _("Minimum occupation (%)"),
                    _("Term to file (days after the start)"));
        for (size_t k = 0; k < s->nparams; k++) {
            const incentive_params *p = &s->params[k];
            html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td></tr>",
                        show_date(req, p->valid_from),
                        p->valid_to != DATE_NONE ? show_date(req, p->valid_to) : "—",
                        figure(req, p->rate_per_hour, 2, 2), figure(req, p->share, 2, 2),
                        figure(req, p->share_medium, 2, 2), figure(req, p->cap_hours, 2, 2),
                        figure(req, p->cap_amount, 2, 2), figure(req, p->min_hours, 2, 2),
                        figure(req, p->min_occupation, 2, 2),
                        figure(req, p->file_within_days, 0, 0));
        }
        html_raw(&resp->body, "</tbody></table></div>");
        /* the form whose figures were refused shows them again, its dates
         * as text: a date field would drop a day such as 31/02 */
        bool again = problem && req->arg && strcmp(req->arg, s->code) == 0;
        form_open(req, resp, "action=\"/incentives/schemes/%s\" class=\"narrow\"", s->code);
        if (again)
            html_printf(&resp->body, "<p class=\"error\">%s</p>", problem);
        static const char *const fields[][2] = {
            {"valid_from", N_("From (date)")}, {"valid_to", N_("Until (date, blank: open)")},
            {"rate_per_hour", N_("Rate per hour (euro)")}, {"share", N_("Share (%)")},
            {"share_medium", N_("Share, medium-sized employer (%)")},
            {"cap_hours", N_("Cap (hours)")}, {"cap_amount", N_("Cap (euro)")},
            {"min_hours", N_("Minimum length (hours)")},
            {"min_occupation", N_("Minimum occupation (%)")},
            {"file_within_days", N_("Term to file (days after the start; blank: none)")}};
        /* new figures keep the term to file unless it is emptied on purpose */
        int64_t term = s->nparams ? s->params[s->nparams - 1].file_within_days : -1;
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
            const char *value = form_again(req, again, fields[f][0]);
            if (!again && term >= 0 && strcmp(fields[f][0], "file_within_days") == 0)
                value = figure(req, term, 0, 0);
            html_printf(&resp->body, "<label for=\"%s-%s\">%s</label><input id=\"%s-%s\" "
                                     "name=\"%s\" value=\"%s\"",
                        s->code, fields[f][0], _(fields[f][1]), s->code, fields[f][0],
                        fields[f][0], value);
            html_raw(&resp->body, f >= 2 ? " inputmode=\"decimal\">"
                                  : again ? ">" : " type=\"date\">");
        }
        html_printf(&resp->body, "<button>%s</button></form></section>", _("Add these figures"));
    }
    scheme_form(req, resp, req->arg ? NULL : problem);
    page_end(req, resp);
}

void page_incentive_schemes(request *req, response *resp)
{
    schemes_render(req, resp, NULL);
}

/* Reads form field NAME as a figure with SCALE decimals (a percentage is
 * read with two and kept in ten-thousandths) into *out: -1 when blank. */
static bool form_figure(request *req, const char *name, int scale, int64_t *out)
{
    const char *v = request_form(req, name);
    *out = -1;
    if (!v || !*v)
        return true;
    return decimal_parse(v, strlen(v), scale, out) == DECIMAL_OK && *out >= 0;
}

void page_incentive_params_add(request *req, response *resp)
{
    incentive_scheme *schemes;
    size_t n;
    if (incentive_schemes_load(req->db, req->a, &schemes, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const incentive_scheme *s = NULL;
    for (size_t i = 0; i < n && !s; i++)
        if (strcmp(schemes[i].code, req->arg) == 0)
            s = &schemes[i];
    if (!s) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    incentive_params p = {0};
    const char *from = request_form(req, "valid_from"), *to = request_form(req, "valid_to");
    p.valid_to = DATE_NONE;
    if (!from || !date_parse(from, strlen(from), &p.valid_from) ||
        (to && *to && !date_parse(to, strlen(to), &p.valid_to))) {
        schemes_render(req, resp, _("From and until: give dates such as 1/09/2026."));
        return;
    }
    /* Percentages are typed with two decimals: 30 % is 3000 ten-thousandths. */
    if (!form_figure(req, "rate_per_hour", 2, &p.rate_per_hour) ||
        !form_figure(req, "share", 2, &p.share) ||
        !form_figure(req, "share_medium", 2, &p.share_medium) ||
        !form_figure(req, "cap_hours", 2, &p.cap_hours) ||
        !form_figure(req, "cap_amount", 2, &p.cap_amount) ||
        !form_figure(req, "min_hours", 2, &p.min_hours) ||
        !form_figure(req, "min_occupation", 2, &p.min_occupation) ||
        !form_figure(req, "file_within_days", 0, &p.file_within_days)) {
        schemes_render(req, resp, _("Give the figures as numbers such as 14,91 or 125, or leave "
                                    "them blank."));
        return;
    }
    int problem;
    date_t with;
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = incentive_params_add(req->db, req->user.login, s->id, &p, &problem, &with);
    rc = store_end(req->db, rc);
    if (rc == STORE_CONSTRAINT) {
        str msg = STR_INIT;
        if (problem == PARAMS_OVERLAP)
            str_printf(&msg, _("These dates overlap the figures from %s: one period, one set of "
                               "figures."), show_date(req, with));
        else if (problem == PARAMS_RANGE)
            str_puts(&msg, _("The period ends before it starts."));
        else if (problem == PARAMS_TERM)
            str_puts(&msg, _("The term to file is at most 3660 days."));
        else
            str_puts(&msg, _("A share or occupation is at most 100 %, and no figure is "
                             "negative."));
        schemes_render(req, resp, arena_strdup(req->a, str_cstr(&msg)));
        str_free(&msg);
        return;
    }
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/incentives/schemes");
}

void plan_expected_subsidies(request *req, response *resp, int year, int64_t planned)
{
    incentive_year y;
    if (incentive_year_load(req->db, req->a, year, &y) != STORE_OK)
        return; /* the budget stands without it */
    int64_t expected = incentive_year_expected(&y);
    html_printf(&resp->body, "<p id=\"expected-subsidies\">%s <strong>%s</strong> · %s "
                             "<strong>%s</strong></p><p class=\"hint\">%s</p>",
                _("Expected subsidies:"), show_euro(req, expected),
                _("planned cost minus expected subsidies:"), show_euro(req, planned - expected),
                _("Paid, filed and still to file claims of the calendar year and of the school "
                  "year starting in it, and the training-leave refund not yet claimed."));
    if (req->user.role == ROLE_ADMIN) {
        str href = STR_INIT;
        str_printf(&href, "/incentives?year=%d", year);
        html_printf(&resp->body, "<p><a href=\"%s\">%s</a></p>", str_cstr(&href),
                    _("The incentives of this year"));
        str_free(&href);
    }
}

/* True when CODE is 1 to 40 lowercase letters, digits or '_'. */
static bool scheme_code_ok(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    return n >= 1 && n <= 40 && strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

void page_incentive_scheme_add(request *req, response *resp)
{
    const char *code = request_form(req, "code"), *name = request_form(req, "name");
    const char *kind = request_form(req, "kind"), *period = request_form(req, "period");
    const char *per = request_form(req, "per_employee");
    int k = kind ? vocab_find(&vocab_incentive_kind, kind, strlen(kind)) : -1;
    int p = period ? vocab_find(&vocab_incentive_period, period, strlen(period)) : -1;
    if (!scheme_code_ok(code) || !name || !*name || k < 0 || p < 0) {
        schemes_render(req, resp, _("Give the scheme a code of lowercase letters, digits and _, "
                                    "a name, a kind and a period."));
        return;
    }
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = incentive_scheme_add(req->db, req->user.login, code, name, k, p,
                                  !per || strcmp(per, "no") != 0);
    rc = store_end(req->db, rc);
    if (rc == STORE_CONSTRAINT) {
        schemes_render(req, resp, _("That code is taken: choose another."));
        return;
    }
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/incentives/schemes");
}
