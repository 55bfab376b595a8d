/* import.h - importing files into the store: all or nothing.
 *
 * Every row of every file is validated (core/import.h) and checked against
 * the database; rows are written inside one transaction as they pass, and the
 * transaction is rolled back when any row anywhere has a problem, so a bad
 * file changes nothing. */
#ifndef GP_STORE_IMPORT_H
#define GP_STORE_IMPORT_H
#include "core/import.h"
#include "store/store.h"

typedef struct import_input {
    import_kind kind;
    const char *name; /* reported in problems */
    char *data;       /* writable: the CSV reader unescapes in place */
    size_t len;
    /* DATA is a private mapping of a file: the import gives the pages it has
     * read back as it goes, so memory stays flat for any file size. */
    bool releasable;
} import_input;

typedef struct import_counts {
    size_t rows, created, updated, unchanged;
    int64_t deleted; /* records replaced by --replace-year */
    size_t matched;  /* department or function spellings matched to one already known that
                        differs only in letter case or surrounding spaces (text_name_key) */
    int64_t repeated; /* learning: new records the same as one stored before (person, start
                         date, activity or title, hours): a file imported twice */
} import_counts;

typedef struct import_options {
    const char *actor;  /* who imports, for the audit log */
    int replace_year;   /* learning: replace this year's records (0: add) */
    int64_t replace_record; /* learning: the record the file's row corrects (0: none) */
    /* Called every PROGRESS_EVERY rows, when set. */
    void (*progress)(void *ctx, const char *name, size_t rows);
    void *ctx;
    /* Memory for sorting learning records before they go to a temporary
     * file in sorted runs (0: IMPORT_SORT_MEMORY). */
    size_t sort_memory;
    /* Everything in one thread: no second reader of a big learning file, no
     * feeder beside the writing (a check of both). */
    bool one_reader;
    /* Checks every row and writes nothing, also when all is well: a form's
     * look at everything it would be told before it asks something else
     * (IMPORT_DONE then means "would be saved"). */
    bool check_only;
    /* A form's row: one with problems still has its manager checked, so
     * that the person is told every problem at once. A file's report keeps
     * its shape (DESIGN.md §4, compared with a reference): the manager of a
     * row is checked once the row is otherwise right. */
    bool whole_row;
} import_options;

#define IMPORT_SORT_MEMORY ((size_t)32 << 20)

#define PROGRESS_EVERY 100000

enum { IMPORT_DONE = 0, IMPORT_REJECTED = 1, IMPORT_FAILED = -1 };

/* Imports the N INPUTS (any order; employees go first, then activities,
 * learning and funding) in one transaction. IMPORT_DONE with COUNTS per kind,
 * IMPORT_REJECTED with the problems in LOG and nothing changed, or
 * IMPORT_FAILED with the storage error in ERR. */
int import_run(store *db, import_input *inputs, size_t n, const import_options *opt,
               import_log *log, import_counts counts[IMPORT_KINDS], str *err);

#endif
