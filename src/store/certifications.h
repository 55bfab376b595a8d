/* certifications.h (store) - what rule 5 computes on, and the reminders
 * sent. Implemented in certifications.c. */
#ifndef GP_STORE_CERTIFICATIONS_H
#define GP_STORE_CERTIFICATIONS_H
#include "core/certifications.h"
#include "store/store.h"

/* The facts of rule 5 (core/certifications.h, certifications_on). */
typedef struct cert_facts {
    employee *people;   /* every employee, by employee_id; manager_id and
                           department set, names empty */
    size_t npeople;
    activity *acts;     /* the activities that certify or are mandatory */
    size_t nacts;
    cert_record *recs;  /* per (employee, activity) the latest completed
                           record dated on or before the day (a pre-filter:
                           certifications_on applies the rule itself) */
    size_t nrecs;
} cert_facts;

/* Loads the facts for DAY into F, memory in A. */
int cert_facts_load(store *db, arena *a, date_t day, cert_facts *f);

/* One reminder sent (a certification and a step). */
typedef struct cert_reminder {
    const char *employee_id, *employee_name, *activity_code, *activity_title;
    date_t achieved, valid_until, sent_on;
    int step;
} cert_reminder;

/* Records that the reminder of STEP for the certification (employee row,
 * activity row, ACHIEVED) was sent on SENT_ON; *added is false when it had
 * been sent already (the unique key holds it). */
int cert_reminders_add(store *db, int64_t employee_row, int64_t activity_row, date_t achieved,
                       int step, date_t valid_until, date_t sent_on, bool *added);
/* The reminders sent since SINCE to the employee at EMPLOYEE_ROW, or about
 * the team of TEAM_OF (0: not asked), or all (both 0), newest first, at
 * most LIMIT. */
int cert_reminders_list(store *db, arena *a, int64_t employee_row, int64_t team_of,
                        date_t since, int limit, cert_reminder **out, size_t *n);
/* The number of reminders recorded (tests). */
int64_t cert_reminders_count(store *db);

#endif
