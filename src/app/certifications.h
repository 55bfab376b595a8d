/* certifications.h (app) - rule 5 as the front ends ask for it: the report
 * of DESIGN §4 (JSON, and tables for CSV and HTML) for the caller's role,
 * and the reminders before a certification expires. The CLI, the API and
 * the pages share it. */
#ifndef GP_APP_CERTIFICATIONS_H
#define GP_APP_CERTIFICATIONS_H
#include "core/certifications.h"
#include "store/certifications.h"
#include "util/jsonw.h"
#include "util/table.h"
#include <stdio.h>

typedef struct cert_query {
    date_t day;
    int role;              /* who asks: ROLE_ADMIN sees everyone */
    int64_t employee_row;  /* the caller's employee (managers, employees) */
    /* Filters of the HR page (the report itself has none): */
    int status;            /* -1: every status */
    const char *department, *activity; /* NULL: every one */
    bool pretty;
    /* Where the JSON goes as it is written (the CLI's stdout), rather than
     * all of it into the view: over 100,000 employees it is 180 MB. NULL:
     * all into v->json. With a stream, v->json holds what is left to write
     * when cert_view_build returns. */
    FILE *stream;
} cert_query;

typedef struct cert_view {
    cert_facts f;
    cert_report r;  /* lines kept: what the caller may see and asked for */
    str json;       /* the report of DESIGN §4 */
} cert_view;

enum { CERT_OK = 0, CERT_FAILED = -1 };

/* The warn_days setting (RULES.md §5, default 60). */
int cert_warn_days(store *db, int *out);

/* Builds the report on Q->day for the caller, filters applied and the
 * totals counted over the lines kept. Representatives get the totals and
 * no lines. CERT_OK with V filled (str_free its json), else CERT_FAILED
 * with the reason in ERR. WANT_JSON: write V->json too. */
int cert_view_build(store *db, arena *a, const cert_query *q, bool want_json, cert_view *v,
                    str *err);

/* The report as a table (employee_id, activity_code, status, achieved,
 * valid_until) and its totals as a second one (status, count). */
bool cert_tables(const cert_view *v, arena *a, report_table *lines, report_table *totals);

/* An activity's target_functions name that no employee has (a warning
 * after an import: the name may be misspelt, and then nobody is required
 * to take the training). */
typedef struct cert_unknown_target {
    const char *activity_code, *function;
} cert_unknown_target;

/* Every such name, by activity code; memory from A. */
int cert_unknown_targets(store *db, arena *a, cert_unknown_target **out, size_t *n);

/* ---- reminders ---- */

/* A reminder to one person: the message the outbox (issue 12) will carry. */
typedef struct reminder_message {
    const char *to_employee_id;  /* who receives it */
    const char *about_employee_id, *about_name;
    const char *activity_code, *activity_title;
    date_t valid_until;
    int step;                    /* days before valid_until: 90, 60, 30, 0 */
    bool to_manager;             /* sent to the manager of the one it is about */
} reminder_message;

/* Sends one reminder: the single door every reminder goes through. It is
 * written to the audit log and queued in the e-mail outbox for its
 * recipient (when they have an address); the dashboard shows the reminders
 * of cert_reminders. */
int reminder_send(store *db, const reminder_message *m);

/* Sends the reminders due on DAY (cert_reminder_due), each step of each
 * certification once, to the employee and their manager, in one
 * transaction. *certs counts the steps recorded, *messages the messages
 * sent. CERT_OK or CERT_FAILED with ERR. */
int reminders_run(store *db, date_t day, int *certs, int *messages, str *err);
/* The same inside the caller's transaction (the demo's): STORE_OK or
 * STORE_ERROR with ERR. */
int reminders_send_due(store *db, date_t day, int *certs, int *messages, str *err);

#endif
