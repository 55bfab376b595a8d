/* row_images.h - the rows of a table as an import would write them, by key.
 *
 * An import that updates rows needs to know, for each row of its file,
 * whether the stored row differs: asking the database row by row costs a
 * round trip each on PostgreSQL. Instead the stored rows are read once, each
 * as its values (text or NULL, as they are bound), and a file's row is
 * compared here: only rows that differ are written, and the outcome
 * (created, updated, unchanged) is known without reading the database's
 * answer, so the writes can travel in a bulk load's COPY and pipeline. */
#ifndef GP_ROW_IMAGES_H
#define GP_ROW_IMAGES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/map.h"
#include "util/str.h"

typedef struct row_image {
    int64_t row;       /* the row's id */
    int64_t extra;     /* one more number the caller keeps (a manager's row) */
    size_t at, len;    /* its packed values in row_images.packed */
} row_image;

typedef struct row_images {
    map index;         /* key -> index into rows */
    row_image *rows;
    size_t n, cap;
    str packed;        /* every row's values, each a tag byte (0: NULL, 1:
                        * text) and, after a 1, the text and its NUL */
} row_images;

#define ROW_IMAGES_INIT {MAP_INIT, NULL, 0, 0, STR_INIT}

/* Adds the row KEY with the N VALUES (each text or NULL); false when out of
 * memory. A key added again replaces the first in the index. */
bool row_images_add(row_images *ri, const char *key, int64_t row, int64_t extra,
                    const char *const *values, int n);
/* The index of KEY's row, or -1 when there is none. */
long row_images_find(const row_images *ri, const char *key);
/* True when row I holds exactly the N VALUES. */
bool row_images_same(const row_images *ri, size_t i, const char *const *values, int n);
/* Row I's N values into VALUES (pointing into RI, valid until the next add). */
void row_images_values(const row_images *ri, size_t i, const char **values, int n);
void row_images_free(row_images *ri);

#endif
