/* counts.h (store) - the organisation's sizes for the overview, from
 * maintained totals rather than by counting the learning record. */
#ifndef GP_STORE_COUNTS_H
#define GP_STORE_COUNTS_H
#include "store/store.h"

typedef struct overview_counts {
    int64_t employees, activities, records;
} overview_counts;

/* Fills OUT: the employees employed on TODAY, activities, and learning
 * records summed from learning_totals (one row per employee, year and type,
 * so the work does not grow with the number of records). STORE_OK or
 * STORE_ERROR. */
int overview_counts_load(store *db, date_t today, overview_counts *out);

#endif
