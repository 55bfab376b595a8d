/* page_certifications.c - /certifications: HR sees every certification with
 * filters and a download, a manager their team (first who expires this
 * quarter), an employee their own, a representative the totals; the
 * reminders on the overview; /api/v1/reports/certifications. Every status is
 * computed on the day shown (app/certifications.h), never stored. */
#include "web/pages.h"
#include "app/certifications.h"
#include "app/cert_renew.h"
#include "app/export.h"
#include "core/sessions.h"
#include "store/sessions.h"
#include "core/labels.h"
#include "util/i18n.h"
#include "util/map.h"
#include <pthread.h>
#include <string.h>

/* The ?date= asked for, or today; false when it cannot be read. */
static bool page_day(request *req, date_t *day)
{
    const char *d = request_query(req, "date");
    *day = date_today();
    return !d || !*d || date_read(d, strlen(d), day) == DATE_READ_OK;
}

void api_certifications(request *req, response *resp)
{
    date_t day;
    if (!page_day(req, &day)) {
        respond_error(req, resp, 400, _("a date such as 2026-06-30"));
        return;
    }
    cert_query q = {day, req->user.role, req->user.employee_row, -1, NULL, NULL, false};
    cert_view v;
    str err = STR_INIT;
    if (cert_view_build(req->db, req->a, &q, true, &v, &err) != CERT_OK) {
        str_free(&err);
        respond_error(req, resp, 500, NULL);
        return;
    }
    str_free(&err);
    resp->status = 200;
    resp->content_type = "application/json";
    str_free(&resp->body);
    resp->body = v.json;
    str_putc(&resp->body, '\n');
}

/* The label of a status, for pages. */
static const char *status_label(int status)
{
    return _(code_label(&vocab_cert_status, status));
}

/* What follows a card's count of certifications in STATUS: its own plural
 * (French: "29 valides", "2 expirées"). */
static const char *total_label(int status, int64_t n)
{
    unsigned long count = n > 0 ? (unsigned long)n : 0;
    switch (status) {
    case CERT_VALID: return P_("is valid", "are valid", count);
    case CERT_EXPIRING: return P_("expires soon", "expire soon", count);
    case CERT_EXPIRED: return P_("has expired", "have expired", count);
    default: return P_("is missing", "are missing", count);
    }
}

/* The four totals as cards. */
static void totals_cards(request *req, response *resp, const cert_report *r)
{
    html_raw(&resp->body, "<ul class=\"cards\">");
    for (int k = 0; k < CERT_STATUSES; k++) {
        html_raw(&resp->body, (k == CERT_EXPIRED || k == CERT_MISSING) && r->totals[k]
                                  ? "<li class=\"warning\"><strong>" : "<li><strong>");
        if (r->hidden[k]) /* representatives: fewer people than min_group */
            html_printf(&resp->body, _("fewer than %d"), r->min_group);
        else
            html_printf(&resp->body, "%s", show_count(req, r->totals[k]));
        html_printf(&resp->body, "</strong> %s</li>", total_label(k, r->totals[k]));
    }
    html_raw(&resp->body, "</ul>");
}

/* The most lines one page lists; the download has them all (a page of a
 * hundred thousand employees would be too long to read and to send). */
#define CERT_PAGE_LINES 1000

/* Whether the caller may follow up the certifications of E: HR anyone, a
 * manager the people of their team (their view holds only those, and their
 * own lines, which their own manager follows up). */
static bool may_renew(request *req, const employee *e)
{
    return req->user.role == ROLE_ADMIN ||
           (req->user.role == ROLE_MANAGER && e->id != req->user.employee_row);
}

/* Appends the filters of Q to the query string in OUT ("&status=missing"). */
static void append_filters(str *out, const cert_query *q)
{
    if (q->status >= 0)
        str_printf(out, "&status=%s", cert_status_names[q->status]);
    if (q->department) {
        str_puts(out, "&department=");
        url_encode(out, q->department);
    }
    if (q->activity) {
        str_puts(out, "&activity=");
        url_encode(out, q->activity);
    }
}

/* What the follow-up of a line of activity X does, per activity of the view
 * (a session to enrol in, or a need to signal), asked once per activity. */
typedef struct renew_kinds {
    /* per activity of the view: the session a click enrols in, 0 when none
     * (a need), -1 not asked yet */
    int64_t *session;
    /* the open enrolments in sessions to come, read at the first line that
     * needs them: "person:activity" to its index in COMING (the earliest) */
    bool coming_read;
    coming_enrolment *coming;
    map by_line;
} renew_kinds;

/* The key of person ROW and activity ACT in renew_kinds.by_line, in KEY;
 * its length. */
static size_t line_key(char key[static 48], int64_t row, int64_t act)
{
    int len = snprintf(key, 48, "%lld:%lld", (long long)row, (long long)act);
    return len > 0 ? (size_t)len : 0;
}

/* The open enrolment of person ROW in a coming session of activity ACT,
 * or NULL. */
static const coming_enrolment *coming_for(request *req, renew_kinds *k, int64_t row,
                                          int64_t act)
{
    char key[48];
    if (!k->coming_read) {
        size_t n = 0;
        k->coming_read = true;
        if (enrolments_coming(req->db, req->a, date_today(), 0, 0, &k->coming, &n) != STORE_OK)
            n = 0;
        for (size_t i = 0; i < n; i++) {
            size_t len = line_key(key, k->coming[i].employee_row, k->coming[i].activity_row);
            int64_t first;
            if (!map_get(&k->by_line, key, len, &first))
                map_put(&k->by_line, key, len, (int64_t)i);
        }
    }
    int64_t at;
    return map_get(&k->by_line, key, line_key(key, row, act), &at) ? &k->coming[at] : NULL;
}

/* The follow-up cell of a line: a one-click form when the certification is
 * to renew (RENEW) and the caller may follow it up, labelled for what it
 * does (enrol in the next session, or signal a need when there is none);
 * it carries the view's filters (Q), which the page keeps afterwards. */
static void renew_cell(request *req, response *resp, const cert_view *v, const cert_line *l,
                       const cert_query *q, renew_kinds *kinds, bool renew)
{
    const employee *e = &v->f.people[l->person];
    const activity *x = &v->f.acts[l->activity];
    html_raw(&resp->body, "<td>");
    if (renew && may_renew(req, e)) {
        int64_t *known = kinds->session ? &kinds->session[l->activity] : NULL;
        if (known && *known < 0 &&
            cert_renew_session(req->db, x->id, date_today(), known) != STORE_OK)
            *known = 0;
        bool session = !known || *known; /* unknown: the general label */
        /* once enrolled in a coming session of the activity (this one or
         * another), the line says so instead of offering the click again */
        const coming_enrolment *taken = coming_for(req, kinds, e->id, x->id);
        if (taken && taken->state >= 0) {
            html_printf(&resp->body, "%s · %s</td>", show_code(&vocab_enrol_state, taken->state),
                        show_date(req, taken->first_day));
            return;
        }
        form_open(req, resp, "action=\"/certifications/renew\" class=\"inline\"");
        html_printf(&resp->body, "<input type=\"hidden\" name=\"employee_id\" value=\"%s\">"
                                 "<input type=\"hidden\" name=\"activity\" value=\"%s\">",
                    e->employee_id, x->code);
        if (q->status >= 0)
            html_printf(&resp->body, "<input type=\"hidden\" name=\"f_status\" value=\"%s\">",
                        cert_status_names[q->status]);
        if (q->department)
            html_printf(&resp->body, "<input type=\"hidden\" name=\"f_department\" "
                                     "value=\"%s\">", q->department);
        if (q->activity)
            html_printf(&resp->body, "<input type=\"hidden\" name=\"f_activity\" value=\"%s\">",
                        q->activity);
        html_printf(&resp->body, "<button>%s</button></form>",
                    session ? _("Enrol in the next session")
                            : _("No session planned: add a training need"));
    }
    html_raw(&resp->body, "</td>");
}

/* A table of the lines for which KEEP (NULL: all) says yes, at most
 * CERT_PAGE_LINES of them, saying so when there are more. */
static void lines_table(request *req, response *resp, const cert_view *v, const cert_query *q,
                        const char *caption, bool with_people,
                        bool (*keep)(const cert_line *l, void *ctx), void *ctx)
{
    bool actions = with_people && (req->user.role == ROLE_ADMIN || req->user.role == ROLE_MANAGER);
    renew_kinds kinds = {actions ? arena_alloc(req->a, (v->f.nacts + 1) * sizeof(int64_t))
                                 : NULL,
                         false, NULL, MAP_INIT};
    for (size_t k = 0; kinds.session && k <= v->f.nacts; k++)
        kinds.session[k] = -1;
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>",
                caption);
    if (with_people)
        html_printf(&resp->body, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th>",
                    _("Number"), _("Name"), _("Department"));
    html_printf(&resp->body, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                _("Activity"), _("Status"), _("Achieved"), _("Valid until"));
    if (actions)
        html_printf(&resp->body, "<th scope=\"col\">%s</th>", _("Follow-up"));
    html_raw(&resp->body, "</tr></thead><tbody>");
    size_t shown = 0, more = 0;
    for (size_t i = 0; i < v->r.nlines; i++) {
        const cert_line *l = &v->r.lines[i];
        if (keep && !keep(l, ctx))
            continue;
        if (shown == CERT_PAGE_LINES) {
            more++;
            continue;
        }
        const employee *e = &v->f.people[l->person];
        const activity *x = &v->f.acts[l->activity];
        bool alarm = l->status != CERT_VALID;
        html_raw(&resp->body, alarm ? "<tr class=\"warning\">" : "<tr>");
        if (with_people)
            html_printf(&resp->body, "<td>%s</td><td>%s %s</td><td>%s</td>", e->employee_id,
                        e->first_name, e->last_name, e->department);
        html_printf(&resp->body, "<td>%s (%s)</td><td>%s</td><td>%s</td><td>%s</td>",
                    x->title, x->code, status_label(l->status),
                    l->achieved == DATE_NONE ? "—" : show_date(req, l->achieved),
                    l->status == CERT_MISSING   ? "—" /* nothing is valid: no end either */
                    : l->valid_until == DATE_NONE ? _("no end")
                                                  : show_date(req, l->valid_until));
        if (actions)
            renew_cell(req, resp, v, l, q, &kinds, alarm);
        html_raw(&resp->body, "</tr>");
        shown++;
    }
    if (!shown)
        html_printf(&resp->body, "<tr><td colspan=\"%d\">%s</td></tr>",
                    with_people ? 7 + actions : 4,
                    _("Nothing to show."));
    html_raw(&resp->body, "</tbody></table></div>");
    map_free(&kinds.by_line);
    if (more)
        html_printf(&resp->body, "<p>%s %s</p>", show_count(req, (int64_t)more),
                    P_("more line is not shown: narrow the filters, or download them all.",
                       "more lines are not shown: narrow the filters, or download them all.",
                       (unsigned long)more));
}

/* The calendar quarter of DAY: its first and last day. */
static void quarter_of(date_t day, date_t *from, date_t *to)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    int first = (m - 1) / 3 * 3 + 1;
    *from = date_from_ymd(y, first, 1);
    *to = date_add_months(*from, 3) - 1;
}

typedef struct span {
    date_t from, to;
} span;

/* Lines still valid on the day (valid or expiring) whose valid_until falls
 * in the span: what expires, not what has expired already. */
static bool expires_in(const cert_line *l, void *ctx)
{
    const span *s = ctx;
    return (l->status == CERT_VALID || l->status == CERT_EXPIRING) &&
           l->valid_until != DATE_NONE && l->valid_until >= s->from && l->valid_until <= s->to;
}

/* The HR filter form: day, status, department, activity. */
static void filters(request *req, response *resp, const cert_view *all, const cert_query *q)
{
    char day[DATE_TEXT_SIZE];
    date_format(q->day, day);
    html_printf(&resp->body, "<form method=\"get\" action=\"/certifications\" class=\"filters\">"
                             "<label for=\"date\">%s</label><input id=\"date\" name=\"date\" "
                             "type=\"date\" value=\"%s\"><label for=\"status\">%s</label>"
                             "<select id=\"status\" name=\"status\"><option value=\"\">%s</option>",
                _("On"), day, _("Status"), _("all"));
    for (int k = 0; k < CERT_STATUSES; k++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", cert_status_names[k],
                    q->status == k ? " selected" : "", status_label(k));
    html_printf(&resp->body, "</select><label for=\"department\">%s</label><select "
                             "id=\"department\" name=\"department\"><option value=\"\">%s</option>",
                _("Department"), _("all"));
    group_count *depts;
    size_t n;
    if (departments_list(req->db, req->a, &depts, &n) == STORE_OK)
        for (size_t i = 0; i < n; i++)
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", depts[i].name,
                        q->department && strcmp(q->department, depts[i].name) == 0 ? " selected"
                                                                                   : "",
                        depts[i].name);
    html_printf(&resp->body, "</select><label for=\"activity\">%s</label><select id=\"activity\" "
                             "name=\"activity\"><option value=\"\">%s</option>",
                _("Activity"), _("all"));
    for (size_t i = 0; i < all->f.nacts; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s (%s)</option>", all->f.acts[i].code,
                    q->activity && strcmp(q->activity, all->f.acts[i].code) == 0 ? " selected"
                                                                                 : "",
                    all->f.acts[i].title, all->f.acts[i].code);
    html_printf(&resp->body, "</select><button>%s</button></form>", _("Show"));
}

/* The link to the same view as a download in FORMAT. */
static const char *download_href(request *req, const cert_query *q, const char *format)
{
    str href = STR_INIT;
    char day[DATE_TEXT_SIZE];
    date_format(q->day, day);
    str_printf(&href, "/certifications?date=%s&format=%s", day, format);
    append_filters(&href, q);
    const char *copy = str_ok(&href) ? arena_strdup(req->a, href.p) : NULL;
    str_free(&href);
    return copy ? copy : "/certifications";
}

/* Answers the lines of V as a CSV or Excel download. */
static void download(request *req, response *resp, const cert_view *v, int format)
{
    report_table lines, totals;
    str err = STR_INIT;
    FILE *data = download_open();
    bool written = data && cert_tables(v, req->a, &lines, &totals) &&
                   export_table(&lines, (enum export_format)format, "certifications",
                                download_write, data, &err) == STORE_OK;
    char day[DATE_TEXT_SIZE], base[32];
    date_format(v->r.day, day);
    snprintf(base, sizeof base, "certifications-%s", day);
    download_send(req, resp, data, written, format, base);
    str_free(&err);
}

/* The outcome of a follow-up click, after its redirect (?renewed=). */
static void renew_notice(request *req, response *resp)
{
    static const char *const texts[RENEW_OUTCOMES] = {
        N_("Enrolled in the next session: the seat is taken."),
        N_("The enrolment in the next session awaits approval."),
        N_("The next session is full: the person is on its waiting list."),
        N_("The person is already enrolled in a coming session of this activity."),
        N_("No open session of this activity: an open need was added to the needs register."),
        N_("No open session of this activity, and an open need for it is already in the "
           "needs register."),
        N_("The next session falls outside the person's employment: nothing was done."),
    };
    const char *done = request_query(req, "renewed");
    for (int k = 0; done && k < RENEW_OUTCOMES; k++)
        if (strcmp(done, cert_renew_names[k]) == 0)
            html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>", _(texts[k]));
}

void page_certifications(request *req, response *resp)
{
    cert_query q = {0, req->user.role, req->user.employee_row, -1, NULL, NULL, false};
    if (!page_day(req, &q.day)) {
        respond_error(req, resp, 400, _("a date such as 2026-06-30"));
        return;
    }
    const char *status = request_query(req, "status");
    if (status && *status)
        q.status = vocab_find(&vocab_cert_status, status, strlen(status));
    if (status && *status && q.status < 0) {
        respond_error(req, resp, 400, NULL);
        return;
    }
    if (req->user.role == ROLE_ADMIN) {
        const char *dept = request_query(req, "department"), *act = request_query(req, "activity");
        q.department = dept && *dept ? dept : NULL;
        q.activity = act && *act ? act : NULL;
    }
    const char *format_name = request_query(req, "format");
    int format = format_name ? export_format_find(format_name) : -1;
    if (format_name && ((format != EXPORT_CSV && format != EXPORT_XLSX) ||
                        req->user.role == ROLE_REPRESENTATIVE)) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    cert_view v;
    str err = STR_INIT;
    int rc = cert_view_build(req->db, req->a, &q, false, &v, &err);
    str_free(&err);
    if (rc != CERT_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (format_name) {
        download(req, resp, &v, format);
        return;
    }
    page_begin(req, resp, _("Certifications"));
    html_printf(&resp->body, "<p>%s</p>",
                _("Certificates that must be renewed (first aid, forklift, safety) and mandatory "
                  "trainings, as they stand on the day shown: expiring means it ends within the "
                  "warning period."));
    renew_notice(req, resp);
    switch (req->user.role) {
    case ROLE_ADMIN:
        filters(req, resp, &v, &q);
        totals_cards(req, resp, &v.r);
        html_printf(&resp->body, "<p><a href=\"%s\" download>%s</a> · <a href=\"%s\" download>"
                                 "%s</a></p>",
                    download_href(req, &q, "csv"), _("Download as CSV"),
                    download_href(req, &q, "xlsx"), _("Download as Excel"));
        lines_table(req, resp, &v, &q, _("Certifications per employee"), true, NULL, NULL);
        break;
    case ROLE_MANAGER: {
        span quarter;
        quarter_of(q.day, &quarter.from, &quarter.to);
        totals_cards(req, resp, &v.r);
        lines_table(req, resp, &v, &q, _("Expiring this quarter"), true, expires_in, &quarter);
        lines_table(req, resp, &v, &q, _("Certifications of my team"), true, NULL, NULL);
        break;
    }
    case ROLE_REPRESENTATIVE:
        html_printf(&resp->body, "<p>%s</p>",
                    _("You see figures for the whole organisation only, never for one person."));
        totals_cards(req, resp, &v.r);
        break;
    default:
        lines_table(req, resp, &v, &q, _("My certifications"), false, NULL, NULL);
        break;
    }
    page_end(req, resp);
}

/* POST /certifications/renew: follows up the certification (employee_id,
 * activity) the caller sees as expiring, expired or missing. The caller's
 * own view decides the scope: a line a manager cannot see is forbidden. */
void page_certifications_renew(request *req, response *resp)
{
    const char *who = request_form(req, "employee_id"), *code = request_form(req, "activity");
    /* the button's hidden fields: nothing typed, a request without them
     * does not come from the page (no form to go back to) */
    if (!who || !*who || !code || !*code) {
        respond_error(req, resp, 400, NULL);
        return;
    }
    date_t today = date_today();
    cert_query q = {today, req->user.role, req->user.employee_row, -1, NULL, code, false};
    cert_view v;
    str err = STR_INIT;
    int rc = cert_view_build(req->db, req->a, &q, false, &v, &err);
    str_free(&err);
    if (rc != CERT_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const cert_line *line = NULL;
    for (size_t i = 0; i < v.r.nlines && !line; i++)
        if (strcmp(v.f.people[v.r.lines[i].person].employee_id, who) == 0 &&
            strcmp(v.f.acts[v.r.lines[i].activity].code, code) == 0)
            line = &v.r.lines[i];
    if (!line || !may_renew(req, &v.f.people[line->person])) {
        respond_error(req, resp, 403, NULL);
        return;
    }
    if (line->status == CERT_VALID) {
        respond_error(req, resp, 409, _("This certification is valid: there is nothing to renew."));
        return;
    }
    int outcome;
    int64_t session;
    if (cert_renew(req->db, req->user.login, req->user.role, &v.f.people[line->person],
                   &v.f.acts[line->activity], today, &outcome, &session) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* back to the view the click came from: its filters, read as the page
     * reads them (an unknown status is left out) */
    const char *fs = request_form(req, "f_status"), *fd = request_form(req, "f_department");
    const char *fa = request_form(req, "f_activity");
    cert_query back = {today, req->user.role, req->user.employee_row,
                       fs && *fs ? vocab_find(&vocab_cert_status, fs, strlen(fs)) : -1,
                       fd && *fd ? fd : NULL, fa && *fa ? fa : NULL, false};
    str to = STR_INIT;
    str_printf(&to, "/certifications?renewed=%s", cert_renew_names[outcome]);
    append_filters(&to, &back);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&to)));
    str_free(&to);
}

/* ---- the reminders: run once a day, shown on the overview ---- */

static pthread_mutex_t reminders_lock = PTHREAD_MUTEX_INITIALIZER;
/* The day each organisation's reminders last ran, by slug ("" for the one
 * organisation of a SQLite file): on a site every organisation has its
 * own, whoever opens an overview first that day. */
static map reminders_days = MAP_INIT;

/* Marks ORG's reminders as run on DAY (DATE_NONE: not yet); false when the
 * mark could not be kept (out of memory). */
static bool reminders_mark(const char *org, date_t day)
{
    pthread_mutex_lock(&reminders_lock);
    bool kept = map_put(&reminders_days, org, strlen(org), (int64_t)day);
    pthread_mutex_unlock(&reminders_lock);
    return kept;
}

/* Sends the day's reminders of ORG (DB serves it), the first time one of
 * its overviews is opened that day (the `reminders` command does the same
 * from cron). */
static void reminders_daily(store *db, const char *org)
{
    date_t today = date_today();
    int64_t last = DATE_NONE;
    pthread_mutex_lock(&reminders_lock);
    bool due = !map_get(&reminders_days, org, strlen(org), &last) || last != today;
    bool claimed = due && map_put(&reminders_days, org, strlen(org), (int64_t)today);
    pthread_mutex_unlock(&reminders_lock);
    if (!claimed)
        return;
    int certs, messages;
    str err = STR_INIT;
    if (reminders_run(db, today, &certs, &messages, &err) != CERT_OK)
        reminders_mark(org, DATE_NONE); /* try again on the next view */
    str_free(&err);
}

void home_certifications(request *req, response *resp)
{
    if (req->user.role == ROLE_REPRESENTATIVE)
        return;
    reminders_daily(req->db, req->org ? req->org : "");
    date_t today = date_today();
    cert_reminder *list;
    size_t n;
    int64_t self = req->user.employee_row;
    int rc = req->user.role == ROLE_ADMIN
                 ? cert_reminders_list(req->db, req->a, 0, 0, today - 30, 20, &list, &n)
             : self > 0 ? cert_reminders_list(req->db, req->a, self,
                                              req->user.role == ROLE_MANAGER ? self : 0,
                                              today - 30, 20, &list, &n)
                        : (n = 0, STORE_OK);
    if (rc != STORE_OK || n == 0)
        return;
    /* What was said in the last 30 days, as the reminders went out (steps of
     * 90, 60, 30 and 0 days): not the certifications page's count, whose
     * warning period is warn_days. Computing that page's view here made the
     * first home view after a write 10 to 150 times slower on 50,000 people. */
    html_printf(&resp->body, "<section aria-labelledby=\"reminders\"><h2 id=\"reminders\">%s</h2>"
                             "<ul>",
                _("Certification reminders of the last 30 days"));
    for (size_t i = 0; i < n; i++) {
        const cert_reminder *r = &list[i];
        const char *when = show_date(req, r->valid_until);
        if (r->step == 0)
            html_printf(&resp->body, "<li class=\"warning\">%s (%s): %s %s</li>",
                        r->employee_name, r->employee_id, r->activity_title,
                        _("expires today or has expired"));
        else
            html_printf(&resp->body, "<li>%s (%s): %s %s %s</li>", r->employee_name,
                        r->employee_id, r->activity_title, _("is valid until"), when);
    }
    html_printf(&resp->body, "</ul><p><a href=\"/certifications\">%s</a></p></section>",
                _("See all certifications"));
}
