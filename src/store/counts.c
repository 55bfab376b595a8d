/* counts.c - see counts.h. */
#include "store/counts.h"

int overview_counts_load(store *db, date_t today, overview_counts *out)
{
    /* employed today, as the reports count the year's staff (people who
     * left are in the register, not on the payroll) */
    char day[DATE_TEXT_SIZE];
    date_format(today, day);
    out->employees = store_int_by_text(db, "SELECT count(*) FROM employees WHERE hire_date <= ?1 "
                                           "AND (exit_date IS NULL OR exit_date >= ?1)", day);
    out->activities = store_count(db, "SELECT count(*) FROM activities");
    out->records = store_count(db, "SELECT coalesce(sum(records), 0) FROM learning_totals");
    return out->employees < 0 || out->activities < 0 || out->records < 0 ? STORE_ERROR : STORE_OK;
}
