/* page_learning.c - adding and correcting learning records
 * (/employees/:id/learning, /learning/:id), employees logging their own
 * informal learning (/my/log) and managers confirming it (/team/claims,
 * /claims/:id), and downloads of the data (/export/:kind). */
#include "web/pages.h"
#include "core/labels.h"
#include "core/rules.h"
#include "app/export.h"
#include "core/formats.h"
#include "store/import.h"
#include "util/csv.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <stdlib.h>
#include <string.h>

/* True when the caller may write, correct or delete learning of the
 * employee at ROW: an admin, or a manager for their team, not for
 * themselves (their own learning goes through /my/log and waits for
 * someone else's confirmation, as everyone's does; the employee page
 * offers them no link to it either). */
bool may_write_learning(request *req, int64_t row)
{
    return req->user.role == ROLE_ADMIN ||
           (req->user.role == ROLE_MANAGER && req->user.employee_row > 0 &&
            row != req->user.employee_row &&
            employees_in_team(req->db, req->user.employee_row, row));
}

/* The form's value of FIELD, else the record's, for the inputs. */
static const char *field(request *req, const char *name, const char *fallback)
{
    const char *v = request_form(req, name);
    return v ? v : fallback ? fallback : "";
}

/* A select of vocabulary V with its LABEL; EXTRA: its own attributes (ours,
 * written as they are), or NULL. */
static void select_of(request *req, response *resp, const char *name, const char *label,
                      const vocab *v, const char *current, bool allow_empty, const char *extra)
{
    html_printf(&resp->body, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"", name,
                label, name, name);
    if (extra)
        html_raw(&resp->body, extra);
    html_raw(&resp->body, ">");
    if (allow_empty)
        html_printf(&resp->body, "<option value=\"\"%s>—</option>",
                    !current || !*current ? " selected" : "");
    for (int i = 0; i < v->count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", v->names[i],
                    current && strcmp(current, v->names[i]) == 0 ? " selected" : "",
                    show_code(v, i));
    html_raw(&resp->body, "</select>");
    (void)req;
}

static void record_form(request *req, response *resp, const char *action,
                        const learning_record *r)
{
    char start[DATE_TEXT_SIZE] = "", end[DATE_TEXT_SIZE] = "";
    if (r) {
        date_format(r->start_date, start);
        date_format(r->end_date, end);
    }
    activity *acts;
    size_t nacts;
    if (activities_list(req->db, req->a, &acts, &nacts) != STORE_OK)
        nacts = 0;
    form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
    const char *code = field(req, "activity_code", r ? r->activity_code : NULL);
    html_printf(&resp->body, "<label for=\"activity_code\">%s</label><select id=\"activity_code\" "
                             "name=\"activity_code\"><option value=\"\">%s</option>",
                _("Activity from the catalogue"), _("— a one-off activity —"));
    for (size_t i = 0; i < nacts; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", acts[i].code,
                    strcmp(code, acts[i].code) == 0 ? " selected" : "", acts[i].title);
    html_raw(&resp->body, "</select>");
    html_printf(&resp->body, "<label for=\"title\">%s</label><input id=\"title\" name=\"title\" "
                             "value=\"%s\">",
                _("Title (for a one-off activity)"), field(req, "title", r ? r->title : NULL));
    select_of(req, resp, "type", _("Type (when it differs from the activity's)"), &vocab_type,
              field(req, "type", r && r->own_type >= 0 ? vocab_name(&vocab_type, r->own_type)
                                                       : NULL), true, NULL);
    html_printf(&resp->body,
                "<label for=\"start_date\">%s</label><input id=\"start_date\" name=\"start_date\" "
                "type=\"%s\" required value=\"%s\"><label for=\"end_date\">%s</label>"
                "<input id=\"end_date\" name=\"end_date\" type=\"%s\" value=\"%s\">"
                "<label for=\"hours\">%s</label><input id=\"hours\" name=\"hours\" "
                "inputmode=\"decimal\" required value=\"%s\">"
                "<label for=\"cost\">%s</label><input id=\"cost\" name=\"cost\" "
                "inputmode=\"decimal\" value=\"%s\"><label for=\"subsidy\">%s</label>"
                "<input id=\"subsidy\" name=\"subsidy\" inputmode=\"decimal\" value=\"%s\">",
                _("Start date"), form_date_type(field(req, "start_date", start)),
                field(req, "start_date", start), _("End date"),
                form_date_type(field(req, "end_date", end)), field(req, "end_date", end),
                _("Hours"),
                field(req, "hours", r ? show_input_decimal(req, r->hours, 2, 2) : NULL),
                _("Cost (euro)"), field(req, "cost", r ? show_input_decimal(req, r->cost, 2, 2) : NULL),
                _("Subsidy received (euro)"),
                field(req, "subsidy", r ? show_input_decimal(req, r->subsidy, 2, 2) : NULL));
    select_of(req, resp, "working_time", _("During working time"), &vocab_yesno,
              field(req, "working_time", r && r->working_time >= 0
                                              ? (r->working_time ? "yes" : "no") : NULL), true, NULL);
    select_of(req, resp, "training_leave", _("Taken as Flemish training leave"), &vocab_yesno,
              field(req, "training_leave", r ? (r->training_leave ? "yes" : "no") : "no"), false, NULL);
    select_of(req, resp, "result", _("Result"), &vocab_result,
              field(req, "result", r ? vocab_name(&vocab_result, r->result) : NULL), false, NULL);
    html_printf(&resp->body, "<button type=\"submit\">%s</button></form>", _("Save"));
}

/* Saves the form as one learning record, of EMPLOYEE_ID, correcting record
 * REPLACE when not 0. */
static int save_record(request *req, const char *employee_id, int64_t replace, import_log *log)
{
    return import_form_row(req, IMPORT_LEARNING, learning_columns, LC_EMPLOYEE_ID, employee_id,
                           replace, log);
}

void page_record_new(request *req, response *resp)
{
    employee e;
    int rc = employees_get(req->db, req->a, req->arg, &e);
    if (rc != STORE_ROW || !may_write_learning(req, e.id)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    str action = STR_INIT;
    str_puts(&action, "/employees/");
    url_encode(&action, e.employee_id);
    str_puts(&action, "/learning");
    if (strcmp(req->method, "POST") == 0) {
        import_log log;
        import_log_init(&log, req->a);
        int saved = save_record(req, e.employee_id, 0, &log);
        if (saved == IMPORT_DONE) {
            action.len -= strlen("/learning");
            action.p[action.len] = '\0';
            str_puts(&action, "?saved=1");
            response_redirect(req, resp, arena_strdup(req->a, str_cstr(&action)));
            str_free(&action);
            return;
        }
        page_begin(req, resp, _("Add learning"));
        if (saved == IMPORT_REJECTED) {
            resp->status = 422;
            form_problems(resp, &log);
        } else {
            html_printf(&resp->body, "<p class=\"error\">%s</p>", _("Something went wrong on our side"));
            resp->status = 500;
        }
    } else {
        page_begin(req, resp, _("Add learning"));
    }
    html_printf(&resp->body, "<p>%s %s (%s)</p>", e.first_name, e.last_name, e.employee_id);
    record_form(req, resp, str_cstr(&action), NULL);
    str_free(&action);
    page_end(req, resp);
}

void page_record_edit(request *req, response *resp)
{
    int64_t id = atoll(req->arg), row;
    learning_record r;
    int rc = id > 0 ? learning_get(req->db, req->a, id, &r, &row) : STORE_DONE;
    if (rc != STORE_ROW || !may_write_learning(req, row)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    str action = STR_INIT;
    str_printf(&action, "/learning/%lld", (long long)id);
    if (strcmp(req->method, "POST") == 0) {
        import_log log;
        import_log_init(&log, req->a);
        int saved = save_record(req, r.employee_id, id, &log);
        if (saved == IMPORT_DONE) {
            str back = STR_INIT;
            str_puts(&back, "/employees/");
            url_encode(&back, r.employee_id);
            str_puts(&back, "?saved=1");
            response_redirect(req, resp, arena_strdup(req->a, str_cstr(&back)));
            str_free(&back);
            str_free(&action);
            return;
        }
        page_begin(req, resp, _("Correct learning"));
        resp->status = saved == IMPORT_REJECTED ? 422 : 500;
        if (saved == IMPORT_REJECTED)
            form_problems(resp, &log);
    } else {
        page_begin(req, resp, _("Correct learning"));
    }
    html_printf(&resp->body, "<p>%s · <a href=\"/learning/%lld/tests\">%s</a></p>",
                r.employee_id, (long long)id, _("Test results"));
    record_form(req, resp, str_cstr(&action), &r);
    str_free(&action);
    /* Deleting asks first (page_record_delete): this button only leads there. */
    if (may_write_learning(req, row)) {
        form_open(req, resp, "action=\"/learning/%lld/delete\" class=\"delete\"", (long long)id);
        html_printf(&resp->body, "<button class=\"secondary\">%s</button></form>",
                    _("Delete this record"));
    }
    page_end(req, resp);
}

/* ---- deleting a record entered by mistake ---- */

/* Why record deletion is refused (T: what rests on it), and what to do
 * instead; NULL when nothing stands in the way. */
static const char *refusal_of(const learning_ties *t)
{
    if (t->badges > 0)
        return _("An Open Badge was issued for this learning, so the record stays. Have the "
                 "badge revoked first (HR, on the Badges page); then the record can be "
                 "deleted.");
    if (t->claims_filed > 0)
        return _("An incentive claim for this record has been filed, so the record stays: it "
                 "is what the claim rests on. Correct the record instead; if the claim is "
                 "refused, the record can be deleted afterwards.");
    return NULL;
}

/* The facts of record R of E, as the confirmation names them. */
static void record_facts(request *req, response *resp, const learning_record *r,
                         const employee *e)
{
    html_printf(&resp->body, "<dl class=\"facts\"><dt>%s</dt><dd>%s %s (%s)</dd>"
                             "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s",
                _("Employee"), e->first_name, e->last_name, e->employee_id, _("Activity"),
                r->title ? r->title : r->activity_title ? r->activity_title : "—", _("Date"),
                show_date(req, r->start_date));
    if (r->end_date != DATE_NONE && r->end_date != r->start_date)
        html_printf(&resp->body, " – %s", show_date(req, r->end_date));
    html_printf(&resp->body, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                _("Hours"), show_decimal(req, r->hours, 2, 2), _("Type"),
                show_code(&vocab_type, r->type));
}

/* What deleting record R (with T resting on it) changes, said before. */
static void deletion_warning(response *resp, const learning_record *r,
                             const learning_ties *t)
{
    html_raw(&resp->body, "<p class=\"warning\">");
    if (right_counts(r->type, r->training_leave))
        html_printf(&resp->body, _("Deleting it takes these hours out of the employee's training "
                                   "right and out of the social balance sheet figures of %d. It "
                                   "cannot be undone; the audit log keeps what was deleted."),
                    date_year(r->start_date));
    else /* initial training, or taken as training leave (rule 2) */
        html_printf(&resp->body, _("Deleting it takes these hours out of the social balance "
                                   "sheet figures of %d (they do not count for the training "
                                   "right). It cannot be undone; the audit log keeps what was "
                                   "deleted."),
                    date_year(r->start_date));
    html_raw(&resp->body, "</p>");
    if (t->evaluation > 0)
        html_printf(&resp->body, "<p>%s</p>",
                    _("Its evaluation (answers, test results, follow-up) is deleted with it."));
    if (t->claims_to_file > 0)
        html_printf(&resp->body, "<p>%s</p>",
                    _("Its incentive claim that has not been filed yet is deleted with it."));
    if (t->logged > 0)
        html_printf(&resp->body, "<p>%s</p>",
                    _("It came from learning the employee logged themself and that was "
                      "confirmed: that entry becomes declined, so it no longer counts and no "
                      "badge can be issued for it. The employee can log it again if it was "
                      "right."));
    if (t->history > 0)
        html_printf(&resp->body, "<p>%s</p>",
                    _("What it came from (an enrolment, an onboarding module, a meeting, a "
                      "rotation or a refused claim) stays, without this record."));
}

/* Deletes record ID as the caller, in one transaction; the store's answer
 * (STORE_CONSTRAINT with T filled when something rests on it). */
static int delete_record(request *req, int64_t id, learning_ties *t)
{
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = learning_remove(req->db, req->user.login, id, t);
    return store_end(req->db, rc);
}

/* /learning/:id/delete: a GET or a POST without confirm=yes shows what
 * would be deleted and asks; a confirmed POST deletes. */
void page_record_delete(request *req, response *resp)
{
    int64_t id = atoll(req->arg), row;
    learning_record r;
    employee e;
    learning_ties t;
    int rc = id > 0 ? learning_get(req->db, req->a, id, &r, &row) : STORE_DONE;
    if (rc != STORE_ROW || !may_write_learning(req, row)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    if (employees_get(req->db, req->a, r.employee_id, &e) != STORE_ROW ||
        learning_ties_of(req->db, id, &t) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    str back = STR_INIT;
    str_puts(&back, "/employees/");
    url_encode(&back, e.employee_id);
    const char *confirm = request_form(req, "confirm");
    bool confirmed = strcmp(req->method, "POST") == 0 && confirm && strcmp(confirm, "yes") == 0;
    if (confirmed && !refusal_of(&t)) {
        rc = delete_record(req, id, &t);
        if (rc == STORE_OK) {
            str_puts(&back, "?deleted=1");
            response_redirect(req, resp, arena_strdup(req->a, str_cstr(&back)));
            str_free(&back);
            return;
        }
        if (rc != STORE_CONSTRAINT) {
            str_free(&back);
            respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
            return;
        }
    }
    page_begin(req, resp, _("Delete learning"));
    record_facts(req, resp, &r, &e);
    const char *refused = refusal_of(&t);
    char action[64];
    snprintf(action, sizeof action, "/learning/%lld/delete", (long long)id);
    if (refused) {
        if (confirmed)
            resp->status = 409;
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>"
                                 "<p><a href=\"/learning/%lld\">%s</a></p>",
                    refused, (long long)id, _("Back to the record"));
    } else {
        deletion_warning(resp, &r, &t);
        confirm_box(req, resp, _("Delete this learning record?"), action, NULL, NULL,
                    _("Yes, delete it"), str_cstr(&back), _("No, keep it"));
    }
    str_free(&back);
    page_end(req, resp);
}

/* ---- self-logged informal learning ---- */

/* The forms of informal learning an employee may log. */
static const vocab informal_forms = {
    (const char *const[]){"on_the_job", "coaching", "mentoring", "job_rotation",
                          "community_of_practice", "learning_network", "intervision",
                          "conference", "e_learning", "self_study", "other"},
    11};

/* The status of a claim, in words. */
static const char *status_label(const char *status)
{
    if (strcmp(status, "pending") == 0)
        return _("waiting for confirmation");
    if (strcmp(status, "confirmed") == 0)
        return _("confirmed");
    return _("declined");
}

static void claims_table(request *req, response *resp, const learning_claim *c, size_t n,
                         bool decide)
{
    html_raw(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr>");
    if (decide)
        html_printf(&resp->body, "<th scope=\"col\">%s</th>", _("Employee"));
    html_printf(&resp->body, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Date"), _("What"), _("Form"), _("Hours"),
                decide ? _("Decision") : _("Status"));
    for (size_t i = 0; i < n; i++) {
        html_raw(&resp->body, "<tr>");
        if (decide)
            html_printf(&resp->body, "<td>%s</td>", c[i].employee_name);
        html_printf(&resp->body, "<td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td>",
                    show_date(req, c[i].start_date), c[i].title,
                    show_code(&vocab_form, c[i].form), show_decimal(req, c[i].hours, 2, 2));
        if (decide) {
            html_printf(&resp->body, "<td>");
            form_open(req, resp, "action=\"/claims/%lld\"", (long long)c[i].id);
            html_printf(&resp->body, "<button name=\"decision\" value=\"confirm\">%s</button> "
                                     "<button name=\"decision\" value=\"decline\">%s</button>"
                                     "</form></td>",
                        _("Confirm"), _("Decline"));
        } else {
            html_printf(&resp->body, "<td>%s</td>", status_label(c[i].status));
        }
        html_raw(&resp->body, "</tr>");
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"6\">%s</td></tr>", _("Nothing yet."));
    html_raw(&resp->body, "</tbody></table></div>");
}

/* Adds the caller's claim C, in its own transaction. */
static int save_claim(request *req, const learning_claim *c)
{
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = claims_add(req->db, req->user.login, req->user.employee_row, c);
    return store_end(req->db, rc);
}

/* The mistakes of a refused /my/log form: each field's message, or NULL. */
enum { LOG_TITLE, LOG_FORM, LOG_DATE, LOG_HOURS, LOG_FIELDS };
static const char *const log_field_names[LOG_FIELDS] = {"title", "form", "start_date", "hours"};

/* Reads the form of /my/log into *C, checking every field: the number of
 * mistakes, each field's in WHY. */
static int read_log_form(request *req, learning_claim *c, const char *why[LOG_FIELDS])
{
    const char *title = request_form(req, "title"), *form = request_form(req, "form");
    const char *date = request_form(req, "start_date"), *hours = request_form(req, "hours");
    const char *wt = request_form(req, "working_time");
    date_status date_st = DATE_READ_SYNTAX;
    decimal_status hours_st = DECIMAL_SYNTAX;
    c->title = title;
    c->form = form ? code_read(&informal_forms, form, strlen(form)) : -1;
    if (c->form >= 0)
        c->form = code_read(&vocab_form, vocab_name(&informal_forms, c->form),
                            strlen(vocab_name(&informal_forms, c->form)));
    int yes = wt ? code_read(&vocab_yesno, wt, strlen(wt)) : -1;
    c->working_time = yes < 0 ? -1 : yes == 0;
    c->note = request_form(req, "note");
    for (int f = 0; f < LOG_FIELDS; f++)
        why[f] = NULL;
    if (!title || !*title)
        why[LOG_TITLE] = _("Say what you learned.");
    if (c->form < 0)
        why[LOG_FORM] = _("Choose the form of learning.");
    if (!date || (date_st = date_read(date, strlen(date), &c->start_date)) != DATE_READ_OK)
        why[LOG_DATE] = date_st == DATE_READ_SHORT_YEAR
                            ? _("Give the year with four digits, as in 5/03/2026.")
                        : date_st == DATE_READ_NO_SUCH_DAY
                            ? _("That day does not exist: check the day and the month.")
                            : _("Give the date as DD/MM/YYYY or YYYY-MM-DD.");
    else if (c->start_date > date_today()) /* what is logged has been learned */
        why[LOG_DATE] = _("That date is still to come: log learning once it has happened.");
    if (!hours || (hours_st = decimal_parse(hours, strlen(hours), 2, &c->hours)) != DECIMAL_OK)
        why[LOG_HOURS] = hours_st == DECIMAL_TOO_PRECISE
                             ? _("Give the hours with at most two decimals, such as 1,25.")
                             : _("Give the hours as a number such as 2 or 1,5.");
    else if (c->hours <= 0 || c->hours > 100000)
        why[LOG_HOURS] = c->hours <= 0 ? _("Give more than 0 hours.")
                                       : _("Give at most 1,000 hours.");
    int mistakes = 0;
    for (int f = 0; f < LOG_FIELDS; f++)
        mistakes += why[f] != NULL;
    return mistakes;
}

/* The attributes of select F after a refusal, as field_described writes
 * them for an input (select_of takes them as text). */
static const char *log_invalid(request *req, const char *why[LOG_FIELDS], int f)
{
    if (!why[f])
        return "";
    return text_of(req, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", log_field_names[f]);
}

/* Field F's message under its label, and its attributes after a refusal. */
static void log_mistake(response *resp, const char *why[LOG_FIELDS], int f)
{
    field_problem(resp, log_field_names[f], why[f]);
}

static void log_described(response *resp, const char *why[LOG_FIELDS], int f)
{
    field_described(resp, log_field_names[f], false, why[f]);
}

void page_log_learning(request *req, response *resp)
{
    if (req->user.employee_row <= 0) {
        respond_error(req, resp, 403, _("Your account is not linked to an employee."));
        return;
    }
    const char *why[LOG_FIELDS] = {NULL, NULL, NULL, NULL};
    int mistakes = 0;
    if (strcmp(req->method, "POST") == 0) {
        learning_claim c = {0};
        mistakes = read_log_form(req, &c, why);
        if (!mistakes && save_claim(req, &c) != STORE_OK) {
            respond_error(req, resp, 500, NULL);
            return;
        }
        if (!mistakes) {
            response_redirect(req, resp, "/my/log?done=sent");
            return;
        }
    }
    page_begin(req, resp, _("Log what I learned"));
    if (mistakes) {
        /* every mistake at once, each a link to its field */
        resp->status = 422;
        html_printf(&resp->body, "<div class=\"error\" role=\"alert\"><p>%s</p><ul>",
                    _("Nothing was sent: the fields marked below need correcting."));
        for (int f = 0; f < LOG_FIELDS; f++)
            if (why[f])
                html_printf(&resp->body, "<li><a href=\"#%s\">%s</a></li>", log_field_names[f],
                            why[f]);
        html_raw(&resp->body, "</ul></div>");
    } else if (request_query(req, "done")) {
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("Sent: your manager is asked to confirm it. It is in the list below."));
    }
    html_printf(&resp->body, "<p>%s</p>",
                _("Learning on the job counts too: coaching, a conference, self-study. Your "
                  "manager confirms it before it joins your learning record."));
    form_open(req, resp, "action=\"/my/log\" class=\"narrow\"");
    html_printf(&resp->body, "<label for=\"title\">%s</label>", _("What did you learn?"));
    log_mistake(resp, why, LOG_TITLE);
    html_printf(&resp->body, "<input id=\"title\" name=\"title\" required value=\"%s\"",
                field(req, "title", NULL));
    log_described(resp, why, LOG_TITLE);
    html_raw(&resp->body, ">");
    select_of(req, resp, "form", _("How"), &informal_forms, field(req, "form", NULL), false,
              log_invalid(req, why, LOG_FORM));
    log_mistake(resp, why, LOG_FORM);
    html_printf(&resp->body, "<label for=\"start_date\">%s</label>", _("When"));
    log_mistake(resp, why, LOG_DATE);
    /* a refused date comes back as typed: a date field would drop 31/02 */
    html_printf(&resp->body, "<input id=\"start_date\" name=\"start_date\" type=\"%s\" required "
                             "value=\"%s\"",
                form_date_type(field(req, "start_date", NULL)), field(req, "start_date", NULL));
    log_described(resp, why, LOG_DATE);
    html_printf(&resp->body, "><label for=\"hours\">%s</label>", _("Hours"));
    log_mistake(resp, why, LOG_HOURS);
    html_printf(&resp->body, "<input id=\"hours\" name=\"hours\" inputmode=\"decimal\" required "
                             "value=\"%s\"",
                field(req, "hours", NULL));
    log_described(resp, why, LOG_HOURS);
    html_raw(&resp->body, ">");
    select_of(req, resp, "working_time", _("During working time"), &vocab_yesno,
              field(req, "working_time", NULL), true, NULL);
    html_printf(&resp->body, "<label for=\"note\">%s</label><textarea id=\"note\" name=\"note\" "
                             "rows=\"3\">%s</textarea><button type=\"submit\">%s</button></form>",
                _("Note for your manager (optional)"), field(req, "note", NULL), _("Send"));
    learning_claim *claims;
    size_t n;
    if (claims_list(req->db, req->a, req->user.employee_row, 0, false, &claims, &n) == STORE_OK) {
        html_printf(&resp->body, "<h2>%s</h2>", _("What I logged"));
        claims_table(req, resp, claims, n, false);
    }
    page_end(req, resp);
}

void page_team_claims(request *req, response *resp)
{
    int64_t team = req->user.role == ROLE_ADMIN ? 0
                 : req->user.employee_row > 0 ? req->user.employee_row : -1;
    learning_claim *claims;
    size_t n;
    if (claims_list(req->db, req->a, 0, team, true, &claims, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Learning to confirm"));
    /* what the last decision did, said on the list it led back to */
    const char *done = request_query(req, "done");
    if (done && (strcmp(done, "confirm") == 0 || strcmp(done, "decline") == 0))
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    strcmp(done, "confirm") == 0
                        ? _("Confirmed: it is in the learning record and counts for the "
                            "training right.")
                        : _("Declined: it does not count for the training right."));
    claims_table(req, resp, claims, n, true);
    page_end(req, resp);
}

void page_claim_decide(request *req, response *resp)
{
    int64_t id = atoll(req->arg);
    const char *decision = request_form(req, "decision");
    int64_t row = id > 0 ? claims_employee(req->db, id) : 0;
    if (row <= 0 || !decision || (strcmp(decision, "confirm") && strcmp(decision, "decline"))) {
        respond_error(req, resp, row < 0 ? 500 : row == 0 ? 404 : 400, NULL);
        return;
    }
    if (!may_write_learning(req, row) || row == req->user.employee_row) {
        respond_error(req, resp, 403, NULL); /* nobody confirms their own learning */
        return;
    }
    /* declining is final and sits beside "confirm": asked first */
    const char *confirm = request_form(req, "confirm");
    if (strcmp(decision, "decline") == 0 && !(confirm && strcmp(confirm, "yes") == 0)) {
        char action[48];
        snprintf(action, sizeof action, "/claims/%lld", (long long)id);
        page_begin(req, resp, _("Decline this learning"));
        confirm_box(req, resp,
                    _("Decline this learning? It will not count for the training right, and the "
                      "decision cannot be changed afterwards."),
                    action, "decision", "decline", _("Yes, decline it"), "/team/claims",
                    _("No, back to the list"));
        page_end(req, resp);
        return;
    }
    int64_t employee_row;
    if (store_begin(req->db) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    int rc = claims_decide(req->db, req->user.login, id, strcmp(decision, "confirm") == 0,
                           &employee_row);
    if ((rc = store_end(req->db, rc)) != STORE_OK) {
        respond_error(req, resp, rc == STORE_DONE ? 409 : 500,
                      rc == STORE_DONE ? _("This was decided already.") : NULL);
        return;
    }
    response_redirect(req, resp, strcmp(decision, "confirm") == 0 ? "/team/claims?done=confirm"
                                                                 : "/team/claims?done=decline");
}

/* ---- downloads ---- */

/* An export goes to an unlinked temporary file, not to memory: all learning
 * records of a large employer are hundreds of megabytes. */
void page_export(request *req, response *resp)
{
    int kind = export_kind_find(req->arg);
    int format = export_format_find(request_query(req, "format"));
    const char *y = request_query(req, "year");
    if (kind < 0 || format < 0) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    str err = STR_INIT;
    FILE *data = download_open();
    bool written = data && export_data(req->db, kind, (enum export_format)format,
                                       y ? atoi(y) : 0, download_write, data, &err) == STORE_OK;
    download_send(req, resp, data, written, format, req->arg);
    str_free(&err);
}
