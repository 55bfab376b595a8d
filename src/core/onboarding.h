/* onboarding.h - rule 7 of RULES.md (Royal Decree of 25 April 2007): who is
 * a newcomer on a day, which mentor guides them, and what is wrong with it;
 * and the sign-off rules of onboarding trajectories.
 *
 * Pure functions over plain structs: store/onboarding.c fills them, the
 * reports and pages show the results. */
#ifndef GP_ONBOARDING_H
#define GP_ONBOARDING_H
#include <stdbool.h>
#include <stddef.h>
#include "core/model.h"
#include "util/arena.h"
#include "util/str.h"
#include "util/table.h"

/* A mentor assignment: the newcomer and the mentor by employee_id. */
typedef struct mentor_assignment {
    int64_t id;
    const char *newcomer_id, *mentor_id;
    date_t from, to; /* to: DATE_NONE while open */
} mentor_assignment;

/* What the rule needs of an employee. */
typedef struct onboarding_person {
    const char *employee_id;
    date_t hire, exit;
} onboarding_person;

/* The settings of rule 7. */
typedef struct onboarding_settings {
    int newcomer_months;     /* default 6 */
    int mentor_min_months;   /* default 12 */
    int mentor_max_newcomers; /* a warning above it (not in the report) */
} onboarding_settings;

/* The issues of a newcomer, as bits, listed in this order. */
enum onboarding_issue {
    ISSUE_NO_MENTOR = 1 << 0,
    ISSUE_LATE = 1 << 1,
    ISSUE_INEXPERIENCED = 1 << 2
};
#define ONBOARDING_ISSUES 3
extern const char *const onboarding_issue_names[ONBOARDING_ISSUES]; /* "no_mentor", ... */

typedef struct newcomer_line {
    size_t person;          /* index into the people */
    const char *mentor;     /* employee_id, or NULL */
    date_t mentor_from;     /* DATE_NONE when no mentor */
    unsigned issues;        /* enum onboarding_issue bits */
} newcomer_line;

typedef struct onboarding_report {
    date_t date;
    int newcomer_months;
    newcomer_line *lines;   /* by employee_id */
    size_t nlines;
    int64_t newcomers, with_mentor, no_mentor, late, inexperienced;
    unsigned hidden;    /* representatives: the totals (ONBOARDING_HIDES_*) not shown */
} onboarding_report;

/* The totals onboarding_report_aggregate may hide, as bits of .hidden. */
enum {
    ONBOARDING_HIDES_WITH_MENTOR = 1, ONBOARDING_HIDES_NO_MENTOR = 2, ONBOARDING_HIDES_LATE = 4,
    ONBOARDING_HIDES_INEXPERIENCED = 8
};

/* True when P is a newcomer on D: employed on D and hire <= D < hire +
 * NEWCOMER_MONTHS months (clamped as date_add_months). */
bool onboarding_is_newcomer(const onboarding_person *p, date_t d, int newcomer_months);

/* True when A is active on D: from <= D, (no end or D <= to), and its mentor
 * (MENTOR, NULL when unknown) is another employee, employed on D. */
bool onboarding_assignment_active(const mentor_assignment *a, const onboarding_person *mentor,
                                  date_t d);

/* True when the mentor hired on MENTOR_HIRE lacks the service rule 7 asks on
 * FROM: hire + MIN_MONTHS months (clamped) is after FROM (our reading of
 * "experienced", policy.h). */
bool onboarding_inexperienced(date_t mentor_hire, date_t from, int min_months);

/* Computes rule 7 on D. PEOPLE (N of them) sorted by employee_id (strcmp);
 * ASSIGNMENTS in any order. Memory from A; false when out of memory. */
bool onboarding_report_for(const onboarding_person *people, size_t n,
                           const mentor_assignment *assignments, size_t nassign,
                           const onboarding_settings *s, date_t d, arena *a,
                           onboarding_report *out);

/* Keeps only the lines for which KEEP says yes and recounts the totals. */
void onboarding_report_keep(onboarding_report *r, const onboarding_person *people,
                            bool (*keep)(void *ctx, const onboarding_person *p), void *ctx);
/* The representatives' view: no lines, and no count of fewer than
 * MIN_GROUP people nor one that leaves fewer than that of the newcomers
 * (privacy_count_shown): all but the number of newcomers when they are
 * fewer than MIN_GROUP. */
void onboarding_report_aggregate(onboarding_report *r, int min_group);

/* The report in DESIGN §4's JSON shape, appended to OUT. False when out of
 * memory. */
bool onboarding_json(const onboarding_report *r, const onboarding_person *people, str *out,
                     bool pretty);
/* The newcomers as a table (issues joined by '|'), and the totals as a
 * table of name and count; memory from A. */
bool onboarding_table(const onboarding_report *r, const onboarding_person *people, arena *a,
                      report_table *t);
bool onboarding_totals_table(const onboarding_report *r, arena *a, report_table *t);

/* The number of newcomers MENTOR_ID guides on D through the active
 * assignments among A (N): the load warned about above mentor_max_newcomers. */
int onboarding_mentor_load(const mentor_assignment *a, size_t n, const char *mentor_id,
                           date_t d);

/* ---- trajectories ---- */

/* A module of a trajectory as signed so far. */
typedef struct module_signoff {
    bool safety;
    int week;                 /* planned in this week of the trajectory (1..) */
    date_t mentor_signed, newcomer_signed; /* DATE_NONE when not yet */
} module_signoff;

/* A module is complete when both the mentor and the newcomer signed it. */
bool onboarding_module_complete(const module_signoff *m);
/* A trajectory is complete when all its modules are (and it has one). */
bool onboarding_trajectory_complete(const module_signoff *m, size_t n);
/* The order modules are listed and done in: safety modules first, then by
 * planned week; qsort-compatible over module_signoff. */
int onboarding_module_order(const void *a, const void *b);
/* The day module M is due: START plus (week - 1) weeks, the end of that week
 * (START + 7 x week - 1). */
date_t onboarding_module_due(date_t start, int week);
/* True when the trajectory that started on START is on schedule on D: every
 * module due before D is complete. */
bool onboarding_on_schedule(const module_signoff *m, size_t n, date_t start, date_t d);

/* The most characters the name of a community of practice may have: as
 * many as an organisation's name (ORG_NAME_MAX) and a need's title. */
#define COMMUNITY_NAME_MAX 200
/* True when NAME can name a community: 1 to COMMUNITY_NAME_MAX characters of
 * UTF-8, not only spaces, none a control character (a line break or a tab
 * would break the lists that show it). */
bool community_name_valid(const char *name);

#endif
