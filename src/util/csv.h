/* csv.h - reading and writing CSV (RFC 4180, as spreadsheets write it).
 *
 * The reader works in place on a writable buffer (a file read or mapped
 * privately): quoted fields are unescaped where they stand, so fields point
 * into the buffer and no row is copied. It knows the line on which each record
 * starts, which error reports need and a generic CSV library does not give. */
#ifndef GP_CSV_H
#define GP_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include "util/str.h"

typedef struct csv_field {
    char *p; /* not NUL-terminated */
    size_t len;
} csv_field;

typedef struct csv_reader {
    char *buf;
    size_t len, pos;
    char sep;           /* ',' or ';' found in the header line, or the one a
                         * first line "sep=X" names (',' ';' tab '|') */
    long line;          /* the physical line the reader is at (1-based) */
    long record_line;   /* the line on which the last record started */
    csv_field *fields;
    size_t nfields, cap;
    const char *error;  /* set when csv_next returns -1 */
    /* Another source of records (an Excel sheet): csv_next calls it instead
     * of reading BUF. It fills the fields with csv_push_field and sets
     * line and record_line, and returns as csv_next does. */
    int (*source)(void *ctx, struct csv_reader *r);
    void *source_ctx;
} csv_reader;

/* Prepares to read BUF (LEN bytes, writable): skips a UTF-8 BOM and detects
 * the separator from the first line. */
void csv_open(csv_reader *r, char *buf, size_t len);
/* Reads the next non-blank record: 1 when there is one, 0 at the end, -1 on
 * malformed input (r->error says what, r->line where). */
int csv_next(csv_reader *r);
void csv_close(csv_reader *r);
/* Prepares R to read its records from SOURCE (see csv_reader). */
void csv_open_source(csv_reader *r, int (*source)(void *ctx, csv_reader *r), void *ctx);
/* Appends a field (LEN bytes at P, which must outlive the record) to the
 * current record; false when out of memory. */
bool csv_push_field(csv_reader *r, char *p, size_t len);

/* Appends TEXT as one field, quoted when it holds SEP, a quote or a line break. */
bool csv_put_field(str *out, const char *text, char sep);

/* Appends TEXT as one text field that spreadsheets show as text, never as a
 * formula: text starting with '=', '+', '-', '@', a tab or a carriage return
 * (after any leading apostrophes) gets an apostrophe in front, which Excel
 * and LibreOffice read as "this is text". For text cells only: a negative
 * number in a number column is written as it is. */
bool csv_put_text(str *out, const char *text, char sep);
/* Removes the apostrophe csv_put_text added from the N bytes at *S (moving
 * *S and *N), exactly reversing it; true when it did. */
bool csv_unguard(const char **s, size_t *n);

#endif
