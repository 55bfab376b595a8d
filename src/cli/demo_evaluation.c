/* demo_evaluation.c - the demo organisation's certifications and
 * evaluation: which functions the mandatory trainings are for, certificates
 * that expire around today (so the pages and the reminders have something
 * to show on any day), and the four levels of evaluation of this year's
 * plan. Everything is placed relative to TODAY and draws no random numbers,
 * so the rest of the demo stays as it is. */
#include "cli/cli.h"
#include "app/certifications.h"
#include <string.h>

/* The functions each mandatory training is for (names of demo.c's
 * departments); NULL leaves the activity as it is. */
static const struct {
    const char *code, *targets;
} demo_targets[] = {
    {"HACCP", "Productiemanager|Operator|Lijnverantwoordelijke|Ploegleider|Kwaliteitscontroleur"},
    {"HEFTRUCK", "Magazijnier|Heftruckchauffeur"},
    {"EHBO-OPF", "Ploegleider|Lijnverantwoordelijke|Technieker|Elektromecanicien"},
};

/* Certificates of the manager's team placed so that they end DAYS from
 * today (negative: ended already): expiring this quarter, expired, valid. */
static const struct {
    const char *employee_id, *code;
    int days;
} demo_certificates[] = {
    {"E002", "HACCP", 12},  {"E003", "HACCP", 45},   {"E005", "HACCP", -9},
    {"E006", "VCA", 80},    {"E007", "EHBO-OPF", 3}, {"E008", "HACCP", 200},
    {"E009", "HACCP", 30},  {"E010", "VCA", 150},    {"E004", "VCA", 60},
};

/* Sets the target functions of the demo's mandatory trainings. */
static int set_targets(store *db, arena *a, activity **acts, size_t *n)
{
    if (activities_list(db, a, acts, n) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < *n; i++)
        for (size_t k = 0; k < sizeof demo_targets / sizeof *demo_targets; k++) {
            if (strcmp((*acts)[i].code, demo_targets[k].code) != 0)
                continue;
            (*acts)[i].target_functions = demo_targets[k].targets;
            int64_t row;
            int outcome;
            if (activities_upsert(db, &(*acts)[i], &row, &outcome) != STORE_OK)
                return STORE_ERROR;
        }
    return STORE_OK;
}

/* Adds the completed record that makes a certificate end on UNTIL. */
static int add_certificate(store *db, const activity *x, const char *employee_id, date_t until)
{
    int64_t row = employees_row(db, employee_id);
    if (row < 0)
        return STORE_ERROR;
    if (row == 0)
        return STORE_OK;
    learning_record r = {0};
    r.own_type = -1;
    r.type = x->type;
    r.start_date = r.end_date = date_add_months(until, -x->validity_months);
    r.hours = x->hours > 0 ? x->hours : 400;
    r.working_time = 1;
    r.cost = x->cost > 0 ? x->cost : 0;
    r.result = RESULT_COMPLETED;
    return learning_insert(db, &r, row, x->id);
}

int demo_evaluation(store *db, date_t today, str *err)
{
    arena a = ARENA_INIT;
    activity *acts;
    size_t n;
    int rc = set_targets(db, &a, &acts, &n);
    for (size_t k = 0; rc == STORE_OK && k < sizeof demo_certificates / sizeof *demo_certificates;
         k++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(acts[i].code, demo_certificates[k].code) == 0 &&
                acts[i].validity_months > 0)
                rc = add_certificate(db, &acts[i], demo_certificates[k].employee_id,
                                     today + demo_certificates[k].days);
    /* The reminders due today, as the server sends them each morning. */
    int certs, messages;
    if (rc == STORE_OK)
        rc = reminders_send_due(db, today, &certs, &messages, err);
    arena_free(&a);
    return rc;
}
