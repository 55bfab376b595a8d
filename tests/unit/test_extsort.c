/* test_extsort.c - the external sorter: in memory and through runs on disk,
 * checked against qsort of the same records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "util/extsort.h"

typedef struct item {
    uint64_t key;
    uint32_t seq;   /* the order of adding: equal keys must keep it */
    uint32_t len;
} item;

static int by_key_then_seq(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Adds N records (keys below KEYS, some long) to a sorter of MEMORY bytes,
 * reads them back and compares with the reference order. */
static void sort_and_check(size_t n, uint64_t keys, size_t memory, size_t longest)
{
    uint64_t state = 12345 + n;
    item *ref = malloc((n + 1) * sizeof *ref);
    unsigned char *buf = malloc(longest + 8);
    assert_non_null(ref);
    assert_non_null(buf);
    extsort *x = extsort_new(memory);
    assert_non_null(x);
    for (size_t i = 0; i < n; i++) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        ref[i].key = state % keys;
        ref[i].seq = (uint32_t)i;
        ref[i].len = (uint32_t)(sizeof(uint32_t) + (state >> 20) % (longest - 3));
        memcpy(buf, &ref[i].seq, sizeof(uint32_t));
        memset(buf + sizeof(uint32_t), (int)(i & 0xff), ref[i].len - sizeof(uint32_t));
        assert_true(extsort_add(x, ref[i].key, buf, ref[i].len));
    }
    assert_int_equal(extsort_count(x), n);
    assert_true(extsort_finish(x));
    qsort(ref, n, sizeof *ref, by_key_then_seq);
    const void *rec;
    size_t len, got = 0;
    int rc;
    while ((rc = extsort_next(x, &rec, &len)) == 1) {
        assert_true(got < n);
        uint32_t seq;
        memcpy(&seq, rec, sizeof seq);
        assert_int_equal(seq, ref[got].seq);
        assert_int_equal(len, ref[got].len);
        const unsigned char *p = rec;
        for (size_t k = sizeof seq; k < len; k++)
            assert_int_equal(p[k], seq & 0xff);
        got++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(got, n);
    assert_int_equal(extsort_next(x, &rec, &len), 0);
    extsort_free(x);
    free(ref);
    free(buf);
}

static void test_in_memory(void **state)
{
    (void)state;
    sort_and_check(0, 10, 1 << 20, 16);
    sort_and_check(1, 10, 1 << 20, 16);
    sort_and_check(5000, 50, 1 << 20, 40);            /* many equal keys */
    sort_and_check(5000, UINT64_MAX, 1 << 20, 40);    /* every digit varies */
}

static void test_runs_on_disk(void **state)
{
    (void)state;
    sort_and_check(100000, 1000, 1 << 16, 40);         /* dozens of runs */
    sort_and_check(20000, (uint64_t)1 << 40, 1 << 17, 3000); /* long records */
    sort_and_check(30000, 1, 1 << 16, 12);            /* one key: pure stability */
}

/* A record longer than a run's read buffer still comes back whole. */
static void test_huge_record(void **state)
{
    (void)state;
    size_t big = 600u << 10;
    unsigned char *p = malloc(big);
    assert_non_null(p);
    memset(p, 7, big);
    extsort *x = extsort_new(1 << 16);
    assert_true(extsort_add(x, 5, "a", 1));
    assert_true(extsort_add(x, 3, p, big));
    assert_true(extsort_add(x, 4, "b", 1));
    for (int i = 0; i < 3000; i++)
        assert_true(extsort_add(x, 9, "filler-record-filler", 20));
    assert_true(extsort_finish(x));
    const void *rec;
    size_t len;
    assert_int_equal(extsort_next(x, &rec, &len), 1);
    assert_int_equal(len, big);
    assert_int_equal(((const unsigned char *)rec)[big - 1], 7);
    assert_int_equal(extsort_next(x, &rec, &len), 1);
    assert_memory_equal(rec, "b", 1);
    assert_int_equal(extsort_next(x, &rec, &len), 1);
    assert_memory_equal(rec, "a", 1);
    extsort_free(x);
    free(p);
}

/* An unusable temporary directory is reported, not ignored. */
static void test_no_temporary_directory(void **state)
{
    (void)state;
    setenv("TMPDIR", "/nonexistent/groeipad", 1);
    extsort *x = extsort_new(1 << 16);
    bool ok = true;
    for (int i = 0; ok && i < 10000; i++)
        ok = extsort_add(x, (uint64_t)i, "record-of-some-length", 21);
    assert_false(ok);
    assert_non_null(strstr(extsort_error(x), "temporary file"));
    extsort_free(x);
    unsetenv("TMPDIR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_memory),
        cmocka_unit_test(test_runs_on_disk),
        cmocka_unit_test(test_huge_record),
        cmocka_unit_test(test_no_temporary_directory),
    };
    return cmocka_run_group_tests_name("extsort", tests, NULL, NULL);
}
