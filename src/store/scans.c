/* scans.c - the answers to the policy scans. */
#include "store/plans.h"
#include "store/data.h"
#include <stdio.h>
#include <string.h>

static bool read_answer(stmt *s, arena *a, void *item)
{
    scan_answer *x = item;
    *x = (scan_answer){arena_strdup(a, stmt_text(s, 0)), (int)stmt_int(s, 1)};
    return x->statement != NULL;
}

int scan_answers_get(store *db, arena *a, const char *scan, int year, const char *side,
                     int64_t function_id, scan_answer **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT statement, applies FROM scan_answers WHERE scan = ? AND "
                                "year = ? AND side = ? AND function_id = ? ORDER BY statement");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, scan);
    stmt_bind_int(s, 2, year);
    stmt_bind_text(s, 3, side);
    stmt_bind_int(s, 4, function_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_answer);
}

int scan_answers_save(store *db, const char *actor, const char *scan, int year,
                      const char *side, int64_t function_id, const scan_answer *answers,
                      size_t n)
{
    stmt *s = store_prepare(db, "DELETE FROM scan_answers WHERE scan = ? AND year = ? AND "
                                "side = ? AND function_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, scan);
    stmt_bind_int(s, 2, year);
    stmt_bind_text(s, 3, side);
    stmt_bind_int(s, 4, function_id);
    int rc = stmt_exec(s);
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        s = store_prepare(db, "INSERT INTO scan_answers(scan, year, side, function_id, "
                              "statement, applies, answered_by, answered_at) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?)");
        if (!s)
            return STORE_ERROR;
        stmt_bind_text(s, 1, scan);
        stmt_bind_int(s, 2, year);
        stmt_bind_text(s, 3, side);
        stmt_bind_int(s, 4, function_id);
        stmt_bind_text(s, 5, answers[i].statement);
        stmt_bind_int(s, 6, answers[i].applies);
        stmt_bind_text(s, 7, actor);
        stmt_bind_text(s, 8, now);
        rc = stmt_exec(s);
    }
    if (rc != STORE_OK)
        return rc;
    char key[96];
    snprintf(key, sizeof key, "%s/%d/%s/%lld", scan, year, side, (long long)function_id);
    return audit_write(db, actor, "answer", "scan", key, NULL, NULL);
}

int scan_years(store *db, arena *a, const char *scan, int **years, size_t *n)
{
    *years = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT DISTINCT year FROM scan_answers WHERE scan = ? "
                                "ORDER BY year DESC LIMIT 50");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, scan);
    if (!(*years = arena_alloc(a, 50 * sizeof **years)))
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        (*years)[(*n)++] = (int)stmt_int(s, 0);
    return rc == STORE_DONE ? STORE_OK : rc;
}
