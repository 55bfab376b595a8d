/* plan.h - rule 6: the annual training plan, its consultation and its checks.
 *
 * Pure: the state machine, the warnings about the timeline and the content,
 * and the planned effort. The store keeps plans; web and cli show them. */
#ifndef GP_PLAN_H
#define GP_PLAN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"

enum plan_state { PLAN_DRAFT, PLAN_SUBMITTED, PLAN_ADVISED, PLAN_ADOPTED, PLAN_EVALUATED };
enum plan_body { BODY_WORKS_COUNCIL, BODY_UNION_DELEGATION, BODY_EMPLOYEES };
enum plan_advice { ADVICE_POSITIVE, ADVICE_NEGATIVE, ADVICE_REMARKS };
/* The legal attention groups (rule 6), as bits of plan_initiative.attention. */
enum attention_group {
    ATTENTION_OLDER_50, ATTENTION_DISABILITY, ATTENTION_NON_EU, ATTENTION_BOTTLENECK,
    ATTENTION_GENDER_BALANCE, ATTENTION_COUNT
};

extern const vocab vocab_plan_state, vocab_plan_body, vocab_plan_advice, vocab_attention;

typedef struct plan {
    int64_t id;
    int year;
    const char *goal, *context, *needs_method, *new_needs, *choices, *mandatory;
    int state;
    int body;               /* -1 when not chosen */
    date_t submitted_on, meeting_on, advice_on;
    int advice_kind;        /* -1 when none */
    const char *advice_text, *employer_answer;
    date_t adopted_on, evaluated_on, evaluation_meeting_on;
    const char *evaluation_notes;
} plan;

typedef struct plan_initiative {
    int64_t id;
    const char *title;
    const char *activity_code; /* or NULL */
    int form;                  /* -1 when none */
    int type;                  /* TYPE_FORMAL, TYPE_INFORMAL or -1 */
    const char *target_group;
    unsigned attention;        /* bits of enum attention_group */
    const char *department;    /* or NULL: the whole organisation */
    int64_t participants;
    int64_t hours;             /* hundredths, per participant */
    int working_time;          /* 1 during, 0 outside, -1 unknown */
    int internal;              /* 1, 0, -1 */
    int64_t cost;              /* cents */
    int mandatory;
    int64_t realised_participants, realised_hours, realised_cost; /* -1: not yet */
} plan_initiative;

/* True when the plan may go from state FROM to state TO. Forward one step at
 * a time (adoption may skip the advice), back only from submitted to draft. */
bool plan_can_move(int from, int to);

enum plan_warning_code {
    WARN_NOTICE_TOO_SHORT,     /* the draft reached the body < 15 days before the meeting */
    WARN_ADVICE_LATE,          /* advice after 15 March */
    WARN_ADOPTED_LATE,         /* adopted after 31 March */
    WARN_ADOPTED_WITHOUT_ADVICE,
    WARN_DATES_OUT_OF_ORDER,   /* a step dated before the one it follows (but for the
                                  advice before the submission: its own warning) */
    WARN_NOT_ADOPTED_IN_TIME,  /* required, and still not adopted after 31 March */
    WARN_INITIATIVE_INCOMPLETE,/* item: the initiative; detail: bits of what is missing */
    WARN_ATTENTION_GROUP,      /* detail: the attention group without an initiative */
    WARN_ADVICE_BEFORE_SUBMISSION, /* the advice is dated before the plan reached the body */
    WARN_SUBMITTED_IN_FUTURE,  /* the submission is dated after TODAY */
    WARN_ADVICE_IN_FUTURE,     /* the advice is dated after TODAY */
};

/* What an initiative lacks (detail of WARN_INITIATIVE_INCOMPLETE). */
enum { LACKS_ACTIVITY = 1, LACKS_TYPE = 2, LACKS_TARGET = 4, LACKS_PARTICIPANTS = 8,
       LACKS_HOURS = 16 };

typedef struct plan_warning {
    int code;
    size_t item;   /* the initiative's index, when about one */
    int detail;
} plan_warning;

/* Checks P and its N initiatives on TODAY; REQUIRED when the employer must
 * have a plan (size >= 20). Writes at most MAX warnings to OUT and returns
 * how many there are. Warnings never block anything (RULES.md §6). A
 * submission or advice dated after TODAY is also refused when it is
 * recorded (plan_step_in_future), as an adoption is: this warning is for
 * dates stored before that check. */
size_t plan_check(const plan *p, const plan_initiative *items, size_t n, bool required,
                  date_t today, plan_warning *out, size_t max);

/* Why plan P cannot be adopted on ADOPTED_ON, asked on TODAY (policy.h,
 * POLICY_ADOPT_*): ADOPT_OK when it can. WITHOUT_ADVICE: HR confirmed
 * adopting it while no advice is recorded, for REASON. The state machine
 * (plan_can_move) is checked apart. */
enum plan_adopt_problem {
    ADOPT_OK,
    ADOPT_NO_DATE,          /* no adoption date */
    ADOPT_IN_FUTURE,        /* dated after TODAY */
    ADOPT_ADVICE_MISSING,   /* no advice recorded, and not confirmed */
    ADOPT_NO_REASON,        /* confirmed without advice, but no reason given */
};
int plan_adoption_problem(const plan *p, date_t adopted_on, date_t today, bool without_advice,
                          const char *reason);

/* True when the consultation step dated ON, recorded on TODAY, lies in the
 * future: a submission to the body or its advice is recorded once it
 * happened, so a day still to come is a typing error and is refused (as
 * ADOPT_IN_FUTURE for the adoption). The meeting may lie ahead. */
bool plan_step_in_future(date_t on, date_t today);

/* Whether representatives may read what initiative X realised (its
 * participants, hours and cost: figures about the people who took part,
 * RULES.md §4): not when fewer than MIN_GROUP took part, or, while that is
 * not known, were planned to. The planned figures are HR's plan and are
 * always shown. */
bool plan_realised_shown(const plan_initiative *x, int min_group);

/* The planned effort: hours (hundredths) = sum of participants x hours. */
int64_t plan_planned_hours(const plan_initiative *items, size_t n);

#endif
