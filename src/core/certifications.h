/* certifications.h - rule 5 of RULES.md: who holds which certification on a
 * day, and the reminders before one expires.
 *
 * Computed on the day asked, never stored: a status changes with the
 * calendar, not with an update job. Pure functions over plain structs, so a
 * case can be made by hand in a test. */
#ifndef GP_CERTIFICATIONS_H
#define GP_CERTIFICATIONS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/model.h"
#include "util/arena.h"
#include "util/str.h"

enum cert_status { CERT_VALID, CERT_EXPIRING, CERT_EXPIRED, CERT_MISSING, CERT_STATUSES };
extern const char *const cert_status_names[CERT_STATUSES]; /* "valid", ... */
extern const vocab vocab_cert_status;

/* A learning record as the rule reads it: whose (index into the people),
 * which activity (index into the activities), its dates and result. */
typedef struct cert_record {
    size_t person, activity;
    date_t start_date, end_date; /* end_date DATE_NONE when it has none */
    int result;                  /* RESULT_COMPLETED, ... */
} cert_record;

/* One listed (employee, activity) pair. */
typedef struct cert_line {
    size_t person, activity; /* indexes into the inputs */
    int status;              /* enum cert_status */
    date_t achieved;         /* DATE_NONE when missing */
    date_t valid_until;      /* DATE_NONE when missing or not certifying */
} cert_line;

typedef struct cert_report {
    date_t day;
    int warn_days;
    cert_line *lines; /* by employee_id, then activity code (strcmp order) */
    size_t nlines;
    int64_t totals[CERT_STATUSES];
    /* Representatives: the totals of a status fewer than min_group people
     * are in (cert_report_hide_small), shown as null or "fewer than". */
    bool hidden[CERT_STATUSES];
    int min_group; /* what the hidden totals are fewer than */
} cert_report;

/* The representatives' totals (RULES.md §4 for counts of people): marks
 * hidden each status that fewer than MIN_GROUP people are in, counted over
 * R's lines (a person with two expired certificates is one). */
void cert_report_hide_small(cert_report *r, int min_group);

/* True when ACTIVITY certifies: its validity_months is above 0. */
bool cert_certifies(const activity *x);
/* True when TARGETS (function names separated by '|', spaces around a name
 * ignored; NULL or empty: every function) names FUNCTION exactly. */
bool cert_targets_function(const char *targets, const char *function);
/* True when X is required for someone in FUNCTION: mandatory, and its
 * target_functions empty or naming FUNCTION. */
bool cert_required(const activity *x, const char *function);
/* The date a record counts from: its end_date, else its start_date. */
date_t cert_record_date(date_t start_date, date_t end_date);
/* ACHIEVED plus MONTHS months, on the same day of the month, clamped to the
 * month's last day (2024-01-31 + 1 = 2024-02-29). */
date_t cert_valid_until(date_t achieved, int months);
/* The status on DAY of a certification valid until VALID_UNTIL (DATE_NONE:
 * it never expires): expired after it, expiring from WARN_DAYS before it up
 * to and with it, else valid. */
int cert_status_on(date_t valid_until, date_t day, int warn_days);

/* Rule 5 on DAY: the PEOPLE (sorted by employee_id) employed on DAY, each
 * with the ACTS that certify or are required for them, sorted by code; the
 * certifying record of each pair from RECS (any order; only completed ones
 * dated on or before DAY count). Memory from A; false when out of memory. */
bool certifications_on(const employee *people, size_t npeople, const activity *acts,
                       size_t nacts, const cert_record *recs, size_t nrecs, date_t day,
                       int warn_days, arena *a, cert_report *out);

/* Normalises the N bytes of a target_functions cell: the names trimmed and
 * joined by '|', empty names dropped; NULL (in *out) when no name is left.
 * False when out of memory. */
bool cert_targets_normalize(const char *s, size_t n, arena *a, const char **out);

/* ---- reminders ---- */

/* The reminder steps, days before valid_until (policy.h). */
extern const int cert_reminder_steps[];
#define CERT_REMINDER_STEPS 4

/* The step (90, 60, 30 or 0) whose reminder is due on DAY for a
 * certification valid until VALID_UNTIL, or -1 when none. A step is due
 * from its day until the next step's day (so a server that was down on the
 * day still sends it, once, later); the last step, on the expiry day, stays
 * due for POLICY_REMINDER_LATE_DAYS days after it. */
int cert_reminder_due(date_t valid_until, date_t day);

#endif
