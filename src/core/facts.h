/* facts.h - what the legal rules compute on: the people of the organisation
 * and the totals of their learning per year, as plain structs.
 *
 * store/facts.c fills them from the database; the rules in core/ read them
 * and never anything else, so a rule can be tested with facts made by hand. */
#ifndef GP_FACTS_H
#define GP_FACTS_H
#include <stdint.h>
#include "core/model.h"

/* One employee's learning in one year, by type (TYPE_FORMAL...). */
typedef struct learning_totals {
    int32_t records[3];   /* number of records starting in the year */
    int64_t hours[3];     /* hundredths */
    int64_t cost[3];      /* cents, gross */
    int64_t subsidy[3];   /* cents, record-level */
    int64_t right_hours;  /* hours that use the training right (rule 2) */
} learning_totals;

typedef struct facts {
    employee *people;      /* every employee, sorted by employee_id */
    size_t npeople;
    int first_year, last_year;
    /* totals[(year - first_year) * npeople + i] for person i */
    learning_totals *totals;
    /* right_hours[(year - first_year) * npeople + i] when only the hours
     * that use the training right were loaded (totals is then NULL) */
    int64_t *right_hours;
    funding *funding;      /* the organisation-level rows of the years */
    size_t nfunding;
} facts;

/* The totals of person I in YEAR (zeros outside the loaded years). */
const learning_totals *facts_totals(const facts *f, size_t i, int year);
/* The hours of person I in YEAR that use the training right (rule 2), from
 * whichever of totals and right_hours was loaded; 0 outside the years. */
int64_t facts_right_hours(const facts *f, size_t i, int year);

/* The organisation settings the rules use, already parsed. */
typedef struct rule_settings {
    int64_t hours_per_day;   /* hundredths: 760 is 7.6 hours */
    int64_t employer_size;   /* hundredths of FTE; -1 when computed */
    int64_t days_per_fte;    /* hundredths of a day; -1 when the law applies */
    int min_group;           /* the smallest group shown to representatives */
} rule_settings;

#endif
