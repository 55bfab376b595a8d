/* fuzz_sort.c - the import's external sorter (util/extsort.c) on any
 * records, in 1 KB of memory so that even small inputs go through runs on
 * disk: what comes back must be every record, by key, equal keys in the
 * order they were added. Each record is [key byte][length byte][bytes]; the
 * key byte's two halves land 48 bits apart, so the radix sort meets digits
 * that vary and digits that do not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/extsort.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct ref {
    uint64_t key;
    size_t off, len, seq;
} ref;

static int by_key_then_seq(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    extsort *x = extsort_new(1024);
    ref *refs = malloc((size / 2 + 1) * sizeof *refs);
    if (!x || !refs)
        abort();
    size_t n = 0;
    for (size_t i = 0; i + 2 <= size;) {
        uint64_t key = ((uint64_t)(data[i] >> 4) << 48) | (data[i] & 15u);
        size_t len = data[i + 1] % 64;
        if (len > size - i - 2)
            len = size - i - 2;
        refs[n] = (ref){key, i + 2, len, n};
        if (!extsort_add(x, key, data + i + 2, len))
            abort();
        n++;
        i += 2 + len;
    }
    if (extsort_count(x) != n || !extsort_finish(x))
        abort();
    qsort(refs, n, sizeof *refs, by_key_then_seq);
    const void *rec;
    size_t len;
    for (size_t k = 0; k < n; k++)
        if (extsort_next(x, &rec, &len) != 1 || len != refs[k].len ||
            (len && memcmp(rec, data + refs[k].off, len) != 0))
            abort();
    if (extsort_next(x, &rec, &len) != 0)
        abort();
    extsort_free(x);
    free(refs);
    return 0;
}
