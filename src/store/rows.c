/* rows.c - a whole result read into an arena array. It uses only the
 * statement interface of store.h, so every backend shares it. */
#include "store/store.h"

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
