/* import_job.h - what the importers of store/import.c and
 * store/import_learning.c share: the state of one file's import and the
 * employees and activities rows are checked against. Internal to store/. */
#ifndef GP_IMPORT_JOB_H
#define GP_IMPORT_JOB_H
#include "store/import.h"
#include "core/import.h"
#include "util/csv.h"
#include "util/map.h"

/* What the learning rows are checked against: the employees and activities
 * in the database (including what this import already wrote). */
typedef struct known {
    map employees; /* employee_id -> index into emp */
    struct known_employee {
        int64_t row;
        date_t hire, exit;
    } *emp;
    size_t nemp, capemp;
    map activities; /* code -> index into act */
    struct known_activity {
        int64_t row;
        int type;
    } *act;
    size_t nact, capact;
} known;

/* The state of one file's import. */
typedef struct job {
    store *db;
    import_log *log;
    const import_options *opt;
    import_counts *counts;
    csv_reader r;
    import_header h;
    arena rowmem;  /* strings of the current row */
    arena keep;    /* what must outlive a row */
    bool writing;  /* false once any problem was found: only validate */
    str *err;      /* a failure that is not the store's (the sorter's file) */
    char *release_base; /* a mapped file whose read pages go back, or NULL */
    size_t released;    /* bytes of it given back so far */
    int64_t corrected;  /* a correction's new record (opt->replace_record), once written */
} job;

#define RELEASE_EVERY (16u << 20)

/* Loads the employees and activities the database has into K; STORE_ERROR
 * on failure (known_free frees K either way). */
int known_load(store *db, known *k);
void known_free(known *k);

/* Gives the pages of a mapped input before OFFSET back to the system (BASE
 * NULL: not a mapped file), RELEASE_EVERY bytes at a time. */
void import_release_read(char *base, size_t *released, size_t offset);
/* Reads the next row of J's file that holds something; 1, 0 at the end, -1
 * when the file is malformed (logged). */
int import_next_row(job *j, const char *name);

/* Imports J's learning file NAME (store/import_learning.c). */
int import_learning(job *j, const char *name);

#endif
