/* rules.h - rules 1 to 4 of RULES.md: employer size, the individual training
 * right, the social balance sheet's training section, participation.
 *
 * Pure functions over facts.h; every result is exact (integers over a stated
 * denominator) and rounded only when it is written out (reports.c). */
#ifndef GP_RULES_H
#define GP_RULES_H
#include <stdbool.h>
#include "core/facts.h"

/* ---- rule 1: employer size (employer_size.c) ---- */

typedef struct employer_size {
    /* The size is sum / quarters FTE, with sum in ten-thousandths of FTE;
     * quarters 0 means size 0. */
    int64_t sum;
    int quarters;
    bool overridden; /* by the setting (then sum/quarters holds it) */
} employer_size;

/* The size for YEAR from the people in F (or the setting when set). */
employer_size employer_size_for(const facts *f, const rule_settings *s, int year);
/* True when SIZE >= THRESHOLD FTE, compared unrounded. */
bool employer_size_at_least(const employer_size *size, int threshold);

/* ---- rule 2: individual training right (training_right.c) ---- */

/* Days per FTE for YEAR, in hundredths of a day, for an employer of SIZE. */
int64_t right_days_per_fte(const employer_size *size, const rule_settings *s, int year);

/* Day figures are exact in units of 1/right_unit(s) day: see training_right.c. */
int64_t right_unit(const rule_settings *s);

typedef struct right_line {
    size_t person;          /* index in facts.people */
    int months;             /* months employed in the year */
    int64_t entitlement, used, carried_in, balance; /* units of right_unit() */
} right_line;

typedef struct right_report {
    int year;
    employer_size size;
    int64_t days_per_fte;   /* hundredths of a day */
    right_line *lines;      /* the employees in the year, by employee_id */
    size_t nlines;
    __int128 total_entitlement, total_used; /* units */
    int64_t fte_months;     /* sum of fte (ten-thousandths) x months */
} right_report;

/* Computes the training right of YEAR. F must hold the totals of every year
 * from the reference period's start (policy_right_period) to YEAR. LINES has
 * room for f->npeople. Returns false when a needed year is missing from F. */
bool training_right(const facts *f, const rule_settings *s, int year, right_line *lines,
                    right_report *out);

/* ---- rule 3: social balance sheet (social_balance.c) ---- */

typedef struct balance_cell {
    int64_t participants, hours;                      /* hundredths of hours */
    int64_t gross_cost, contributions, subsidies, net_cost; /* cents */
} balance_cell;

typedef struct social_balance {
    int year;
    balance_cell cells[3][3]; /* [type][gender] */
    int64_t x_participants;   /* employees of gender X with any record */
    int64_t headcount[3];     /* employees in the year, by gender */
} social_balance;

void social_balance_for(const facts *f, int year, social_balance *out);
/* Splits AMOUNT over men and women by the weights (rule 3's fallbacks are
 * the caller's: pass the first pair that is not all zero). */
void split_men_women(int64_t amount, int64_t weight_m, int64_t weight_f, int64_t *m,
                     int64_t *w);

/* ---- rule 4: participation (participation.c) ---- */

enum dimension {
    DIM_GENDER, DIM_AGE, DIM_EDUCATION, DIM_CATEGORY, DIM_CONTRACT, DIM_DEPARTMENT,
    DIM_FUNCTION, DIM_ORIGIN, DIM_DISABILITY, DIM_COUNT
};
extern const char *const dimension_names[DIM_COUNT];
int dimension_find(const char *name);

typedef struct participation_group {
    const char *name;
    int64_t headcount, participants;
    int64_t hours;        /* hundredths */
    int64_t fte_months;   /* sum of fte x months */
    bool suppressed;
    int flag;             /* -1 under, 1 over, 0 none */
} participation_group;

typedef struct participation {
    int year, dimension, min_group;
    participation_group overall;
    participation_group *groups; /* in listing order */
    size_t ngroups;
} participation;

/* Computes participation of YEAR by DIM; GROUPS has room for f->npeople + 8.
 * False when out of memory. */
bool participation_for(const facts *f, int year, int dim, int min_group,
                       participation_group *groups, participation *out);

#endif
