/* extsort.h - sorting more records than should be held in memory.
 *
 * Records (bytes, each with a 64-bit key) are added in any order and read
 * back by key, equal keys in the order they were added. Up to a fixed amount
 * of memory the records are kept and sorted there; beyond it each full batch
 * is sorted and written as a run to an unlinked temporary file, and reading
 * merges the runs. Memory stays bounded by the batch size plus a read buffer
 * per run, whatever the number of records. */
#ifndef GP_EXTSORT_H
#define GP_EXTSORT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct extsort extsort;

/* A sorter that keeps at most about MEMORY bytes of records before writing a
 * run; NULL when out of memory. Temporary files go to $TMPDIR, else /var/tmp. */
extsort *extsort_new(size_t memory);
/* Adds the LEN bytes at REC under KEY; false on failure (out of memory, or the
 * temporary file could not be made or written: extsort_error says which). */
bool extsort_add(extsort *x, uint64_t key, const void *rec, size_t len);
/* The number of records added. */
size_t extsort_count(const extsort *x);
/* Ends the adding and prepares the reading; false on failure. */
bool extsort_finish(extsort *x);
/* The next record by key: 1 with *REC (valid until the next call) and *LEN,
 * 0 after the last, -1 on a read failure. */
int extsort_next(extsort *x, const void **rec, size_t *len);
/* What failed, for a message ("" when nothing did). */
const char *extsort_error(const extsort *x);
void extsort_free(extsort *x);

#endif
