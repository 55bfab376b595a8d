/* counts.c - see counts.h. */
#include "store/counts.h"

int overview_counts_load(store *db, date_t today, overview_counts *out)
{
    /* employed today, as the reports count the year's staff (people who
     * left are in the register, not on the payroll) */
    stmt *s = store_prepare(db, "SELECT count(*) FROM employees WHERE hire_date <= ?1 AND "
                                "(exit_date IS NULL OR exit_date >= ?1)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, today);
    int rc = stmt_step(s);
    out->employees = rc == STORE_ROW ? stmt_int(s, 0) : -1;
    if (rc == STORE_ROW)
        stmt_done(s);
    out->activities = store_count(db, "SELECT count(*) FROM activities");
    out->records = store_count(db, "SELECT coalesce(sum(records), 0) FROM learning_totals");
    return out->employees < 0 || out->activities < 0 || out->records < 0 ? STORE_ERROR : STORE_OK;
}
