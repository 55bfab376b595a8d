/* incentives.h - Flemish and federal incentives (RULES.md §8): schemes with
 * dated parameters, the training-leave refund per employee per school year,
 * and what a voucher or SME-wallet claim may ask within its share and cap.
 *
 * The amounts are data (incentive_parameters in the database, shipped with
 * today's figures by migration 008), never constants here; what is ours in
 * reading the rules is named in policy.h. Pure C: no I/O, no SQL. */
#ifndef GP_INCENTIVES_H
#define GP_INCENTIVES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "util/date.h"

enum incentive_kind {
    KIND_TRAINING_LEAVE,
    KIND_VOUCHER,
    KIND_SME_WALLET,
    KIND_SECTOR_FUND,
    KIND_OTHER
};
/* The period a scheme's caps count over. */
enum incentive_period { PERIOD_SCHOOL_YEAR, PERIOD_CALENDAR_YEAR };
/* A claim's way: to_file -> filed -> paid or refused. */
enum claim_status { CLAIM_TO_FILE, CLAIM_FILED, CLAIM_PAID, CLAIM_REFUSED };

extern const vocab vocab_incentive_kind, vocab_incentive_period, vocab_claim_status;

/* One dated set of a scheme's figures; a figure that does not apply is -1. */
typedef struct incentive_params {
    int64_t id;
    date_t valid_from, valid_to;  /* valid_to DATE_NONE: until further notice */
    int64_t rate_per_hour;        /* cents refunded per hour (training leave) */
    int64_t share;                /* ten-thousandths of the cost (small employer) */
    int64_t share_medium;         /* the same for a medium-sized employer (SME wallet) */
    int64_t cap_hours;            /* hundredths of an hour per period at full time */
    int64_t cap_amount;           /* cents per period, per employee or organisation */
    int64_t min_hours;            /* hundredths: the contact hours a course needs */
    int64_t min_occupation;       /* ten-thousandths of full time an employee needs */
    int64_t file_within_days;     /* calendar days after a course's start to file its claim
                                     (the SME wallet's 14); -1: no such term */
} incentive_params;

typedef struct incentive_scheme {
    int64_t id;
    const char *code, *name;
    int kind, period;
    int per_employee;              /* 1: caps per employee; 0: per organisation */
    const incentive_params *params; /* sorted by valid_from */
    size_t nparams;
} incentive_scheme;

/* The school year (1 September - 31 August) holding D, named by the
 * calendar year it starts in: 2026-08-31 is in 2025, 2026-09-01 in 2026. */
int school_year_of(date_t d);
/* The period (PERIOD_) of a scheme that holds D, named by its first year. */
int incentive_period_of(int period, date_t d);
/* The first and last day of period YEAR. */
void incentive_period_bounds(int period, int year, date_t *from, date_t *to);

/* The parameters in force on D, or NULL when none is. */
const incentive_params *incentive_params_on(const incentive_params *p, size_t n, date_t d);

/* The longest term to file (file_within_days) a set of figures may give:
 * ten years, far beyond any scheme's, and a date still in range. */
#define INCENTIVE_MAX_TERM_DAYS 3660

/* What incentive_params_check found. */
enum params_problem {
    PARAMS_OK,
    PARAMS_RANGE,   /* valid_to before valid_from */
    PARAMS_OVERLAP, /* the period overlaps another set of the scheme */
    PARAMS_VALUE,   /* a figure out of range (a share above 100 %, a negative cap) */
    PARAMS_TERM     /* a term to file above INCENTIVE_MAX_TERM_DAYS */
};

/* The term to file (file_within_days) of the latest of a scheme's sets P
 * (N, sorted by valid_from) that starts before FROM, or -1 when none does
 * or it has none: what new figures from FROM keep when they do not say. */
int64_t incentive_term_before(const incentive_params *p, size_t n, date_t from);
/* Checks that NEW may join the scheme's EXISTING sets (sorted, none of them
 * NEW itself). An open-ended set that starts before an open-ended NEW is
 * not an overlap (POLICY_PARAMS_CLOSE_OPEN): *closes is then its index, else
 * -1. *with names the set NEW overlaps (or -1). */
int incentive_params_check(const incentive_params *existing, size_t n,
                           const incentive_params *p, int *closes, int *with);

/* ---- training leave ---- */

/* Why a training-leave course counts for less than its hours. */
enum leave_reason {
    LEAVE_COUNTED,     /* counted whole */
    LEAVE_SHORT,       /* below the minimum course length: not at all */
    LEAVE_CAPPED,      /* the cap was reached during this course: in part or not at all */
    LEAVE_OCCUPATION,  /* the employee works less than the minimum occupation */
    LEAVE_NO_PARAMS    /* no parameters for the school year */
};

/* A course an employee took under training leave. */
typedef struct leave_course {
    int64_t record_id;
    date_t start_date;
    int64_t hours;          /* hundredths */
} leave_course;

/* What a course counts, in millionths of an hour (hundredths x 10,000: the
 * unit in which 125 h x an FTE in ten-thousandths is exact). */
typedef struct leave_line {
    int64_t record_id;
    int64_t hours;          /* hundredths, as taken */
    int64_t counted_u;      /* millionths of an hour */
    int reason;             /* enum leave_reason */
} leave_line;

#define LEAVE_UNIT 10000    /* counted_u per hundredth of an hour */

typedef struct leave_result {
    int school_year;
    int64_t cap_u;          /* the employee's cap, millionths of an hour */
    int64_t taken_u;        /* eligible hours taken (long enough courses) */
    int64_t counted_u;      /* within the cap */
    int64_t rate_per_hour;  /* cents, -1 when no parameters */
    int64_t refund_num;     /* counted_u x rate: cents x 1,000,000 */
    bool eligible;          /* parameters exist and the occupation suffices */
} leave_result;

/* The training-leave refund of one employee with occupation FTE
 * (ten-thousandths) for SCHOOL_YEAR, over the N courses in COURSES (every
 * training-leave course of the employee; those that belong to another school
 * year are skipped), with the parameters in force on the school year's first
 * day among P. LINES (N entries, may be NULL) says per course what it
 * counted, in the order of COURSES, which must be by start date: the cap is
 * reached by the earliest courses first. */
void training_leave_refund(int64_t fte, int school_year, const leave_course *courses, size_t n,
                           const incentive_params *p, size_t np, leave_result *r,
                           leave_line *lines);
/* The refund in cents, rounded half away from zero. */
int64_t leave_refund_cents(const leave_result *r);

/* Splits AMOUNT (cents) over N shares pro rata WEIGHTS into OUT: each share
 * rounded down, the last nonzero weight's share taking the rest, so that
 * they add up to AMOUNT exactly. All zero (or N 0): all to the last. A paid
 * training-leave refund is split so over the counted hours of its courses
 * (POLICY_LEAVE_REFUND_TO_RECORDS). */
void split_pro_rata(int64_t amount, const int64_t *weights, size_t n, int64_t *out);

/* ---- vouchers, SME wallet and other cost-based schemes ---- */

/* What incentive_claimable found. */
enum claim_problem {
    CLAIMABLE_OK,
    CLAIMABLE_NO_PARAMS,   /* no parameters on the course's date */
    CLAIMABLE_SHORT,       /* the course is below the minimum length */
    CLAIMABLE_NOT_SME,     /* SME wallet: the employer is not small or medium */
    CLAIMABLE_ABOVE_SHARE, /* more than the share of the cost */
    CLAIMABLE_ABOVE_CAP,   /* more than what is left of the cap */
    CLAIMABLE_LATE         /* the term to file it has passed (incentive_file_by) */
};

typedef struct claimable {
    int64_t share_amount; /* cents: the scheme's share of the cost, rounded */
    int64_t cap_left;     /* cents left of the cap before this claim; -1: no cap */
    int64_t most;         /* cents: the most this claim may ask */
} claimable;

/* What a claim under scheme S with parameters P (in force on the course's
 * start) may ask for a course of HOURS (hundredths) costing COST (cents),
 * with USED (cents) already claimed (not refused) in the same period and
 * scope; EMPLOYER_SIZE in hundredths of an FTE (the SME wallet's share).
 * Fills *c and returns CLAIMABLE_OK, or a problem. AMOUNT (cents, or -1 to
 * ask nothing) is checked against *c as well. */
int incentive_claimable(const incentive_scheme *s, const incentive_params *p, int64_t hours,
                        int64_t cost, int64_t used, int64_t employer_size, int64_t amount,
                        claimable *c);

/* The last day to file a claim under parameters P (those in force on the
 * course's start) for a course starting on START: START plus
 * P->file_within_days calendar days, so a course starting on 1 March may be
 * claimed up to and including 15 March with a term of 14 days. DATE_NONE
 * when P is NULL or sets no such term (the claim has no per-course term). */
date_t incentive_file_by(const incentive_params *p, date_t start);
/* True when a claim for a course starting on START may still be filed on
 * TODAY under parameters P: no term, or TODAY is not after its last day. */
bool incentive_in_time(const incentive_params *p, date_t start, date_t today);

/* ---- the figures file (groeipad incentives figures FILE) ---- */

/* Its columns: the scheme's code, the period, and the figures; money in
 * euro, hours in hours, shares and occupation in percent, the term to file
 * in whole days. A blank cell is a figure that does not apply. */
enum figures_column {
    FC_SCHEME, FC_VALID_FROM, FC_VALID_TO, FC_RATE_PER_HOUR, FC_SHARE, FC_SHARE_MEDIUM,
    FC_CAP_HOURS, FC_CAP_AMOUNT, FC_MIN_HOURS, FC_MIN_OCCUPATION, FC_FILE_WITHIN_DAYS,
    FC_COUNT
};
extern const char *const figures_columns[FC_COUNT + 1]; /* NULL-terminated */

/* Reads one row's FC_COUNT cells (TEXT[i], LEN[i] bytes; NULL for a column
 * the file lacks) into *p (the scheme's code is the caller's). False with
 * the bad column in *bad. */
bool figures_read(const char *const *text, const size_t *len, incentive_params *p, int *bad);

/* True when a claim may go from status FROM to TO. */
bool claim_can_move(int from, int to);

#endif
