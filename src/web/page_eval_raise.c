/* page_eval_raise.c - what an evaluation leads to (issue 13): in one click,
 * an open need in the needs register, or a remark for next year's plan.
 *   POST /evaluation/need     HR or the manager: from a person's follow-up
 *                             judged "not applied" or a failed test
 *                             (record=ID&from=followup|test); HR also from
 *                             an activity's low results of a year
 *                             (activity=CODE&year=Y)
 *   POST /evaluation/remark   HR: a remark for next year on the initiative
 *                             of that activity in the year's plan
 * Each checks that the evaluation does raise it (core: eval_record_concern,
 * eval_activity_concern), writes in one transaction with its audit line,
 * and adds nothing on a second click; the page it came from says which. */
#include "web/pages.h"
#include "store/competences.h"
#include "store/data.h"
#include "store/evaluation.h"
#include "store/plans.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where each button sends its answer back to. */
static const char *const record_pages[] = {"followup", "test"};

void eval_raised_notice(request *req, response *resp)
{
    const char *raised = request_query(req, "raised");
    if (!raised)
        return;
    const char *text = strcmp(raised, "need") == 0     ? _("An open need was added to the "
                                                           "needs register.")
                       : strcmp(raised, "remark") == 0 ? _("The remark was added to the plan; "
                                                           "next year's plan shows it.")
                       : strcmp(raised, "none") == 0   ? _("It was there already: nothing was "
                                                           "added.")
                                                       : NULL;
    if (text)
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>", text);
}

void eval_raise_record_button(request *req, response *resp, int64_t record_id, bool from_test)
{
    form_open(req, resp, "action=\"/evaluation/need\" class=\"inline\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"record\" value=\"%lld\">"
                             "<input type=\"hidden\" name=\"from\" value=\"%s\">"
                             "<button>%s</button></form>",
                (long long)record_id, record_pages[from_test ? 1 : 0],
                _("Add an open training need"));
}

/* What the concern of an activity's results says, for people. */
static const char *concern_text(request *req, const eval_activity_summary *s, int concern)
{
    str t = STR_INIT;
    if (concern == CONCERN_LOW_REACTION)
        str_printf(&t, _("mean reaction %s / 5"),
                   show_decimal(req, (s->score_sum * 100 + s->answers / 2) / s->answers, 2, 1));
    else
        str_printf(&t, _("%s of %s passed the test"), show_count(req, s->passed),
                   show_count(req, s->tested));
    const char *copy = str_ok(&t) ? arena_strdup(req->a, str_cstr(&t)) : "";
    str_free(&t);
    return copy ? copy : "";
}

/* The initiative of the plan of YEAR whose activity is CODE, 0 when none. */
static int64_t initiative_of(request *req, int year, const char *code)
{
    plan p;
    plan_initiative *items;
    size_t n;
    if (plans_get(req->db, req->a, year, &p) != STORE_ROW ||
        plans_initiatives(req->db, req->a, p.id, &items, &n) != STORE_OK)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (items[i].activity_code && strcmp(items[i].activity_code, code) == 0)
            return items[i].id;
    return 0;
}

void eval_raise_activity_section(request *req, response *resp, int year,
                                 const eval_activity_summary *sums, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const eval_activity_summary *s = &sums[i];
        int concern = eval_activity_concern(s->answers, s->score_sum, s->tested, s->passed);
        if (concern == CONCERN_NONE)
            continue;
        if (!any)
            html_printf(&resp->body, "<h3>%s</h3><p>%s</p><ul class=\"plain\">",
                        _("What the results lead to"),
                        _("A low reaction (below 3 out of 5) or a test that fewer than half "
                          "pass: signal an open need, or leave a remark for next year's plan."));
        any = true;
        html_printf(&resp->body, "<li>%s (%s): %s ", s->title, s->code,
                    concern_text(req, s, concern));
        form_open(req, resp, "action=\"/evaluation/need\" class=\"inline\"");
        html_printf(&resp->body, "<input type=\"hidden\" name=\"activity\" value=\"%s\">"
                                 "<input type=\"hidden\" name=\"year\" value=\"%d\">"
                                 "<button>%s</button></form>",
                    s->code, year, _("Add an open training need"));
        if (initiative_of(req, year, s->code) > 0) {
            form_open(req, resp, "action=\"/evaluation/remark\" class=\"inline\"");
            html_printf(&resp->body, "<input type=\"hidden\" name=\"activity\" value=\"%s\">"
                                     "<input type=\"hidden\" name=\"year\" value=\"%d\">"
                                     "<button>%s</button></form>",
                        s->code, year, _("Remark for next year's plan"));
        }
        html_raw(&resp->body, "</li>");
    }
    if (any)
        html_raw(&resp->body, "</ul>");
}

/* Sends the caller back to PATH with what the click did. */
static void back_to(request *req, response *resp, const char *path, bool added,
                    const char *what)
{
    str back = STR_INIT;
    str_printf(&back, "%s%sraised=%s", path, strchr(path, '?') ? "&" : "?",
               added ? what : "none");
    const char *copy = str_ok(&back) ? arena_strdup(req->a, str_cstr(&back)) : NULL;
    str_free(&back);
    if (copy)
        response_redirect(req, resp, copy);
    else
        respond_error(req, resp, 500, NULL);
}

/* Adds NEED in one transaction (eval_need_raise); the outcome in *added. */
static int raise_need(request *req, const training_need *need, bool *added)
{
    int rc = store_begin(req->db);
    if (rc != STORE_OK)
        return rc;
    rc = eval_need_raise(req->db, req->user.login, req->user.role, need, added);
    return store_end(req->db, rc);
}

/* The activity CODE's results of YEAR (the form's); false with an error
 * sent when the form names none or they raise nothing. */
static bool activity_concern(request *req, response *resp, const char **code, int *year,
                             eval_activity_summary *out, int *concern)
{
    *code = request_form(req, "activity");
    const char *y = request_form(req, "year");
    long long year_ll = 0;
    if (!*code || !**code || !y || !number_parse(y, 1900, 9999, &year_ll)) {
        respond_error(req, resp, 422, _("Say which activity and which year."));
        return false;
    }
    *year = (int)year_ll;
    eval_activity_summary *sums;
    size_t n;
    if (eval_summary(req->db, req->a, *year, &sums, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(sums[i].code, *code) == 0) {
            *out = sums[i];
            *concern = eval_activity_concern(out->answers, out->score_sum, out->tested,
                                             out->passed);
            if (*concern != CONCERN_NONE)
                return true;
        }
    respond_error(req, resp, 422, _("These results raise nothing: the reaction is 3 out of 5 "
                                    "or more and at least half pass the test."));
    return false;
}

/* An open need for the person of a record whose follow-up was judged "not
 * applied" or whose test failed. */
static void need_from_record(request *req, response *resp, const char *id_text)
{
    const char *from = request_form(req, "from");
    long long id = 0;
    int page = -1;
    for (int k = 0; from && k < 2; k++)
        if (strcmp(from, record_pages[k]) == 0)
            page = k;
    if (!number_parse(id_text, 1, INT64_MAX, &id) || page < 0) {
        respond_error(req, resp, 422, _("Say which learning record."));
        return;
    }
    learning_record r;
    int64_t row;
    int applied;
    int rc = learning_get(req->db, req->a, id, &r, &row);
    bool allowed = rc == STORE_ROW &&
                   (req->user.role == ROLE_ADMIN ||
                    (req->user.employee_row > 0 &&
                     employees_in_team(req->db, req->user.employee_row, row)));
    if (!allowed) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    if (followups_applied_of(req->db, id, &applied) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    int concern = eval_record_concern(applied, r.result);
    if (concern == CONCERN_NONE || (page == 0) != (concern == CONCERN_NOT_APPLIED)) {
        respond_error(req, resp, 422, page == 0 ? _("This follow-up was not judged \"not "
                                                    "applied\": it raises no need.")
                                                : _("The last test attempt of this record "
                                                    "passed: it raises no need."));
        return;
    }
    str title = STR_INIT;
    str_printf(&title, "%s (%s)", r.activity_title ? r.activity_title : r.title ? r.title : "",
               r.activity_code ? r.activity_code : "-");
    training_need need = {0};
    need.title = str_ok(&title) ? arena_strdup(req->a, str_cstr(&title)) : NULL;
    str_free(&title);
    need.scope = SCOPE_PERSON;
    need.employee_id = r.employee_id;
    need.source = NEED_FROM_EVALUATION;
    need.priority = PRIORITY_MEDIUM;
    need.status = NEED_OPEN;
    bool added = false;
    if (!need.title || raise_need(req, &need, &added) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    char path[64];
    if (page == 0)
        snprintf(path, sizeof path, "/team/followups");
    else
        snprintf(path, sizeof path, "/learning/%lld/tests", id);
    back_to(req, resp, path, added, "need");
}

void page_evaluation_need(request *req, response *resp)
{
    const char *record = request_form(req, "record");
    if (record) {
        need_from_record(req, resp, record);
        return;
    }
    /* An activity's results: HR's page, HR's need for everyone. */
    if (req->user.role != ROLE_ADMIN) {
        respond_error(req, resp, 403, NULL);
        return;
    }
    const char *code;
    int year, concern;
    eval_activity_summary s;
    if (!activity_concern(req, resp, &code, &year, &s, &concern))
        return;
    str title = STR_INIT;
    str_printf(&title, "%s (%s)", s.title, s.code);
    training_need need = {0};
    need.title = str_ok(&title) ? arena_strdup(req->a, str_cstr(&title)) : NULL;
    str_free(&title);
    need.scope = SCOPE_EVERYONE;
    need.source = NEED_FROM_EVALUATION;
    need.priority = PRIORITY_MEDIUM;
    need.status = NEED_OPEN;
    bool added = false;
    if (!need.title || raise_need(req, &need, &added) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    char path[48];
    snprintf(path, sizeof path, "/evaluation?year=%d", year);
    back_to(req, resp, path, added, "need");
}

void page_evaluation_remark(request *req, response *resp)
{
    const char *code;
    int year, concern;
    eval_activity_summary s;
    if (!activity_concern(req, resp, &code, &year, &s, &concern))
        return;
    int64_t initiative = initiative_of(req, year, code);
    if (initiative <= 0) {
        respond_error(req, resp, 422, _("The plan of that year has no initiative for this "
                                        "activity: signal an open need instead."));
        return;
    }
    str text = STR_INIT, origin = STR_INIT;
    str_printf(&text, _("Evaluation %d: %s. Review the content, the trainer or the set-up "
                        "before planning it again."),
               year, concern_text(req, &s, concern));
    str_printf(&origin, "evaluation:%s:%d", code, year);
    bool added = false;
    int rc = STORE_ERROR;
    if (str_ok(&text) && str_ok(&origin) && (rc = store_begin(req->db)) == STORE_OK) {
        rc = eval_remark_raise(req->db, req->user.login, initiative, str_cstr(&text),
                               str_cstr(&origin), &added);
        rc = store_end(req->db, rc);
    }
    str_free(&text);
    str_free(&origin);
    if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    char path[48];
    snprintf(path, sizeof path, "/evaluation?year=%d", year);
    back_to(req, resp, path, added, "remark");
}
