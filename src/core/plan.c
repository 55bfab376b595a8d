/* plan.c - see plan.h. */
#include "core/plan.h"
#include "core/policy.h"
#include "core/rules.h"
#include "util/i18n.h"

static const char *const state_names[] = {N_("draft"), N_("submitted"), N_("advised"),
                                          N_("adopted"), N_("evaluated")};
static const char *const body_names[] = {N_("works_council"), N_("union_delegation"),
                                         N_("employees")};
static const char *const advice_names[] = {N_("positive"), N_("negative"), N_("remarks")};
static const char *const attention_names[] = {N_("older_50"), N_("disability"), N_("non_eu"),
                                              N_("bottleneck"), N_("gender_balance")};
const vocab vocab_plan_state = {state_names, 5};
const vocab vocab_plan_body = {body_names, 3};
const vocab vocab_plan_advice = {advice_names, 3};
const vocab vocab_attention = {attention_names, ATTENTION_COUNT};

bool plan_can_move(int from, int to)
{
    switch (from) {
    case PLAN_DRAFT: return to == PLAN_SUBMITTED;
    case PLAN_SUBMITTED: return to == PLAN_DRAFT || to == PLAN_ADVISED || to == PLAN_ADOPTED;
    case PLAN_ADVISED: return to == PLAN_ADOPTED;
    case PLAN_ADOPTED: return to == PLAN_EVALUATED;
    default: return false;
    }
}

static void warn(plan_warning *out, size_t max, size_t *n, int code, size_t item, int detail)
{
    if (*n < max)
        out[*n] = (plan_warning){code, item, detail};
    (*n)++;
}

/* True when both dates are set and LATER lies before EARLIER. */
static bool before(date_t later, date_t earlier)
{
    return later != DATE_NONE && earlier != DATE_NONE && later < earlier;
}

size_t plan_check(const plan *p, const plan_initiative *items, size_t n, bool required,
                  date_t today, plan_warning *out, size_t max)
{
    size_t count = 0;
    date_t advice_by = date_from_ymd(p->year, 3, 15), adopt_by = date_from_ymd(p->year, 3, 31);
    /* Timeline (rule 6). */
    if (p->submitted_on != DATE_NONE && p->meeting_on != DATE_NONE &&
        p->meeting_on - p->submitted_on < 15)
        warn(out, max, &count, WARN_NOTICE_TOO_SHORT, 0, (int)(p->meeting_on - p->submitted_on));
    if (p->advice_on != DATE_NONE && p->advice_on > advice_by)
        warn(out, max, &count, WARN_ADVICE_LATE, 0, 0);
    if (p->adopted_on != DATE_NONE && p->adopted_on > adopt_by)
        warn(out, max, &count, WARN_ADOPTED_LATE, 0, 0);
    if (p->state >= PLAN_ADOPTED && p->advice_on == DATE_NONE)
        warn(out, max, &count, WARN_ADOPTED_WITHOUT_ADVICE, 0, 0);
    /* The council cannot advise on a plan it has not received: said on its
     * own, not among the other dates out of order. */
    if (before(p->advice_on, p->submitted_on))
        warn(out, max, &count, WARN_ADVICE_BEFORE_SUBMISSION, 0, 0);
    if (before(p->meeting_on, p->submitted_on) || before(p->adopted_on, p->advice_on) ||
        before(p->adopted_on, p->submitted_on) || before(p->evaluated_on, p->adopted_on))
        warn(out, max, &count, WARN_DATES_OUT_OF_ORDER, 0, 0);
    if (p->submitted_on != DATE_NONE && plan_step_in_future(p->submitted_on, today))
        warn(out, max, &count, WARN_SUBMITTED_IN_FUTURE, 0, 0);
    if (p->advice_on != DATE_NONE && plan_step_in_future(p->advice_on, today))
        warn(out, max, &count, WARN_ADVICE_IN_FUTURE, 0, 0);
    if (required && p->state < PLAN_ADOPTED && today > adopt_by)
        warn(out, max, &count, WARN_NOT_ADOPTED_IN_TIME, 0, 0);
    /* Content: each initiative says what, which type, for whom, how much. */
    unsigned covered = 0;
    for (size_t i = 0; i < n; i++) {
        const plan_initiative *x = &items[i];
        int lacks = 0;
        if (!x->activity_code && x->form < 0)
            lacks |= LACKS_ACTIVITY;
        if (x->type != TYPE_FORMAL && x->type != TYPE_INFORMAL)
            lacks |= LACKS_TYPE;
        if (!x->target_group || !*x->target_group)
            lacks |= LACKS_TARGET;
        if (x->participants <= 0)
            lacks |= LACKS_PARTICIPANTS;
        if (x->hours <= 0)
            lacks |= LACKS_HOURS;
        if (lacks)
            warn(out, max, &count, WARN_INITIATIVE_INCOMPLETE, i, lacks);
        covered |= x->attention;
    }
    for (int g = 0; g < ATTENTION_COUNT; g++)
        if (!(covered & (1u << g)))
            warn(out, max, &count, WARN_ATTENTION_GROUP, 0, g);
    return count;
}

/* True when TEXT holds something besides spaces. */
static bool has_text(const char *text)
{
    for (; text && *text; text++)
        if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r')
            return true;
    return false;
}

int plan_adoption_problem(const plan *p, date_t adopted_on, date_t today, bool without_advice,
                          const char *reason)
{
    if (adopted_on == DATE_NONE)
        return ADOPT_NO_DATE;
    if (adopted_on > today)
        return ADOPT_IN_FUTURE;
    if (POLICY_ADOPT_WITHOUT_ADVICE_CONFIRMED && p->advice_on == DATE_NONE) {
        if (!without_advice)
            return ADOPT_ADVICE_MISSING;
        if (!has_text(reason))
            return ADOPT_NO_REASON;
    }
    return ADOPT_OK;
}

bool plan_step_in_future(date_t on, date_t today)
{
    return on != DATE_NONE && on > today;
}

bool plan_realised_shown(const plan_initiative *x, int min_group)
{
    int64_t people = x->realised_participants >= 0 ? x->realised_participants : x->participants;
    return privacy_count_shown(people, -1, min_group);
}

int64_t plan_planned_hours(const plan_initiative *items, size_t n)
{
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += items[i].participants * items[i].hours;
    return total;
}
