/* import.h - reading the import files of DESIGN §4 into model structs.
 *
 * Pure validation: each row becomes a struct or a list of problems naming the
 * line, the column, the value and what was expected. Checks that need the
 * database (known employees, records within employment) are made by
 * store/import.c, which also decides what is written. */
#ifndef GP_IMPORT_H
#define GP_IMPORT_H
#include "core/competences.h"
#include "core/model.h"
#include "util/arena.h"
#include "util/csv.h"
#include "util/str.h"

/* A rejected file's report lists every problem of its first 100 bad rows
 * (DESIGN 4: "every bad row (up to 100)"), however many a row has. */
#define IMPORT_MAX_ROWS 100
#define IMPORT_MAX_COLUMNS 32

typedef enum import_kind {
    IMPORT_EMPLOYEES,
    IMPORT_ACTIVITIES,
    IMPORT_LEARNING,
    IMPORT_FUNDING,
    IMPORT_COMPETENCES, /* competences, profiles, assessments: issue 11 */
    IMPORT_PROFILES,
    IMPORT_ASSESSMENTS,
    IMPORT_MENTORS,
    IMPORT_KINDS
} import_kind;

extern const char *const import_kind_names[IMPORT_KINDS]; /* "employees", ... */
/* The kind named NAME, or -1. */
int import_kind_find(const char *name);

/* One column of an import file, as the templates and the import page explain
 * it (DESIGN §4). */
typedef struct import_column {
    const char *name;
    bool required;
    const char *meaning;  /* message id: translate with _() */
    const vocab *codes;   /* the codes allowed, or NULL */
    const char *allowed;  /* message id saying what is allowed when not codes */
    const char *example;  /* the template's example value, as people type it */
} import_column;

/* The columns of KIND in file order, ending with one whose name is NULL. */
const import_column *import_columns(import_kind kind);
/* Appends what COL allows, in the current language: its codes, each with the
 * Dutch and French words that are read as it ("F (V, vrouw, femme), M (...)"),
 * or the description of the value. False when out of memory. */
bool import_column_allowed(const import_column *col, str *out);

typedef struct import_problem {
    const char *file;
    long line;
    const char *column;   /* NULL when the problem is the row or the file */
    const char *value;    /* as found, or NULL */
    const char *expected; /* what was expected, in the current language */
} import_problem;

/* One bad row whose problems a log keeps. */
typedef struct import_row {
    const char *file;
    long line;
} import_row;

/* The problems found so far: those of the first IMPORT_MAX_ROWS bad rows
 * kept (in the arena A), all counted. */
typedef struct import_log {
    arena *a;
    const char *file; /* the name reported with each problem */
    import_problem *problems;
    size_t kept, cap, total;
    import_row rows[IMPORT_MAX_ROWS]; /* the rows kept, in a fixed order for search */
    size_t nrows;
} import_log;

void import_log_init(import_log *log, arena *a);
/* Records a problem; EXPECTED_FMT (a translated message) is printf-formatted. */
void import_problem_add(import_log *log, long line, const char *column, const char *value,
                        size_t value_len, const char *expected_fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Forgets every problem after the first KEPT (TOTAL counted), as before a
 * part of a file is read again. */
void import_log_rewind(import_log *log, size_t kept, size_t total);
/* Keeps a copy of P (its texts copied into LOG's arena) when its row is one
 * the log keeps; does not count it in total (P was counted where it was
 * found). False when it is not kept (a row past the first IMPORT_MAX_ROWS,
 * or out of memory). */
bool import_problem_keep(import_log *log, const import_problem *p);

/* How the columns of one file map to the known columns of its kind. */
typedef struct import_header {
    import_kind kind;
    const char *const *known; /* the kind's column names */
    int field_of[IMPORT_MAX_COLUMNS]; /* per known column: the field index, or -1 */
    size_t nfields;
} import_header;

/* Reads the header line: unknown, repeated or missing required columns are
 * problems. False when the file cannot be read further. */
bool import_read_header(import_log *log, csv_reader *r, import_kind kind, import_header *h);

/* Parse the current record of R. False when the row has problems (logged).
 * Strings are copied into A. */
bool import_parse_employee(import_log *log, const import_header *h, const csv_reader *r,
                           arena *a, employee *e);
bool import_parse_activity(import_log *log, const import_header *h, const csv_reader *r,
                           arena *a, activity *x);
/* type is -1 when the row gives none (it then comes from the activity). */
bool import_parse_learning(import_log *log, const import_header *h, const csv_reader *r,
                           arena *a, learning_record *lr);
bool import_parse_funding(import_log *log, const import_header *h, const csv_reader *r,
                          funding *f);
bool import_parse_competence(import_log *log, const import_header *h, const csv_reader *r,
                             arena *a, competence *c);
/* level_future is level_now when the row leaves it empty. */
bool import_parse_profile(import_log *log, const import_header *h, const csv_reader *r,
                          arena *a, profile_line *p);
/* assessed_on after TODAY is a problem (an assessment of the future). */
bool import_parse_assessment(import_log *log, const import_header *h, const csv_reader *r,
                             arena *a, date_t today, assessment *s);
/* A mentor assignment (DESIGN 4 mentors): ids, from and to read and checked
 * among themselves (another person, to not before from). */
struct mentor_assignment;
bool import_parse_mentor(import_log *log, const import_header *h, const csv_reader *r,
                         arena *a, struct mentor_assignment *m);

#endif
