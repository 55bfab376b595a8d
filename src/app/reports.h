/* reports.h (app) - the legal reports as both front ends ask for them: load
 * the facts (store), compute the rule (core), keep what the caller's role may
 * see, and shape the result (core/reports.h). The CLI and the API share it. */
#ifndef GP_APP_REPORTS_H
#define GP_APP_REPORTS_H
#include "core/reports.h"
#include "store/store.h"

typedef enum report_kind {
    REPORT_SOCIAL_BALANCE,
    REPORT_TRAINING_RIGHT,
    REPORT_PARTICIPATION,
    REPORT_KINDS
} report_kind;

extern const char *const report_kind_names[REPORT_KINDS]; /* "social-balance", ... */
int report_kind_find(const char *name);

typedef struct report_query {
    report_kind kind;
    int year;
    int dimension;       /* participation: DIM_... */
    int min_group;       /* participation: 0 for the setting */
    int role;            /* who asks: ROLE_ADMIN sees everything */
    int64_t employee_row; /* the caller's employee, for employees and managers */
    int want;            /* REPORT_JSON, REPORT_TABLES or both */
    bool pretty;         /* indented JSON */
} report_query;

enum { REPORT_JSON = 1, REPORT_TABLES = 2 };

typedef struct report_output {
    str json;                 /* the JSON text, when asked for */
    report_table tables[2]; /* the main table, and the NBB codes for the balance */
    int ntables;
} report_output;

enum { REPORT_OK = 0, REPORT_BAD_REQUEST = 1, REPORT_FORBIDDEN = 2, REPORT_FAILED = -1 };

/* Builds the report Q asks for. REPORT_OK with OUT filled (str_free its
 * json; tables live in A), or an error status with a message in ERR. */
int report_build(store *db, arena *a, const report_query *q, report_output *out, str *err);

/* The tables of a report file (CSV, XLSX) in the order of its blocks: R's
 * own (the figures, the National Bank codes), then its JSON's warnings
 * when there are any (R made with REPORT_JSON too). How many, or -1 when R
 * has no table. */
int report_file_tables(const report_output *r, arena *a, report_table tables[3]);

#endif
