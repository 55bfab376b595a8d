/* counts.c - see counts.h. */
#include "store/counts.h"

int overview_counts_load(store *db, overview_counts *out)
{
    out->employees = store_count(db, "SELECT count(*) FROM employees");
    out->activities = store_count(db, "SELECT count(*) FROM activities");
    out->records = store_count(db, "SELECT coalesce(sum(records), 0) FROM learning_totals");
    return out->employees < 0 || out->activities < 0 || out->records < 0 ? STORE_ERROR : STORE_OK;
}
