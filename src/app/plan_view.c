/* plan_view.c (app) - see plan_view.h. */
#include "app/plan_view.h"
#include "store/facts.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/jsonw.h"
#include "util/map.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int plan_view_load(store *db, arena *a, int year, plan_view *v)
{
    memset(v, 0, sizeof *v);
    int rc = plans_get(db, a, year, &v->p);
    if (rc != STORE_ROW)
        return rc;
    facts f;
    if (plans_initiatives(db, a, v->p.id, &v->items, &v->nitems) != STORE_OK ||
        plans_budgets(db, a, v->p.id, year, &v->budgets, &v->nbudgets) != STORE_OK ||
        plans_comments(db, a, v->p.id, &v->comments, &v->ncomments) != STORE_OK ||
        rule_settings_load(db, &v->settings) != STORE_OK ||
        facts_load_staff(db, a, &f) != STORE_OK) /* the employer size and FTE */
        return STORE_ERROR;
    v->size = employer_size_for(&f, &v->settings, year);
    v->required = employer_size_at_least(&v->size, 20);
    v->target_dpf = right_days_per_fte(&v->size, &v->settings, year);
    for (size_t i = 0; i < f.npeople; i++)
        v->fte_months += (int64_t)f.people[i].fte *
                         date_months_employed(f.people[i].hire_date, f.people[i].exit_date, year);
    v->planned_hours = plan_planned_hours(v->items, v->nitems);
    v->nwarnings = plan_check(&v->p, v->items, v->nitems, v->required, date_today(), v->warnings,
                              PLAN_MAX_WARNINGS);
    if (v->nwarnings > PLAN_MAX_WARNINGS)
        v->nwarnings = PLAN_MAX_WARNINGS;
    return STORE_ROW;
}

static const char *attention_label(int g)
{
    static const char *const labels[ATTENTION_COUNT] = {
        N_("workers aged 50 or more"), N_("workers with a disability"),
        N_("workers with a non-EU nationality"), N_("bottleneck professions"),
        N_("the gender balance")};
    return _(labels[g]);
}

const char *plan_warning_text(arena *a, const plan_view *v, const plan_warning *w)
{
    str s = STR_INIT;
    switch (w->code) {
    case WARN_NOTICE_TOO_SHORT:
        if (w->detail < 0) { /* the meeting came first: "-9 days before" said nothing */
            str_printf(&s, P_("The draft reached the consulted body %d day after the meeting; "
                              "the law asks for at least 15 days before it.",
                              "The draft reached the consulted body %d days after the meeting; "
                              "the law asks for at least 15 days before it.",
                              (unsigned long)-w->detail),
                       -w->detail);
            break;
        }
        str_printf(&s, P_("The draft reached the consulted body %d day before the meeting; the "
                          "law asks for at least 15.",
                          "The draft reached the consulted body %d days before the meeting; the "
                          "law asks for at least 15.", (unsigned long)(w->detail < 0 ? 0 : w->detail)),
                   w->detail);
        break;
    case WARN_ADVICE_LATE:
        str_printf(&s, _("The advice is dated after 15 March %d."), v->p.year);
        break;
    case WARN_ADOPTED_LATE:
        str_printf(&s, _("The plan was adopted after 31 March %d."), v->p.year);
        break;
    case WARN_ADOPTED_WITHOUT_ADVICE:
        str_puts(&s, _("The plan was adopted without a recorded advice."));
        break;
    case WARN_DATES_OUT_OF_ORDER:
        str_puts(&s, _("Some dates come before the step they follow."));
        break;
    case WARN_ADVICE_BEFORE_SUBMISSION:
        str_puts(&s, _("The advice is dated before the plan was submitted to the consulted "
                       "body: check both dates."));
        break;
    case WARN_SUBMITTED_IN_FUTURE:
        str_puts(&s, _("The plan's submission to the consulted body is dated after today."));
        break;
    case WARN_ADVICE_IN_FUTURE:
        str_puts(&s, _("The advice is dated after today."));
        break;
    case WARN_NOT_ADOPTED_IN_TIME:
        str_printf(&s, _("With 20 FTE or more the plan must be adopted by 31 March %d; it is "
                         "not adopted yet."), v->p.year);
        break;
    case WARN_INITIATIVE_INCOMPLETE: {
        const plan_initiative *x = &v->items[w->item];
        str_printf(&s, _("Initiative “%s” does not say:"), x->title);
        if (w->detail & LACKS_ACTIVITY)
            str_printf(&s, " %s;", _("which activity or form"));
        if (w->detail & LACKS_TYPE)
            str_printf(&s, " %s;", _("formal or informal"));
        if (w->detail & LACKS_TARGET)
            str_printf(&s, " %s;", _("for which target group"));
        if (w->detail & LACKS_PARTICIPANTS)
            str_printf(&s, " %s;", _("how many participants"));
        if (w->detail & LACKS_HOURS)
            str_printf(&s, " %s;", _("how many hours"));
        if (s.len && s.p[s.len - 1] == ';')
            s.p[s.len - 1] = '.';
        break;
    }
    default:
        str_printf(&s, _("No initiative serves %s."), attention_label(w->detail));
    }
    const char *text = str_ok(&s) ? arena_strdup(a, s.p) : NULL;
    str_free(&s);
    return text ? text : "?";
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const participation_group *)a)->name,
                  ((const participation_group *)b)->name);
}

/* Adds to GROUPS (at *N) every department of HEADS and those of NAMES not
 * among them: with PERSONAL[i] as a small group without people, else into
 * FREE (at *NFREE), outside the rule: a line without people and without
 * figures of people has no one to protect. */
static bool gather(const group_count *heads, size_t nheads, const char *const *names,
                   const bool *personal, size_t n, participation_group *groups, size_t *ng,
                   participation_group *free_lines, size_t *nfree)
{
    map index = MAP_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < nheads; i++) {
        groups[(*ng)++] = (participation_group){.name = heads[i].name,
                                                .headcount = heads[i].count};
        ok = map_put(&index, heads[i].name, strlen(heads[i].name), 1);
    }
    for (size_t i = 0; ok && i < n; i++) {
        int64_t seen;
        if (map_get(&index, names[i], strlen(names[i]), &seen))
            continue;
        ok = map_put(&index, names[i], strlen(names[i]), 1);
        if (personal[i])
            groups[(*ng)++] = (participation_group){.name = names[i]};
        else
            free_lines[(*nfree)++] = (participation_group){.name = names[i]};
    }
    map_free(&index);
    return ok;
}

int plan_departments_protect(store *db, arena *a, int year, int min_group,
                             const char *const *names, const bool *personal, size_t n,
                             participation_group **out, size_t *nout)
{
    group_count *heads;
    size_t nheads, ng = 0, nfree = 0;
    if (plans_headcounts(db, a, year, &heads, &nheads) != STORE_OK)
        return STORE_ERROR;
    participation_group *groups = arena_alloc(a, (nheads + n + 1) * sizeof *groups);
    participation_group *free_lines = arena_alloc(a, (n + 1) * sizeof *free_lines);
    if (!groups || !free_lines ||
        !gather(heads, nheads, names, personal, n, groups, &ng, free_lines, &nfree))
        return STORE_ERROR;
    /* The listing order of /reports (strcmp), so "A + B" reads the same. */
    qsort(groups, ng, sizeof *groups, by_name);
    if (!privacy_protect(groups, &ng, min_group, a))
        return STORE_ERROR;
    memcpy(groups + ng, free_lines, nfree * sizeof *free_lines);
    ng += nfree;
    qsort(groups, ng, sizeof *groups, by_name);
    *out = groups;
    *nout = ng;
    return STORE_OK;
}

bool plan_line_holds(const participation_group *g, const char *department)
{
    if (!g->combined)
        return strcmp(g->name, department) == 0;
    for (size_t i = 0; i < g->nmembers; i++)
        if (strcmp(g->members[i], department) == 0)
            return true;
    return false;
}

int plan_budgets_protect(store *db, arena *a, int year, int min_group, const plan_budget *b,
                         size_t n, plan_budget **out, size_t *nout)
{
    const char **names = arena_alloc(a, (n + 1) * sizeof *names);
    bool *personal = arena_alloc(a, (n + 1) * sizeof *personal);
    participation_group *lines;
    size_t nlines;
    if (!names || !personal)
        return STORE_ERROR;
    for (size_t i = 0; i < n; i++) {
        names[i] = b[i].department;
        personal[i] = b[i].spent != 0; /* planned and committed are the employer's */
    }
    if (plan_departments_protect(db, a, year, min_group, names, personal, n, &lines, &nlines) !=
            STORE_OK ||
        !(*out = arena_alloc(a, (nlines + 1) * sizeof **out)))
        return STORE_ERROR;
    for (size_t k = 0; k < nlines; k++) {
        plan_budget *line = &(*out)[k];
        *line = (plan_budget){.department = lines[k].name, .suppressed = lines[k].suppressed};
        for (size_t i = 0; !line->suppressed && i < n; i++)
            if (plan_line_holds(&lines[k], b[i].department)) {
                line->planned += b[i].planned;
                line->committed += b[i].committed;
                line->spent += b[i].spent;
            }
    }
    *nout = nlines;
    return STORE_OK;
}

static void date_field(jsonw *w, const char *key, date_t d)
{
    char buf[DATE_TEXT_SIZE];
    date_format(d, buf);
    jw_key(w, key);
    jw_string(w, d == DATE_NONE ? NULL : buf);
}

static void text_field(jsonw *w, const char *key, const char *value)
{
    jw_key(w, key);
    jw_string(w, value);
}

bool plan_json(const plan_view *v, str *out, bool pretty)
{
    arena a = ARENA_INIT;
    const plan *p = &v->p;
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    jw_key(&w, "year");
    jw_int(&w, p->year);
    text_field(&w, "state", vocab_name(&vocab_plan_state, p->state));
    jw_key(&w, "required");
    jw_bool(&w, v->required);
    jw_key(&w, "employer_size");
    jw_fraction(&w, v->size.sum, (__int128)v->size.quarters * 10000, 2);
    text_field(&w, "goal", p->goal);
    text_field(&w, "context", p->context);
    text_field(&w, "needs_method", p->needs_method);
    text_field(&w, "new_needs", p->new_needs);
    text_field(&w, "choices", p->choices);
    text_field(&w, "mandatory", p->mandatory);
    jw_key(&w, "consultation");
    jw_object(&w);
    text_field(&w, "body", p->body >= 0 ? vocab_name(&vocab_plan_body, p->body) : NULL);
    date_field(&w, "submitted_on", p->submitted_on);
    date_field(&w, "meeting_on", p->meeting_on);
    date_field(&w, "advice_on", p->advice_on);
    text_field(&w, "advice", p->advice_kind >= 0 ? vocab_name(&vocab_plan_advice, p->advice_kind)
                                                 : NULL);
    text_field(&w, "advice_text", p->advice_text);
    text_field(&w, "employer_answer", p->employer_answer);
    date_field(&w, "adopted_on", p->adopted_on);
    date_field(&w, "evaluated_on", p->evaluated_on);
    date_field(&w, "evaluation_meeting_on", p->evaluation_meeting_on);
    text_field(&w, "evaluation_notes", p->evaluation_notes);
    jw_end(&w);
    jw_key(&w, "initiatives");
    jw_array(&w);
    for (size_t i = 0; i < v->nitems; i++) {
        const plan_initiative *x = &v->items[i];
        jw_object(&w);
        text_field(&w, "title", x->title);
        text_field(&w, "activity_code", x->activity_code);
        text_field(&w, "form", x->form >= 0 ? vocab_name(&vocab_form, x->form) : NULL);
        text_field(&w, "type", x->type >= 0 ? vocab_name(&vocab_type, x->type) : NULL);
        text_field(&w, "target_group", x->target_group);
        jw_key(&w, "attention_groups");
        jw_array(&w);
        for (int g = 0; g < ATTENTION_COUNT; g++)
            if (x->attention & (1u << g))
                jw_string(&w, vocab_attention.names[g]);
        jw_end(&w);
        text_field(&w, "department", x->department);
        jw_key(&w, "participants");
        jw_int(&w, x->participants);
        jw_key(&w, "hours");
        jw_fraction(&w, x->hours, 100, 2);
        text_field(&w, "working_time", x->working_time < 0 ? NULL : x->working_time ? "during"
                                                                                    : "outside");
        text_field(&w, "provider", x->internal < 0 ? NULL : x->internal ? "internal" : "external");
        jw_key(&w, "cost");
        jw_fraction(&w, x->cost, 100, 2);
        jw_key(&w, "mandatory");
        jw_bool(&w, x->mandatory);
        jw_key(&w, "realised_participants");
        if (x->realised_participants < 0)
            jw_null(&w);
        else
            jw_int(&w, x->realised_participants);
        jw_key(&w, "realised_hours");
        if (x->realised_hours < 0)
            jw_null(&w);
        else
            jw_fraction(&w, x->realised_hours, 100, 2);
        jw_key(&w, "realised_cost");
        if (x->realised_cost < 0)
            jw_null(&w);
        else
            jw_fraction(&w, x->realised_cost, 100, 2);
        jw_end(&w);
    }
    jw_end(&w);
    jw_key(&w, "budget");
    jw_array(&w);
    for (size_t i = 0; i < v->nbudgets; i++) {
        const plan_budget *b = &v->budgets[i];
        if (!b->planned && !b->committed && !b->spent)
            continue;
        jw_object(&w);
        text_field(&w, "department", b->department);
        jw_key(&w, "planned");
        jw_fraction(&w, b->planned, 100, 2);
        jw_key(&w, "committed");
        jw_fraction(&w, b->committed, 100, 2);
        jw_key(&w, "spent");
        jw_fraction(&w, b->spent, 100, 2);
        jw_end(&w);
    }
    jw_end(&w);
    /* planned days = participants x hours / hours per day; per FTE */
    jw_key(&w, "effort");
    jw_object(&w);
    jw_key(&w, "planned_hours");
    jw_fraction(&w, v->planned_hours, 100, 2);
    jw_key(&w, "planned_days");
    jw_fraction(&w, v->planned_hours, v->settings.hours_per_day, 2);
    jw_key(&w, "fte");
    ratio fte = fte_of(v->fte_months);
    jw_fraction(&w, fte.num, fte.den, 2);
    jw_key(&w, "planned_days_per_fte");
    ratio days = per_fte(v->planned_hours, v->settings.hours_per_day, v->fte_months);
    jw_fraction(&w, days.num, days.den, 2);
    jw_key(&w, "target_days_per_fte");
    jw_fraction(&w, v->target_dpf, 100, 2);
    jw_end(&w);
    jw_key(&w, "attention_groups_without_initiative");
    jw_array(&w);
    for (size_t i = 0; i < v->nwarnings; i++)
        if (v->warnings[i].code == WARN_ATTENTION_GROUP)
            jw_string(&w, vocab_attention.names[v->warnings[i].detail]);
    jw_end(&w);
    jw_key(&w, "warnings");
    jw_array(&w);
    for (size_t i = 0; i < v->nwarnings; i++)
        jw_string(&w, plan_warning_text(&a, v, &v->warnings[i]));
    jw_end(&w);
    jw_key(&w, "comments");
    jw_array(&w);
    for (size_t i = 0; i < v->ncomments; i++) {
        jw_object(&w);
        text_field(&w, "author", v->comments[i].author);
        text_field(&w, "role", v->comments[i].role);
        text_field(&w, "at", v->comments[i].at);
        text_field(&w, "text", v->comments[i].text);
        jw_end(&w);
    }
    jw_end(&w);
    jw_end(&w);
    arena_free(&a);
    return jw_finish(&w);
}
