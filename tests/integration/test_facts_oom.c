/* test_facts_oom.c - facts_load on a real SQLite file when memory runs out
 * at every allocation in turn: it either loads everything right or says it
 * failed, and never hands out an employee with a missing or wrong name.
 * malloc, calloc and realloc of groeipad's own code are wrapped (the link
 * uses --wrap), so the N-th of them can be made to fail; SQLite allocates
 * on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "store/facts.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);

static long allocations_left = -1; /* -1: never fail */
static bool failed_one;

/* True when this allocation is to fail. */
static bool fail_now(void)
{
    if (allocations_left < 0)
        return false;
    if (allocations_left == 0) {
        failed_one = true;
        return true;
    }
    allocations_left--;
    return false;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}

static void test_out_of_memory_never_gives_a_bad_name(void **state)
{
    (void)state;
    setenv("GROEIPAD_TODAY", "2026-11-29", 1);
    store *db = demo_store(test_path("oom.db"));
    arena good_arena = ARENA_INIT;
    facts good;
    assert_int_equal(facts_load(db, &good_arena, 2025, 2026, &good), STORE_OK);
    assert_true(good.npeople > 100);
    size_t loaded = 0, refused = 0;
    for (long k = 0; k < 100000; k++) {
        arena a = ARENA_INIT;
        facts f;
        failed_one = false;
        allocations_left = k;
        int rc = facts_load(db, &a, 2025, 2026, &f);
        allocations_left = -1;
        if (rc == STORE_OK) {
            loaded++;
            assert_int_equal(f.npeople, good.npeople);
            for (size_t i = 0; i < f.npeople; i++) {
                assert_non_null(f.people[i].department);
                assert_non_null(f.people[i].function);
                assert_string_equal(f.people[i].employee_id, good.people[i].employee_id);
                assert_string_equal(f.people[i].department, good.people[i].department);
                assert_string_equal(f.people[i].function, good.people[i].function);
            }
        } else {
            refused++;
            assert_true(failed_one); /* only ever for want of memory */
        }
        arena_free(&a);
        if (!failed_one)
            break; /* every allocation of a load has been made to fail once */
    }
    assert_true(refused > 0);
    assert_true(loaded > 0);
    arena_free(&good_arena);
    store_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_out_of_memory_never_gives_a_bad_name),
    };
    return cmocka_run_group_tests_name("facts_oom", tests, NULL, NULL);
}
