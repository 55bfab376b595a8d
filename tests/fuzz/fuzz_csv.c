/* fuzz_csv.c - the CSV reader (util/csv.c) on any bytes.
 *
 * Every field must lie inside the buffer, lines only go forward, and an error
 * says what it is. Each record read is written back with csv_put_field and
 * read again: the writer and the reader must agree on every field. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/csv.h"
#include "util/str.h"

/* Writes the record of R as one line and checks that it reads back the same. */
static void check_round_trip(const csv_reader *r)
{
    str line = STR_INIT;
    for (size_t f = 0; f < r->nfields; f++) {
        if (memchr(r->fields[f].p, '\0', r->fields[f].len))
            goto done; /* csv_put_field takes C strings */
        char *text = strndup(r->fields[f].p, r->fields[f].len);
        if (!text || (f && !str_putc(&line, r->sep)) || !csv_put_field(&line, text, r->sep))
            abort();
        free(text);
    }
    if (line.len == 0)
        goto done; /* one empty field: a blank line, which the reader skips */
    char *copy = malloc(line.len);
    if (!copy)
        abort();
    memcpy(copy, line.p, line.len);
    csv_reader again;
    csv_open(&again, copy, line.len);
    again.pos = 0;       /* a first field that starts with a BOM is data here */
    again.sep = r->sep;  /* and the separator is the file's, not this line's */
    if (csv_next(&again) != 1 || again.nfields != r->nfields)
        abort();
    for (size_t f = 0; f < r->nfields; f++)
        if (again.fields[f].len != r->fields[f].len ||
            memcmp(again.fields[f].p, r->fields[f].p, r->fields[f].len) != 0)
            abort();
    if (csv_next(&again) != 0)
        abort();
    csv_close(&again);
    free(copy);
done:
    str_free(&line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Exactly SIZE bytes, so that reading one past the end is caught. */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    csv_reader r;
    csv_open(&r, buf, size);
    if (!r.sep || !strchr(",;\t|", r.sep)) /* '|' and tab only from "sep=" */
        abort();
    int rc;
    long last = 0;
    size_t records = 0;
    while ((rc = csv_next(&r)) > 0) {
        if (r.nfields == 0 || r.record_line < last || r.record_line > r.line)
            abort();
        for (size_t f = 0; f < r.nfields; f++)
            if (r.fields[f].p < buf || r.fields[f].p + r.fields[f].len > buf + size)
                abort();
        last = r.record_line;
        if (++records > size)
            abort(); /* every record takes at least one byte */
        check_round_trip(&r);
    }
    if (rc != 0 && (rc != -1 || !r.error))
        abort();
    csv_close(&r);
    free(buf);
    return 0;
}
