/* gaps.h - rule 9 of RULES.md: competence gaps on a day, for a horizon.
 *
 * Pure computation on plain structs: the people, the function profiles and
 * the assessments go in (store/competences.c loads them, possibly pre-reduced
 * in SQL to the latest assessment per employee and competence), the report's
 * lines come out. */
#ifndef GP_GAPS_H
#define GP_GAPS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "util/arena.h"
#include "util/str.h"

enum gap_horizon { HORIZON_NOW, HORIZON_FUTURE };
extern const vocab vocab_horizon; /* "now", "future" */

/* One profile line with its competence as an index into the codes. */
typedef struct gap_profile {
    const char *function;
    uint32_t competence;
    int8_t level_now, level_future;
} gap_profile;

/* One assessment with its employee and competence as indexes. seq orders
 * assessments entered on the same day: the higher was entered later. */
typedef struct gap_assessment {
    uint32_t person;
    uint32_t competence;
    int8_t level;
    date_t on;
    int64_t seq;
} gap_assessment;

typedef struct gaps_input {
    date_t date;
    int horizon;
    const char *department;   /* only this department; NULL: everyone */
    const employee *people;   /* sorted by employee_id */
    size_t npeople;
    const char *const *codes; /* the competence codes, sorted (strcmp) */
    size_t ncodes;
    const gap_profile *profiles; /* any order */
    size_t nprofiles;
    const gap_assessment *assessments; /* any order */
    size_t nassessments;
} gaps_input;

typedef struct gap_line {
    uint32_t competence;
    int required, actual, gap;
    bool assessed;
} gap_line;

typedef struct gap_person {
    size_t person;   /* index into the input's people */
    gap_line *lines; /* by competence code */
    size_t nlines;
    int64_t total_gap;
} gap_person;

typedef struct gap_competence {
    uint32_t competence;
    int64_t required, short_of, unassessed, total_gap;
    bool suppressed; /* privacy (gaps_line_shown): listed by code, no figure */
} gap_competence;

typedef struct gaps_report {
    date_t date;
    int horizon;
    const char *department;
    gap_person *people;       /* the population, by employee_id */
    size_t npeople;
    gap_competence *competences; /* required by someone, by code */
    size_t ncompetences;
    int64_t with_gap, total_gap;
    bool totals_suppressed; /* privacy: with_gap and total_gap not shown */
} gaps_report;

/* Rule 9: whether employee E belongs to the population on DAY (employed that
 * day, and in DEPARTMENT when one is given). */
bool gap_in_population(const employee *e, date_t day, const char *department);
/* Rule 9: whether assessment A supersedes B (both of one employee and
 * competence, neither after the report's day): the later day, and on the
 * same day the one entered later. The store's pre-filter follows it. */
bool gap_supersedes(const gap_assessment *a, const gap_assessment *b);
/* Rule 9: the gap between a required and an actual level: never below 0. */
int gap_of(int required, int actual);
/* The level a profile line requires for HORIZON. */
int gap_required(const gap_profile *p, int horizon);

/* Computes the report of IN into OUT, memory in A. False when out of memory. */
bool gaps_compute(const gaps_input *in, arena *a, gaps_report *out);

/* The privacy rule for the per-competence lines representatives read (RULES
 * §4 applied to rule 9). A line's figures are those of the people who
 * require its competence, so that number, not the department's headcount,
 * is its group: a line is shown only when it is not small (privacy_is_small
 * with MIN_GROUP; none at all is no one's figure) and its department is not
 * small either. One competence
 * over D departments: NEED[d] of the HEADS[d] people of department d
 * require it. SHOWN[d] tells whether department d's line may be shown. The
 * whole organisation's line is the sum of the departments' lines, so it is
 * shown only when the hidden ones together are none or not small: else it
 * would give them away by subtraction. Returns whether it may be shown. */
bool gaps_line_shown(const int64_t *need, const int64_t *heads, size_t d, int min_group,
                     bool *shown);

/* The report as DESIGN §4's JSON. WITH_PEOPLE false leaves "employees"
 * empty; WITH_COMPETENCES false leaves "competences" empty and the totals
 * null, the population's size too (a representative's view of a small
 * group).
 * A suppressed line has its code, "suppressed": true and null figures (the
 * key only on such lines, so other output is unchanged); totals_suppressed
 * nulls with_gap and total_gap. */
bool gaps_json(const gaps_report *r, const gaps_input *in, bool with_people,
               bool with_competences, str *out, bool pretty);

#endif
