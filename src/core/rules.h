/* rules.h - rules 1 to 4 of RULES.md: employer size, the individual training
 * right, the social balance sheet's training section, participation.
 *
 * Pure functions over facts.h; every result is exact (integers over a stated
 * denominator) and rounded only when it is written out (reports.c). */
#ifndef GP_RULES_H
#define GP_RULES_H
#include <stdbool.h>
#include "core/facts.h"
#include "util/arena.h"

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

/* What counts as used training right (rule 2): the hours of a record of
 * TYPE count unless it is initial training or taken as Flemish training
 * leave. The one definition; store/learning.c's SQL rebuild follows it. */
bool right_counts(int type, bool training_leave);

/* The first year whose learning the training right of YEAR reads: the
 * reference period's first year when YEAR carries over, else YEAR. */
int right_first_year(int year);

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

/* True when the employee of line L is behind on the right of YEAR on TODAY:
 * used below the share of the year's entitlement for the months already
 * passed (policy_months_passed); in the last year of a reference period the
 * days carried in count too, as they lapse at its end (before it they may
 * be used in any later year of the period). Never when the balance is zero
 * or less. */
bool right_behind(const right_line *l, int year, date_t today);

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
/* Adds FROM's figures to INTO (a sector's balance is the sum of its
 * organisations' balances, each split by its own rule 3 fallbacks). */
void social_balance_add(social_balance *into, const social_balance *from);
/* Splits AMOUNT over men and women by the weights (rule 3's fallbacks are
 * the caller's: pass the first pair that is not all zero). */
void split_men_women(int64_t amount, int64_t weight_m, int64_t weight_f, int64_t *m,
                     int64_t *w);

/* ---- figures per FTE (one place for the x 120,000) ---- */

/* An exact quotient, rounded only when written (jw_fraction, cell_fraction). */
typedef struct ratio {
    __int128 num, den;
} ratio;

/* FTE-months (fte in ten-thousandths x months employed) per full-time year. */
#define FTE_MONTHS_PER_FTE 120000

/* The FTE of FTE_MONTHS: their sum of fte x months / 12. */
ratio fte_of(int64_t fte_months);
/* NUM/DEN of something (days, hours) per FTE over FTE_MONTHS. Den 0 (no
 * FTE) writes 0. */
ratio per_fte(__int128 num, __int128 den, int64_t fte_months);

/* ---- rule 4: participation (participation.c) ---- */

enum dimension {
    DIM_GENDER, DIM_AGE, DIM_EDUCATION, DIM_CATEGORY, DIM_CONTRACT, DIM_DEPARTMENT,
    DIM_FUNCTION, DIM_ORIGIN, DIM_DISABILITY, DIM_COUNT
};
extern const char *const dimension_names[DIM_COUNT];
int dimension_find(const char *name);

/* One line of a report by group: a group of people, or (privacy rule) a
 * line combining several small groups with another. Every figure is a sum,
 * so a combined line is computed over the union of its members. */
typedef struct participation_group {
    const char *name;           /* "F"; a combined line: "F + X" */
    const char *const *members; /* a combined line's groups, in listing order */
    size_t nmembers;            /* 0 unless combined */
    int64_t headcount, participants;
    int64_t hours;        /* hundredths */
    int64_t fte_months;   /* sum of fte x months */
    __int128 right_used;  /* training-right units used (right_by_department) */
    bool suppressed;      /* listed by name, every figure hidden (and zeroed) */
    bool combined;
    int flag;             /* -1 under, 1 over, 0 none */
} participation_group;

/* True when a group of HEADCOUNT people is small (RULES.md §4): below
 * MIN_GROUP, so none of its figures may be shown on its own. */
bool privacy_is_small(int64_t headcount, int min_group);

/* Whether a representative may read that COUNT people of a whole of WHOLE
 * people have some property (RULES.md §4 for counts of people): the whole
 * is not small, and neither are the people counted nor the rest of the
 * whole, which the count and the whole shown together give away; no one
 * (0) is nobody's figure. WHOLE < 0: no whole is shown beside the count,
 * only COUNT is judged. */
bool privacy_count_shown(int64_t count, int64_t whole, int min_group);

/* The privacy rule of RULES.md §4, the one place it is written: applies
 * it to the *N groups of one dimension at GROUPS, in listing order. A group
 * with headcount below MIN_GROUP is small; when their total n_S is at least
 * MIN_GROUP or every group is small, each small group is marked suppressed
 * (figures zeroed); else they are combined with the smallest group that is
 * not small (ties: the first listed) into one line in the place of its first
 * member, the others removed (*N shrinks). Names and members come from A.
 * False when out of memory (GROUPS is then unusable). */
bool privacy_protect(participation_group *groups, size_t *n, int min_group, arena *a);

typedef struct participation {
    int year, dimension, min_group;
    const char *dimension_name; /* NULL: dimension_names[dimension] */
    participation_group overall;
    participation_group *groups; /* in listing order, privacy rule applied */
    size_t ngroups;
} participation;

/* Computes participation of YEAR by DIM, small groups protected by
 * privacy_protect(MIN_GROUP); memory from A. False when out of memory. */
bool participation_for(const facts *f, int year, int dim, int min_group, arena *a,
                       participation *out);
/* Participation over several populations together (the organisations of a
 * sector): PARTS are each computed by participation_for with MIN_GROUP 1
 * (nothing hidden); their groups of one name are summed and the privacy rule
 * is applied to the combined groups with MIN_GROUP. Strings stay the
 * parts'. */
bool participation_combine(const participation *parts, size_t n, int year, int dim,
                           int min_group, arena *a, participation *out);

/* Training-right use per department (strcmp order) over the lines of R,
 * with the privacy rule applied: headcount, fte_months and right_used are
 * set. Memory from A; false when out of memory. */
bool right_by_department(const right_report *r, const facts *f, int min_group, arena *a,
                         participation_group **out, size_t *n);

#endif
