/* page_plan.c - /plans: the annual training plan, drafted by HR, consulted
 * with the works council (rule 6), adopted and evaluated; representatives see
 * it once submitted, give their advice and comment. */
#include "web/pages.h"
#include "app/plan_view.h"
#include "web/plan_package.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <stdlib.h>
#include <string.h>

/* The date in form field NAME into *d (DATE_NONE when empty); false when
 * the field holds something that is not a date. */
static bool form_date(request *req, const char *name, date_t *d)
{
    const char *v = request_form(req, name);
    *d = DATE_NONE;
    return !v || !*v || date_parse(v, strlen(v), d);
}

/* A scaled decimal from form field NAME (empty: 0); false when not a number. */
static bool form_number(request *req, const char *name, int scale, int64_t *out)
{
    const char *v = request_form(req, name);
    *out = 0;
    return !v || !*v || (decimal_parse(v, strlen(v), scale, out) == DECIMAL_OK && *out >= 0);
}

static const char *text_or_empty(const char *s)
{
    return s ? s : "";
}

static const char *plan_href(request *req, int year, const char *rest)
{
    str s = STR_INIT;
    str_printf(&s, "/plans/%d%s", year, rest);
    const char *href = str_ok(&s) ? arena_strdup(req->a, s.p) : "/plans";
    str_free(&s);
    return href;
}

/* Representatives see a plan only once it went to the consulted body. */
static bool visible_to(request *req, const plan *p)
{
    return req->user.role == ROLE_ADMIN || p->state >= PLAN_SUBMITTED;
}

void page_plans(request *req, response *resp)
{
    int *years;
    size_t n;
    if (plans_years(req->db, req->a, &years, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    page_begin(req, resp, _("Training plans"));
    html_printf(&resp->body, "<p>%s</p><ul>",
                _("Employers with 20 FTE or more adopt a training plan every year by 31 March, "
                  "after asking the works council (or the union delegation, or the employees) "
                  "for advice."));
    for (size_t i = 0; i < n; i++) {
        plan p;
        if (plans_get(req->db, req->a, years[i], &p) != STORE_ROW || !visible_to(req, &p))
            continue;
        html_printf(&resp->body, "<li><a href=\"%s\">%d</a> · %s</li>",
                    plan_href(req, years[i], ""), years[i],
                    _(vocab_name(&vocab_plan_state, p.state)));
    }
    html_raw(&resp->body, "</ul>");
    if (req->user.role == ROLE_ADMIN) {
        int next = date_year(date_today()) + 1;
        html_printf(&resp->body, "<h2>%s</h2>", _("A new plan"));
        form_open(req, resp, "action=\"/plans\" class=\"narrow\"");
        html_printf(&resp->body, "<label for=\"year\">%s</label><input id=\"year\" name=\"year\" "
                                 "type=\"number\" min=\"2000\" max=\"2199\" value=\"%d\" required>"
                                 "<label><input type=\"checkbox\" name=\"copy\" value=\"yes\" "
                                 "checked> %s</label><button>%s</button></form>",
                    _("Year"), next, _("Start from last year's plan"), _("Create"));
    }
    page_end(req, resp);
}

void page_plans_post(request *req, response *resp)
{
    const char *y = request_form(req, "year");
    int year = y ? atoi(y) : 0;
    if (year < 2000 || year > 2199) {
        respond_error(req, resp, 400, _("That is not a year."));
        return;
    }
    bool copy = request_form(req, "copy") != NULL;
    if (store_begin(req->db) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    int rc = copy ? plans_copy(req->db, req->user.login, year - 1, year) : STORE_DONE;
    if (rc == STORE_DONE) /* nothing to copy: start empty */
        rc = plans_create(req->db, req->user.login, year);
    if (rc != STORE_OK || store_commit(req->db) != STORE_OK) {
        store_rollback(req->db);
        respond_error(req, resp, rc == STORE_CONSTRAINT ? 409 : 500,
                      rc == STORE_CONSTRAINT ? _("There is a plan for that year already.") : NULL);
        return;
    }
    response_redirect(req, resp, plan_href(req, year, ""));
}

/* Loads the plan of the :year argument for the caller, without the figures
 * around it (what the forms need); false when already answered. */
static bool load_plan(request *req, response *resp, plan *p)
{
    int year = atoi(req->arg);
    int rc = year ? plans_get(req->db, req->a, year, p) : STORE_DONE;
    if (rc != STORE_ROW || !visible_to(req, p)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404,
                      rc == STORE_ROW ? _("This plan has not been submitted for advice yet.")
                                      : NULL);
        return false;
    }
    return true;
}

/* Starts the transaction of a form's change; false when already answered. */
static bool begin(request *req, response *resp)
{
    if (store_begin(req->db) == STORE_OK)
        return true;
    respond_error(req, resp, 500, NULL);
    return false;
}

/* Loads the plan of the :year argument with everything shown beside it
 * (the plan_view); false when already answered. */
static bool load(request *req, response *resp, plan_view *v)
{
    int year = atoi(req->arg);
    int rc = year ? plan_view_load(req->db, req->a, year, v) : STORE_DONE;
    if (rc != STORE_ROW || !visible_to(req, &v->p)) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404,
                      rc == STORE_ROW ? _("This plan has not been submitted for advice yet.")
                                      : NULL);
        return false;
    }
    return true;
}

static void texts_section(request *req, response *resp, const plan_view *v)
{
    static const char *const fields[] = {"goal", "context", "needs_method", "new_needs",
                                         "choices", "mandatory"};
    const char *labels[] = {_("Goal"), _("Context and challenges"),
                            _("Who made the plan and how the needs were found"),
                            _("New needs and what changed since last year"),
                            _("Choices made for budget and time"), _("What the law makes mandatory")};
    const char *values[] = {v->p.goal, v->p.context, v->p.needs_method, v->p.new_needs,
                            v->p.choices, v->p.mandatory};
    html_printf(&resp->body, "<section><h2>%s</h2>", _("The plan"));
    bool edit = req->user.role == ROLE_ADMIN && v->p.state <= PLAN_SUBMITTED;
    if (edit) {
        form_open(req, resp, "action=\"%s\" class=\"wide\"", plan_href(req, v->p.year, "/texts"));
    }
    for (size_t i = 0; i < 6; i++) {
        if (edit)
            html_printf(&resp->body, "<label for=\"%s\">%s</label><textarea id=\"%s\" "
                                     "name=\"%s\" rows=\"3\">%s</textarea>",
                        fields[i], labels[i], fields[i], fields[i], text_or_empty(values[i]));
        else
            html_printf(&resp->body, "<h3>%s</h3><p class=\"prose\">%s</p>", labels[i],
                        values[i] && *values[i] ? values[i] : "—");
    }
    if (edit)
        html_printf(&resp->body, "<button>%s</button></form>", _("Save"));
    html_raw(&resp->body, "</section>");
}

static void plan_initiatives_table(request *req, response *resp, const plan_view *v, bool actions)
{
    html_printf(&resp->body,
                "<div class=\"scroll\"><table><caption>%s</caption><thead><tr>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
                "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">"
                "%s</th><th scope=\"col\" class=\"num\">%s</th>",
                _("Initiatives"), _("Initiative"), _("Activity or form"), _("Type"),
                _("Target group"), _("Department"), _("Participants"), _("Hours each"),
                _("When, by whom"), _("Cost (euro)"));
    html_raw(&resp->body, actions ? "<th scope=\"col\"></th></tr></thead><tbody>"
                                  : "</tr></thead><tbody>");
    for (size_t i = 0; i < v->nitems; i++) {
        const plan_initiative *x = &v->items[i];
        str groups = STR_INIT;
        for (int g = 0; g < ATTENTION_COUNT; g++)
            if (x->attention & (1u << g))
                str_printf(&groups, "%s%s", groups.len ? ", " : "", _(vocab_attention.names[g]));
        html_printf(&resp->body, "<tr><th scope=\"row\">%s%s</th><td>%s</td><td>%s</td>"
                                 "<td>%s%s%s%s</td><td>%s</td><td class=\"num\">%lld</td>"
                                 "<td class=\"num\">%s</td><td>%s, %s</td><td class=\"num\">%s</td>",
                    x->title, x->mandatory ? " *" : "",
                    x->activity_code ? x->activity_code
                    : x->form >= 0 ? _(vocab_name(&vocab_form, x->form)) : "—",
                    x->type >= 0 ? _(vocab_name(&vocab_type, x->type)) : "—",
                    text_or_empty(x->target_group), groups.len ? " (" : "", str_cstr(&groups),
                    groups.len ? ")" : "", x->department ? x->department : _("everyone"),
                    (long long)x->participants, show_decimal(req, x->hours, 2, 2),
                    x->working_time < 0 ? "?" : x->working_time ? _("during working time")
                                                                : _("outside working time"),
                    x->internal < 0 ? "?" : x->internal ? _("internal") : _("external"),
                    show_decimal(req, x->cost, 2, 2));
        str_free(&groups);
        if (actions) {
            html_printf(&resp->body, "<td>");
            form_open(req, resp, "action=\"%s\"", plan_href(req, v->p.year, "/initiative"));
            html_printf(&resp->body, "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
                                     "<button name=\"action\" value=\"delete\">%s</button>"
                                     "</form></td>",
                        (long long)x->id, _("Remove"));
        }
        html_raw(&resp->body, "</tr>");
    }
    if (v->nitems == 0)
        html_printf(&resp->body, "<tr><td colspan=\"9\">%s</td></tr>", _("Nothing yet."));
    html_printf(&resp->body, "</tbody></table></div><p>* %s</p>", _("mandatory"));
}

static void initiative_form(request *req, response *resp, const plan_view *v)
{
    activity *acts;
    size_t nacts;
    group_count *depts;
    size_t nd;
    if (activities_list(req->db, req->a, &acts, &nacts) != STORE_OK)
        nacts = 0;
    if (departments_headcount(req->db, req->a, date_today(), &depts, &nd) != STORE_OK)
        nd = 0;
    html_printf(&resp->body, "<details><summary>%s</summary>", _("Add an initiative"));
    form_open(req, resp, "action=\"%s\" class=\"narrow\"",
              plan_href(req, v->p.year, "/initiative"));
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"add\">"
                             "<label for=\"i-title\">%s</label><input id=\"i-title\" name=\"title\" "
                             "required><label for=\"i-act\">%s</label><select id=\"i-act\" "
                             "name=\"activity_code\"><option value=\"\">—</option>",
                _("Initiative"), _("Activity from the catalogue"));
    for (size_t i = 0; i < nacts; i++)
        html_printf(&resp->body, "<option value=\"%s\">%s</option>", acts[i].code, acts[i].title);
    html_printf(&resp->body, "</select><label for=\"i-form\">%s</label><select id=\"i-form\" "
                             "name=\"form\"><option value=\"\">—</option>", _("or a form of learning"));
    for (int i = 0; i < vocab_form.count; i++)
        html_printf(&resp->body, "<option value=\"%s\">%s</option>", vocab_form.names[i],
                    _(vocab_form.names[i]));
    html_printf(&resp->body, "</select><label for=\"i-type\">%s</label><select id=\"i-type\" "
                             "name=\"type\"><option value=\"formal\">%s</option><option "
                             "value=\"informal\">%s</option></select><label for=\"i-target\">%s"
                             "</label><input id=\"i-target\" name=\"target_group\" required>"
                             "<fieldset><legend>%s</legend>",
                _("Type"), _("formal"), _("informal"), _("Target group"),
                _("Legal attention groups it serves"));
    for (int g = 0; g < ATTENTION_COUNT; g++)
        html_printf(&resp->body, "<label><input type=\"checkbox\" name=\"attention_%s\" "
                                 "value=\"yes\"> %s</label>",
                    vocab_attention.names[g], _(vocab_attention.names[g]));
    html_printf(&resp->body, "</fieldset><label for=\"i-dept\">%s</label><select id=\"i-dept\" "
                             "name=\"department\"><option value=\"\">%s</option>",
                _("Department"), _("everyone"));
    for (size_t i = 0; i < nd; i++)
        html_printf(&resp->body, "<option>%s</option>", depts[i].name);
    html_printf(&resp->body,
                "</select><label for=\"i-part\">%s</label><input id=\"i-part\" "
                "name=\"participants\" type=\"number\" min=\"1\" required><label for=\"i-hours\">"
                "%s</label><input id=\"i-hours\" name=\"hours\" inputmode=\"decimal\" required>"
                "<label for=\"i-wt\">%s</label><select id=\"i-wt\" name=\"working_time\">"
                "<option value=\"yes\">%s</option><option value=\"no\">%s</option></select>"
                "<label for=\"i-int\">%s</label><select id=\"i-int\" name=\"internal\">"
                "<option value=\"yes\">%s</option><option value=\"no\">%s</option></select>"
                "<label for=\"i-cost\">%s</label><input id=\"i-cost\" name=\"cost\" "
                "inputmode=\"decimal\"><label><input type=\"checkbox\" name=\"mandatory\" "
                "value=\"yes\"> %s</label><button>%s</button></form></details>",
                _("Planned participants"), _("Hours per participant"), _("When"),
                _("during working time"), _("outside working time"), _("By whom"), _("internal"),
                _("external"), _("Cost (euro)"), _("legally mandatory"), _("Add"));
}

static void budget_section(request *req, response *resp, const plan_view *v)
{
    html_printf(&resp->body, "<section><h2>%s</h2><p>%s</p><div class=\"scroll\"><table><thead>"
                             "<tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th></tr></thead><tbody>",
                _("Budget per department"),
                _("Spent: the costs in the learning record of the year, net of subsidies."),
                _("Department"), _("Planned"), _("Committed"), _("Spent"));
    int64_t tp = 0, tc = 0, ts = 0;
    for (size_t i = 0; i < v->nbudgets; i++) {
        const plan_budget *b = &v->budgets[i];
        if (!b->planned && !b->committed && !b->spent)
            continue;
        tp += b->planned;
        tc += b->committed;
        ts += b->spent;
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
                    b->department, show_decimal(req, b->planned, 2, 2),
                    show_decimal(req, b->committed, 2, 2), show_decimal(req, b->spent, 2, 2));
    }
    html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
                             "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>"
                             "</tbody></table></div>",
                _("Total"), show_decimal(req, tp, 2, 2), show_decimal(req, tc, 2, 2),
                show_decimal(req, ts, 2, 2));
    if (req->user.role == ROLE_ADMIN) {
        form_open(req, resp, "action=\"%s\" class=\"filters\"",
                  plan_href(req, v->p.year, "/budget"));
        html_printf(&resp->body, "<label>%s <select name=\"department\">", _("Department"));
        for (size_t i = 0; i < v->nbudgets; i++)
            html_printf(&resp->body, "<option>%s</option>", v->budgets[i].department);
        html_printf(&resp->body, "</select></label><label>%s <input name=\"planned\" "
                                 "inputmode=\"decimal\" size=\"10\"></label><label>%s <input "
                                 "name=\"committed\" inputmode=\"decimal\" size=\"10\"></label>"
                                 "<button>%s</button></form>",
                    _("Planned"), _("Committed"), _("Save"));
    }
    html_raw(&resp->body, "</section>");
}

/* Writes into BUF the decimal text in the request's notation. */
static char *localized(request *req, char *buf)
{
    if (strcmp(req->lang, "en") != 0)
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
    return buf;
}

static void plan_effort_html(request *req, response *resp, const plan_view *v)
{
    char planned[48], per_fte[48], fte[48], target[48];
    fraction_format(v->planned_hours, v->settings.hours_per_day, 2, planned, sizeof planned);
    fraction_format((__int128)v->planned_hours * 120000,
                    v->fte_months ? (__int128)v->settings.hours_per_day * v->fte_months : 1, 2,
                    per_fte, sizeof per_fte);
    fraction_format(v->fte_months, 120000, 2, fte, sizeof fte);
    fraction_format(v->target_dpf, 100, 2, target, sizeof target);
    html_printf(&resp->body, "<ul class=\"cards\"><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li></ul>",
                localized(req, planned), _("planned training days"), localized(req, fte),
                _("FTE in the year"), localized(req, per_fte), _("planned days per FTE"),
                localized(req, target), _("days per FTE of the training right"));
}

static void consultation_section(request *req, response *resp, const plan_view *v)
{
    const plan *p = &v->p;
    html_printf(&resp->body, "<section><h2>%s</h2><dl class=\"facts\">", _("Consultation"));
    const struct { const char *label; date_t d; } steps[] = {
        {_("Submitted on"), p->submitted_on}, {_("Meeting on"), p->meeting_on},
        {_("Advice on"), p->advice_on}, {_("Adopted on"), p->adopted_on},
        {_("Evaluated on"), p->evaluated_on}};
    html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", _("State"),
                _(vocab_name(&vocab_plan_state, p->state)), _("Consulted body"),
                p->body >= 0 ? _(vocab_name(&vocab_plan_body, p->body)) : "—");
    for (size_t i = 0; i < 5; i++)
        html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd>", steps[i].label,
                    steps[i].d == DATE_NONE ? "—" : show_date(req, steps[i].d));
    html_printf(&resp->body, "<dt>%s</dt><dd>%s%s%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                _("Advice"), p->advice_kind >= 0 ? _(vocab_name(&vocab_plan_advice, p->advice_kind))
                                                 : "—",
                p->advice_text ? ": " : "", text_or_empty(p->advice_text), _("Employer's answer"),
                p->employer_answer ? p->employer_answer : "—");
    const char *action = plan_href(req, p->year, "/state");
    bool admin = req->user.role == ROLE_ADMIN;
    if (admin && p->state == PLAN_DRAFT) {
        form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
        html_printf(&resp->body, "<h3>%s</h3>", _("Submit for advice"));
        html_printf(&resp->body, "<input type=\"hidden\" name=\"to\" value=\"submitted\">"
                                 "<label for=\"body\">%s</label><select id=\"body\" name=\"body\">",
                    _("Consulted body"));
        for (int i = 0; i < vocab_plan_body.count; i++)
            html_printf(&resp->body, "<option value=\"%s\">%s</option>", vocab_plan_body.names[i],
                        _(vocab_plan_body.names[i]));
        html_printf(&resp->body, "</select><label for=\"submitted_on\">%s</label><input "
                                 "id=\"submitted_on\" name=\"submitted_on\" type=\"date\" required>"
                                 "<label for=\"meeting_on\">%s</label><input id=\"meeting_on\" "
                                 "name=\"meeting_on\" type=\"date\"><button>%s</button></form>",
                    _("Submitted on"), _("Meeting on"), _("Submit"));
    }
    if (p->state == PLAN_SUBMITTED && (admin || req->user.role == ROLE_REPRESENTATIVE)) {
        form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
        html_printf(&resp->body, "<h3>%s</h3>", _("Record the advice"));
        html_printf(&resp->body, "<input type=\"hidden\" name=\"to\" value=\"advised\">"
                                 "<label for=\"advice_on\">%s</label><input id=\"advice_on\" "
                                 "name=\"advice_on\" type=\"date\" required><label for=\"kind\">%s"
                                 "</label><select id=\"kind\" name=\"advice_kind\">",
                    _("Advice on"), _("Advice"));
        for (int i = 0; i < vocab_plan_advice.count; i++)
            html_printf(&resp->body, "<option value=\"%s\">%s</option>",
                        vocab_plan_advice.names[i], _(vocab_plan_advice.names[i]));
        html_printf(&resp->body, "</select><label for=\"advice_text\">%s</label><textarea "
                                 "id=\"advice_text\" name=\"advice_text\" rows=\"4\"></textarea>"
                                 "<button>%s</button></form>",
                    _("The advice"), _("Save the advice"));
    }
    if (admin && p->state == PLAN_SUBMITTED) {
        form_open(req, resp, "action=\"%s\"", action);
        html_printf(&resp->body, "<button name=\"to\" value=\"draft\">%s</button></form>",
                    _("Back to draft"));
    }
    if (admin && (p->state == PLAN_SUBMITTED || p->state == PLAN_ADVISED)) {
        form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
        html_printf(&resp->body, "<h3>%s</h3>", _("Adopt the plan"));
        html_printf(&resp->body, "<input type=\"hidden\" name=\"to\" value=\"adopted\">"
                                 "<label for=\"adopted_on\">%s</label><input id=\"adopted_on\" "
                                 "name=\"adopted_on\" type=\"date\" required><label "
                                 "for=\"employer_answer\">%s</label><textarea id=\"employer_answer\" "
                                 "name=\"employer_answer\" rows=\"3\"></textarea><button>%s</button>"
                                 "</form>",
                    _("Adopted on"), _("Employer's answer to the advice"), _("Adopt"));
    }
    if (p->state >= PLAN_ADOPTED)
        html_printf(&resp->body, "<p><a href=\"%s\">%s</a></p>",
                    plan_href(req, p->year, "/evaluation"), _("Evaluation of the year"));
    html_raw(&resp->body, "</section>");
}

static void comments_section(request *req, response *resp, const plan_view *v)
{
    html_printf(&resp->body, "<section><h2>%s</h2>", _("Comments"));
    for (size_t i = 0; i < v->ncomments; i++)
        html_printf(&resp->body, "<blockquote><p class=\"prose\">%s</p><footer>%s (%s), %s"
                                 "</footer></blockquote>",
                    v->comments[i].text, v->comments[i].author, _(v->comments[i].role),
                    v->comments[i].at);
    form_open(req, resp, "action=\"%s\" class=\"narrow\"", plan_href(req, v->p.year, "/comment"));
    html_printf(&resp->body, "<label for=\"comment\">%s</label><textarea id=\"comment\" "
                             "name=\"text\" rows=\"3\" required></textarea><button>%s</button>"
                             "</form></section>",
                _("Your comment"), _("Add"));
}

void page_plan(request *req, response *resp)
{
    plan_view v;
    if (!load(req, resp, &v))
        return;
    str title = STR_INIT;
    str_printf(&title, _("Training plan %d"), v.p.year);
    page_begin(req, resp, str_cstr(&title));
    str_free(&title);
    html_printf(&resp->body, "<p>%s: <strong>%s</strong> · <a href=\"%s\">%s</a></p>",
                _("State"), _(vocab_name(&vocab_plan_state, v.p.state)),
                plan_href(req, v.p.year, "/package"), _("Information package (print)"));
    if (!v.required)
        html_printf(&resp->body, "<p>%s</p>",
                    _("With fewer than 20 FTE a plan is not required by law, but it helps."));
    if (v.nwarnings) {
        html_printf(&resp->body, "<div class=\"warning\" role=\"status\"><h2>%s</h2><ul>",
                    _("Points of attention"));
        for (size_t i = 0; i < v.nwarnings; i++)
            html_printf(&resp->body, "<li>%s</li>", plan_warning_text(req->a, &v, &v.warnings[i]));
        html_raw(&resp->body, "</ul></div>");
    }
    plan_effort_html(req, resp, &v);
    texts_section(req, resp, &v);
    html_printf(&resp->body, "<section><h2>%s</h2>", _("Initiatives"));
    bool admin = req->user.role == ROLE_ADMIN;
    plan_initiatives_table(req, resp, &v, admin && v.p.state <= PLAN_SUBMITTED);
    if (admin && v.p.state <= PLAN_SUBMITTED)
        initiative_form(req, resp, &v);
    html_raw(&resp->body, "</section>");
    budget_section(req, resp, &v);
    consultation_section(req, resp, &v);
    comments_section(req, resp, &v);
    page_end(req, resp);
}

/* Runs WRITE for the plan in a transaction and answers with a redirect. */
static void commit_and_return(request *req, response *resp, int year, int rc)
{
    if (rc == STORE_OK && store_commit(req->db) == STORE_OK) {
        response_redirect(req, resp, plan_href(req, year, ""));
        return;
    }
    store_rollback(req->db);
    respond_error(req, resp, rc == STORE_CONSTRAINT ? 400 : 500, NULL);
}

void page_plan_texts(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    plan p = pl;
    p.goal = request_form(req, "goal");
    p.context = request_form(req, "context");
    p.needs_method = request_form(req, "needs_method");
    p.new_needs = request_form(req, "new_needs");
    p.choices = request_form(req, "choices");
    p.mandatory = request_form(req, "mandatory");
    if (!begin(req, resp))
        return;
    commit_and_return(req, resp, p.year, plans_save_texts(req->db, req->user.login, &p));
}

void page_plan_initiative(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    const char *action = request_form(req, "action");
    if (!begin(req, resp))
        return;
    if (action && strcmp(action, "delete") == 0) {
        const char *id = request_form(req, "id");
        commit_and_return(req, resp, pl.year,
                          plans_initiative_delete(req->db, req->user.login, pl.id,
                                                  id ? atoll(id) : 0));
        return;
    }
    plan_initiative x = {0};
    const char *code = request_form(req, "activity_code"), *form = request_form(req, "form");
    const char *type = request_form(req, "type"), *dept = request_form(req, "department");
    const char *wt = request_form(req, "working_time"), *in = request_form(req, "internal");
    const char *participants = request_form(req, "participants");
    x.title = request_form(req, "title");
    x.activity_code = code && *code ? code : NULL;
    x.form = form && *form ? vocab_find(&vocab_form, form, strlen(form)) : -1;
    x.type = type ? vocab_find(&vocab_type, type, strlen(type)) : -1;
    x.target_group = request_form(req, "target_group");
    for (int g = 0; g < ATTENTION_COUNT; g++) {
        char name[48];
        snprintf(name, sizeof name, "attention_%s", vocab_attention.names[g]);
        if (request_form(req, name))
            x.attention |= 1u << g;
    }
    x.department = dept && *dept ? dept : NULL;
    x.participants = participants ? atoll(participants) : 0;
    x.working_time = wt ? strcmp(wt, "yes") == 0 : -1;
    x.internal = in ? strcmp(in, "yes") == 0 : -1;
    x.mandatory = request_form(req, "mandatory") != NULL;
    x.realised_participants = x.realised_hours = x.realised_cost = -1;
    if (!x.title || !*x.title || x.participants < 0 || !form_number(req, "hours", 2, &x.hours) ||
        !form_number(req, "cost", 2, &x.cost)) {
        store_rollback(req->db);
        respond_error(req, resp, 400, _("Give a title and numbers for participants, hours and "
                                        "cost."));
        return;
    }
    commit_and_return(req, resp, pl.year,
                      plans_initiative_save(req->db, req->user.login, pl.id, &x));
}

void page_plan_budget(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    const char *dept = request_form(req, "department");
    int64_t planned, committed;
    if (!dept || !*dept || !form_number(req, "planned", 2, &planned) ||
        !form_number(req, "committed", 2, &committed)) {
        respond_error(req, resp, 400, _("Give the amounts as numbers such as 1.250,00."));
        return;
    }
    if (!begin(req, resp))
        return;
    commit_and_return(req, resp, pl.year,
                      plans_budget_save(req->db, req->user.login, pl.id, dept, planned,
                                        committed));
}

void page_plan_state(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    plan p = pl;
    const char *to_name = request_form(req, "to");
    int to = to_name ? vocab_find(&vocab_plan_state, to_name, strlen(to_name)) : -1;
    bool rep = req->user.role == ROLE_REPRESENTATIVE;
    /* Representatives record their advice; everything else is HR's. */
    if (to < 0 || !plan_can_move(p.state, to) || (rep && to != PLAN_ADVISED)) {
        respond_error(req, resp, 409, _("The plan cannot go to that step from where it is."));
        return;
    }
    bool dates_ok = true;
    date_t d;
    switch (to) {
    case PLAN_SUBMITTED: {
        const char *body = request_form(req, "body");
        p.body = body ? vocab_find(&vocab_plan_body, body, strlen(body)) : -1;
        dates_ok = form_date(req, "submitted_on", &p.submitted_on) &&
                   form_date(req, "meeting_on", &p.meeting_on) && p.submitted_on != DATE_NONE &&
                   p.body >= 0;
        break;
    }
    case PLAN_ADVISED: {
        const char *kind = request_form(req, "advice_kind");
        p.advice_kind = kind ? vocab_find(&vocab_plan_advice, kind, strlen(kind)) : -1;
        p.advice_text = request_form(req, "advice_text");
        dates_ok = form_date(req, "advice_on", &p.advice_on) && p.advice_on != DATE_NONE &&
                   p.advice_kind >= 0;
        break;
    }
    case PLAN_ADOPTED:
        p.employer_answer = request_form(req, "employer_answer");
        dates_ok = form_date(req, "adopted_on", &p.adopted_on) && p.adopted_on != DATE_NONE;
        break;
    case PLAN_EVALUATED:
        dates_ok = form_date(req, "evaluated_on", &d) && d != DATE_NONE;
        p.evaluated_on = d;
        break;
    default: /* back to draft: the submission is undone */
        p.submitted_on = p.meeting_on = DATE_NONE;
        p.body = -1;
        break;
    }
    if (!dates_ok) {
        respond_error(req, resp, 400, _("Fill in every field, with dates as DD/MM/YYYY or "
                                        "YYYY-MM-DD."));
        return;
    }
    p.state = to;
    if (!begin(req, resp))
        return;
    commit_and_return(req, resp, p.year,
                      plans_save_consultation(req->db, req->user.login, &p, pl.state));
}

void page_plan_comment(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    const char *text = request_form(req, "text");
    if (!text || !*text) {
        respond_error(req, resp, 400, _("Write a comment first."));
        return;
    }
    if (!begin(req, resp))
        return;
    commit_and_return(req, resp, pl.year,
                      plans_comment_add(req->db, req->user.login, role_name(req->user.role),
                                        pl.id, text));
}

void page_plan_evaluation(request *req, response *resp)
{
    plan_view v;
    if (!load(req, resp, &v))
        return;
    bool admin = req->user.role == ROLE_ADMIN;
    if (strcmp(req->method, "POST") == 0 && admin) {
        if (store_begin(req->db) != STORE_OK) {
            respond_error(req, resp, 500, NULL);
            return;
        }
        int rc = STORE_OK;
        for (size_t i = 0; rc == STORE_OK && i < v.nitems; i++) {
            plan_initiative x = v.items[i];
            char name[64];
            const char *p;
            snprintf(name, sizeof name, "rp_%lld", (long long)x.id);
            p = request_form(req, name);
            x.realised_participants = p && *p ? atoll(p) : -1;
            snprintf(name, sizeof name, "rh_%lld", (long long)x.id);
            if (!form_number(req, name, 2, &x.realised_hours))
                rc = STORE_CONSTRAINT;
            p = request_form(req, name);
            if (!p || !*p)
                x.realised_hours = -1;
            snprintf(name, sizeof name, "rc_%lld", (long long)x.id);
            if (!form_number(req, name, 2, &x.realised_cost))
                rc = STORE_CONSTRAINT;
            p = request_form(req, name);
            if (!p || !*p)
                x.realised_cost = -1;
            if (rc == STORE_OK)
                rc = plans_initiative_save(req->db, req->user.login, v.p.id, &x);
        }
        plan pl = v.p;
        pl.evaluation_notes = request_form(req, "evaluation_notes");
        if (rc == STORE_OK && !form_date(req, "evaluation_meeting_on", &pl.evaluation_meeting_on))
            rc = STORE_CONSTRAINT;
        if (rc == STORE_OK && request_form(req, "close") && plan_can_move(pl.state, PLAN_EVALUATED)) {
            pl.state = PLAN_EVALUATED;
            pl.evaluated_on = date_today();
        }
        if (rc == STORE_OK)
            rc = plans_save_consultation(req->db, req->user.login, &pl, v.p.state);
        if (rc == STORE_OK && store_commit(req->db) == STORE_OK) {
            response_redirect(req, resp, plan_href(req, v.p.year, "/evaluation"));
            return;
        }
        store_rollback(req->db);
        respond_error(req, resp, rc == STORE_CONSTRAINT ? 400 : 500, NULL);
        return;
    }
    department_actual *found;
    size_t nfound;
    if (plans_actuals(req->db, req->a, v.p.year, &found, &nfound) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* Every department with learning or with a planned initiative. */
    department_actual *actual = arena_alloc(req->a, (nfound + v.nitems + 1) * sizeof *actual);
    size_t nactual = 0;
    for (size_t i = 0; actual && i < nfound; i++)
        actual[nactual++] = found[i];
    for (size_t i = 0; actual && i < v.nitems; i++) {
        bool listed = !v.items[i].department;
        for (size_t d = 0; d < nactual && !listed; d++)
            listed = strcmp(actual[d].department, v.items[i].department) == 0;
        if (!listed)
            actual[nactual++] = (department_actual){v.items[i].department, 0, 0, 0};
    }
    str title = STR_INIT;
    str_printf(&title, _("Evaluation of the training plan %d"), v.p.year);
    page_begin(req, resp, str_cstr(&title));
    str_free(&title);
    if (admin) /* the representatives read the evaluation: no form without a button */
        form_open(req, resp, "action=\"%s\"", plan_href(req, v.p.year, "/evaluation"));
    html_printf(&resp->body, "<div class=\"scroll\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th></tr></thead><tbody>",
                _("Planned against realised, per initiative"), _("Initiative"),
                _("Participants planned"), _("realised"), _("Hours planned"), _("realised"),
                _("Cost planned"), _("realised"));
    for (size_t i = 0; i < v.nitems; i++) {
        const plan_initiative *x = &v.items[i];
        const char *rh = x->realised_hours >= 0 ? show_decimal(req, x->realised_hours, 2, 2) : "";
        const char *rc = x->realised_cost >= 0 ? show_decimal(req, x->realised_cost, 2, 2) : "";
        char rp[32] = "";
        if (x->realised_participants >= 0)
            snprintf(rp, sizeof rp, "%lld", (long long)x->realised_participants);
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td>",
                    x->title, (long long)x->participants);
        if (admin)
            html_printf(&resp->body,
                        "<td><input name=\"rp_%lld\" value=\"%s\" size=\"5\" aria-label=\"%s\"></td>"
                        "<td class=\"num\">%s</td><td><input name=\"rh_%lld\" value=\"%s\" "
                        "size=\"6\" aria-label=\"%s\"></td><td class=\"num\">%s</td><td><input "
                        "name=\"rc_%lld\" value=\"%s\" size=\"8\" aria-label=\"%s\"></td></tr>",
                        (long long)x->id, rp, _("realised"),
                        show_decimal(req, x->participants * x->hours, 2, 2), (long long)x->id, rh,
                        _("realised"), show_decimal(req, x->cost, 2, 2), (long long)x->id, rc,
                        _("realised"));
        else
            html_printf(&resp->body, "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td></tr>",
                        rp, show_decimal(req, x->participants * x->hours, 2, 2), rh,
                        show_decimal(req, x->cost, 2, 2), rc);
    }
    html_raw(&resp->body, "</tbody></table></div>");
    /* Per department: planned from the initiatives, realised from the record. */
    html_printf(&resp->body, "<div class=\"scroll\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th></tr></thead><tbody>",
                _("Planned against realised, per department (realised: the learning record)"),
                _("Department"), _("Participants planned"), _("realised"), _("Hours planned"),
                _("realised"), _("Cost planned"), _("realised"));
    for (size_t d = 0; d < nactual; d++) {
        int64_t pp = 0, ph = 0, pc = 0;
        for (size_t i = 0; i < v.nitems; i++)
            if (v.items[i].department && strcmp(v.items[i].department, actual[d].department) == 0) {
                pp += v.items[i].participants;
                ph += v.items[i].participants * v.items[i].hours;
                pc += v.items[i].cost;
            }
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td>"
                                 "<td class=\"num\">%lld</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                 "<td class=\"num\">%s</td></tr>",
                    actual[d].department, (long long)pp, (long long)actual[d].participants,
                    show_decimal(req, ph, 2, 2), show_decimal(req, actual[d].hours, 2, 2),
                    show_decimal(req, pc, 2, 2), show_decimal(req, actual[d].cost, 2, 2));
    }
    html_raw(&resp->body, "</tbody></table></div>");
    char meeting[DATE_TEXT_SIZE];
    date_format(v.p.evaluation_meeting_on, meeting);
    if (admin) {
        html_printf(&resp->body, "<div class=\"narrow\"><label for=\"em\">%s</label><input "
                                 "id=\"em\" name=\"evaluation_meeting_on\" type=\"date\" "
                                 "value=\"%s\"><label for=\"en\">%s</label><textarea id=\"en\" "
                                 "name=\"evaluation_notes\" rows=\"4\">%s</textarea>",
                    _("Evaluation meeting with the council on"), meeting,
                    _("What the meeting concluded"), text_or_empty(v.p.evaluation_notes));
        if (v.p.state == PLAN_ADOPTED)
            html_printf(&resp->body, "<label><input type=\"checkbox\" name=\"close\" value=\"yes\">"
                                     " %s</label>", _("The year is evaluated"));
        html_printf(&resp->body, "<button>%s</button></div>", _("Save"));
    } else {
        html_printf(&resp->body, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s"
                                 "</dd></dl>",
                    _("Evaluation meeting with the council on"),
                    *meeting ? show_date(req, v.p.evaluation_meeting_on) : "—",
                    _("What the meeting concluded"),
                    v.p.evaluation_notes ? v.p.evaluation_notes : "—");
    }
    if (admin)
        html_raw(&resp->body, "</form>");
    page_end(req, resp);
}

void page_plan_package(request *req, response *resp)
{
    plan_view v;
    if (!load(req, resp, &v))
        return;
    str doc = STR_INIT;
    if (plan_package_html(req->db, req->a, v.p.year, &doc) != STORE_ROW) {
        str_free(&doc);
        respond_error(req, resp, 500, NULL);
        return;
    }
    str_free(&resp->body);
    resp->body = doc;
    resp->content_type = "text/html; charset=utf-8";
}
