/* page_needs.c - the register of training needs and the personal
 * development plans (issue 11):
 *   /needs                     the register: each role signals and sees its part
 *   /needs/:id                 HR plans, addresses or declines a need (POST)
 *   /employees/:id/development a person's development plan of a year
 *   /my/development            the caller's own plan
 * plan_needs_section() shows the open needs on the annual plan's page. */
#include "web/pages.h"
#include "core/formats.h"
#include "core/plan.h"
#include "core/policy.h"
#include "store/competences.h"
#include "store/facts.h"
#include "store/plans.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A path PREFIX + TEXT (encoded) + SUFFIX in the request's arena. */
static const char *path_of(request *req, const char *prefix, const char *text,
                           const char *suffix)
{
    str s = STR_INIT;
    str_puts(&s, prefix);
    url_encode(&s, text);
    str_puts(&s, suffix);
    const char *t = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    return t ? t : prefix;
}

/* Who the need is for, as its reader may see it. */
static const char *need_for(request *req, const training_need *n)
{
    str s = STR_INIT;
    switch (n->scope) {
    case SCOPE_PERSON:
        str_printf(&s, "%s", n->employee_name ? n->employee_name : "—");
        break;
    case SCOPE_TEAM:
        str_printf(&s, "%s %s", _("the team of"), n->employee_name ? n->employee_name : "—");
        break;
    case SCOPE_FUNCTION:
        str_printf(&s, "%s%s %s", _("Function"), i18n_colon(), n->function ? n->function : "—");
        break;
    case SCOPE_DEPARTMENT:
        str_printf(&s, "%s%s %s", _("Department"), i18n_colon(), n->department ? n->department : "—");
        break;
    default:
        str_puts(&s, _("everyone"));
    }
    const char *t = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    return t ? t : "";
}

/* The needs the caller may see: HR all; a manager those of their team and
 * their own signals; an employee those for themself and their own signals; a
 * representative only their own signals. Merged without repeats. */
static int visible_needs(request *req, training_need **out, size_t *n)
{
    need_query q = {-1, NULL, 0, 0, NULL};
    if (req->user.role == ROLE_ADMIN)
        return needs_list(req->db, req->a, &q, out, n);
    q.created_by = req->user.login;
    training_need *own, *theirs = NULL;
    size_t nown, ntheirs = 0;
    if (needs_list(req->db, req->a, &q, &own, &nown) != STORE_OK)
        return STORE_ERROR;
    q.created_by = NULL;
    if (req->user.role == ROLE_MANAGER && req->user.employee_row > 0)
        q.team_of = req->user.employee_row;
    else if (req->user.role != ROLE_REPRESENTATIVE && req->user.employee_row > 0)
        q.employee_row = req->user.employee_row;
    if ((q.team_of || q.employee_row) &&
        needs_list(req->db, req->a, &q, &theirs, &ntheirs) != STORE_OK)
        return STORE_ERROR;
    *out = arena_alloc(req->a, (nown + ntheirs + 1) * sizeof **out);
    if (!*out)
        return STORE_ERROR;
    *n = 0;
    for (size_t i = 0; i < ntheirs; i++)
        (*out)[(*n)++] = theirs[i];
    for (size_t i = 0; i < nown; i++) {
        bool seen = false;
        for (size_t k = 0; k < ntheirs && !seen; k++)
            seen = theirs[k].id == own[i].id;
        if (!seen)
            (*out)[(*n)++] = own[i];
    }
    return STORE_OK;
}

/* " selected" when the refused form (again is true) chose VALUE for NAME. */
static const char *chosen(request *req, bool again, const char *name, const char *value)
{
    return again && strcmp(form_again(req, true, name), value) == 0 ? " selected" : "";
}

/* The index in V of what the refused form (again is true) chose for NAME,
 * else FALLBACK. */
static int chosen_code(request *req, bool again, const char *name, const vocab *v, int fallback)
{
    const char *t = form_again(req, again, name);
    int i = *t ? vocab_find(v, t, strlen(t)) : -1;
    return i >= 0 ? i : fallback;
}

static void vocab_options(response *resp, const vocab *v, int current, unsigned allowed)
{
    for (int i = 0; i < v->count; i++)
        if (allowed & (1u << i))
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", v->names[i],
                        i == current ? " selected" : "", _(v->names[i]));
}

/* The scopes and sources each role may give a need. */
static unsigned scopes_for(int role)
{
    switch (role) {
    case ROLE_ADMIN: return 0x1f;
    case ROLE_MANAGER: return 1u << SCOPE_PERSON | 1u << SCOPE_TEAM | 1u << SCOPE_FUNCTION |
                              1u << SCOPE_DEPARTMENT;
    case ROLE_REPRESENTATIVE: return 1u << SCOPE_FUNCTION | 1u << SCOPE_DEPARTMENT |
                                     1u << SCOPE_EVERYONE;
    default: return 1u << SCOPE_PERSON;
    }
}

static unsigned sources_for(int role)
{
    switch (role) {
    case ROLE_ADMIN: return 0x1ff;
    case ROLE_MANAGER: return 1u << NEED_FROM_MANAGER | 1u << NEED_FROM_CONVERSATION |
                              1u << NEED_FROM_PROFILE_GAP | 1u << NEED_FROM_INCIDENT;
    case ROLE_REPRESENTATIVE: return 1u << NEED_FROM_REPRESENTATIVE;
    default: return 1u << NEED_FROM_EMPLOYEE;
    }
}

/* What a refused form lacked, PROBLEM (a phrase such as "a function"), as
 * the sentence form_refused says after "Not saved:". */
static const char *expected(request *req, const char *problem)
{
    str s = STR_INIT;
    str_printf(&s, _("The form expects %s."), problem);
    const char *sentence = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    return sentence ? sentence : problem;
}

/* The form for a new need; PROBLEM (or NULL): it was refused for that, and
 * shows what was typed. */
static void need_form(request *req, response *resp, const char *problem)
{
    bool again = problem != NULL;
    competence *comps;
    group_count *depts, *funcs;
    size_t ncomps = 0, ndepts = 0, nfuncs = 0;
    competences_list(req->db, req->a, &comps, &ncomps);
    departments_list(req->db, req->a, &depts, &ndepts);
    functions_list(req->db, req->a, &funcs, &nfuncs);
    int role = req->user.role;
    html_printf(&resp->body, "<h2>%s</h2>", role & (ROLE_EMPLOYEE | ROLE_MENTOR)
                                               ? _("Ask for training")
                                               : _("Signal a training need"));
    form_open(req, resp, "action=\"/needs\" class=\"narrow\" id=\"need-new\"");
    form_refused_note(resp, problem);
    html_printf(&resp->body, "<label for=\"n-title\">%s</label><input id=\"n-title\" "
                             "name=\"title\" required maxlength=\"200\" value=\"%s\">"
                             "<label for=\"n-scope\">%s</label><select id=\"n-scope\" "
                             "name=\"scope\">",
                _("What is needed"), form_again(req, again, "title"), _("For whom"));
    vocab_options(resp, &vocab_need_scope, chosen_code(req, again, "scope", &vocab_need_scope, -1),
                  scopes_for(role));
    html_raw(&resp->body, "</select>");
    if (role & (ROLE_ADMIN | ROLE_MANAGER))
        html_printf(&resp->body, "<label for=\"n-employee\">%s</label><input id=\"n-employee\" "
                                 "name=\"employee_id\" value=\"%s\"><p class=\"hint\">%s</p>",
                    _("Number of the person (for a person)"), form_again(req, again, "employee_id"),
                    _("For a team: your own team, or the number of its manager."));
    if (role != ROLE_EMPLOYEE && role != ROLE_MENTOR) {
        html_printf(&resp->body, "<label for=\"n-function\">%s</label><select id=\"n-function\" "
                                 "name=\"function\"><option value=\"\">—</option>",
                    _("Function"));
        for (size_t i = 0; i < nfuncs; i++)
            html_printf(&resp->body, "<option%s>%s</option>",
                        chosen(req, again, "function", funcs[i].name), funcs[i].name);
        html_printf(&resp->body, "</select><label for=\"n-department\">%s</label>"
                                 "<select id=\"n-department\" name=\"department\">"
                                 "<option value=\"\">—</option>", _("Department"));
        for (size_t i = 0; i < ndepts; i++)
            html_printf(&resp->body, "<option%s>%s</option>",
                        chosen(req, again, "department", depts[i].name), depts[i].name);
        html_raw(&resp->body, "</select>");
    }
    html_printf(&resp->body, "<label for=\"n-competence\">%s</label><select id=\"n-competence\" "
                             "name=\"competence_code\"><option value=\"\">—</option>",
                _("Competence"));
    for (size_t i = 0; i < ncomps; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", comps[i].code,
                    chosen(req, again, "competence_code", comps[i].code), comps[i].name);
    html_printf(&resp->body, "</select><label for=\"n-source\">%s</label><select id=\"n-source\" "
                             "name=\"source\">", _("Where it comes from"));
    vocab_options(resp, &vocab_need_source,
                  chosen_code(req, again, "source", &vocab_need_source, -1), sources_for(role));
    html_printf(&resp->body, "</select><label for=\"n-priority\">%s</label>"
                             "<select id=\"n-priority\" name=\"priority\">", _("Priority"));
    vocab_options(resp, &vocab_priority,
                  chosen_code(req, again, "priority", &vocab_priority, PRIORITY_MEDIUM), 0x7);
    html_printf(&resp->body, "</select><button>%s</button></form>", _("Save"));
}

/* HR's form to move a need on: planned (by a plan initiative), addressed,
 * declined with a reason, or open again. */
static void status_form(request *req, response *resp, const training_need *n,
                        const plan_initiative *inits, size_t ninits)
{
    char action[48];
    snprintf(action, sizeof action, "/needs/%lld", (long long)n->id);
    form_open(req, resp, "action=\"%s\" class=\"inline\"", action);
    html_printf(&resp->body, "<label for=\"s%lld\">%s</label><select id=\"s%lld\" "
                             "name=\"status\">",
                (long long)n->id, _("Status"), (long long)n->id);
    for (int s = 0; s < vocab_need_status.count; s++)
        if (s == n->status || need_status_allowed(n->status, s))
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>",
                        vocab_need_status.names[s], s == n->status ? " selected" : "",
                        _(vocab_need_status.names[s]));
    html_printf(&resp->body, "</select><label for=\"i%lld\">%s</label><select id=\"i%lld\" "
                             "name=\"initiative\"><option value=\"0\">—</option>",
                (long long)n->id, _("Taken up by"), (long long)n->id);
    for (size_t i = 0; i < ninits; i++)
        html_printf(&resp->body, "<option value=\"%lld\"%s>%s</option>",
                    (long long)inits[i].id, inits[i].id == n->initiative_id ? " selected" : "",
                    inits[i].title);
    html_printf(&resp->body, "</select><label for=\"r%lld\">%s</label><input id=\"r%lld\" "
                             "name=\"reason\" value=\"%s\"><button>%s</button></form>",
                (long long)n->id, _("Reason (when declined)"), (long long)n->id,
                n->reason ? n->reason : "", _("Save"));
}

/* The name of competence CODE among the N competences C (CODE itself when
 * the catalogue no longer has it), "—" for none: people read names. */
static const char *competence_named(const competence *c, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(c[i].code, code) == 0)
            return c[i].name;
    return code ? code : "—";
}

/* The register and its forms; PROBLEM (or NULL) is what a refused form
 * lacked, NEW_NEED whether that was the form of a new need (shown again
 * as typed). */
static void needs_page(request *req, response *resp, const char *problem, bool new_need)
{
    training_need *list;
    size_t n;
    if (visible_needs(req, &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    bool admin = req->user.role == ROLE_ADMIN;
    int year = date_year(date_today());
    plan p;
    plan_initiative *inits = NULL;
    size_t ninits = 0;
    if (admin && plans_get(req->db, req->a, year, &p) == STORE_ROW)
        plans_initiatives(req->db, req->a, p.id, &inits, &ninits);
    page_begin(req, resp, _("Training needs"));
    const char *sentence = problem ? expected(req, problem) : NULL;
    if (sentence)
        form_refused(resp, sentence, new_need ? "need-new" : NULL);
    html_printf(&resp->body, "<p>%s</p>",
                req->user.role == ROLE_REPRESENTATIVE
                    ? _("The needs you signalled, and what became of them.")
                    : _("Where training is needed, for whom, why, how urgent, and what became "
                        "of it."));
    if (admin) {
        int64_t with_plan = 0, employed = 0;
        dev_plans_count(req->db, year, date_today(), &with_plan, &employed);
        html_printf(&resp->body, "<p>%s: %lld / %lld</p>",
                    _("Employees with a development plan this year"), (long long)with_plan,
                    (long long)employed);
    }
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table class=\"compact\"><caption>%s"
                             "</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("The register"), _("What is needed"), _("For whom"), _("Competence"),
                _("Where it comes from"), _("Priority"), _("Status"));
    competence *comps = NULL;
    size_t ncomps = 0;
    if (competences_list(req->db, req->a, &comps, &ncomps) != STORE_OK)
        ncomps = 0; /* the codes, then */
    for (size_t i = 0; i < n; i++) {
        const training_need *x = &list[i];
        html_printf(&resp->body, "<tr><td>%s</td><td>%s</td><td>%s</td>"
                                 "<td>%s</td><td>%s</td><td>%s",
                    x->title, need_for(req, x), competence_named(comps, ncomps, x->competence),
                    _(vocab_name(&vocab_need_source, x->source)),
                    _(vocab_name(&vocab_priority, x->priority)),
                    _(vocab_name(&vocab_need_status, x->status)));
        if (x->initiative_title)
            html_printf(&resp->body, " (%s %d: %s)", _("plan"), x->plan_year,
                        x->initiative_title);
        if (x->reason)
            html_printf(&resp->body, ": %s", x->reason);
        if (admin)
            status_form(req, resp, x, inits, ninits);
        html_raw(&resp->body, "</td></tr>");
    }
    if (!n)
        html_printf(&resp->body, "<tr><td colspan=\"6\">%s</td></tr>", _("No needs yet."));
    html_raw(&resp->body, "</tbody></table></div>");
    need_form(req, resp, new_need ? sentence : NULL);
    page_end(req, resp);
}

void page_needs(request *req, response *resp)
{
    needs_page(req, resp, NULL, false);
}

/* Reads the need the form describes into N for the caller's role; NULL, or
 * what is wrong. */
static const char *need_from_form(request *req, training_need *n)
{
    const char *scope = request_form(req, "scope"), *source = request_form(req, "source");
    const char *priority = request_form(req, "priority");
    memset(n, 0, sizeof *n);
    n->title = request_form(req, "title");
    if (!n->title || !*n->title || strlen(n->title) > 200)
        return _("what is needed, in a few words");
    n->scope = scope ? vocab_find(&vocab_need_scope, scope, strlen(scope)) : -1;
    n->source = source ? vocab_find(&vocab_need_source, source, strlen(source)) : -1;
    n->priority = priority ? vocab_find(&vocab_priority, priority, strlen(priority)) : -1;
    int role = req->user.role;
    if (n->scope < 0 || !(scopes_for(role) & (1u << n->scope)))
        return _("for whom: one of the choices of the form");
    if (n->source < 0 || !(sources_for(role) & (1u << n->source)))
        return _("where it comes from: one of the choices of the form");
    if (n->priority < 0)
        return _("a priority");
    const char *emp = request_form(req, "employee_id"), *fn = request_form(req, "function");
    const char *dept = request_form(req, "department"), *code = request_form(req, "competence_code");
    n->competence = code && *code ? code : NULL;
    if (n->scope == SCOPE_PERSON || n->scope == SCOPE_TEAM) {
        /* An employee asks for themself; a team is the manager's own unless
         * HR names its manager. */
        if (role & (ROLE_EMPLOYEE | ROLE_MENTOR) || (n->scope == SCOPE_TEAM && (!emp || !*emp)))
            emp = req->user.employee_id;
        int64_t row = emp && *emp ? employees_row(req->db, emp) : 0;
        if (row <= 0)
            return _("the number of an employee in groeipad");
        if (role == ROLE_MANAGER && row != req->user.employee_row &&
            !employees_in_team(req->db, req->user.employee_row, row))
            return _("someone of your team");
        n->employee_id = emp;
    }
    if (n->scope == SCOPE_FUNCTION) {
        if (!fn || !*fn)
            return _("a function");
        n->function = fn;
    }
    if (n->scope == SCOPE_DEPARTMENT) {
        if (!dept || !*dept)
            return _("a department");
        n->department = dept;
    }
    if (n->competence) {
        competence c;
        if (competences_get(req->db, req->a, n->competence, &c) != STORE_ROW)
            return _("the code of a competence of the catalogue");
    }
    return NULL;
}

void page_needs_post(request *req, response *resp)
{
    training_need n;
    const char *problem = need_from_form(req, &n);
    if (problem) {
        resp->status = 422;
        needs_page(req, resp, problem, true);
        return;
    }
    int64_t id;
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = needs_add(req->db, req->user.login, req->user.role, &n, &id);
    rc = store_end(req->db, rc);
    if (rc == STORE_CONSTRAINT) {
        resp->status = 422;
        needs_page(req, resp, _("a function and a department of the organisation"), true);
    } else if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
    } else {
        response_redirect(req, resp, "/needs");
    }
}

void page_need_status(request *req, response *resp)
{
    long long id;
    training_need n;
    if (!number_parse(req->arg, 1, INT64_MAX, &id) ||
        needs_get(req->db, req->a, id, &n) != STORE_ROW) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    const char *status = request_form(req, "status"), *reason = request_form(req, "reason");
    const char *initiative = request_form(req, "initiative");
    int to = status ? vocab_find(&vocab_need_status, status, strlen(status)) : -1;
    long long init = 0;
    if (initiative && *initiative && !number_parse(initiative, 0, INT64_MAX, &init))
        init = -1;
    const char *problem = NULL;
    if (to < 0 || (to != n.status && !need_status_allowed(n.status, to)))
        problem = _("a status the need can move to");
    else if (to == NEED_DECLINED && (!reason || !*reason))
        problem = _("a reason when a need is declined");
    else if (init < 0)
        problem = _("an initiative of the plan");
    if (problem) {
        resp->status = 422;
        needs_page(req, resp, problem, false);
        return;
    }
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = needs_set_status(req->db, req->user.login, id, to, reason, init);
    rc = store_end(req->db, rc);
    if (rc != STORE_OK)
        respond_error(req, resp, rc == STORE_CONSTRAINT ? 422 : 500, NULL);
    else
        response_redirect(req, resp, "/needs");
}

/* ---- the annual plan: the open needs per department ---- */

/* For whom a need is, as the plan (read by the works council) may say it:
 * never a person's name. */
static const char *need_for_plan(request *req, const training_need *n)
{
    if (n->scope == SCOPE_PERSON)
        return _("one employee");
    if (n->scope == SCOPE_TEAM)
        return _("one team");
    return need_for(req, n);
}

/* The open needs as the works council may read them in the plan (RULES.md
 * §4, need_listed_on_plan): into *LIST (*N) those of groups large enough to
 * be listed, and into *OTHERS how many are only counted. HR (ALL) keeps
 * every need on its own line. STORE_OK. */
static int plan_needs(request *req, bool all, training_need **list, size_t *n, size_t *others)
{
    need_query q = {NEED_OPEN, NULL, 0, 0, NULL};
    rule_settings rs;
    *others = 0;
    if (needs_list(req->db, req->a, &q, list, n) != STORE_OK ||
        (!all && rule_settings_load(req->db, &rs) != STORE_OK))
        return STORE_ERROR;
    if (all)
        return STORE_OK;
    date_t today = date_today();
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        int64_t people = 0;
        if ((*list)[i].scope != SCOPE_PERSON &&
            needs_people(req->db, (*list)[i].id, today, &people) != STORE_OK)
            return STORE_ERROR;
        if (need_listed_on_plan((*list)[i].scope, people, rs.min_group))
            (*list)[kept++] = (*list)[i];
        else
            (*others)++;
    }
    *n = kept;
    return STORE_OK;
}

/* Appends to OUT the line that counts the OTHERS needs not listed one by
 * one, as HTML (AS_HTML) or as plain text. */
static void others_line(request *req, str *out, size_t others, bool as_html)
{
    rule_settings rs;
    int min_group = rule_settings_load(req->db, &rs) == STORE_OK ? rs.min_group : POLICY_MIN_GROUP;
    const char *fmt = P_("%zu other need of a group of fewer than %d people is not listed on its "
                         "own.",
                         "%zu other needs of groups of fewer than %d people are not listed one by "
                         "one.",
                         others);
    if (as_html)
        html_printf(out, fmt, others, min_group);
    else
        str_printf(out, fmt, others, min_group);
}

void plan_needs_section(request *req, response *resp)
{
    training_need *list;
    size_t n, others;
    if (plan_needs(req, req->user.role == ROLE_ADMIN, &list, &n, &others) != STORE_OK ||
        n + others == 0)
        return;
    html_printf(&resp->body, "<section><h2>%s</h2><p><a href=\"/needs\">%s</a> · "
                             "<a href=\"/gaps/organisation\">%s</a></p><ul>",
                _("Open training needs"), _("Training needs"),
                _("Present and needed competences per department"));
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<li>%s — %s (%s)</li>", list[i].title,
                    need_for_plan(req, &list[i]), _(vocab_name(&vocab_priority, list[i].priority)));
    if (others) {
        html_raw(&resp->body, "<li>");
        others_line(req, &resp->body, others, true);
        html_raw(&resp->body, "</li>");
    }
    html_raw(&resp->body, "</ul>");
    long long year;
    plan p;
    if (req->user.role == ROLE_ADMIN && req->arg && number_parse(req->arg, 1990, 2199, &year) &&
        plans_get(req->db, req->a, (int)year, &p) == STORE_ROW && p.state <= PLAN_SUBMITTED) {
        char action[48];
        snprintf(action, sizeof action, "/plans/%lld/needs", year);
        form_open(req, resp, "action=\"%s\" class=\"inline\"", action);
        html_printf(&resp->body, "<button class=\"secondary\">%s</button></form>",
                    _("Add these needs to the text on new needs"));
    }
    html_raw(&resp->body, "</section>");
}

void page_plan_needs_text(request *req, response *resp)
{
    long long year;
    plan p;
    training_need *list;
    size_t n, others;
    if (!number_parse(req->arg, 1990, 2199, &year) ||
        plans_get(req->db, req->a, (int)year, &p) != STORE_ROW) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    /* the text is the plan's, which the council reads: listed as it may */
    if (plan_needs(req, false, &list, &n, &others) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    char back[32];
    snprintf(back, sizeof back, "/plans/%lld", year);
    if (p.state > PLAN_SUBMITTED) { /* an advised or adopted plan keeps its texts */
        response_redirect(req, resp, arena_strdup(req->a, back));
        return;
    }
    /* The register's open needs, appended to what the text already says. */
    str text = STR_INIT;
    if (p.new_needs && *p.new_needs)
        str_printf(&text, "%s\n", p.new_needs);
    str_printf(&text, "%s\n", _("Open needs in the register:"));
    for (size_t i = 0; i < n; i++)
        str_printf(&text, "- %s (%s; %s)\n", list[i].title, need_for_plan(req, &list[i]),
                   _(vocab_name(&vocab_priority, list[i].priority)));
    if (others) {
        str_puts(&text, "- ");
        others_line(req, &text, others, false);
        str_putc(&text, '\n');
    }
    p.new_needs = str_ok(&text) ? arena_strdup(req->a, text.p) : NULL;
    str_free(&text);
    int rc = p.new_needs ? store_begin(req->db) : STORE_ERROR;
    if (rc == STORE_OK)
        rc = plans_save_texts(req->db, req->user.login, &p);
    rc = p.new_needs ? store_end(req->db, rc) : rc;
    if (rc != STORE_OK)
        respond_error(req, resp, 500, NULL);
    else
        response_redirect(req, resp, arena_strdup(req->a, back));
}

/* ---- development plans ---- */

static bool may_see_person(request *req, int64_t row)
{
    if (req->user.role == ROLE_ADMIN || row == req->user.employee_row)
        return true;
    return req->user.role == ROLE_MANAGER && req->user.employee_row > 0 &&
           employees_in_team(req->db, req->user.employee_row, row);
}

/* Keeps the plan: HR, or the person's manager (not one's own). */
static bool may_keep(request *req, int64_t row)
{
    return req->user.role == ROLE_ADMIN ||
           (req->user.role == ROLE_MANAGER && row != req->user.employee_row &&
            employees_in_team(req->db, req->user.employee_row, row));
}

/* The conversation's form and, with a plan, the form of a goal or action;
 * PROBLEM (or NULL) is the sentence the one refused was refused for (its
 * "what"), shown again in it with what was typed. */
static void plan_forms(request *req, response *resp, const employee *e, const dev_plan *p,
                       bool has_plan, int year, const char *problem)
{
    /* after a refusal, the refused form shows what was typed */
    const char *what = problem ? request_form(req, "what") : NULL;
    bool conversation = what && strcmp(what, "conversation") == 0;
    bool item = what && strcmp(what, "item") == 0;
    const char *action = path_of(req, "/employees/", e->employee_id, "/development");
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    html_printf(&resp->body, "<h2>%s</h2>", _("The development conversation"));
    form_open(req, resp, "action=\"%s\" class=\"narrow\" id=\"dev-conversation\"", action);
    form_refused_note(resp, conversation ? problem : NULL);
    html_printf(&resp->body, "<input type=\"hidden\" name=\"year\" value=\"%s\">"
                             "<input type=\"hidden\" name=\"what\" value=\"conversation\">"
                             "<label for=\"d-on\">%s</label><input id=\"d-on\" "
                             "name=\"conversation_on\" value=\"%s\">"
                             "<label for=\"d-with\">%s</label><input id=\"d-with\" "
                             "name=\"conversation_with\" value=\"%s\">"
                             "<label for=\"d-notes\">%s</label><textarea id=\"d-notes\" "
                             "name=\"notes\" rows=\"3\">%s</textarea><button>%s</button></form>",
                y, _("Date"),
                conversation ? form_again(req, true, "conversation_on")
                : has_plan && p->conversation_on != DATE_NONE ? show_date(req, p->conversation_on)
                                                              : "",
                _("With"),
                conversation ? form_again(req, true, "conversation_with")
                : has_plan && p->conversation_with ? p->conversation_with
                : req->user.employee_id            ? req->user.employee_id
                                                   : "",
                _("Notes (the employee sees them)"),
                conversation             ? form_again(req, true, "notes")
                : has_plan && p->notes ? p->notes
                                       : "",
                _("Save"));
    if (!has_plan)
        return;
    competence *comps;
    size_t ncomps = 0;
    activity *acts;
    size_t nacts = 0;
    competences_list(req->db, req->a, &comps, &ncomps);
    activities_list(req->db, req->a, &acts, &nacts);
    html_printf(&resp->body, "<h2>%s</h2>", _("Add a goal or an action"));
    form_open(req, resp, "action=\"%s\" class=\"narrow\" id=\"dev-item\"", action);
    form_refused_note(resp, item ? problem : NULL);
    html_printf(&resp->body, "<input type=\"hidden\" name=\"year\" value=\"%s\">"
                             "<input type=\"hidden\" name=\"what\" value=\"item\">"
                             "<label for=\"i-kind\">%s</label><select id=\"i-kind\" name=\"kind\">"
                             "<option value=\"goal\">%s</option><option value=\"action\"%s>%s"
                             "</option></select><label for=\"i-text\">%s</label>"
                             "<input id=\"i-text\" name=\"text\" required maxlength=\"300\" "
                             "value=\"%s\"><label for=\"i-comp\">%s</label><select id=\"i-comp\" "
                             "name=\"competence_code\"><option value=\"\">—</option>",
                y, _("Kind"), _("Goal"), chosen(req, item, "kind", "action"), _("Action"),
                _("Description"), form_again(req, item, "text"), _("Competence"));
    for (size_t i = 0; i < ncomps; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", comps[i].code,
                    chosen(req, item, "competence_code", comps[i].code), comps[i].name);
    need_query nq = {-1, NULL, 0, e->id, NULL};
    training_need *needs = NULL;
    size_t nneeds = 0;
    needs_list(req->db, req->a, &nq, &needs, &nneeds);
    html_printf(&resp->body, "</select><label for=\"i-need\">%s</label><select id=\"i-need\" "
                             "name=\"need\"><option value=\"0\">—</option>",
                _("The need it meets"));
    for (size_t i = 0; i < nneeds; i++)
        html_printf(&resp->body, "<option value=\"%lld\">%s</option>", (long long)needs[i].id,
                    needs[i].title);
    html_printf(&resp->body, "</select><label for=\"i-act\">%s</label><select id=\"i-act\" "
                             "name=\"activity_code\"><option value=\"\">—</option>",
                _("Activity from the catalogue"));
    for (size_t i = 0; i < nacts; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", acts[i].code,
                    chosen(req, item, "activity_code", acts[i].code), acts[i].title);
    html_printf(&resp->body, "</select><label for=\"i-form\">%s</label><select id=\"i-form\" "
                             "name=\"form\"><option value=\"\">—</option>",
                _("Or a form of workplace learning"));
    for (int f = 0; f < vocab_form.count; f++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_form.names[f],
                    chosen(req, item, "form", vocab_form.names[f]), show_code(&vocab_form, f));
    html_printf(&resp->body, "</select><label for=\"i-date\">%s</label><input id=\"i-date\" "
                             "name=\"target_date\" value=\"%s\"><button>%s</button></form>",
                _("Target date"), form_again(req, item, "target_date"), _("Add"));
}

static void development_page(request *req, response *resp, const employee *e, int year,
                             const char *problem)
{
    dev_plan p;
    int rc = dev_plan_get(req->db, req->a, e->id, year, &p);
    dev_item *items = NULL;
    size_t nitems = 0;
    if (rc == STORE_ROW && dev_items_list(req->db, req->a, p.id, e->id, year, &items,
                                          &nitems) != STORE_OK)
        rc = STORE_ERROR;
    if (rc == STORE_ERROR) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    bool has_plan = rc == STORE_ROW;
    str title = STR_INIT;
    str_printf(&title, "%s %s %s %d", _("Development plan of"), e->first_name, e->last_name,
               year);
    page_begin(req, resp, str_ok(&title) ? title.p : _("Development plan"));
    str_free(&title);
    /* the refused form, when it is on the page: a link down to it */
    const char *what = problem ? request_form(req, "what") : NULL;
    const char *anchor = !what                                   ? NULL
                         : strcmp(what, "conversation") == 0     ? "dev-conversation"
                         : strcmp(what, "item") == 0 && has_plan ? "dev-item"
                                                                 : NULL;
    problem = problem ? expected(req, problem) : NULL;
    if (problem)
        form_refused(resp, problem, may_keep(req, e->id) ? anchor : NULL);
    year_form(req, resp, path_of(req, "/employees/", e->employee_id, "/development"), year);
    html_printf(&resp->body, "<p><a href=\"%s\">%s</a></p>",
                path_of(req, "/employees/", e->employee_id, "/competences"),
                _("Competences and assessments"));
    if (!has_plan) {
        html_printf(&resp->body, "<p>%s</p>", _("There is no development plan for this year yet."));
    } else {
        html_printf(&resp->body, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                                 "<dd translate=\"no\">%s</dd><dt>%s</dt><dd class=\"prose\">%s"
                                 "</dd><dt>%s</dt><dd class=\"prose\">%s</dd></dl>",
                    _("Development conversation"),
                    p.conversation_on != DATE_NONE ? show_date(req, p.conversation_on) : "—",
                    _("With"), p.conversation_with ? show_person(req, p.conversation_with) : "—",
                    _("Notes"), p.notes ? p.notes : "—", _("Comment of the employee"),
                    p.employee_comment ? p.employee_comment : "—");
        html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Goals and actions"), _("Kind"), _("Description"), _("Competence"),
                    _("Target date"), _("Progress"));
        competence *comps = NULL;
        size_t ncomps = 0;
        if (competences_list(req->db, req->a, &comps, &ncomps) != STORE_OK)
            ncomps = 0; /* the codes, then */
        for (size_t i = 0; i < nitems; i++) {
            const dev_item *it = &items[i];
            const char *progress = it->kind == ITEM_GOAL
                                       ? "—"
                                       : _(vocab_name(&vocab_dev_progress,
                                                      dev_item_progress(it)));
            html_printf(&resp->body, "<tr><td>%s</td><td>%s", it->kind == ITEM_GOAL
                                                                   ? _("Goal") : _("Action"),
                        it->text);
            if (it->form >= 0)
                html_printf(&resp->body, " (%s)", show_code(&vocab_form, it->form));
            html_printf(&resp->body, "</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                        competence_named(comps, ncomps, it->competence),
                        it->target_date != DATE_NONE ? show_date(req, it->target_date) : "—",
                        progress);
        }
        html_raw(&resp->body, "</tbody></table></div>");
        html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                    _("An action is done when the learning record holds its activity, "
                      "completed, in the plan's year."));
    }
    if (may_keep(req, e->id)) {
        plan_forms(req, resp, e, &p, has_plan, year, problem);
    } else if (has_plan && e->id == req->user.employee_row) {
        char y[16];
        snprintf(y, sizeof y, "%d", year);
        html_printf(&resp->body, "<h2>%s</h2>", _("Your comment"));
        form_open(req, resp, "action=\"%s\" class=\"narrow\"",
                  path_of(req, "/employees/", e->employee_id, "/development"));
        html_printf(&resp->body, "<input type=\"hidden\" name=\"year\" value=\"%s\">"
                                 "<input type=\"hidden\" name=\"what\" value=\"comment\">"
                                 "<label for=\"d-comment\">%s</label><textarea id=\"d-comment\" "
                                 "name=\"comment\" rows=\"3\">%s</textarea><button>%s</button>"
                                 "</form>",
                    y, _("What you think of the plan"), p.employee_comment ? p.employee_comment : "", _("Save"));
    }
    page_end(req, resp);
}

static bool path_person(request *req, response *resp, employee *e)
{
    int rc = employees_get(req->db, req->a, req->arg, e);
    if (rc == STORE_ERROR) {
        respond_error(req, resp, 500, NULL);
        return false;
    }
    if (rc != STORE_ROW || !may_see_person(req, e->id)) {
        respond_error(req, resp, rc == STORE_ROW ? 403 : 404, NULL);
        return false;
    }
    return true;
}

/* A date field of the form: DATE_NONE when empty; false when unreadable. */
static bool form_date(request *req, const char *name, date_t *out)
{
    const char *v = request_form(req, name);
    *out = DATE_NONE;
    return !v || !*v || date_read(v, strlen(v), out) == DATE_READ_OK;
}

/* Saves what the development page's form WHAT sends; NULL, or what is wrong. */
static const char *save_development(request *req, const employee *e, int year, int *rc)
{
    const char *what = request_form(req, "what");
    *rc = STORE_OK;
    bool keeper = may_keep(req, e->id);
    dev_plan p = {0, NULL, NULL, year, DATE_NONE, NULL, NULL, NULL};
    if (what && strcmp(what, "comment") == 0 && e->id == req->user.employee_row) {
        if (dev_plan_get(req->db, req->a, e->id, year, &p) != STORE_ROW)
            return _("a development plan of this year");
        *rc = store_begin(req->db);
        if (*rc == STORE_OK)
            *rc = dev_plan_comment(req->db, req->user.login, p.id, request_form(req, "comment"));
        *rc = store_end(req->db, *rc);
        return NULL;
    }
    if (!keeper) {
        *rc = STORE_CONSTRAINT;
        return NULL;
    }
    if (what && strcmp(what, "conversation") == 0) {
        if (!form_date(req, "conversation_on", &p.conversation_on))
            return date_expected(DATE_READ_SYNTAX);
        p.conversation_with = request_form(req, "conversation_with");
        p.notes = request_form(req, "notes");
        int64_t id;
        *rc = store_begin(req->db);
        if (*rc == STORE_OK)
            *rc = dev_plan_save(req->db, req->user.login, e->id, &p, &id);
        *rc = store_end(req->db, *rc);
        return NULL;
    }
    if (dev_plan_get(req->db, req->a, e->id, year, &p) != STORE_ROW)
        return _("a development plan of this year");
    const char *kind = request_form(req, "kind"), *form = request_form(req, "form");
    const char *code = request_form(req, "competence_code");
    const char *act = request_form(req, "activity_code");
    dev_item it = {0, kind && strcmp(kind, "goal") == 0 ? ITEM_GOAL : ITEM_ACTION,
                   request_form(req, "text"), code && *code ? code : NULL, 0,
                   act && *act ? act : NULL, -1, DATE_NONE, -1, DATE_NONE};
    if (!it.text || !*it.text || strlen(it.text) > 300)
        return _("a description");
    if (form && *form && (it.form = vocab_find(&vocab_form, form, strlen(form))) < 0)
        return _("a form of learning");
    if (!form_date(req, "target_date", &it.target_date))
        return date_expected(DATE_READ_SYNTAX);
    const char *need = request_form(req, "need");
    long long need_id = 0;
    training_need tn;
    if (need && *need && (!number_parse(need, 0, INT64_MAX, &need_id) ||
                          (need_id && (needs_get(req->db, req->a, need_id, &tn) != STORE_ROW ||
                                       !tn.employee_id ||
                                       strcmp(tn.employee_id, e->employee_id) != 0))))
        return _("a need of this employee");
    it.need_id = need_id;
    competence c;
    if (it.competence && competences_get(req->db, req->a, it.competence, &c) != STORE_ROW)
        return _("the code of a competence of the catalogue");
    int type;
    if (it.activity_code && activities_row(req->db, it.activity_code, &type) <= 0)
        return _("the code of an activity in the catalogue");
    *rc = store_begin(req->db);
    if (*rc == STORE_OK)
        *rc = dev_item_add(req->db, req->user.login, p.id, &it);
    *rc = store_end(req->db, *rc);
    return NULL;
}

void page_development(request *req, response *resp)
{
    employee e;
    if (!path_person(req, resp, &e))
        return;
    bool posted = strcmp(req->method, "POST") == 0;
    const char *y = posted ? request_form(req, "year") : request_query(req, "year");
    long long year = date_year(date_today());
    if (y && !number_parse(y, 1990, 2199, &year))
        year = date_year(date_today());
    if (!posted) {
        development_page(req, resp, &e, (int)year, NULL);
        return;
    }
    int rc;
    const char *problem = save_development(req, &e, (int)year, &rc);
    if (problem) {
        resp->status = 422;
        development_page(req, resp, &e, (int)year, problem);
    } else if (rc == STORE_CONSTRAINT) {
        respond_error(req, resp, 403, NULL);
    } else if (rc != STORE_OK) {
        respond_error(req, resp, 500, NULL);
    } else {
        str to = STR_INIT;
        str_printf(&to, "%s?year=%lld", path_of(req, "/employees/", e.employee_id,
                                                "/development"), year);
        const char *loc = str_ok(&to) ? arena_strdup(req->a, to.p) : "/";
        str_free(&to);
        response_redirect(req, resp, loc ? loc : "/");
    }
}

void page_my_development(request *req, response *resp)
{
    if (!req->user.employee_id) {
        page_begin(req, resp, _("My development plan"));
        html_printf(&resp->body, "<p>%s</p>",
                    _("Your account is not linked to an employee, so there is no development "
                      "plan to show."));
        page_end(req, resp);
        return;
    }
    response_redirect(req, resp, path_of(req, "/employees/", req->user.employee_id,
                                         "/development"));
}
