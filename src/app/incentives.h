/* incentives.h (app) - a year of incentives as HR looks at it: the
 * training-leave refund per employee for the school year, the claims, and
 * per scheme what was claimed, paid, refused, and what is left of its cap.
 * The HR page, its CSV export and the plan's budget view read it. */
#ifndef GP_APP_INCENTIVES_H
#define GP_APP_INCENTIVES_H
#include "store/incentives.h"
#include "util/table.h"

/* One employee's training leave in the school year. */
typedef struct leave_person {
    int64_t employee_row;
    const char *employee_id, *name;
    int64_t fte;
    leave_result r;
    size_t first, count;   /* their courses: rows[first .. first + count) */
    int64_t claimed;       /* cents asked in claims not refused */
    int64_t paid;          /* cents paid */
    int64_t refused;       /* cents refused */
} leave_person;

/* One scheme's year. */
typedef struct scheme_year {
    const incentive_scheme *scheme;
    int period_year;
    date_t from, to;          /* the period */
    const incentive_params *params; /* in force on the period's first day, or NULL */
    int64_t to_file, filed, paid, refused; /* cents, by claim status (paid: what came in) */
    int64_t claimable;        /* training leave: the refund not yet claimed */
    int64_t cap_left;         /* a per-organisation cap: what is left; -1 none */
    date_t deadline;          /* the last day to file for the period */
} scheme_year;

typedef struct incentive_year {
    int year;                 /* the school year starting in YEAR, and calendar YEAR */
    incentive_scheme *schemes;
    size_t nschemes;
    scheme_year *per_scheme;  /* nschemes entries, in the same order */
    leave_row *rows;          /* the school year's training-leave courses */
    size_t nrows;
    leave_line *lines;        /* what each course counted (nrows) */
    leave_person *people;
    size_t npeople;
    int64_t refund_num;       /* the sum of the people's refund_num */
    incentive_claim *claims;
    size_t nclaims;
    int64_t employer_size;    /* hundredths of FTE, of calendar YEAR */
} incentive_year;

/* Loads YEAR's incentives into Y (everything in A). */
int incentive_year_load(store *db, arena *a, int year, incentive_year *y);
/* The scheme_year of the first scheme of KIND, or NULL. */
const scheme_year *incentive_year_kind(const incentive_year *y, int kind);
/* The expected subsidies of YEAR's plan, in cents: what was paid, plus what
 * is filed or still to file, plus the training-leave refund not yet claimed
 * (the plan's budget view: planned cost minus expected subsidies). */
int64_t incentive_year_expected(const incentive_year *y);

/* The school year's training-leave claim list as a table (one row per
 * employee with training leave: hours taken, within the cap, the refund,
 * claimed, paid), for the CSV export. Cells in A. */
bool incentive_leave_table(const incentive_year *y, arena *a, report_table *t);

/* Y as JSON (GET /api/v1/incentives): money in euro, hours in hours, both
 * rounded once here; the schemes by code, the training leave by employee_id,
 * the claims by scheme, employee and id. False when out of memory. */
bool incentive_year_json(const incentive_year *y, str *out, bool pretty);

/* Why incentive_claim_new refused a claim: an enum claim_problem, or one of
 * these. */
enum {
    CLAIM_NEW_NO_SCHEME = 100, /* no such scheme */
    CLAIM_NEW_NO_RECORD,       /* no such learning record (or employee) */
    CLAIM_NEW_NOTHING_LEFT     /* the training-leave refund is claimed already */
};

/* Adds a claim (status to_file) under scheme SCHEME_ID: for learning record
 * RECORD_ID (a cost-based scheme), or for the employee EMPLOYEE_ID's
 * training leave of school year YEAR. AMOUNT in cents, -1 for the most that
 * may be asked; TODAY the day it is made, checked against the scheme's term
 * to file (incentive_file_by). In its own transaction, audited by ACTOR.
 * STORE_OK with *out; STORE_CONSTRAINT with *problem and, for a claim above
 * its share or cap, *limit (cents: the most it may ask), for a claim past
 * its term (CLAIMABLE_LATE) *limit the last day it could be filed (a
 * date_t); else STORE_ERROR. */
int incentive_claim_new(store *db, arena *a, const char *actor, int64_t scheme_id,
                        int64_t record_id, const char *employee_id, int year, int64_t amount,
                        date_t today, incentive_claim *out, int *problem, int64_t *limit);
/* The same inside the caller's transaction. */
int incentive_claim_add_checked(store *db, arena *a, const char *actor, int64_t scheme_id,
                                int64_t record_id, const char *employee_id, int year,
                                int64_t amount, date_t today, incentive_claim *out, int *problem,
                                int64_t *limit);
/* The last day to file a claim under cost-based scheme S for a course that
 * starts on START (the figures in force on START), DATE_NONE when the
 * scheme sets no term. */
date_t incentive_course_file_by(const incentive_scheme *s, date_t start);
/* Moves claim ID to status TO as incentive_claim_move does, in the
 * caller's transaction; a paid training-leave refund is then added to the
 * subsidy of the employee's counted courses of its school year, pro rata
 * their counted hours (POLICY_LEAVE_REFUND_TO_RECORDS). */
int incentive_claim_settle(store *db, arena *a, const char *actor, int64_t id, int to, date_t on,
                           int64_t paid, const char *reference);
/* The most (cents) a claim under scheme S may ask for course ROW, with what
 * was claimed already in its period and scope, for an employer of SIZE
 * (hundredths of an FTE); -1 when the rules refuse it (too short, no
 * figures, not an SME), or on error. */
int64_t incentive_course_most(store *db, const incentive_scheme *s, const leave_row *row,
                              int64_t size);
/* The employer size of calendar YEAR in hundredths of an FTE (rule 1). */
int incentive_employer_size(store *db, arena *a, int year, int64_t *out);

#endif
