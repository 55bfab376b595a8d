/* pg_rows.h - the rows of a COPY ... TO STDOUT, read one at a time.
 *
 * A read of many rows through a prepared statement makes libpq hold every
 * row in one answer before the first can be used: for 100,000 people some
 * 25 MB of small allocations, each page touched for the first time (0.23 s
 * against 0.09 s for the same rows as a COPY, on a loaded 2-core machine).
 * A COPY's rows come one message each, as the server makes them, and each
 * is given back when the next comes. In binary form the server writes no number
 * out as text either, which halves its time on the learning totals of two
 * years (146 -> 72 ms for 273,000 rows). pg.c reads the statements that
 * store_prepare_many marks this way.
 *
 * Only store/pg.c uses this file. */
#ifndef GP_STORE_PG_ROWS_H
#define GP_STORE_PG_ROWS_H
#include "util/str.h"
#include <libpq-fe.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most columns a row may have. */
#define COPY_ROWS_MAX_COLUMNS 64

/* Rows read ahead, in blocks that are never moved (see keep_message). */
typedef struct kept_block {
    struct kept_block *next;
    size_t used;   /* what the reader may read (see copy_rows_share) */
    size_t filled; /* what the keeper has written */
    size_t cap;
    char data[];
} kept_block;

typedef struct copy_rows {
    PGconn *conn;   /* while the COPY is in progress on it; NULL after */
    bool binary;    /* the rows come in binary form, their types in type */
    bool header;    /* the binary form's header has been read */
    Oid type[COPY_ROWS_MAX_COLUMNS];
    char *line;     /* the current row's message as libpq gave it, or NULL */
    kept_block *kept, *kept_last; /* rows read ahead by copy_rows_keep */
    kept_block *reading;          /* the block of the next kept row, */
    size_t kept_at;               /* where in it that row starts, */
    size_t avail;                 /* and how much of it is known to be there */
    /* While another thread keeps the rows (copy_rows_share), the blocks'
     * links and fill, and kept_all, change under lock only. */
    pthread_mutex_t lock;
    pthread_cond_t more;
    bool sharing;
    bool kept_all;
    int nfields;    /* the current row's values: */
    char *field[COPY_ROWS_MAX_COLUMNS];   /* text, NUL-ended ("" for NULL) */
    bool null[COPY_ROWS_MAX_COLUMNS];
    bool is_int[COPY_ROWS_MAX_COLUMNS];   /* a number read in binary form: */
    int64_t number[COPY_ROWS_MAX_COLUMNS]; /* its value; its text made when asked */
    char number_text[COPY_ROWS_MAX_COLUMNS][24];
    bool failed;    /* the COPY ended in an error (in error) */
    str error;
} copy_rows;

/* Makes R ready for use (before copy_rows_begin); false when the
 * system refuses a lock. */
bool copy_rows_init(copy_rows *r);

/* Whether rows of columns of these N types can come in binary form: whole
 * numbers, booleans and text, which read the same as in text form. */
bool copy_rows_binary_types(const Oid *types, int n);

/* Sends COPY (QUERY) TO STDOUT on CONN, in binary form when TYPES (N of
 * them, QUERY's columns) allow it (else TYPES may be NULL), and waits for
 * the server to start it. STORE_OK, or STORE_ERROR with the reason in
 * r->error (the connection is then free). R must be unused or ended. */
int copy_rows_begin(copy_rows *r, PGconn *conn, const char *query, const Oid *types, int n);

/* The next row: STORE_ROW (its values then in R, valid until the next
 * call), STORE_DONE after the last, or STORE_ERROR with the reason in
 * r->error. */
int copy_rows_next(copy_rows *r);

/* The text of column COL of the current row ("" for NULL), or NULL when
 * there is no such column. */
const char *copy_rows_text(copy_rows *r, int col);

/* Reads every row still to come into memory, so that the connection is free
 * for another statement while the caller goes on reading these (the current
 * row stays valid). An error of the server's, or running out of memory,
 * comes as STORE_ERROR after the rows that arrived before it. */
void copy_rows_keep(copy_rows *r);

/* Lets another thread keep R's rows (copy_rows_keep, or copy_rows_begin
 * then copy_rows_keep) while this one reads them: copy_rows_next then waits
 * for a row that is not there yet, and never uses the connection. Ends with
 * copy_rows_end. */
void copy_rows_share(copy_rows *r);

/* Whether every row has been kept (always, unless R is shared). */
bool copy_rows_kept_all(copy_rows *r);

/* Fails R with MSG (its reader gets STORE_ERROR after the rows kept). */
void copy_rows_fail(copy_rows *r, const char *msg);

/* Ends the reading: the rows still to come are read and dropped (the
 * connection is free afterwards) and their memory is given back. R may be
 * begun again. */
void copy_rows_end(copy_rows *r);

/* Gives all memory back without touching the connection (being closed). */
void copy_rows_free(copy_rows *r);

#endif
