/* rows.c - reading results: a whole result into an arena array, and the
 * column readers the stores share. It uses only the statement interface of
 * store.h, so every backend shares it. */
#include "store/data.h"
#include <string.h>

int stmt_collect(stmt *s, arena *a, void *items, size_t *n, size_t item_size, row_reader read)
{
    size_t cap = *n;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        void *item = arena_push(a, items, n, &cap, item_size);
        if (!item || !read(s, a, item)) {
            stmt_done(s);
            return STORE_ERROR;
        }
    }
    return rc == STORE_DONE ? STORE_OK : rc;
}

const char *stmt_text_copy(stmt *s, int col, arena *a)
{
    return stmt_null(s, col) ? NULL : arena_strdup(a, stmt_text(s, col));
}

int stmt_vocab(stmt *s, int col, const vocab *v)
{
    const char *t = stmt_text(s, col);
    return stmt_null(s, col) ? -1 : vocab_find(v, t, strlen(t));
}
