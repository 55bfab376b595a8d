/* page_plan.c - /plans: the annual training plan, drafted by HR, consulted
 * with the works council (rule 6), adopted and evaluated; representatives see
 * it once submitted, give their advice and comment. A form with a problem
 * comes back on the page, filled in as sent, with the message beside the
 * field (status 422). */
#include "web/pages.h"
#include "core/labels.h"
#include "app/plan_view.h"
#include "app/plan_package.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
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

/* True when TEXT is missing or holds only spaces. */
static bool blank(const char *text)
{
    if (!text)
        return true;
    while (*text == ' ' || *text == '\t')
        text++;
    return !*text;
}

/* Reads an amount as people in Belgium type it ("2.000", "2.000,50",
 * "2000.5", "2 000", "1.250,50 €") into *out, scaled by 10^SCALE, through the
 * number reader every import and form shares (util/decimal.h); false when
 * TEXT is not such an amount or is negative. */
static bool parse_amount(const char *text, int scale, int64_t *out)
{
    size_t n = strlen(text);
    decimal_status st = scale == 2 ? decimal_parse_money(text, n, out)
                                   : decimal_parse(text, n, scale, out);
    return n > 0 && st == DECIMAL_OK && *out >= 0;
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

/* A form of the plan page that came back with a problem: which form, the
 * field at fault (its name) and the message, which names the field by its
 * label. FORM NULL: no form came back. */
typedef struct form_problem {
    const char *form, *field, *message;
} form_problem;

static const form_problem no_problem = {NULL, NULL, NULL};

/* Sets *FP to a problem with FIELD of FORM: FORMAT (a translated message
 * with one %s) filled in with the field's LABEL. Returns false, so that a
 * check can end with it. */
static bool problem(request *req, form_problem *fp, const char *form, const char *field,
                    const char *format, const char *label)
{
    str s = STR_INIT;
    str_printf(&s, format, label);
    const char *message = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    *fp = (form_problem){form, field, message ? message : label};
    return false;
}

/* True when FORM is the form that came back. */
static bool came_back(const form_problem *fp, const char *form)
{
    return fp->form && strcmp(fp->form, form) == 0;
}

/* The value field NAME of FORM shows: as sent when the form came back,
 * otherwise CURRENT. */
static const char *shown(request *req, const form_problem *fp, const char *form,
                         const char *name, const char *current)
{
    if (!came_back(fp, form))
        return text_or_empty(current);
    return text_or_empty(request_form(req, name));
}

/* "true" when field NAME of FORM is the one at fault, for aria-invalid. */
static const char *invalid(const form_problem *fp, const char *form, const char *name)
{
    return came_back(fp, form) && fp->field && strcmp(fp->field, name) == 0 ? "true" : "false";
}

/* Writes the message beside field NAME of FORM when it is the one at fault. */
static void problem_at(response *resp, const form_problem *fp, const char *form, const char *name)
{
    if (strcmp(invalid(fp, form, name), "true") == 0)
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", fp->message);
}

/* At the top of a page whose form came back: that nothing was saved, the
 * problem, and a link to the field at fault, which may be far down. */
static void problem_notice(response *resp, const form_problem *fp)
{
    const char *field = fp->field && *fp->field ? fp->field : NULL;
    const char *prefix = "";
    if (strcmp(fp->form, "initiative") == 0)
        prefix = field ? "i-" : "", field = field ? field : "initiative";
    else if (strcmp(fp->form, "budget") == 0 || !field)
        field = strcmp(fp->form, "budget") == 0 ? "budget" : "main";
    else if (strcmp(fp->form, "comment") == 0)
        field = "comment";
    else if (strcmp(field, "advice_kind") == 0)
        field = "kind";
    html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s %s <a href=\"#%s%s\">%s</a>"
                             "</p>", _("Not saved:"), fp->message, prefix, field,
                _("To the field"));
}

/* " selected" when the option VALUE is the CURRENT choice. */
static const char *selected(const char *value, const char *current)
{
    return current && strcmp(value, current) == 0 ? " selected" : "";
}

static void plan_page(request *req, response *resp, const form_problem *fp, int64_t editing,
                      int64_t removing);

/* The list of plans and, for HR, the form for a new one. FP: the new-plan
 * form came back ("year" at fault); EXISTING: the year whose plan it would
 * repeat, linked from the message (0: none). */
static void plans_page(request *req, response *resp, const form_problem *fp, int existing)
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
                    show_code(&vocab_plan_state, p.state));
    }
    html_raw(&resp->body, "</ul>");
    if (req->user.role == ROLE_ADMIN) {
        /* The first year from next year on that has no plan yet. */
        int free_year = date_year(date_today()) + 1;
        for (bool taken = true; taken;) {
            taken = false;
            for (size_t i = 0; i < n && !taken; i++)
                taken = years[i] == free_year;
            free_year += taken;
        }
        char next[16];
        snprintf(next, sizeof next, "%d", free_year);
        html_printf(&resp->body, "<h2>%s</h2>", _("A new plan"));
        form_open(req, resp, "action=\"/plans\" class=\"narrow\"");
        html_printf(&resp->body, "<label for=\"year\">%s</label>", _("Year"));
        problem_at(resp, fp, "plan", "year");
        if (existing)
            html_printf(&resp->body, "<p><a href=\"%s\">%s</a></p>", plan_href(req, existing, ""),
                        _("Open that plan"));
        html_printf(&resp->body, "<input id=\"year\" name=\"year\" type=\"number\" min=\"2000\" "
                                 "max=\"2199\" value=\"%s\" required aria-invalid=\"%s\">"
                                 "<label><input type=\"checkbox\" name=\"copy\" value=\"yes\" "
                                 "checked> %s</label><button>%s</button></form>",
                    shown(req, fp, "plan", "year", next), invalid(fp, "plan", "year"),
                    _("Start from last year's plan"), _("Create"));
    }
    page_end(req, resp);
}

void page_plans(request *req, response *resp)
{
    plans_page(req, resp, &no_problem, 0);
}

void page_plans_post(request *req, response *resp)
{
    const char *y = request_form(req, "year");
    char *end = NULL;
    long year = y ? strtol(y, &end, 10) : 0;
    form_problem fp;
    if (!y || end == y || *end || year < 2000 || year > 2199) {
        problem(req, &fp, "plan", "year", _("%s: give a year such as 2027."), _("Year"));
        plans_page(req, resp, &fp, 0);
        if (resp->status == 200)
            resp->status = 422;
        return;
    }
    plan there;
    int rc = plans_get(req->db, req->a, (int)year, &there);
    if (rc == STORE_ERROR) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (rc == STORE_DONE) {
        bool copy = request_form(req, "copy") != NULL;
        if (store_begin(req->db) != STORE_OK) {
            respond_error(req, resp, 500, NULL);
            return;
        }
        rc = copy ? plans_copy(req->db, req->user.login, (int)year - 1, (int)year) : STORE_DONE;
        if (rc == STORE_DONE) /* nothing to copy: start empty */
            rc = plans_create(req->db, req->user.login, (int)year);
        if ((rc = store_end(req->db, rc)) == STORE_OK) {
            response_redirect(req, resp, plan_href(req, (int)year, ""));
            return;
        }
        if (rc != STORE_CONSTRAINT) {
            respond_error(req, resp, 500, NULL);
            return;
        }
    }
    /* The year has a plan (or got one meanwhile): say so and link to it. */
    str message = STR_INIT;
    str_printf(&message, _("There is a training plan for %d already."), (int)year);
    const char *text = str_ok(&message) ? arena_strdup(req->a, message.p) : NULL;
    fp = (form_problem){"plan", "year", text ? text : _("There is a plan for that year already.")};
    str_free(&message);
    plans_page(req, resp, &fp, (int)year);
    if (resp->status == 200)
        resp->status = 409;
}

/* What a representative sees of a plan still being drafted: the plan's
 * title, that it comes once submitted, and the way to the plans (status
 * 404: nothing of it is shown). */
static void not_submitted_yet(request *req, response *resp, int year)
{
    str title = STR_INIT;
    str_printf(&title, _("Training plan %d"), year);
    page_begin(req, resp, str_ok(&title) ? title.p : _("Training plans"));
    str_free(&title);
    resp->status = 404;
    html_printf(&resp->body, "<p>%s</p><p><a href=\"/plans\">%s</a></p>",
                _("This plan has not been submitted for advice yet."), _("Training plans"));
    page_end(req, resp);
}

/* Loads the plan of the :year argument for the caller, without the figures
 * around it (what the forms need); false when already answered. */
static bool load_plan(request *req, response *resp, plan *p)
{
    int year = atoi(req->arg);
    int rc = year ? plans_get(req->db, req->a, year, p) : STORE_DONE;
    if (rc == STORE_ROW && !visible_to(req, p)) {
        not_submitted_yet(req, resp, year);
        return false;
    }
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
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
    if (rc == STORE_ROW && !visible_to(req, &v->p)) {
        not_submitted_yet(req, resp, year);
        return false;
    }
    if (rc != STORE_ROW) {
        respond_error(req, resp, rc == STORE_ERROR ? 500 : 404, NULL);
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


/* The initiatives; with ACTIONS, each row starts with the links to change
 * or remove it, where they stay in view however wide the table grows. */
static void plan_initiatives_table(request *req, response *resp, const plan_view *v, bool actions)
{
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table class=\"compact\"><caption>%s"
                             "</caption><thead><tr>",
                _("Initiatives"));
    if (actions)
        html_printf(&resp->body, "<th scope=\"col\">%s</th>", _("Change or remove"));
    html_printf(&resp->body,
                "<th scope=\"col\">%s</th><th scope=\"col\">%s · %s</th><th scope=\"col\">"
                "%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Initiative"), _("Activity or form"), _("Type"), _("Target group"),
                _("Department"), _("Participants"), _("Hours each"), _("When, by whom"),
                _("Cost (euro)"));
    for (size_t i = 0; i < v->nitems; i++) {
        const plan_initiative *x = &v->items[i];
        html_raw(&resp->body, "<tr>");
        if (actions) {
            str edit = STR_INIT;
            str_printf(&edit, "?edit=%lld#initiative", (long long)x->id);
            html_printf(&resp->body, "<td class=\"row-actions\"><a href=\"%s\">%s</a>",
                        plan_href(req, v->p.year, str_cstr(&edit)), _("Change initiative"));
            str_free(&edit);
            /* Remove asks first (removal_box): a plain GET that changes nothing. */
            html_printf(&resp->body, "<form method=\"get\" action=\"%s\"><input type=\"hidden\" "
                                     "name=\"remove\" value=\"%lld\"><button>%s</button></form></td>",
                        plan_href(req, v->p.year, "#remove"), (long long)x->id, _("Remove"));
        }
        str groups = STR_INIT;
        for (int g = 0; g < ATTENTION_COUNT; g++)
            if (x->attention & (1u << g))
                str_printf(&groups, "%s%s", groups.len ? ", " : "", show_code(&vocab_attention, g));
        html_printf(&resp->body, "<th scope=\"row\">%s%s</th><td>%s · %s</td>"
                                 "<td>%s%s%s%s</td><td>%s</td><td class=\"num\">%lld</td>"
                                 "<td class=\"num\">%s</td><td>%s, %s</td><td class=\"num\">%s</td>",
                    x->title, x->mandatory ? " *" : "",
                    x->activity_code ? x->activity_code
                    : x->form >= 0 ? show_code(&vocab_form, x->form) : "—",
                    x->type >= 0 ? show_code(&vocab_type, x->type) : "—",
                    text_or_empty(x->target_group), groups.len ? " (" : "", str_cstr(&groups),
                    groups.len ? ")" : "", x->department ? x->department : _("everyone"),
                    (long long)x->participants, show_decimal(req, x->hours, 2, 2),
                    x->working_time < 0 ? "?" : x->working_time ? _("during working time")
                                                                : _("outside working time"),
                    x->internal < 0 ? "?" : x->internal ? _("internal") : _("external"),
                    show_decimal(req, x->cost, 2, 2));
        str_free(&groups);
        html_raw(&resp->body, "</tr>");
    }
    if (v->nitems == 0)
        html_printf(&resp->body, "<tr><td colspan=\"%d\">%s</td></tr>", actions ? 9 : 8,
                    _("Nothing yet."));
    html_printf(&resp->body, "</tbody></table></div><p>* %s</p>", _("mandatory"));
}

/* The initiative form's fields as text: as sent, from the initiative being
 * changed, or the defaults of a new one. */
typedef struct initiative_fields {
    int64_t id; /* 0: a new initiative */
    const char *title, *activity_code, *form, *type, *target_group, *department, *participants,
        *hours, *working_time, *internal, *cost;
    unsigned attention;
    bool mandatory;
} initiative_fields;

static initiative_fields fields_sent(request *req)
{
    const char *id = request_form(req, "id");
    initiative_fields f = {
        id ? atoll(id) : 0, request_form(req, "title"), request_form(req, "activity_code"),
        request_form(req, "form"), request_form(req, "type"), request_form(req, "target_group"),
        request_form(req, "department"), request_form(req, "participants"),
        request_form(req, "hours"), request_form(req, "working_time"),
        request_form(req, "internal"), request_form(req, "cost"), 0,
        request_form(req, "mandatory") != NULL};
    for (int g = 0; g < ATTENTION_COUNT; g++) {
        char name[48];
        snprintf(name, sizeof name, "attention_%s", vocab_attention.names[g]);
        if (request_form(req, name))
            f.attention |= 1u << g;
    }
    return f;
}

static initiative_fields fields_of(request *req, const plan_initiative *x)
{
    char participants[32];
    snprintf(participants, sizeof participants, "%lld", (long long)x->participants);
    return (initiative_fields){
        x->id, x->title, x->activity_code,
        x->form >= 0 ? vocab_name(&vocab_form, x->form) : "",
        x->type >= 0 ? vocab_name(&vocab_type, x->type) : "formal", x->target_group,
        x->department, arena_strdup(req->a, participants), show_input_decimal(req, x->hours, 2, 2),
        x->working_time == 0 ? "no" : "yes", x->internal == 0 ? "no" : "yes",
        show_input_decimal(req, x->cost, 2, 2), x->attention, x->mandatory != 0};
}

/* A labelled text input of the initiative form, with its problem beside it. */
static void initiative_input(response *resp, const form_problem *fp, const char *name,
                             const char *label, const char *value, const char *attrs)
{
    html_printf(&resp->body, "<label for=\"i-%s\">%s</label>", name, label);
    problem_at(resp, fp, "initiative", name);
    html_printf(&resp->body, "<input id=\"i-%s\" name=\"%s\" value=\"%s\" aria-invalid=\"%s\"",
                name, name, text_or_empty(value), invalid(fp, "initiative", name));
    html_raw(&resp->body, attrs);
    html_raw(&resp->body, ">");
}

/* The form that adds an initiative, or changes EDITING (NULL: add). When it
 * came back with a problem it shows what was sent. */
static void initiative_form(request *req, response *resp, const plan_view *v,
                            const form_problem *fp, const plan_initiative *editing)
{
    activity *acts;
    size_t nacts;
    group_count *depts;
    size_t nd;
    if (activities_list(req->db, req->a, &acts, &nacts) != STORE_OK)
        nacts = 0;
    if (departments_headcount(req->db, req->a, date_today(), &depts, &nd) != STORE_OK)
        nd = 0;
    bool back = came_back(fp, "initiative");
    initiative_fields f = back ? fields_sent(req)
                        : editing ? fields_of(req, editing)
                                  : (initiative_fields){.type = "formal", .working_time = "yes",
                                                        .internal = "yes"};
    bool changing = f.id != 0;
    html_printf(&resp->body, "<details id=\"initiative\"%s><summary>%s</summary>",
                back || changing ? " open" : "",
                changing ? _("Change the initiative") : _("Add an initiative"));
    form_open(req, resp, "action=\"%s\" class=\"narrow\"",
              plan_href(req, v->p.year, "/initiative"));
    html_printf(&resp->body, "<input type=\"hidden\" name=\"action\" value=\"%s\">"
                             "<input type=\"hidden\" name=\"id\" value=\"%lld\">",
                changing ? "update" : "add", (long long)f.id);
    initiative_input(resp, fp, "title", _("Initiative"), f.title, " required");
    html_printf(&resp->body, "<label for=\"i-activity_code\">%s</label>",
                _("Activity from the catalogue"));
    problem_at(resp, fp, "initiative", "activity_code");
    html_printf(&resp->body, "<select id=\"i-activity_code\" name=\"activity_code\" "
                             "aria-invalid=\"%s\"><option value=\"\">—</option>",
                invalid(fp, "initiative", "activity_code"));
    for (size_t i = 0; i < nacts; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", acts[i].code,
                    selected(acts[i].code, f.activity_code), acts[i].title);
    html_printf(&resp->body, "</select><label for=\"i-form\">%s</label><select id=\"i-form\" "
                             "name=\"form\"><option value=\"\">—</option>", _("or a form of learning"));
    for (int i = 0; i < vocab_form.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_form.names[i],
                    selected(vocab_form.names[i], f.form), show_code(&vocab_form, i));
    html_printf(&resp->body, "</select><label for=\"i-type\">%s</label><select id=\"i-type\" "
                             "name=\"type\"><option value=\"formal\"%s>%s</option><option "
                             "value=\"informal\"%s>%s</option></select>",
                _("Type"), selected("formal", f.type), _("formal"), selected("informal", f.type),
                _("informal"));
    initiative_input(resp, fp, "target_group", _("Target group"), f.target_group, " required");
    html_printf(&resp->body, "<fieldset><legend>%s</legend>", _("Legal attention groups it serves"));
    for (int g = 0; g < ATTENTION_COUNT; g++)
        html_printf(&resp->body, "<label><input type=\"checkbox\" name=\"attention_%s\" "
                                 "value=\"yes\"%s> %s</label>",
                    vocab_attention.names[g], f.attention & (1u << g) ? " checked" : "",
                    show_code(&vocab_attention, g));
    html_printf(&resp->body, "</fieldset><label for=\"i-department\">%s</label><select "
                             "id=\"i-department\" name=\"department\"><option value=\"\">%s"
                             "</option>",
                _("Department"), _("everyone"));
    bool listed = blank(f.department);
    for (size_t i = 0; i < nd; i++) {
        html_printf(&resp->body, "<option%s>%s</option>", selected(depts[i].name, f.department),
                    depts[i].name);
        listed |= strcmp(depts[i].name, f.department ? f.department : "") == 0;
    }
    if (!listed) /* a department nobody works in today stays the initiative's own */
        html_printf(&resp->body, "<option selected>%s</option>", f.department);
    html_raw(&resp->body, "</select>");
    initiative_input(resp, fp, "participants", _("Planned participants"), f.participants,
                     " type=\"number\" min=\"1\" required");
    initiative_input(resp, fp, "hours", _("Hours per participant"), f.hours,
                     " inputmode=\"decimal\" required");
    html_printf(&resp->body, "<label for=\"i-wt\">%s</label><select id=\"i-wt\" "
                             "name=\"working_time\"><option value=\"yes\"%s>%s</option>"
                             "<option value=\"no\"%s>%s</option></select>"
                             "<label for=\"i-int\">%s</label><select id=\"i-int\" name=\"internal\">"
                             "<option value=\"yes\"%s>%s</option><option value=\"no\"%s>%s</option>"
                             "</select>",
                _("When"), selected("yes", f.working_time), _("during working time"),
                selected("no", f.working_time), _("outside working time"), _("By whom"),
                selected("yes", f.internal), _("internal"), selected("no", f.internal),
                _("external"));
    initiative_input(resp, fp, "cost", _("Cost (euro)"), f.cost, " inputmode=\"decimal\"");
    html_printf(&resp->body, "<label><input type=\"checkbox\" name=\"mandatory\" value=\"yes\"%s>"
                             " %s</label><button>%s</button>",
                f.mandatory ? " checked" : "", _("legally mandatory"),
                changing ? _("Save") : _("Add"));
    if (changing)
        html_printf(&resp->body, " <a href=\"%s\">%s</a>", plan_href(req, v->p.year, ""),
                    _("Keep it as it was"));
    html_raw(&resp->body, "</form></details>");
}

/* How the department tables tell representatives about small departments:
 * the words of /reports, for the same rule. */
static const char *small_groups_hint(void)
{
    return _("A small group is counted together with the smallest group that is large "
             "enough (shown as “A + B”), or hidden when the small groups together are "
             "large enough themselves.");
}

/* The budget lines a representative reads: departments under the privacy
 * rule of RULES §4, as /reports shows them (plan_budgets_protect); lines
 * without any amount are left out, a suppressed one always listed. When
 * the rule cannot be applied no line is shown, never one unprotected. */
static void representative_budget_rows(request *req, response *resp, const plan_view *v)
{
    plan_budget *lines;
    size_t n;
    if (plan_budgets_protect(req->db, req->a, v->p.year, v->settings.min_group, v->budgets,
                             v->nbudgets, &lines, &n) != STORE_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        const plan_budget *b = &lines[i];
        if (b->suppressed)
            html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">—</td>"
                                     "<td class=\"num\">—</td><td class=\"num\">—</td></tr>",
                        b->department);
        else if (b->planned || b->committed || b->spent)
            html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
                        b->department, show_decimal(req, b->planned, 2, 2),
                        show_decimal(req, b->committed, 2, 2), show_decimal(req, b->spent, 2, 2));
    }
}

/* The budget per department. HR changes it in the table itself: each row is
 * a small form whose fields show the current amounts (a blank field keeps
 * its amount); a row that came back shows what was sent and the problem. */
static void budget_section(request *req, response *resp, const plan_view *v,
                           const form_problem *fp)
{
    bool admin = req->user.role == ROLE_ADMIN;
    html_printf(&resp->body, "<section id=\"budget\"><h2>%s</h2><p>%s</p>",
                _("Budget per department"),
                _("Spent: the costs in the learning record of the year, net of subsidies."));
    if (!admin)
        html_printf(&resp->body, "<p>%s</p>", small_groups_hint());
    const char *sent_department = came_back(fp, "budget") ? request_form(req, "department") : NULL;
    if (came_back(fp, "budget") && strcmp(fp->field, "department") == 0)
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", fp->message);
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
                _("Department"), _("Planned"), _("Committed"), _("Spent"));
    html_raw(&resp->body, admin ? "<th scope=\"col\"></th></tr></thead><tbody>"
                                : "</tr></thead><tbody>");
    int64_t tp = 0, tc = 0, ts = 0;
    for (size_t i = 0; i < v->nbudgets; i++) {
        tp += v->budgets[i].planned;
        tc += v->budgets[i].committed;
        ts += v->budgets[i].spent;
    }
    if (!admin)
        representative_budget_rows(req, resp, v);
    for (size_t i = 0; admin && i < v->nbudgets; i++) {
        const plan_budget *b = &v->budgets[i];
        /* This row's form came back when it was sent for this department. */
        form_problem none = no_problem;
        const form_problem *row = sent_department && strcmp(sent_department, b->department) == 0
                                      ? fp : &none;
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th>", b->department);
        const char *names[] = {"planned", "committed"};
        const char *labels[] = {_("Planned"), _("Committed")};
        const int64_t amounts[] = {b->planned, b->committed};
        for (size_t k = 0; k < 2; k++) {
            html_raw(&resp->body, "<td class=\"num\">");
            problem_at(resp, row, "budget", names[k]);
            html_printf(&resp->body, "<input form=\"budget-%zu\" name=\"%s\" inputmode=\"decimal\" "
                                     "size=\"10\" value=\"%s\" aria-label=\"%s, %s\" "
                                     "aria-invalid=\"%s\"></td>",
                        i, names[k], shown(req, row, "budget", names[k],
                                           show_input_decimal(req, amounts[k], 2, 2)),
                        labels[k], b->department, invalid(row, "budget", names[k]));
        }
        html_printf(&resp->body, "<td class=\"num\">%s</td><td>", show_decimal(req, b->spent, 2, 2));
        form_open(req, resp, "id=\"budget-%zu\" action=\"%s\"", i,
                  plan_href(req, v->p.year, "/budget"));
        html_printf(&resp->body, "<input type=\"hidden\" name=\"department\" value=\"%s\">"
                                 "<button aria-label=\"%s, %s\">%s</button></form></td></tr>",
                    b->department, _("Save"), b->department, _("Save"));
    }
    html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
                             "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
                _("Total"), show_decimal(req, tp, 2, 2), show_decimal(req, tc, 2, 2),
                show_decimal(req, ts, 2, 2));
    html_raw(&resp->body, admin ? "<td></td></tr></tbody></table></div>"
                                : "</tr></tbody></table></div>");
    plan_expected_subsidies(req, resp, v->p.year, tp);
    html_raw(&resp->body, "</section>");
}

static void plan_effort_html(request *req, response *resp, const plan_view *v)
{
    char planned[FMT_SIZE], days_per_fte[FMT_SIZE], fte[FMT_SIZE], target[FMT_SIZE];
    const char *lang = req->lang;
    ratio days = per_fte(v->planned_hours, v->settings.hours_per_day, v->fte_months),
          ftes = fte_of(v->fte_months);
    fmt_fraction(lang, v->planned_hours, v->settings.hours_per_day, 2, planned, sizeof planned);
    /* No FTE in the year: no days per FTE either. */
    fmt_fraction(lang, days.den ? days.num : 0, days.den ? days.den : 1, 2, days_per_fte,
                 sizeof days_per_fte);
    fmt_fraction(lang, ftes.num, ftes.den, 2, fte, sizeof fte);
    fmt_fraction(lang, v->target_dpf, 100, 2, target, sizeof target);
    html_printf(&resp->body, "<ul class=\"cards\"><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li><li><strong>%s</strong> %s</li>"
                             "<li><strong>%s</strong> %s</li></ul>",
                planned, _("planned training days"), fte,
                _("FTE in the year"), days_per_fte, _("planned days per FTE"),
                target, _("days per FTE of the training right"));
}

/* A labelled date field NAME of the consultation form FORM: the value as
 * sent when the form came back, its problem beside it; MAX ("": none) is the
 * last day the browser offers. */
static void date_field(request *req, response *resp, const form_problem *fp, const char *form,
                       const char *name, const char *label, bool required, const char *max)
{
    html_printf(&resp->body, "<label for=\"%s\">%s</label>", name, label);
    problem_at(resp, fp, form, name);
    html_printf(&resp->body, "<input id=\"%s\" name=\"%s\" type=\"date\" value=\"%s\" "
                             "aria-invalid=\"%s\"",
                name, name, shown(req, fp, form, name, ""), invalid(fp, form, name));
    if (*max)
        html_printf(&resp->body, " max=\"%s\"", max);
    html_raw(&resp->body, required ? " required>" : ">");
}

/* HR's form to adopt plan P (policy.h, POLICY_ADOPT_*): while no advice is
 * recorded (also before the council's meeting), only with a box ticked that
 * says so and the reason. */
static void adoption_form(request *req, response *resp, const plan *p, const form_problem *fp)
{
    date_t today = date_today();
    html_printf(&resp->body, "<h3>%s</h3>", _("Adopt the plan"));
    char max[DATE_TEXT_SIZE];
    date_format(today, max);
    form_open(req, resp, "action=\"%s\" class=\"narrow\"", plan_href(req, p->year, "/state"));
    html_raw(&resp->body, "<input type=\"hidden\" name=\"to\" value=\"adopted\">");
    if (p->advice_on == DATE_NONE) {
        bool ticked = came_back(fp, "adopt") && request_form(req, "without_advice");
        html_printf(&resp->body, "<p class=\"warning\">%s</p>",
                    _("The council's advice is not recorded. Record it first; adopt the plan "
                      "without it only when the council gave none, and say why."));
        problem_at(resp, fp, "adopt", "without_advice");
        html_printf(&resp->body, "<label><input type=\"checkbox\" name=\"without_advice\" "
                                 "value=\"yes\"%s aria-invalid=\"%s\"> %s</label>",
                    ticked ? " checked" : "", invalid(fp, "adopt", "without_advice"),
                    _("Adopt without the council's advice"));
        html_printf(&resp->body, "<label for=\"without_advice_reason\">%s</label>",
                    _("Why without the council's advice"));
        problem_at(resp, fp, "adopt", "without_advice_reason");
        html_printf(&resp->body, "<textarea id=\"without_advice_reason\" "
                                 "name=\"without_advice_reason\" rows=\"2\" "
                                 "aria-invalid=\"%s\">%s</textarea>",
                    invalid(fp, "adopt", "without_advice_reason"),
                    shown(req, fp, "adopt", "without_advice_reason", ""));
    }
    date_field(req, resp, fp, "adopt", "adopted_on", _("Adopted on"), true, max);
    html_printf(&resp->body, "<label for=\"employer_answer\">%s</label><textarea "
                             "id=\"employer_answer\" name=\"employer_answer\" rows=\"3\">%s"
                             "</textarea><button>%s</button></form>",
                _("Employer's answer to the advice"),
                shown(req, fp, "adopt", "employer_answer", ""), _("Adopt"));
}

static void consultation_section(request *req, response *resp, const plan_view *v,
                                 const form_problem *fp)
{
    const plan *p = &v->p;
    html_printf(&resp->body, "<section><h2>%s</h2><dl class=\"facts\">", _("Consultation"));
    const struct { const char *label; date_t d; } steps[] = {
        {_("Submitted on"), p->submitted_on}, {_("Meeting on"), p->meeting_on},
        {_("Advice on"), p->advice_on}, {_("Adopted on"), p->adopted_on},
        {_("Evaluated on"), p->evaluated_on}};
    html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", _("State"),
                show_code(&vocab_plan_state, p->state), _("Consulted body"),
                p->body >= 0 ? show_code(&vocab_plan_body, p->body) : "—");
    for (size_t i = 0; i < 5; i++)
        html_printf(&resp->body, "<dt>%s</dt><dd>%s</dd>", steps[i].label,
                    steps[i].d == DATE_NONE ? "—" : show_date(req, steps[i].d));
    html_printf(&resp->body, "<dt>%s</dt><dd>%s", _("Advice"),
                p->advice_kind >= 0 ? show_code(&vocab_plan_advice, p->advice_kind) : "—");
    if (p->advice_text)
        html_printf(&resp->body, ": %s", p->advice_text);
    html_printf(&resp->body, "</dd><dt>%s</dt><dd>%s</dd></dl>", _("Employer's answer"),
                p->employer_answer ? p->employer_answer : "—");
    const char *action = plan_href(req, p->year, "/state");
    bool admin = req->user.role == ROLE_ADMIN;
    if (admin && p->state == PLAN_DRAFT) {
        form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
        html_printf(&resp->body, "<h3>%s</h3>", _("Submit for advice"));
        html_printf(&resp->body, "<input type=\"hidden\" name=\"to\" value=\"submitted\">"
                                 "<label for=\"body\">%s</label>", _("Consulted body"));
        problem_at(resp, fp, "submit", "body");
        html_printf(&resp->body, "<select id=\"body\" name=\"body\" aria-invalid=\"%s\">",
                    invalid(fp, "submit", "body"));
        const char *body = shown(req, fp, "submit", "body", "");
        for (int i = 0; i < vocab_plan_body.count; i++)
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>",
                        vocab_plan_body.names[i], selected(vocab_plan_body.names[i], body),
                        show_code(&vocab_plan_body, i));
        html_raw(&resp->body, "</select>");
        char today[DATE_TEXT_SIZE];
        date_format(date_today(), today);
        date_field(req, resp, fp, "submit", "submitted_on", _("Submitted on"), true, today);
        date_field(req, resp, fp, "submit", "meeting_on", _("Meeting on"), false, "");
        html_printf(&resp->body, "<button>%s</button></form>", _("Submit"));
    }
    if (p->state == PLAN_SUBMITTED && (admin || req->user.role == ROLE_REPRESENTATIVE)) {
        form_open(req, resp, "action=\"%s\" class=\"narrow\"", action);
        html_printf(&resp->body, "<h3>%s</h3>", _("Record the advice"));
        char today[DATE_TEXT_SIZE];
        date_format(date_today(), today);
        html_raw(&resp->body, "<input type=\"hidden\" name=\"to\" value=\"advised\">");
        date_field(req, resp, fp, "advice", "advice_on", _("Advice on"), true, today);
        html_printf(&resp->body, "<label for=\"kind\">%s</label>", _("Advice"));
        problem_at(resp, fp, "advice", "advice_kind");
        html_printf(&resp->body, "<select id=\"kind\" name=\"advice_kind\" aria-invalid=\"%s\">",
                    invalid(fp, "advice", "advice_kind"));
        const char *kind = shown(req, fp, "advice", "advice_kind", "");
        for (int i = 0; i < vocab_plan_advice.count; i++)
            html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>",
                        vocab_plan_advice.names[i], selected(vocab_plan_advice.names[i], kind),
                        show_code(&vocab_plan_advice, i));
        html_printf(&resp->body, "</select><label for=\"advice_text\">%s</label><textarea "
                                 "id=\"advice_text\" name=\"advice_text\" rows=\"4\">%s</textarea>"
                                 "<button>%s</button></form>",
                    _("The advice"), shown(req, fp, "advice", "advice_text", ""),
                    _("Save the advice"));
    }
    if (admin && p->state == PLAN_SUBMITTED) {
        form_open(req, resp, "action=\"%s\"", action);
        html_printf(&resp->body, "<button name=\"to\" value=\"draft\">%s</button></form>",
                    _("Back to draft"));
    }
    if (admin && (p->state == PLAN_SUBMITTED || p->state == PLAN_ADVISED))
        adoption_form(req, resp, p, fp);
    if (p->state >= PLAN_ADOPTED)
        html_printf(&resp->body, "<p><a href=\"%s\">%s</a></p>",
                    plan_href(req, p->year, "/evaluation"), _("Evaluation of the year"));
    html_raw(&resp->body, "</section>");
}


static void comments_section(request *req, response *resp, const plan_view *v,
                             const form_problem *fp)
{
    html_printf(&resp->body, "<section><h2>%s</h2>", _("Comments"));
    for (size_t i = 0; i < v->ncomments; i++)
        html_printf(&resp->body, "<blockquote><p class=\"prose\">%s</p><footer><span "
                                 "translate=\"no\">%s</span> (%s), %s</footer></blockquote>",
                    v->comments[i].text, v->comments[i].author_name, _(v->comments[i].role),
                    show_timestamp(req, v->comments[i].at));
    form_open(req, resp, "action=\"%s\" class=\"narrow\"", plan_href(req, v->p.year, "/comment"));
    html_printf(&resp->body, "<label for=\"comment\">%s</label>", _("Your comment"));
    problem_at(resp, fp, "comment", "text");
    html_printf(&resp->body, "<textarea id=\"comment\" name=\"text\" rows=\"3\" required "
                             "aria-invalid=\"%s\"></textarea><button>%s</button></form></section>",
                invalid(fp, "comment", "text"), _("Add"));
}


/* Asks HR to confirm that the initiative X goes: the form that removes it,
 * and the way back that keeps it. */
static void removal_box(request *req, response *resp, const plan_view *v,
                        const plan_initiative *x)
{
    html_raw(&resp->body, "<div class=\"warning\" role=\"alert\" id=\"remove\"><p>");
    html_printf(&resp->body, _("Remove the initiative \"%s\" from the plan? What was planned "
                               "and realised for it goes too."), x->title);
    html_raw(&resp->body, "</p>");
    form_open(req, resp, "action=\"%s\"", plan_href(req, v->p.year, "/initiative"));
    html_printf(&resp->body, "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
                             "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                             "<button name=\"action\" value=\"delete\">%s</button> "
                             "<a href=\"%s\">%s</a></form></div>",
                (long long)x->id, _("Yes, remove it"), plan_href(req, v->p.year, ""),
                _("No, keep it"));
}

/* The plan page. FP: a form that came back with a problem (status 422);
 * EDITING: the initiative whose form is open for a change (0: none);
 * REMOVING: the initiative whose removal waits for a confirmation (0: none). */
static void plan_page(request *req, response *resp, const form_problem *fp, int64_t editing,
                      int64_t removing)
{
    plan_view v;
    if (!load(req, resp, &v))
        return;
    str title = STR_INIT;
    str_printf(&title, _("Training plan %d"), v.p.year);
    page_begin(req, resp, str_cstr(&title));
    str_free(&title);
    if (fp->form) {
        resp->status = 422;
        problem_notice(resp, fp);
    }
    html_printf(&resp->body, "<p>%s: <strong>%s</strong> · <a href=\"%s\">%s</a></p>",
                _("State"), show_code(&vocab_plan_state, v.p.state),
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
    plan_lessons_from_last_year(req, resp, &v); /* evaluation remarks (page_evaluation.c) */
    texts_section(req, resp, &v);
    plan_needs_section(req, resp); /* the needs register (page_needs.c) */
    html_printf(&resp->body, "<section><h2>%s</h2>", _("Initiatives"));
    bool changes = req->user.role == ROLE_ADMIN && v.p.state <= PLAN_SUBMITTED;
    for (size_t i = 0; changes && removing && i < v.nitems; i++)
        if (v.items[i].id == removing)
            removal_box(req, resp, &v, &v.items[i]);
    plan_initiatives_table(req, resp, &v, changes);
    if (changes) {
        const plan_initiative *item = NULL;
        for (size_t i = 0; editing && i < v.nitems; i++)
            if (v.items[i].id == editing)
                item = &v.items[i];
        initiative_form(req, resp, &v, fp, item);
    }
    html_raw(&resp->body, "</section>");
    budget_section(req, resp, &v, fp);
    consultation_section(req, resp, &v, fp);
    comments_section(req, resp, &v, fp);
    page_end(req, resp);
}

void page_plan(request *req, response *resp)
{
    const char *edit = request_query(req, "edit"), *remove = request_query(req, "remove");
    plan_page(req, resp, &no_problem, edit ? atoll(edit) : 0, remove ? atoll(remove) : 0);
}

/* Ends the plan's transaction with RC, the status of its writes, and
 * answers with a redirect to the plan (or an error page). */
static void commit_and_return(request *req, response *resp, int year, int rc)
{
    if ((rc = store_end(req->db, rc)) == STORE_OK) {
        response_redirect(req, resp, plan_href(req, year, ""));
        return;
    }
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


/* Reads the initiative form over X (the initiative being changed, or a new
 * one): a blank number keeps X's value when CHANGING. False with *FP set
 * when a field is missing or not a number. */
static bool read_initiative(request *req, plan_initiative *x, bool changing, form_problem *fp)
{
    const char *code = request_form(req, "activity_code"), *form = request_form(req, "form");
    const char *type = request_form(req, "type"), *dept = request_form(req, "department");
    const char *wt = request_form(req, "working_time"), *in = request_form(req, "internal");
    const char *participants = request_form(req, "participants");
    x->title = request_form(req, "title");
    x->activity_code = blank(code) ? NULL : code;
    x->form = blank(form) ? -1 : vocab_find(&vocab_form, form, strlen(form));
    x->type = type ? vocab_find(&vocab_type, type, strlen(type)) : -1;
    x->target_group = request_form(req, "target_group");
    x->attention = 0;
    for (int g = 0; g < ATTENTION_COUNT; g++) {
        char name[48];
        snprintf(name, sizeof name, "attention_%s", vocab_attention.names[g]);
        if (request_form(req, name))
            x->attention |= 1u << g;
    }
    x->department = blank(dept) ? NULL : dept;
    x->working_time = wt ? strcmp(wt, "yes") == 0 : -1;
    x->internal = in ? strcmp(in, "yes") == 0 : -1;
    x->mandatory = request_form(req, "mandatory") != NULL;
    const char *fill = _("%s: this cannot stay empty.");
    if (blank(x->title))
        return problem(req, fp, "initiative", "title", fill, _("Initiative"));
    if (blank(x->target_group))
        return problem(req, fp, "initiative", "target_group", fill, _("Target group"));
    if (!blank(participants) || !changing) {
        char *end = NULL;
        long long n = participants ? strtoll(participants, &end, 10) : 0;
        if (blank(participants) || *end || n < 1 || n > 1000000)
            return problem(req, fp, "initiative", "participants",
                           _("%s: give a whole number such as 12."), _("Planned participants"));
        x->participants = n;
    }
    const char *hours = request_form(req, "hours"), *cost = request_form(req, "cost");
    if ((!blank(hours) || !changing) && (blank(hours) || !parse_amount(hours, 2, &x->hours)))
        return problem(req, fp, "initiative", "hours", _("%s: give a number of hours such as 7,5."),
                       _("Hours per participant"));
    if (!blank(cost) && !parse_amount(cost, 2, &x->cost))
        return problem(req, fp, "initiative", "cost",
                       _("%s: give an amount such as 2.000 or 1.250,50."), _("Cost (euro)"));
    int64_t row = x->activity_code ? activities_row(req->db, x->activity_code, NULL) : 1;
    if (row == 0)
        return problem(req, fp, "initiative", "activity_code",
                       _("%s: choose an activity from the catalogue."),
                       _("Activity from the catalogue"));
    return true;
}

/* GET of an address a plan's form posts to (a reload after a form came
 * back, a bookmark): the plan itself. */
void page_plan_form_get(request *req, response *resp)
{
    long long year;
    if (!number_parse(req->arg, 1990, 2199, &year)) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    response_redirect(req, resp, plan_href(req, (int)year, ""));
}

void page_plan_initiative(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    const char *action = request_form(req, "action"), *id = request_form(req, "id");
    if (action && strcmp(action, "delete") == 0) {
        const char *confirmed = request_form(req, "confirm");
        if (!confirmed || strcmp(confirmed, "yes") != 0) { /* ask first */
            str to = STR_INIT;
            str_printf(&to, "?remove=%lld#remove", id ? atoll(id) : 0LL);
            response_redirect(req, resp, plan_href(req, pl.year, str_cstr(&to)));
            str_free(&to);
            return;
        }
        if (!begin(req, resp))
            return;
        commit_and_return(req, resp, pl.year,
                          plans_initiative_delete(req->db, req->user.login, pl.id,
                                                  id ? atoll(id) : 0));
        return;
    }
    plan_initiative x = {0};
    x.realised_participants = x.realised_hours = x.realised_cost = -1;
    bool changing = action && strcmp(action, "update") == 0;
    if (changing) { /* start from the initiative as it is: what it realised stays */
        plan_initiative *items;
        size_t n;
        int64_t want = id ? atoll(id) : 0;
        if (plans_initiatives(req->db, req->a, pl.id, &items, &n) != STORE_OK) {
            respond_error(req, resp, 500, NULL);
            return;
        }
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            if (items[i].id == want) {
                x = items[i];
                found = true;
            }
        if (!found || want <= 0) {
            respond_error(req, resp, 404, NULL);
            return;
        }
    }
    form_problem fp;
    if (!read_initiative(req, &x, changing, &fp)) {
        plan_page(req, resp, &fp, x.id, 0);
        return;
    }
    if (!begin(req, resp))
        return;
    commit_and_return(req, resp, pl.year,
                      plans_initiative_save(req->db, req->user.login, pl.id, &x));
}

/* The amount in field NAME of the budget form into *OUT; a blank field
 * keeps the CURRENT amount. False with *FP set when it is not an amount. */
static bool budget_amount(request *req, const char *name, const char *label, int64_t current,
                          int64_t *out, form_problem *fp)
{
    const char *v = request_form(req, name);
    *out = current;
    if (blank(v) || parse_amount(v, 2, out))
        return true;
    return problem(req, fp, "budget", name, _("%s: give an amount such as 2.000 or 1.250,50."),
                   label);
}

void page_plan_budget(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    const char *dept = request_form(req, "department");
    plan_budget *lines;
    size_t n;
    if (plans_budgets(req->db, req->a, pl.id, pl.year, &lines, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    int64_t planned = 0, committed = 0;
    for (size_t i = 0; !blank(dept) && i < n; i++)
        if (strcmp(lines[i].department, dept) == 0) {
            planned = lines[i].planned;
            committed = lines[i].committed;
        }
    form_problem fp;
    bool ok = blank(dept) ? problem(req, &fp, "budget", "department", _("%s: this cannot stay empty."),
                                    _("Department"))
                          : budget_amount(req, "planned", _("Planned"), planned, &planned, &fp) &&
                                budget_amount(req, "committed", _("Committed"), committed,
                                              &committed, &fp);
    if (!ok) {
        plan_page(req, resp, &fp, 0, 0);
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
    /* Each step's fields; a missing or wrong one sends its form back. */
    const char *no_date = _("%s: give the date as DD/MM/YYYY.");
    form_problem fp = no_problem;
    date_t d;
    bool without_advice = false;
    const char *reason = NULL;
    switch (to) {
    case PLAN_SUBMITTED: {
        const char *body = request_form(req, "body");
        p.body = body ? vocab_find(&vocab_plan_body, body, strlen(body)) : -1;
        if (!form_date(req, "submitted_on", &p.submitted_on) || p.submitted_on == DATE_NONE)
            problem(req, &fp, "submit", "submitted_on", no_date, _("Submitted on"));
        /* Recorded once it went out, as the advice and the adoption are
         * (plan_step_in_future): a day still to come is a typing error. */
        else if (plan_step_in_future(p.submitted_on, date_today()))
            problem(req, &fp, "submit", "submitted_on",
                    _("%s: the plan cannot be submitted on a day still to come."),
                    _("Submitted on"));
        else if (!form_date(req, "meeting_on", &p.meeting_on))
            problem(req, &fp, "submit", "meeting_on", no_date, _("Meeting on"));
        else if (p.body < 0)
            problem(req, &fp, "submit", "body", _("%s: choose one of the options."),
                    _("Consulted body"));
        break;
    }
    case PLAN_ADVISED: {
        const char *kind = request_form(req, "advice_kind");
        p.advice_kind = kind ? vocab_find(&vocab_plan_advice, kind, strlen(kind)) : -1;
        p.advice_text = request_form(req, "advice_text");
        if (!form_date(req, "advice_on", &p.advice_on) || p.advice_on == DATE_NONE)
            problem(req, &fp, "advice", "advice_on", no_date, _("Advice on"));
        /* The advice is recorded once given: a day still to come is a typing error. */
        else if (plan_step_in_future(p.advice_on, date_today()))
            problem(req, &fp, "advice", "advice_on",
                    _("%s: the advice cannot be given on a day still to come."), _("Advice on"));
        else if (p.advice_kind < 0)
            problem(req, &fp, "advice", "advice_kind", _("%s: choose one of the options."),
                    _("Advice"));
        break;
    }
    case PLAN_ADOPTED:
        p.employer_answer = request_form(req, "employer_answer");
        without_advice = request_form(req, "without_advice") != NULL;
        reason = request_form(req, "without_advice_reason");
        if (!form_date(req, "adopted_on", &p.adopted_on))
            p.adopted_on = DATE_NONE;
        switch (plan_adoption_problem(&p, p.adopted_on, date_today(), without_advice, reason)) {
        case ADOPT_NO_DATE:
            problem(req, &fp, "adopt", "adopted_on", no_date, _("Adopted on"));
            break;
        case ADOPT_IN_FUTURE:
            problem(req, &fp, "adopt", "adopted_on",
                    _("%s: the plan cannot be adopted on a day still to come."), _("Adopted on"));
            break;
        case ADOPT_ADVICE_MISSING:
            problem(req, &fp, "adopt", "without_advice",
                    _("%s: the council's advice is not recorded; tick this box to adopt the "
                      "plan without it."),
                    _("Adopt without the council's advice"));
            break;
        case ADOPT_NO_REASON:
            problem(req, &fp, "adopt", "without_advice_reason",
                    _("%s: say why the plan is adopted without the council's advice."),
                    _("Why without the council's advice"));
            break;
        default:
            break;
        }
        break;
    case PLAN_EVALUATED: /* closed from the evaluation page, which sets the day itself */
        if (!form_date(req, "evaluated_on", &d) || d == DATE_NONE) {
            respond_error(req, resp, 400, _("Fill in every field, with dates as DD/MM/YYYY or "
                                            "YYYY-MM-DD."));
            return;
        }
        p.evaluated_on = d;
        break;
    default: /* back to draft: the submission is undone */
        p.submitted_on = p.meeting_on = DATE_NONE;
        p.body = -1;
        break;
    }
    if (fp.form) {
        plan_page(req, resp, &fp, 0, 0);
        return;
    }
    p.state = to;
    if (!begin(req, resp))
        return;
    int rc = plans_save_consultation(req->db, req->user.login, &p, pl.state);
    /* adopted without advice: the reason stays on the plan, for the council */
    if (rc == STORE_OK && to == PLAN_ADOPTED && p.advice_on == DATE_NONE) {
        str text = STR_INIT;
        str_printf(&text, "%s%s %s", _("Adopted without the council's advice"), i18n_colon(),
                   reason);
        rc = str_ok(&text) ? plans_comment_add(req->db, req->user.login,
                                               role_name(req->user.role), p.id, text.p)
                           : STORE_ERROR;
        str_free(&text);
    }
    commit_and_return(req, resp, p.year, rc);
}


void page_plan_comment(request *req, response *resp)
{
    plan pl;
    if (!load_plan(req, resp, &pl))
        return;
    const char *text = request_form(req, "text");
    if (blank(text)) {
        form_problem fp;
        problem(req, &fp, "comment", "text", _("%s: this cannot stay empty."), _("Your comment"));
        plan_page(req, resp, &fp, 0, 0);
        return;
    }
    if (!begin(req, resp))
        return;
    commit_and_return(req, resp, pl.year,
                      plans_comment_add(req->db, req->user.login, role_name(req->user.role),
                                        pl.id, text));
}

/* The realised figure in field NAME: a whole number (SCALE < 0) or an
 * amount; blank is "not known" (-1). False when it is neither. */
static bool realised(request *req, const char *name, int scale, int64_t *out)
{
    const char *v = request_form(req, name);
    *out = -1;
    if (blank(v))
        return true;
    if (scale >= 0)
        return parse_amount(v, scale, out);
    char *end = NULL;
    long long n = strtoll(v, &end, 10);
    *out = n;
    return end != v && !*end && n >= 0;
}

/* Reads the evaluation form over V: every initiative's realised figures
 * and the meeting's date and notes (into *PL). False with *FP set at the
 * first field that is not a number or a date. */
static bool read_evaluation(request *req, plan_view *v, plan *pl, form_problem *fp)
{
    static const char *const prefixes[] = {"rp_", "rh_", "rc_"};
    const char *labels[] = {_("Participants realised"), _("Hours realised"), _("Cost realised")};
    const char *messages[] = {_("%s: give a whole number such as 12."),
                              _("%s: give a number of hours such as 7,5."),
                              _("%s: give an amount such as 2.000 or 1.250,50.")};
    for (size_t i = 0; i < v->nitems; i++) {
        plan_initiative *x = &v->items[i];
        int64_t *values[] = {&x->realised_participants, &x->realised_hours, &x->realised_cost};
        for (size_t k = 0; k < 3; k++) {
            str name = STR_INIT, label = STR_INIT;
            str_printf(&name, "%s%lld", prefixes[k], (long long)x->id);
            str_printf(&label, "%s, %s", labels[k], x->title);
            bool ok = str_ok(&name) && str_ok(&label) &&
                      realised(req, name.p, k == 0 ? -1 : 2, values[k]);
            if (!ok && str_ok(&name) && str_ok(&label))
                problem(req, fp, "evaluation", arena_strdup(req->a, name.p), messages[k],
                        label.p);
            else if (!ok)
                *fp = (form_problem){"evaluation", "", _("Something went wrong on our side")};
            str_free(&name);
            str_free(&label);
            if (!ok)
                return false;
        }
    }
    pl->evaluation_notes = request_form(req, "evaluation_notes");
    if (!form_date(req, "evaluation_meeting_on", &pl->evaluation_meeting_on))
        return problem(req, fp, "evaluation", "evaluation_meeting_on",
                       _("%s: give the date as DD/MM/YYYY."),
                       _("Evaluation meeting with the council on"));
    return true;
}

/* Saves what read_evaluation read, in one transaction, and goes back to
 * the evaluation page. */
static void save_evaluation(request *req, response *resp, const plan_view *v, plan *pl)
{
    if (!begin(req, resp))
        return;
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < v->nitems; i++)
        rc = plans_initiative_save(req->db, req->user.login, v->p.id, &v->items[i]);
    if (rc == STORE_OK && request_form(req, "close") && plan_can_move(pl->state, PLAN_EVALUATED)) {
        pl->state = PLAN_EVALUATED;
        pl->evaluated_on = date_today();
    }
    if (rc == STORE_OK)
        rc = plans_save_consultation(req->db, req->user.login, pl, v->p.state);
    if (store_end(req->db, rc) == STORE_OK) {
        response_redirect(req, resp, plan_href(req, v->p.year, "/evaluation"));
        return;
    }
    respond_error(req, resp, 500, NULL);
}

static void evaluation_page(request *req, response *resp, plan_view *v, const form_problem *fp);

/* One line of the evaluation per department: planned (from the initiatives)
 * and realised (from the learning record); "A + B" or suppressed under the
 * privacy rule for representatives. */
typedef struct dept_evaluation {
    const char *department;
    int64_t planned_participants, planned_hours, planned_cost;
    department_actual realised;
    bool suppressed;
} dept_evaluation;

/* The lines of the N departments ACTUAL with what V's initiatives plan for
 * each; NULL when out of memory. */
static dept_evaluation *dept_rows(arena *a, const plan_view *v, const department_actual *actual,
                                  size_t n)
{
    dept_evaluation *rows = arena_alloc(a, (n + 1) * sizeof *rows);
    for (size_t d = 0; rows && d < n; d++) {
        rows[d] = (dept_evaluation){.department = actual[d].department, .realised = actual[d]};
        for (size_t i = 0; i < v->nitems; i++)
            if (v->items[i].department &&
                strcmp(v->items[i].department, actual[d].department) == 0) {
                rows[d].planned_participants += v->items[i].participants;
                rows[d].planned_hours += v->items[i].participants * v->items[i].hours;
                rows[d].planned_cost += v->items[i].cost;
            }
    }
    return rows;
}

/* Replaces *ROWS by the lines a representative may read (RULES §4, as
 * /reports: plan_departments_protect), figures summed over each line's
 * departments; a suppressed line keeps only its name. Lines without any
 * figure are left out unless suppressed. False when out of memory. */
static bool protect_dept_rows(request *req, const plan_view *v, dept_evaluation **rows, size_t *n)
{
    const char **names = arena_alloc(req->a, (*n + 1) * sizeof *names);
    bool *personal = arena_alloc(req->a, (*n + 1) * sizeof *personal);
    participation_group *lines;
    size_t nlines;
    if (!names || !personal)
        return false;
    for (size_t d = 0; d < *n; d++) {
        const department_actual *r = &(*rows)[d].realised;
        names[d] = (*rows)[d].department;
        personal[d] = r->participants || r->hours || r->cost;
    }
    dept_evaluation *out;
    if (plan_departments_protect(req->db, req->a, v->p.year, v->settings.min_group, names,
                                 personal, *n, &lines, &nlines) != STORE_OK ||
        !(out = arena_alloc(req->a, (nlines + 1) * sizeof *out)))
        return false;
    size_t kept = 0;
    for (size_t k = 0; k < nlines; k++) {
        dept_evaluation line = {.department = lines[k].name, .suppressed = lines[k].suppressed};
        bool any = false;
        for (size_t d = 0; !line.suppressed && d < *n; d++) {
            const dept_evaluation *r = &(*rows)[d];
            if (!plan_line_holds(&lines[k], r->department))
                continue;
            any = true;
            line.planned_participants += r->planned_participants;
            line.planned_hours += r->planned_hours;
            line.planned_cost += r->planned_cost;
            line.realised.participants += r->realised.participants;
            line.realised.hours += r->realised.hours;
            line.realised.cost += r->realised.cost;
        }
        if (any || line.suppressed)
            out[kept++] = line;
    }
    *rows = out;
    *n = kept;
    return true;
}

static void dept_row_html(request *req, response *resp, const dept_evaluation *r)
{
    if (r->suppressed) {
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th>", r->department);
        for (int k = 0; k < 6; k++)
            html_raw(&resp->body, "<td class=\"num\">—</td>");
        html_raw(&resp->body, "</tr>");
        return;
    }
    html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td>"
                             "<td class=\"num\">%lld</td><td class=\"num\">%s</td>"
                             "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                             "<td class=\"num\">%s</td></tr>",
                r->department, (long long)r->planned_participants,
                (long long)r->realised.participants, show_decimal(req, r->planned_hours, 2, 2),
                show_decimal(req, r->realised.hours, 2, 2),
                show_decimal(req, r->planned_cost, 2, 2), show_decimal(req, r->realised.cost, 2, 2));
}

void page_plan_evaluation(request *req, response *resp)
{
    plan_view v;
    if (!load(req, resp, &v))
        return;
    if (strcmp(req->method, "POST") == 0 && req->user.role == ROLE_ADMIN) {
        plan pl = v.p;
        form_problem fp;
        /* read into a copy: the page that comes back shows the figures as stored */
        plan_view sent = v;
        sent.items = arena_alloc(req->a, (v.nitems + 1) * sizeof *sent.items);
        if (!sent.items) {
            respond_error(req, resp, 500, NULL);
            return;
        }
        memcpy(sent.items, v.items, v.nitems * sizeof *sent.items);
        if (read_evaluation(req, &sent, &pl, &fp))
            save_evaluation(req, resp, &sent, &pl);
        else
            evaluation_page(req, resp, &v, &fp);
        return;
    }
    evaluation_page(req, resp, &v, &no_problem);
}

/* The evaluation page: planned against realised per initiative and per
 * department; HR fills in what was realised. FP: the form came back. */
static void evaluation_page(request *req, response *resp, plan_view *v, const form_problem *fp)
{
    bool admin = req->user.role == ROLE_ADMIN;
    department_actual *found;
    size_t nfound;
    if (plans_actuals(req->db, req->a, v->p.year, &found, &nfound) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    /* Every department with learning or with a planned initiative. */
    department_actual *actual = arena_alloc(req->a, (nfound + v->nitems + 1) * sizeof *actual);
    size_t nactual = 0;
    for (size_t i = 0; actual && i < nfound; i++)
        actual[nactual++] = found[i];
    for (size_t i = 0; actual && i < v->nitems; i++) {
        bool listed = !v->items[i].department;
        for (size_t d = 0; d < nactual && !listed; d++)
            listed = strcmp(actual[d].department, v->items[i].department) == 0;
        if (!listed)
            actual[nactual++] = (department_actual){v->items[i].department, 0, 0, 0};
    }
    str title = STR_INIT;
    str_printf(&title, _("Evaluation of the training plan %d"), v->p.year);
    page_begin(req, resp, str_cstr(&title));
    str_free(&title);
    if (fp->form)
        resp->status = 422;
    /* a form of the four levels, far below: said at the top */
    const char *levels = fp->form && strcmp(fp->form, "evaluation") != 0 ? fp->form : NULL;
    if (levels)
        form_refused(resp, fp->message, levels);
    if (admin) /* the representatives read the evaluation: no form without a button */
        form_open(req, resp, "action=\"%s\"", plan_href(req, v->p.year, "/evaluation"));
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th></tr></thead><tbody>",
                _("Planned against realised, per initiative"), _("Initiative"),
                _("Participants planned"), _("realised"), _("Hours planned"), _("realised"),
                _("Cost planned"), _("realised"));
    for (size_t i = 0; i < v->nitems; i++) {
        const plan_initiative *x = &v->items[i];
        /* grouped as the planned figures beside them ("1.512,00"); the form
         * reads that back (decimal_parse takes every language's grouping) */
        const char *rh = x->realised_hours >= 0 ? show_decimal(req, x->realised_hours, 2, 2) : "";
        const char *rc = x->realised_cost >= 0 ? show_decimal(req, x->realised_cost, 2, 2) : "";
        char rp[32] = "";
        if (x->realised_participants >= 0)
            snprintf(rp, sizeof rp, "%lld", (long long)x->realised_participants);
        html_printf(&resp->body, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td>",
                    x->title, (long long)x->participants);
        if (admin) {
            static const char *const prefixes[] = {"rp_", "rh_", "rc_"};
            const char *labels[] = {_("Participants realised"), _("Hours realised"),
                                    _("Cost realised")};
            const char *current[] = {rp, rh, rc};
            const char *planned[] = {show_decimal(req, x->participants * x->hours, 2, 2),
                                     show_decimal(req, x->cost, 2, 2), NULL};
            for (size_t k = 0; k < 3; k++) {
                char name[48];
                snprintf(name, sizeof name, "%s%lld", prefixes[k], (long long)x->id);
                html_raw(&resp->body, "<td>");
                problem_at(resp, fp, "evaluation", name);
                html_printf(&resp->body, "<input name=\"%s\" value=\"%s\" size=\"%d\" "
                                         "aria-label=\"%s, %s\" aria-invalid=\"%s\"></td>",
                            name, shown(req, fp, "evaluation", name, current[k]), 5 + (int)k,
                            labels[k], x->title, invalid(fp, "evaluation", name));
                if (planned[k])
                    html_printf(&resp->body, "<td class=\"num\">%s</td>", planned[k]);
            }
            html_raw(&resp->body, "</tr>");
        } else {
            /* what a small group realised is about its people: a dash */
            bool shown = plan_realised_shown(x, v->settings.min_group);
            const char *hidden = "—";
            html_printf(&resp->body, "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td></tr>",
                        shown ? rp : hidden, show_decimal(req, x->participants * x->hours, 2, 2),
                        !shown ? hidden
                        : x->realised_hours >= 0 ? show_decimal(req, x->realised_hours, 2, 2)
                                                 : "",
                        show_decimal(req, x->cost, 2, 2),
                        !shown ? hidden
                        : x->realised_cost >= 0 ? show_decimal(req, x->realised_cost, 2, 2)
                                                : "");
        }
    }
    html_raw(&resp->body, "</tbody></table></div>");
    if (!admin)
        html_printf(&resp->body, "<p>%s</p>",
                    _("Figures of fewer people than the minimum group are not shown."));
    /* Per department: planned from the initiatives, realised from the record. */
    if (!admin)
        html_printf(&resp->body, "<p>%s</p>", small_groups_hint());
    html_printf(&resp->body, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                             "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                             "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                             "class=\"num\">%s</th></tr></thead><tbody>",
                _("Planned against realised, per department (realised: the learning record)"),
                _("Department"), _("Participants planned"), _("realised"), _("Hours planned"),
                _("realised"), _("Cost planned"), _("realised"));
    dept_evaluation *rows = dept_rows(req->a, v, actual, nactual);
    size_t nrows = nactual;
    if (rows && !admin && !protect_dept_rows(req, v, &rows, &nrows))
        rows = NULL; /* no line rather than one unprotected */
    for (size_t d = 0; rows && d < nrows; d++)
        dept_row_html(req, resp, &rows[d]);
    html_raw(&resp->body, "</tbody></table></div>");
    char meeting[DATE_TEXT_SIZE];
    date_format(v->p.evaluation_meeting_on, meeting);
    if (admin) {
        html_printf(&resp->body, "<div class=\"narrow\"><label for=\"em\">%s</label>",
                    _("Evaluation meeting with the council on"));
        problem_at(resp, fp, "evaluation", "evaluation_meeting_on");
        html_printf(&resp->body, "<input id=\"em\" name=\"evaluation_meeting_on\" type=\"date\" "
                                 "value=\"%s\" aria-invalid=\"%s\"><label for=\"en\">%s</label>"
                                 "<textarea id=\"en\" name=\"evaluation_notes\" rows=\"4\">%s"
                                 "</textarea>",
                    shown(req, fp, "evaluation", "evaluation_meeting_on", meeting),
                    invalid(fp, "evaluation", "evaluation_meeting_on"),
                    _("What the meeting concluded"),
                    shown(req, fp, "evaluation", "evaluation_notes", v->p.evaluation_notes));
        if (v->p.state == PLAN_ADOPTED)
            html_printf(&resp->body, "<label><input type=\"checkbox\" name=\"close\" value=\"yes\">"
                                     " %s</label>", _("The year is evaluated"));
        html_printf(&resp->body, "<button>%s</button></div>", _("Save"));
    } else {
        html_printf(&resp->body, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s"
                                 "</dd></dl>",
                    _("Evaluation meeting with the council on"),
                    *meeting ? show_date(req, v->p.evaluation_meeting_on) : "—",
                    _("What the meeting concluded"),
                    v->p.evaluation_notes ? v->p.evaluation_notes : "—");
    }
    if (admin)
        html_raw(&resp->body, "</form>");
    /* the four levels (page_evaluation.c) */
    plan_evaluation_levels(req, resp, v, levels, fp->message);
    page_end(req, resp);
}

void plan_evaluation_refused(request *req, response *resp, const char *refused,
                             const char *problem)
{
    plan_view v;
    if (!load(req, resp, &v))
        return;
    form_problem fp = {refused, NULL, problem};
    evaluation_page(req, resp, &v, &fp);
}

void page_plan_package(request *req, response *resp)
{
    plan_view v;
    if (!load(req, resp, &v))
        return;
    str doc = STR_INIT;
    if (plan_package_write(req->db, req->a, v.p.year, PLAN_PACKAGE_LINKED, &doc) != STORE_ROW) {
        str_free(&doc);
        respond_error(req, resp, 500, NULL);
        return;
    }
    str_free(&resp->body);
    resp->body = doc;
    resp->content_type = "text/html; charset=utf-8";
}

