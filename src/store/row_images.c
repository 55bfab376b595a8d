/* row_images.c - see row_images.h. */
#include "store/row_images.h"
#include <stdlib.h>
#include <string.h>

/* Appends the packed form of the N VALUES to OUT. */
static bool pack(str *out, const char *const *values, int n)
{
    for (int i = 0; i < n; i++) {
        if (!values[i]) {
            str_putc(out, '\0');
        } else {
            str_putc(out, '\1');
            str_append(out, values[i], strlen(values[i]) + 1);
        }
    }
    return str_ok(out);
}

bool row_images_add(row_images *ri, const char *key, int64_t row, int64_t extra,
                    const char *const *values, int n)
{
    if (ri->n == ri->cap) {
        size_t cap = ri->cap ? ri->cap * 2 : 1024;
        row_image *p = realloc(ri->rows, cap * sizeof *p);
        if (!p)
            return false;
        ri->rows = p;
        ri->cap = cap;
    }
    size_t at = ri->packed.len;
    if (!pack(&ri->packed, values, n))
        return false;
    ri->rows[ri->n] = (row_image){row, extra, at, ri->packed.len - at};
    return map_put(&ri->index, key, strlen(key), (int64_t)ri->n++);
}

long row_images_find(const row_images *ri, const char *key)
{
    int64_t i;
    return map_get(&ri->index, key, strlen(key), &i) ? (long)i : -1;
}

bool row_images_same(const row_images *ri, size_t i, const char *const *values, int n)
{
    /* Walks the packed values beside VALUES: no copy to compare. */
    if (ri->rows[i].len == 0)
        return n == 0;
    const char *p = ri->packed.p + ri->rows[i].at, *end = p + ri->rows[i].len;
    for (int k = 0; k < n; k++) {
        if (p >= end)
            return false;
        if (*p++ == '\0') {
            if (values[k])
                return false;
            continue;
        }
        size_t len = strlen(p);
        if (!values[k] || strcmp(p, values[k]) != 0)
            return false;
        p += len + 1;
    }
    return p == end;
}

void row_images_values(const row_images *ri, size_t i, const char **values, int n)
{
    const char *p = ri->packed.p + ri->rows[i].at;
    for (int k = 0; k < n; k++) {
        if (*p++ == '\0') {
            values[k] = NULL;
            continue;
        }
        values[k] = p;
        p += strlen(p) + 1;
    }
}

void row_images_free(row_images *ri)
{
    map_free(&ri->index);
    free(ri->rows);
    str_free(&ri->packed);
    *ri = (row_images)ROW_IMAGES_INIT;
}
