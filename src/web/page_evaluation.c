/* page_evaluation.c - the four levels of evaluation (issue 13):
 *   /evaluation           HR: the questionnaire, follow-up weeks per
 *                         activity, and this year's results per activity
 *   /my/evaluations       a participant answers the questionnaire
 *   /learning/:id/tests   test attempts on a learning record (staff)
 *   /team/followups       a manager's open follow-ups, some weeks after
 *   the plan's evaluation page: the four levels per initiative, its
 *   indicators and remarks for next year (plan_evaluation_levels). */
#include "web/pages.h"
#include "app/plan_view.h"
#include "core/policy.h"
#include "store/evaluation.h"
#include "store/data.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True when the caller may write for the employee at ROW: HR, or their
 * manager (direct or not). */
static bool may_act_for(request *req, int64_t row)
{
    return req->user.role == ROLE_ADMIN ||
           (req->user.role == ROLE_MANAGER && req->user.employee_row > 0 &&
            employees_in_team(req->db, req->user.employee_row, row));
}

/* An error line above a form. */
static void form_error(response *resp, const char *message)
{
    html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", message);
}

/* A decimal field with two places, -1 when empty; false when unreadable. */
static bool form_hundredths(request *req, const char *name, int64_t *out)
{
    const char *v = request_form(req, name);
    *out = -1;
    if (!v || !*v)
        return true;
    return decimal_parse(v, strlen(v), 2, out) == DECIMAL_OK;
}

/* ---- /evaluation: HR's settings and results ---- */

static const char *const level_labels[EVAL_LEVELS] = {N_("Reaction by"), N_("Learning by"),
                                                      N_("Behaviour by"), N_("Results by")};
static const char *const evaluator_labels[EVALUATORS] = {N_("HR"), N_("the manager"),
                                                         N_("the trainer"),
                                                         N_("the participant"), N_("nobody")};

/* The id of the form of question ID on /evaluation (0: the new one). */
static const char *question_anchor(request *req, long long id)
{
    char buf[32];
    if (id > 0)
        snprintf(buf, sizeof buf, "question-%lld", id);
    else
        snprintf(buf, sizeof buf, "question-new");
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "";
}

/* The questionnaire's questions, each in a form, and the form of a new one;
 * REFUSED: the id of the form that was refused (NULL: none), shown again as
 * typed. */
static void questions_section(request *req, response *resp, const char *refused)
{
    eval_question *qs;
    size_t n;
    if (eval_questions_list(req->db, req->a, false, &qs, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    html_printf(&resp->body, "<h2>%s</h2><p>%s</p><p>%s</p>", _("Questionnaire after a training"),
                _("Participants answer each question on a scale of 1 (not at all) to 5 "
                  "(completely) and may add a comment."),
                _("A question about the trainer is asked only where there was one: not for "
                  "learning an employee logged themself, nor for a record that came from no "
                  "session with a trainer. Means count only the answers given."));
    for (size_t i = 0; i < n; i++) {
        const char *anchor = question_anchor(req, qs[i].id);
        bool again = refused && strcmp(refused, anchor) == 0;
        char position[16];
        snprintf(position, sizeof position, "%d", qs[i].position);
        form_open(req, resp, "action=\"/evaluation\" class=\"question\" id=\"%s\"", anchor);
        html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"question\">"
                                 "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
                                 "<label for=\"q%lld\">%s %d</label><input id=\"q%lld\" "
                                 "name=\"text\" required value=\"%s\"><label for=\"p%lld\">%s"
                                 "</label><input id=\"p%lld\" name=\"position\" type=\"number\" "
                                 "min=\"1\" max=\"99\" value=\"%s\"><label><input "
                                 "type=\"checkbox\" name=\"active\" value=\"yes\"%s> %s</label>"
                                 "<label><input type=\"checkbox\" name=\"trainer\" "
                                 "value=\"yes\"%s> %s</label><button>%s</button></form>",
                    (long long)qs[i].id, (long long)qs[i].id, _("Question"), (int)i + 1,
                    (long long)qs[i].id, again ? form_again(req, true, "text") : qs[i].text,
                    (long long)qs[i].id, _("Order"), (long long)qs[i].id,
                    again ? form_again(req, true, "position") : position,
                    again ? form_checked(req, true, "active", "yes")
                    : qs[i].active ? " checked"
                                   : "",
                    _("asked"),
                    again ? form_checked(req, true, "trainer", "yes")
                    : qs[i].about_trainer ? " checked"
                                          : "",
                    _("about the trainer"), _("Save"));
    }
    bool again = refused && strcmp(refused, "question-new") == 0;
    char position[16];
    snprintf(position, sizeof position, "%d", (int)n + 1);
    form_open(req, resp, "action=\"/evaluation\" class=\"narrow\" id=\"question-new\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"question\">"
                             "<input type=\"hidden\" name=\"active\" value=\"yes\">"
                             "<input type=\"hidden\" name=\"position\" value=\"%s\">"
                             "<label for=\"new-q\">%s</label><input id=\"new-q\" name=\"text\" "
                             "required value=\"%s\"><label><input type=\"checkbox\" "
                             "name=\"trainer\" value=\"yes\"%s> %s</label>"
                             "<button>%s</button></form>",
                again ? form_again(req, true, "position") : position, _("New question"),
                form_again(req, again, "text"), form_checked(req, again, "trainer", "yes"),
                _("about the trainer"), _("Add"));
}

/* Who evaluates what per formal activity, in one form; AGAIN: it was
 * refused, and shows what was chosen. */
static void weeks_section(request *req, response *resp, bool again)
{
    activity *acts;
    size_t n;
    if (activities_list(req->db, req->a, &acts, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    html_printf(&resp->body, "<h2>%s</h2><p>%s</p>", _("Who evaluates what, per activity"),
                _("Some weeks after a formal training the manager checks with the participant "
                  "whether and how it is applied at work. Per activity you agree who evaluates "
                  "each level."));
    form_open(req, resp, "action=\"/evaluation\" id=\"weeks\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"weeks\">"
                             "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Weeks until the follow-up"), _("Activity"), _("Weeks (empty: 8)"),
                _(level_labels[0]), _(level_labels[1]), _(level_labels[2]), _(level_labels[3]));
    for (size_t i = 0; i < n; i++) {
        if (acts[i].type != TYPE_FORMAL)
            continue;
        char weeks[16] = "", name[160];
        if (acts[i].followup_weeks > 0)
            snprintf(weeks, sizeof weeks, "%d", acts[i].followup_weeks);
        snprintf(name, sizeof name, "w-%s", acts[i].code);
        html_printf(&resp->body, "<tr><td><label for=\"w-%s\">%s (%s)</label></td><td><input "
                                 "id=\"w-%s\" name=\"w-%s\" type=\"number\" min=\"1\" "
                                 "max=\"52\" value=\"%s\"></td>",
                    acts[i].code, acts[i].title, acts[i].code, acts[i].code, acts[i].code,
                    again ? form_again(req, true, name) : weeks);
        int who[EVAL_LEVELS];
        eval_evaluators_read(acts[i].evaluators, who);
        for (int k = 0; k < EVAL_LEVELS; k++) {
            snprintf(name, sizeof name, "e%d-%s", k, acts[i].code);
            const char *chosen = again ? request_form(req, name) : NULL;
            html_printf(&resp->body, "<td><select name=\"%s\" aria-label=\"%s: %s\">", name,
                        acts[i].code, _(level_labels[k]));
            for (int e = 0; e < EVALUATORS; e++)
                html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>",
                            evaluator_names[e],
                            (chosen ? strcmp(chosen, evaluator_names[e]) == 0 : who[k] == e)
                                ? " selected"
                                : "",
                            _(evaluator_labels[e]));
            html_raw(&resp->body, "</select></td>");
        }
        html_raw(&resp->body, "</tr>");
    }
    html_printf(&resp->body, "</tbody></table></div><button>%s</button></form>", _("Save"));
}

/* The mean of a reaction, in hundredths (rounded half up: all positive). */
static int64_t mean_hundredths(int64_t sum, int64_t count)
{
    return count ? (sum * 100 + count / 2) / count : 0;
}

/* The reaction of RESPONDENTS (ANSWERS scores summing to SCORE_SUM) as a
 * table cell; fewer respondents than MIN_GROUP hidden unless HR. */
static void reaction_cell(request *req, response *resp, int64_t respondents, int64_t answers,
                          int64_t score_sum, int min_group, bool hr)
{
    if (respondents == 0)
        html_raw(&resp->body, "<td>—</td>");
    else if (!eval_reaction_shown(respondents, min_group, hr))
        html_printf(&resp->body, "<td>%s</td>", _("too few to show"));
    else
        html_printf(&resp->body, "<td>%s / 5 (%s %s)</td>",
                    show_decimal(req, mean_hundredths(score_sum, answers), 2, 1),
                    show_count(req, respondents),
                    P_("answer", "answers", (unsigned long)respondents));
}

/* One activity's four levels as table cells; small groups hidden unless HR. */
static void summary_cells(request *req, response *resp, const eval_activity_summary *s,
                          int min_group, bool hr)
{
    const char *few = _("too few to show");
    if (!s)
        html_raw(&resp->body, "<td>—</td>");
    else
        reaction_cell(req, resp, s->respondents, s->answers, s->score_sum, min_group, hr);
    if (!s || s->tested == 0)
        html_raw(&resp->body, "<td>—</td>");
    else if (!eval_reaction_shown(s->tested, min_group, hr))
        html_printf(&resp->body, "<td>%s</td>", few);
    else if (!eval_count_shown(s->passed, s->tested, min_group, hr))
        html_printf(&resp->body, "<td>— %s %s</td>", _("of"), show_count(req, s->tested));
    else
        html_printf(&resp->body, "<td>%s %s %s (%s)</td>", show_count(req, s->passed), _("of"),
                    show_count(req, s->tested), show_percent(req, s->passed, s->tested));
    if (!s || s->followed == 0)
        html_raw(&resp->body, "<td>—</td>");
    else if (!eval_reaction_shown(s->followed, min_group, hr))
        html_printf(&resp->body, "<td>%s</td>", few);
    else {
        const char *applied[APPLIED_COUNT];
        for (int k = 0; k < APPLIED_COUNT; k++)
            applied[k] = eval_count_shown(s->applied[k], s->followed, min_group, hr)
                             ? show_count(req, s->applied[k])
                             : "—";
        html_printf(&resp->body, "<td>%s: %s · %s: %s · %s: %s</td>", _("applied"),
                    applied[APPLIED_YES], _("partly"), applied[APPLIED_PARTLY],
                    _("not applied"), applied[APPLIED_NO]);
    }
}

/* Level 1 of YEAR's sessions per session and, for HR, per trainer: two
 * tables (issue 13). Fewer respondents than MIN_GROUP are hidden unless HR;
 * representatives see no trainer (a trainer may be a colleague: a person). */
static void reaction_groups(request *req, response *resp, int year, int min_group, bool hr)
{
    for (int by = EVAL_BY_SESSION; by <= EVAL_BY_TRAINER; by++) {
        if (by == EVAL_BY_TRAINER && !hr)
            break;
        eval_reaction_group *g;
        size_t n;
        if (eval_reaction_by(req->db, req->a, year, by, &g, &n) != STORE_OK) {
            html_printf(&resp->body, "<p class=\"error\">%s</p>",
                        _("Something went wrong on our side"));
            return;
        }
        bool session = by == EVAL_BY_SESSION;
        html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s %d</caption>"
                                 "<thead><tr><th scope=\"col\">%s</th>",
                    session ? _("Reaction per session,") : _("Reaction per trainer,"), year,
                    session ? _("Session") : _("Trainer"));
        if (session)
            html_printf(&resp->body, "<th scope=\"col\">%s</th>", _("First day"));
        html_printf(&resp->body, "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Reaction"));
        for (size_t i = 0; i < n; i++) {
            if (session)
                html_printf(&resp->body, "<tr><td>%s (%s)</td><td>%s</td>", g[i].label,
                            g[i].code, show_date(req, g[i].first_day));
            else
                html_printf(&resp->body, "<tr><td>%s</td>", g[i].label);
            reaction_cell(req, resp, g[i].respondents, g[i].answers, g[i].score_sum, min_group,
                          hr);
            html_raw(&resp->body, "</tr>");
        }
        if (n == 0)
            html_printf(&resp->body, "<tr><td colspan=\"%d\">%s</td></tr>", session ? 3 : 2,
                        _("Nothing to show."));
        html_raw(&resp->body, "</tbody></table></div>");
    }
}

static void results_section(request *req, response *resp, int year)
{
    eval_activity_summary *list;
    size_t n;
    if (eval_summary(req->db, req->a, year, &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    html_printf(&resp->body, "<h2>%s</h2>", _("Results per activity"));
    year_form(req, resp, "/evaluation", year);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s %d</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Evaluation of the trainings of"), year, _("Activity"), _("Reaction"),
                _("Passed the test"), _("Applied at work"));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<tr><td>%s (%s)</td>", list[i].title, list[i].code);
        summary_cells(req, resp, &list[i], POLICY_MIN_GROUP, true);
        html_raw(&resp->body, "</tr>");
    }
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"4\">%s</td></tr>", _("Nothing to show."));
    html_raw(&resp->body, "</tbody></table></div>");
    eval_raise_activity_section(req, resp, year, list, n);
    reaction_groups(req, resp, year, POLICY_MIN_GROUP, true);
    for (size_t i = 0; i < n; i++) {
        const char **comments;
        size_t nc;
        if (eval_comments(req->db, req->a, year, list[i].activity_id, &comments, &nc) !=
                STORE_OK || nc == 0)
            continue;
        html_printf(&resp->body, "<h3>%s: %s</h3><ul>", _("Comments"), list[i].title);
        for (size_t k = 0; k < nc; k++)
            html_printf(&resp->body, "<li>%s</li>", comments[k]);
        html_raw(&resp->body, "</ul>");
    }
}

/* Saves what the /evaluation forms sent; an error message or NULL. */
static const char *evaluation_save(request *req, int *status)
{
    const char *action = request_form(req, "action");
    int rc = store_begin(req->db);
    const char *message = NULL;
    if (rc == STORE_OK && action && strcmp(action, "question") == 0) {
        const char *text = request_form(req, "text"), *pos = request_form(req, "position");
        const char *id = request_form(req, "id");
        long long position = 1, row = 0;
        if (!text || !*text) {
            message = _("A question needs its text.");
        } else if (pos && *pos && !number_parse(pos, 1, 99, &position)) {
            message = _("The order is a number from 1 to 99.");
        } else {
            if (id && !number_parse(id, 1, INT64_MAX, &row))
                row = -1;
            rc = row < 0 ? STORE_DONE
                         : eval_question_save(req->db, req->user.login, row, text, (int)position,
                                              request_form(req, "active") != NULL,
                                              request_form(req, "trainer") != NULL, NULL);
            if (rc == STORE_DONE)
                message = _("That question does not exist.");
        }
    } else if (rc == STORE_OK && action && strcmp(action, "weeks") == 0) {
        activity *acts;
        size_t n;
        rc = activities_list(req->db, req->a, &acts, &n);
        for (size_t i = 0; rc == STORE_OK && !message && i < n; i++) {
            char name[160];
            snprintf(name, sizeof name, "w-%s", acts[i].code);
            const char *v = request_form(req, name);
            long long weeks = 0;
            if (!v)
                continue;
            if (*v && !number_parse(v, 1, 52, &weeks)) {
                message = _("Weeks until the follow-up: a number from 1 to 52, or empty.");
                break;
            }
            int who[EVAL_LEVELS];
            eval_evaluators_read(acts[i].evaluators, who);
            for (int k = 0; k < EVAL_LEVELS; k++) {
                snprintf(name, sizeof name, "e%d-%s", k, acts[i].code);
                const char *e = request_form(req, name);
                for (int x = 0; e && x < EVALUATORS; x++)
                    if (strcmp(e, evaluator_names[x]) == 0)
                        who[k] = x;
            }
            char text[64], current[64];
            eval_evaluators_text(who, text);
            int was[EVAL_LEVELS];
            eval_evaluators_read(acts[i].evaluators, was);
            eval_evaluators_text(was, current);
            if (weeks != acts[i].followup_weeks || strcmp(text, current) != 0)
                rc = activities_set_evaluation(req->db, req->user.login, acts[i].id, (int)weeks,
                                               text);
        }
    } else if (rc == STORE_OK) {
        message = _("Something went wrong on our side");
    }
    if (message && rc == STORE_OK)
        rc = STORE_DONE; /* nothing of a refused form is kept */
    rc = store_end(req->db, rc);
    *status = message ? 422 : rc == STORE_OK ? 303 : 500;
    return message;
}

void page_evaluation(request *req, response *resp)
{
    int status = 200;
    const char *message = NULL;
    if (strcmp(req->method, "POST") == 0) {
        message = evaluation_save(req, &status);
        if (status == 303) {
            response_redirect(req, resp, "/evaluation");
            return;
        }
        if (status == 500) {
            respond_error(req, resp, 500, NULL);
            return;
        }
    }
    page_begin(req, resp, _("Evaluation of training"));
    resp->status = status;
    /* the form that was refused: a question's (by its id), or the weeks' */
    const char *action = request_form(req, "action"), *id = request_form(req, "id");
    long long qid = 0;
    const char *refused = !message ? NULL
                        : action && strcmp(action, "weeks") == 0 ? "weeks"
                        : question_anchor(req, id && number_parse(id, 1, INT64_MAX, &qid) ? qid
                                                                                         : 0);
    if (message)
        form_refused(resp, message, refused);
    eval_raised_notice(req, resp);
    html_printf(&resp->body, "<p>%s</p>",
                _("Four levels: did participants like it (reaction), did they learn (test "
                  "results), do they work differently (the manager's follow-up), did it change "
                  "results (the plan's indicators)."));
    html_printf(&resp->body, "<p><a href=\"/team/followups\">%s</a></p>",
                _("Every open follow-up"));
    questions_section(req, resp, refused);
    if (resp->status < 500)
        weeks_section(req, resp, refused && strcmp(refused, "weeks") == 0);
    if (resp->status < 500)
        results_section(req, resp, page_year(req, date_year(date_today())));
    if (resp->status < 500)
        page_end(req, resp);
}

/* ---- /my/evaluations: a participant answers ---- */

/* The trainings waiting for the caller's answers, each with the
 * questionnaire; PROBLEM (or NULL) is why the answers on learning record
 * REFUSED were refused, shown again as given. */
static void my_evaluations_page(request *req, response *resp, const char *problem,
                                int64_t refused)
{
    date_t today = date_today();
    eval_pending *list = NULL;
    size_t n = 0;
    eval_question *qs;
    size_t nq;
    if ((req->user.employee_row > 0 &&
         eval_reactions_pending(req->db, req->a, req->user.employee_row,
                                today - POLICY_REACTION_DAYS, today, &list, &n) != STORE_OK) ||
        eval_questions_list(req->db, req->a, true, &qs, &nq) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("How was your training?"));
    if (problem) {
        char anchor[32];
        snprintf(anchor, sizeof anchor, "reaction-%lld", (long long)refused);
        form_refused(resp, problem, anchor);
    } else if (request_query(req, "saved")) {
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("Thank you: your answers are saved."));
    }
    if (n == 0 || nq == 0) {
        html_printf(&resp->body, "<p>%s</p>", _("There is no training waiting for your answer."));
        page_end(req, resp);
        return;
    }
    html_printf(&resp->body, "<p>%s</p>",
                _("Your answers help to choose next year's trainings. Managers and "
                  "representatives only see them together with those of enough colleagues."));
    for (size_t i = 0; i < n; i++) {
        html_printf(&resp->body, "<section><h2>%s</h2><p>%s %s</p>", list[i].title,
                    _("Ended on"), show_date(req, list[i].last_day));
        bool again = problem && list[i].record_id == refused;
        form_open(req, resp, "action=\"/my/evaluations/%lld\" class=\"narrow\" "
                             "id=\"reaction-%lld\"",
                  (long long)list[i].record_id, (long long)list[i].record_id);
        form_refused_note(resp, again ? problem : NULL);
        for (size_t k = 0; k < nq; k++) {
            if (qs[k].about_trainer && !list[i].has_trainer)
                continue; /* nobody to judge */
            char name[32];
            snprintf(name, sizeof name, "q%lld", (long long)qs[k].id);
            html_printf(&resp->body, "<fieldset><legend>%s</legend>", qs[k].text);
            for (int s = EVAL_SCALE_MIN; s <= EVAL_SCALE_MAX; s++) {
                char value[12];
                snprintf(value, sizeof value, "%d", s);
                /* the ends of the scale say what they mean */
                const char *end = s == EVAL_SCALE_MIN   ? _("not at all")
                                  : s == EVAL_SCALE_MAX ? _("completely")
                                                        : NULL;
                html_printf(&resp->body, "<label><input type=\"radio\" name=\"%s\" "
                                         "value=\"%d\" required%s> %d%s%s%s</label>",
                            name, s, form_checked(req, again, name, value), s, end ? " (" : "",
                            end ? end : "", end ? ")" : "");
            }
            html_raw(&resp->body, "</fieldset>");
        }
        html_printf(&resp->body, "<label for=\"c%lld\">%s</label><textarea id=\"c%lld\" "
                                 "name=\"comment\" rows=\"3\">%s</textarea><button>%s</button>"
                                 "</form></section>",
                    (long long)list[i].record_id, _("Comment (optional)"),
                    (long long)list[i].record_id, form_again(req, again, "comment"), _("Send"));
    }
    page_end(req, resp);
}

void page_my_evaluations(request *req, response *resp)
{
    my_evaluations_page(req, resp, NULL, 0);
}

void page_my_evaluation_post(request *req, response *resp)
{
    int64_t id = atoll(req->arg), row;
    learning_record r;
    int rc = id > 0 ? learning_get(req->db, req->a, id, &r, &row) : STORE_DONE;
    if (rc != STORE_ROW || row != req->user.employee_row) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
        return;
    }
    date_t today = date_today();
    if (r.result != RESULT_COMPLETED ||
        !eval_reaction_open(eval_last_day(r.start_date, r.end_date), today)) {
        respond_error(req, resp, 422, _("This training cannot be evaluated now: it has not "
                                        "ended yet, or ended too long ago."));
        return;
    }
    eval_question *qs;
    size_t nq;
    int trainer = eval_record_has_trainer(req->db, id);
    if (trainer < 0 || eval_questions_list(req->db, req->a, true, &qs, &nq) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    int64_t *ids = arena_alloc(req->a, (nq + 1) * sizeof *ids);
    int *scores = arena_alloc(req->a, (nq + 1) * sizeof *scores);
    if (!ids || !scores) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* The questions about the trainer only where there was one: not asked,
     * not read, and no answer is stored (an answer left out counts for
     * nothing, not as a zero). */
    size_t answered = 0;
    for (size_t k = 0; k < nq; k++) {
        if (qs[k].about_trainer && !trainer)
            continue;
        char name[32];
        snprintf(name, sizeof name, "q%lld", (long long)qs[k].id);
        const char *v = request_form(req, name);
        long long score;
        if (!v || !number_parse(v, EVAL_SCALE_MIN, EVAL_SCALE_MAX, &score)) {
            my_evaluations_page(req, resp, _("Every question needs an answer from 1 to 5."), id);
            return;
        }
        ids[answered] = qs[k].id;
        scores[answered++] = (int)score;
    }
    rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = eval_reaction_save(req->db, req->user.login, id, ids, scores, answered,
                                request_form(req, "comment"), today);
    if (store_end(req->db, rc) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/my/evaluations?saved=1");
}

/* ---- /learning/:id/tests ---- */

void page_record_tests(request *req, response *resp)
{
    int64_t id = atoll(req->arg), row;
    learning_record r;
    int rc = id > 0 ? learning_get(req->db, req->a, id, &r, &row) : STORE_DONE;
    if (rc != STORE_ROW || !may_act_for(req, row)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    const char *message = NULL;
    if (strcmp(req->method, "POST") == 0) {
        learning_test t = {0};
        const char *taken = request_form(req, "taken_on");
        if (!taken || date_read(taken, strlen(taken), &t.taken_on) != DATE_READ_OK)
            message = _("The day of the test: a date such as 30/06/2026.");
        else if (!form_hundredths(req, "score", &t.score) || t.score < 0 ||
                 !form_hundredths(req, "max_score", &t.max_score) || t.max_score < 0 ||
                 !form_hundredths(req, "pass_mark", &t.pass_mark) || t.pass_mark < 0)
            message = _("Score, maximum and pass mark are numbers such as 14 or 7,5.");
        else {
            switch (eval_test_check(t.score, t.max_score, t.pass_mark)) {
            case EVAL_TEST_NO_SCALE: message = _("The maximum score must be above 0."); break;
            case EVAL_TEST_SCORE_OUTSIDE:
                message = _("The score must lie between 0 and the maximum score.");
                break;
            case EVAL_TEST_PASS_OUTSIDE:
                message = _("The pass mark must lie between 0 and the maximum score.");
                break;
            default: break;
            }
        }
        if (!message) {
            int attempt;
            rc = store_begin(req->db);
            if (rc == STORE_OK)
                rc = learning_tests_add(req->db, req->user.login, id, &t, &attempt);
            if (store_end(req->db, rc) != STORE_OK) {
                respond_error(req, resp, 500, NULL);
                return;
            }
            str back = STR_INIT;
            str_printf(&back, "/learning/%lld/tests", (long long)id);
            response_redirect(req, resp, arena_strdup(req->a, str_cstr(&back)));
            str_free(&back);
            return;
        }
    }
    learning_test *tests;
    size_t n;
    if (learning_tests_of(req->db, req->a, id, &tests, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Test results"));
    if (message) {
        resp->status = 422;
        form_error(resp, message);
    }
    eval_raised_notice(req, resp);
    html_printf(&resp->body, "<p>%s · %s · %s</p>", r.employee_id,
                r.activity_title ? r.activity_title : r.title ? r.title : "",
                show_date(req, r.start_date));
    html_printf(&resp->body, "<p>%s</p><div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead>"
                             "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("A retake is a new attempt; the record's result follows the last one."),
                _("Attempts"), _("Attempt"), _("Day"), _("Score"), _("Pass mark"), _("Result"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<tr><td>%d</td><td>%s</td><td class=\"num\">%s / %s</td>"
                                 "<td class=\"num\">%s</td><td>%s</td></tr>",
                    tests[i].attempt, show_date(req, tests[i].taken_on),
                    show_decimal(req, tests[i].score, 2, 2),
                    show_decimal(req, tests[i].max_score, 2, 2),
                    show_decimal(req, tests[i].pass_mark, 2, 2),
                    show_code(&vocab_result, eval_test_result(tests[i].score,
                                                              tests[i].pass_mark)));
    if (n == 0)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>", _("Nothing to show."));
    html_raw(&resp->body, "</tbody></table></div>");
    if (n > 0 && r.result == RESULT_FAILED) {
        html_printf(&resp->body, "<div><p>%s</p>", _("The last attempt failed."));
        eval_raise_record_button(req, resp, id, true);
        html_raw(&resp->body, "</div>");
    }
    form_open(req, resp, "action=\"/learning/%lld/tests\" class=\"narrow\"", (long long)id);
    const char *taken = request_form(req, "taken_on"), *score = request_form(req, "score");
    const char *max = request_form(req, "max_score"), *pass = request_form(req, "pass_mark");
    html_printf(&resp->body, "<label for=\"taken_on\">%s</label><input id=\"taken_on\" "
                             "name=\"taken_on\" type=\"%s\" required value=\"%s\">"
                             "<label for=\"score\">%s</label><input id=\"score\" name=\"score\" "
                             "inputmode=\"decimal\" required value=\"%s\">"
                             "<label for=\"max_score\">%s</label><input id=\"max_score\" "
                             "name=\"max_score\" inputmode=\"decimal\" required value=\"%s\">"
                             "<label for=\"pass_mark\">%s</label><input id=\"pass_mark\" "
                             "name=\"pass_mark\" inputmode=\"decimal\" required value=\"%s\">"
                             "<button>%s</button></form>",
                _("Day of the test"), form_date_type(taken), taken ? taken : "",
                _("Score"), score ? score : "",
                _("Maximum score"), max ? max : "20", _("Pass mark"), pass ? pass : "10",
                _("Add an attempt"));
    page_end(req, resp);
}

/* ---- /team/followups ---- */

/* The open follow-ups of the caller's team (all for HR), each with its
 * form; PROBLEM (or NULL) is why the follow-up of learning record REFUSED
 * was refused, shown again as typed. */
static void team_followups_page(request *req, response *resp, const char *problem,
                                int64_t refused)
{
    followup *list;
    size_t n;
    int64_t manager = req->user.role == ROLE_ADMIN ? 0
                      : req->user.employee_row > 0 ? req->user.employee_row : -1;
    if (followups_open(req->db, req->a, manager, date_today(), &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    followup *judged;
    size_t njudged;
    if (followups_not_applied(req->db, req->a, manager, date_today() - 365, &judged,
                              &njudged) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Follow-up after training"));
    if (problem) {
        char anchor[32];
        snprintf(anchor, sizeof anchor, "followup-%lld", (long long)refused);
        form_refused(resp, problem, anchor);
    } else if (request_query(req, "saved")) {
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("The follow-up is saved."));
    }
    eval_raised_notice(req, resp);
    html_printf(&resp->body, "<p>%s</p>",
                _("Some weeks after a training, talk with the participant: is what they "
                  "learned applied at work, and how? The agreement made before the training is "
                  "shown with it."));
    if (n == 0)
        html_printf(&resp->body, "<p>%s</p>", _("No follow-up is due."));
    for (size_t i = 0; i < n; i++) {
        const followup *f = &list[i];
        html_printf(&resp->body, "<section><h2>%s: %s</h2><dl class=\"facts\"><dt>%s</dt>"
                                 "<dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
                                 "<dt>%s</dt><dd>%s</dd></dl>",
                    f->employee_name, f->title, _("Training ended on"),
                    show_date(req, f->last_day), _("Follow-up due on"),
                    show_date(req, f->due_on), _("Goals agreed before"),
                    f->goals ? f->goals : _("No agreement was recorded before the training."),
                    _("How it would be applied"), f->application ? f->application : "—");
        bool again = problem && f->record_id == refused;
        form_open(req, resp, "action=\"/followups/%lld\" class=\"narrow\" id=\"followup-%lld\"",
                  (long long)f->record_id, (long long)f->record_id);
        form_refused_note(resp, again ? problem : NULL);
        html_printf(&resp->body, "<fieldset><legend>%s</legend>", _("Is it applied at work?"));
        static const char *const labels[APPLIED_COUNT] = {N_("yes"), N_("partly"),
                                                          N_("not applied")};
        for (int k = 0; k < APPLIED_COUNT; k++)
            html_printf(&resp->body, "<label><input type=\"radio\" name=\"applied\" "
                                     "value=\"%s\" required%s> %s</label>",
                        eval_applied_names[k],
                        form_checked(req, again, "applied", eval_applied_names[k]),
                        _(labels[k]));
        html_printf(&resp->body, "</fieldset><label for=\"how-%lld\">%s</label><textarea "
                                 "id=\"how-%lld\" name=\"how\" rows=\"3\">%s</textarea>"
                                 "<button>%s</button></form></section>",
                    (long long)f->record_id, _("How, or what stands in the way"),
                    (long long)f->record_id, form_again(req, again, "how"), _("Save"));
    }
    /* What a follow-up judged "not applied" leads to (issue 13). */
    if (njudged > 0) {
        html_printf(&resp->body, "<div><h2>%s</h2><p>%s</p><ul class=\"plain\">",
                    _("Judged not applied"),
                    _("Follow-ups of the last twelve months that found the training not "
                      "applied at work: one click signals an open training need."));
        for (size_t i = 0; i < njudged; i++) {
            html_printf(&resp->body, "<li>%s: %s (%s)%s%s ", judged[i].employee_name,
                        judged[i].title, show_date(req, judged[i].last_day),
                        judged[i].how ? " · " : "", judged[i].how ? judged[i].how : "");
            eval_raise_record_button(req, resp, judged[i].record_id, false);
            html_raw(&resp->body, "</li>");
        }
        html_raw(&resp->body, "</ul></div>");
    }
    page_end(req, resp);
}

void page_team_followups(request *req, response *resp)
{
    team_followups_page(req, resp, NULL, 0);
}

void page_followup_post(request *req, response *resp)
{
    int64_t id = atoll(req->arg), row;
    learning_record r;
    int rc = id > 0 ? learning_get(req->db, req->a, id, &r, &row) : STORE_DONE;
    if (rc != STORE_ROW || !may_act_for(req, row)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : rc == STORE_ROW ? 403 : 404, NULL);
        return;
    }
    date_t today = date_today();
    if (!eval_training_ended(eval_last_day(r.start_date, r.end_date), today)) {
        respond_error(req, resp, 422, _("A follow-up can only be recorded once the training "
                                        "has ended."));
        return;
    }
    const char *applied = request_form(req, "applied");
    int k = 0;
    while (applied && k < APPLIED_COUNT && strcmp(applied, eval_applied_names[k]) != 0)
        k++;
    if (!applied || k == APPLIED_COUNT) {
        team_followups_page(req, resp, _("Say whether it is applied: yes, partly or not."), id);
        return;
    }
    rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = followups_record(req->db, req->user.login, id, k, request_form(req, "how"), today);
    if (store_end(req->db, rc) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/team/followups?saved=1");
}

/* ---- the plan's evaluation: four levels per initiative ---- */

/* An indicator's figures, "—" for what is not given. */
static const char *value_or_dash(request *req, int64_t v)
{
    return v < 0 ? "—" : show_decimal(req, v, 2, 2);
}

/* " selected" when the refused form (AGAIN) chose initiative ID. */
static const char *initiative_chosen(request *req, bool again, int64_t id)
{
    char value[24];
    snprintf(value, sizeof value, "%lld", (long long)id);
    return strcmp(form_again(req, again, "initiative"), value) == 0 ? " selected" : "";
}

void plan_evaluation_levels(request *req, response *resp, const plan_view *v,
                            const char *refused, const char *problem)
{
    bool hr = req->user.role == ROLE_ADMIN;
    eval_activity_summary *sums;
    size_t nsums;
    plan_indicator *inds;
    size_t ninds;
    eval_remark *remarks;
    size_t nremarks;
    if (eval_summary(req->db, req->a, v->p.year, &sums, &nsums) != STORE_OK ||
        plan_indicators_list(req->db, req->a, v->p.id, &inds, &ninds) != STORE_OK ||
        eval_remarks_list(req->db, req->a, v->p.id, &remarks, &nremarks) != STORE_OK) {
        html_printf(&resp->body, "<p class=\"error\">%s</p>", _("Something went wrong on our side"));
        return;
    }
    html_printf(&resp->body, "<h2 id=\"levels\">%s</h2><p>%s</p>", _("Four levels of evaluation"),
                /* for every reader: these are the activity's trainees of the
                 * year, each counted once, not the initiative's participants */
                _("Reaction, learning and behaviour come from the trainings of the "
                  "initiative's activity this year; results from the indicators."));
    if (!hr)
        html_printf(&resp->body, "<p>%s</p>",
                    _("Figures of fewer people than the minimum group are not shown."));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table>"
                             "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Evaluation per initiative"), _("Initiative"), _("1. Reaction"),
                _("2. Learning: passed the test"), _("3. Behaviour: applied at work"),
                _("4. Results: indicators"));
    for (size_t i = 0; i < v->nitems; i++) {
        const plan_initiative *x = &v->items[i];
        const eval_activity_summary *s = NULL;
        for (size_t k = 0; x->activity_code && k < nsums; k++)
            if (strcmp(sums[k].code, x->activity_code) == 0)
                s = &sums[k];
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th>", x->title);
        summary_cells(req, resp, s, v->settings.min_group, hr);
        html_raw(&resp->body, "<td><ul class=\"plain\">");
        bool any = false;
        for (size_t k = 0; k < ninds; k++) {
            if (inds[k].initiative_id != x->id)
                continue;
            any = true;
            int64_t num, den;
            bool progress = eval_indicator_progress(inds[k].baseline, inds[k].target,
                                                    inds[k].measured,
                                                    inds[k].baseline >= 0 &&
                                                        inds[k].target >= 0 &&
                                                        inds[k].measured >= 0,
                                                    &num, &den);
            html_printf(&resp->body, "<li>%s%s%s%s: %s → %s, %s %s%s%s%s</li>", inds[k].name,
                        inds[k].unit ? " (" : "", inds[k].unit ? inds[k].unit : "",
                        inds[k].unit ? ")" : "", value_or_dash(req, inds[k].baseline),
                        value_or_dash(req, inds[k].target), _("measured"),
                        value_or_dash(req, inds[k].measured),
                        inds[k].measured_on != DATE_NONE ? " (" : "",
                        inds[k].measured_on != DATE_NONE ? show_date(req, inds[k].measured_on)
                                                         : "",
                        inds[k].measured_on != DATE_NONE ? ")" : "");
            if (progress && num >= 0)
                html_printf(&resp->body, "<li>%s: %s</li>", _("of the way to the target"),
                            show_percent(req, num, den));
        }
        for (size_t k = 0; k < nremarks; k++)
            if (remarks[k].initiative_id == x->id) {
                any = true;
                html_printf(&resp->body, "<li>%s: %s</li>", _("For next year"), remarks[k].text);
            }
        if (!any)
            html_raw(&resp->body, "<li>—</li>");
        html_raw(&resp->body, "</ul></td></tr>");
    }
    if (v->nitems == 0)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>", _("Nothing to show."));
    html_raw(&resp->body, "</tbody></table></div>");
    if (hr) { /* what the initiatives' results lead to */
        eval_activity_summary *mine = arena_alloc(req->a, (nsums + 1) * sizeof *mine);
        size_t nmine = 0;
        for (size_t k = 0; mine && k < nsums; k++)
            for (size_t i = 0; i < v->nitems; i++)
                if (v->items[i].activity_code &&
                    strcmp(v->items[i].activity_code, sums[k].code) == 0) {
                    mine[nmine++] = sums[k];
                    break;
                }
        eval_raise_activity_section(req, resp, v->p.year, mine, nmine);
    }
    reaction_groups(req, resp, v->p.year, v->settings.min_group, hr);
    if (!hr || v->nitems == 0)
        return;
    /* HR: a new indicator or measurement, and a remark for next year;
     * the one refused comes back as typed. */
    bool again = refused && strcmp(refused, "indicator") == 0;
    form_open(req, resp, "action=\"/plans/%d/indicators\" class=\"narrow\" id=\"indicator\"",
              v->p.year);
    /* Indicators are shown as entered: the privacy rule cannot see whom
     * a figure is about, so HR is told before typing one. */
    html_printf(&resp->body, "<h3>%s</h3><p class=\"hint\">%s</p>", _("Add an indicator"),
                _("Representatives see indicators as you enter them. Enter none about fewer "
                  "people than the minimum group, so that nobody can be recognised."));
    form_refused_note(resp, again ? problem : NULL);
    html_printf(&resp->body, "<label for=\"ind-i\">%s</label><select id=\"ind-i\" "
                             "name=\"initiative\">",
                _("Initiative"));
    for (size_t i = 0; i < v->nitems; i++)
        html_printf(&resp->body, "<option value=\"%lld\"%s>%s</option>",
                    (long long)v->items[i].id, initiative_chosen(req, again, v->items[i].id),
                    v->items[i].title);
    html_printf(&resp->body, "</select><label for=\"ind-n\">%s</label><input id=\"ind-n\" "
                             "name=\"name\" required value=\"%s\"><label for=\"ind-u\">%s"
                             "</label><input id=\"ind-u\" name=\"unit\" value=\"%s\"><label "
                             "for=\"ind-b\">%s</label><input id=\"ind-b\" name=\"baseline\" "
                             "inputmode=\"decimal\" value=\"%s\"><label for=\"ind-t\">%s</label>"
                             "<input id=\"ind-t\" name=\"target\" inputmode=\"decimal\" "
                             "value=\"%s\"><label for=\"ind-m\">%s</label><input id=\"ind-m\" "
                             "name=\"measured\" inputmode=\"decimal\" value=\"%s\"><label "
                             "for=\"ind-d\">%s</label><input id=\"ind-d\" name=\"measured_on\" "
                             "type=\"%s\" value=\"%s\"><button>%s</button></form>",
                _("Indicator"), form_again(req, again, "name"), _("Unit"),
                form_again(req, again, "unit"), _("Baseline"), form_again(req, again, "baseline"),
                _("Target"), form_again(req, again, "target"), _("Measured value"),
                form_again(req, again, "measured"), _("Measured on"),
                form_date_type(form_again(req, again, "measured_on")),
                form_again(req, again, "measured_on"), _("Add"));
    again = refused && strcmp(refused, "remark") == 0;
    form_open(req, resp, "action=\"/plans/%d/remarks\" class=\"narrow\" id=\"remark\"",
              v->p.year);
    html_printf(&resp->body, "<h3>%s</h3>", _("A remark for next year's plan"));
    form_refused_note(resp, again ? problem : NULL);
    html_printf(&resp->body, "<label for=\"rem-i\">%s</label><select id=\"rem-i\" "
                             "name=\"initiative\">",
                _("Initiative"));
    for (size_t i = 0; i < v->nitems; i++)
        html_printf(&resp->body, "<option value=\"%lld\"%s>%s</option>",
                    (long long)v->items[i].id, initiative_chosen(req, again, v->items[i].id),
                    v->items[i].title);
    html_printf(&resp->body, "</select><label for=\"rem-t\">%s</label><textarea id=\"rem-t\" "
                             "name=\"text\" rows=\"3\" required>%s</textarea><button>%s</button>"
                             "</form>",
                _("Remark"), form_again(req, again, "text"), _("Add"));
}

void plan_lessons_from_last_year(request *req, response *resp, const plan_view *v)
{
    plan before;
    eval_remark *remarks;
    size_t n;
    plan_initiative *items;
    size_t nitems;
    if (plans_get(req->db, req->a, v->p.year - 1, &before) != STORE_ROW ||
        eval_remarks_list(req->db, req->a, before.id, &remarks, &n) != STORE_OK || n == 0 ||
        plans_initiatives(req->db, req->a, before.id, &items, &nitems) != STORE_OK)
        return; /* nothing to carry over (a failure only hides this aside) */
    html_printf(&resp->body, "<section><h2>%s %d</h2><ul>", _("Remarks from the evaluation of"),
                before.year);
    for (size_t i = 0; i < n; i++) {
        const char *title = "";
        for (size_t k = 0; k < nitems; k++)
            if (items[k].id == remarks[i].initiative_id)
                title = items[k].title;
        html_printf(&resp->body, "<li><strong>%s</strong>: %s</li>", title, remarks[i].text);
    }
    html_raw(&resp->body, "</ul></section>");
}

/* The plan of the path's year; false with an error sent. */
static bool plan_of_path(request *req, response *resp, plan *p)
{
    int year = atoi(req->arg);
    int rc = year ? plans_get(req->db, req->a, year, p) : STORE_DONE;
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
        return false;
    }
    return true;
}

/* Back to the plan's evaluation, at the four levels. */
static void back_to_levels(request *req, response *resp, int year)
{
    str back = STR_INIT;
    str_printf(&back, "/plans/%d/evaluation#levels", year);
    response_redirect(req, resp, arena_strdup(req->a, str_cstr(&back)));
    str_free(&back);
}

void page_plan_indicators(request *req, response *resp)
{
    plan p;
    if (!plan_of_path(req, resp, &p))
        return;
    plan_indicator x = {0};
    const char *ini = request_form(req, "initiative"), *on = request_form(req, "measured_on");
    long long initiative = 0;
    x.name = request_form(req, "name");
    x.unit = request_form(req, "unit");
    x.measured_on = DATE_NONE;
    if (!ini || !number_parse(ini, 1, INT64_MAX, &initiative) || !x.name || !*x.name) {
        plan_evaluation_refused(req, resp, "indicator",
                                _("An indicator needs its initiative and its name."));
        return;
    }
    x.initiative_id = initiative;
    if (!form_hundredths(req, "baseline", &x.baseline) ||
        !form_hundredths(req, "target", &x.target) ||
        !form_hundredths(req, "measured", &x.measured) ||
        (on && *on && date_read(on, strlen(on), &x.measured_on) != DATE_READ_OK)) {
        plan_evaluation_refused(req, resp, "indicator",
                                _("Baseline, target and measured value are numbers such as 12 "
                                  "or 7,5 (0 or more); the day is a date."));
        return;
    }
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = plan_indicator_save(req->db, req->user.login, p.id, &x);
    rc = store_end(req->db, rc);
    if (rc != STORE_OK) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    back_to_levels(req, resp, p.year);
}

void page_plan_remarks(request *req, response *resp)
{
    plan p;
    if (!plan_of_path(req, resp, &p))
        return;
    const char *ini = request_form(req, "initiative"), *text = request_form(req, "text");
    long long initiative = 0;
    if (!ini || !number_parse(ini, 1, INT64_MAX, &initiative) || !text || !*text) {
        plan_evaluation_refused(req, resp, "remark",
                                _("A remark needs its initiative and its text."));
        return;
    }
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = eval_remark_add(req->db, req->user.login, p.id, initiative, text);
    rc = store_end(req->db, rc);
    if (rc != STORE_OK) {
        respond_error(req, resp, rc == STORE_DONE ? 404 : 500, NULL);
        return;
    }
    back_to_levels(req, resp, p.year);
}

/* ---- the overview ---- */

void home_evaluation(request *req, response *resp)
{
    date_t today = date_today();
    if (req->user.role == ROLE_MANAGER && req->user.employee_row > 0) {
        followup *list;
        size_t n;
        if (followups_open(req->db, req->a, req->user.employee_row, today, &list, &n) ==
                STORE_OK && n > 0)
            html_printf(&resp->body, "<p><a href=\"/team/followups\">%s</a>: %s</p>",
                        _("Follow-up after training"), show_count(req, (int64_t)n));
    }
    if (req->user.employee_row > 0 && req->user.role != ROLE_REPRESENTATIVE) {
        eval_pending *list;
        size_t n;
        if (eval_reactions_pending(req->db, req->a, req->user.employee_row,
                                   today - POLICY_REACTION_DAYS, today, &list, &n) ==
                STORE_OK && n > 0)
            /* a counter's label is a noun phrase: "How was your training?: 6"
             * reads as a question answered with a number */
            html_printf(&resp->body, "<p><a href=\"/my/evaluations\">%s</a>: %s</p>",
                        _("Trainings waiting for your reaction"), show_count(req, (int64_t)n));
    }
}
