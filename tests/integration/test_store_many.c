/* test_store_many.c - a read of many rows (store_prepare_many; on
 * PostgreSQL a COPY of its rows, in binary form when its columns allow it,
 * else in text form) answers as an ordinary read: every value, NULL and
 * empty text, a tab, a newline or a backslash inside a value, integer, text
 * and NULL parameters; another statement in the middle of it, an early end,
 * a read started ahead, no rows at all, an error half-way, and more columns
 * than a COPY's row holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "helpers.h"
#include "store/store.h"

enum { ROWS = 3000 };

static store *db;

/* The name of row I: NULL, empty, text with what a COPY's text form
 * escapes, or long (so that the rows fill several blocks of memory). */
static const char *name_of(int i, char *buf, size_t size)
{
    static const char *const special[] = {"tab\there", "new\nline", "back\\slash", "cr\rx",
                                          "\\N", "é ü ß", "", "trailing\\"};
    if (i % 11 == 0)
        return NULL;
    if (i % 7 == 0)
        return special[(i / 7) % 8];
    int n = snprintf(buf, size, "name-%d-", i);
    for (; n < (int)size - 1 && n < 40 + i % 400; n++)
        buf[n] = (char)('a' + n % 26);
    buf[n] = '\0';
    return buf;
}

static int setup(void **state)
{
    (void)state;
    db = test_store_open(test_path("many.db"));
    assert_int_equal(store_exec_once(db, "CREATE TABLE many_probe (id INTEGER PRIMARY KEY, "
                                         "name TEXT, n INTEGER NOT NULL, big BIGINT, r REAL)"),
                     STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    for (int i = 1; i <= ROWS; i++) {
        char buf[512];
        stmt *s = store_prepare(db, "INSERT INTO many_probe(id, name, n, big, r) "
                                    "VALUES (?, ?, ?, ?, ?)");
        assert_non_null(s);
        stmt_bind_int(s, 1, i);
        stmt_bind_text(s, 2, name_of(i, buf, sizeof buf));
        stmt_bind_int(s, 3, ROWS - i);
        if (i % 5 == 0)
            stmt_bind_null(s, 4);
        else
            stmt_bind_int(s, 4, i % 2 ? -((int64_t)1 << 62) - i : ((int64_t)1 << 40) * i);
        stmt_bind_text(s, 5, i % 3 ? "1.5" : "-0.25");
        assert_int_equal(stmt_exec(s), STORE_OK);
    }
    assert_int_equal(store_commit(db), STORE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* Checks that the current rows of A and B hold the same NCOLS values. */
static void same_row(stmt *a, stmt *b, int ncols)
{
    for (int c = 0; c < ncols; c++) {
        assert_int_equal(stmt_null(a, c), stmt_null(b, c));
        assert_string_equal(stmt_text(a, c), stmt_text(b, c));
        assert_int_equal(stmt_int(a, c), stmt_int(b, c));
    }
}

/* Reads MANY to its end beside ONE (the same read, prepared the ordinary
 * way); the number of rows. */
static int read_beside(stmt *many, stmt *one, int ncols)
{
    int rows = 0, ra, rb;
    while ((ra = stmt_step(many)) == STORE_ROW) {
        assert_int_equal(rb = stmt_step(one), STORE_ROW);
        same_row(many, one, ncols);
        rows++;
    }
    assert_int_equal(ra, STORE_DONE);
    assert_int_equal(stmt_step(one), STORE_DONE);
    return rows;
}

static void test_values_as_an_ordinary_read(void **state)
{
    (void)state;
    /* whole numbers and text: PostgreSQL's binary form */
    stmt *many = store_prepare_many(db, "SELECT id, name, n, big FROM many_probe ORDER BY id");
    stmt *one = store_prepare(db, "SELECT id, name, n, big FROM many_probe ORDER BY id ");
    assert_int_equal(read_beside(many, one, 4), ROWS);
    /* a REAL among them: the text form */
    many = store_prepare_many(db, "SELECT id, name, r, big FROM many_probe ORDER BY id");
    one = store_prepare(db, "SELECT id, name, r, big FROM many_probe ORDER BY id ");
    assert_int_equal(read_beside(many, one, 4), ROWS);
    /* and the values are the ones written */
    many = store_prepare_many(db, "SELECT id, name FROM many_probe WHERE id <= 100 ORDER BY id");
    for (int i = 1; i <= 100; i++) {
        char buf[512];
        const char *name = name_of(i, buf, sizeof buf);
        assert_int_equal(stmt_step(many), STORE_ROW);
        assert_int_equal(stmt_int(many, 0), i);
        assert_int_equal(stmt_null(many, 1), name == NULL);
        assert_string_equal(stmt_text(many, 1), name ? name : "");
    }
    assert_int_equal(stmt_step(many), STORE_DONE);
}

static void test_parameters(void **state)
{
    (void)state;
    stmt *s = store_prepare_many(db, "SELECT id FROM many_probe WHERE n >= ? AND n <= ? "
                                     "AND coalesce(?, name) = name ORDER BY id");
    stmt_bind_int(s, 1, ROWS - 70);
    stmt_bind_int(s, 2, ROWS - 7);
    stmt_bind_text(s, 3, "tab\there");
    /* ids 7..70 whose name is special[(i / 7) % 8] = "tab\there": i / 7 = 8 -> 56 */
    assert_int_equal(stmt_step(s), STORE_ROW);
    assert_int_equal(stmt_int(s, 0), 56);
    assert_int_equal(stmt_step(s), STORE_DONE);
    /* a NULL parameter: every name that is not NULL */
    stmt_bind_int(s, 1, 0);
    stmt_bind_int(s, 2, ROWS);
    stmt_bind_null(s, 3);
    int rows = 0;
    while (stmt_step(s) == STORE_ROW)
        rows++;
    assert_int_equal(rows, ROWS - ROWS / 11);
}

static void test_other_statement_in_the_middle(void **state)
{
    (void)state;
    stmt *many = store_prepare_many(db, "SELECT id, name FROM many_probe ORDER BY id");
    for (int i = 1; i <= 10; i++) {
        assert_int_equal(stmt_step(many), STORE_ROW);
        assert_int_equal(stmt_int(many, 0), i);
    }
    /* the connection is needed now: the rest waits in memory */
    assert_int_equal(store_count(db, "SELECT count(*) FROM many_probe"), ROWS);
    assert_int_equal(stmt_int(many, 0), 10); /* the current row stays */
    for (int i = 11; i <= ROWS; i++) {
        char buf[512];
        const char *name = name_of(i, buf, sizeof buf);
        assert_int_equal(stmt_step(many), STORE_ROW);
        assert_int_equal(stmt_int(many, 0), i);
        assert_string_equal(stmt_text(many, 1), name ? name : "");
    }
    assert_int_equal(stmt_step(many), STORE_DONE);
}

static void test_early_end(void **state)
{
    (void)state;
    stmt *many = store_prepare_many(db, "SELECT id FROM many_probe ORDER BY id DESC");
    for (int i = 0; i < 5; i++)
        assert_int_equal(stmt_step(many), STORE_ROW);
    stmt_done(many);
    assert_int_equal(store_count(db, "SELECT count(*) FROM many_probe WHERE id > 10"), ROWS - 10);
    /* run again, it starts from its first row */
    assert_int_equal(stmt_step(many), STORE_ROW);
    assert_int_equal(stmt_int(many, 0), ROWS);
    stmt_done(many);
}

static void test_started_ahead(void **state)
{
    (void)state;
    /* as a report reads: the people while the learning is started */
    stmt *first = store_prepare_many(db, "SELECT id FROM many_probe WHERE id % 2 = 0 ORDER BY id");
    stmt *then = store_prepare_many(db, "SELECT id, name FROM many_probe WHERE id > ? ORDER BY id");
    stmt_bind_int(then, 1, ROWS - 100);
    assert_int_equal(stmt_step(first), STORE_ROW);
    assert_int_equal(stmt_start(then), STORE_OK);
    int rows = 1;
    while (stmt_step(first) == STORE_ROW) {
        assert_int_equal(stmt_int(first, 0), 2 * (rows + 1));
        rows++;
    }
    assert_int_equal(rows, ROWS / 2);
    /* another statement before its first step waits for it */
    assert_int_equal(store_count(db, "SELECT count(*) FROM many_probe WHERE id <= 3"), 3);
    for (int i = ROWS - 99; i <= ROWS; i++) {
        assert_int_equal(stmt_step(then), STORE_ROW);
        assert_int_equal(stmt_int(then, 0), i);
    }
    assert_int_equal(stmt_step(then), STORE_DONE);
    /* bound anew after it was started: the new values count */
    assert_int_equal(stmt_start(then), STORE_OK);
    stmt_bind_int(then, 1, ROWS - 1);
    assert_int_equal(stmt_step(then), STORE_ROW);
    assert_int_equal(stmt_int(then, 0), ROWS);
    assert_int_equal(stmt_step(then), STORE_DONE);
}

static void test_no_rows(void **state)
{
    (void)state;
    stmt *s = store_prepare_many(db, "SELECT id, name FROM many_probe WHERE id < 0");
    assert_int_equal(stmt_step(s), STORE_DONE);
    assert_int_equal(stmt_step(s), STORE_DONE);
}

static void test_error_half_way(void **state)
{
    (void)state;
    /* PostgreSQL fails at n = 1000 (a division by zero); SQLite answers NULL */
    stmt *s = store_prepare_many(db, "SELECT id, 1000 / (n - 1000) FROM many_probe ORDER BY n");
    int rc, rows = 0;
    while ((rc = stmt_step(s)) == STORE_ROW)
        rows++;
    if (test_pg()) {
        assert_int_equal(rc, STORE_ERROR);
        assert_true(rows <= 1000);
        assert_non_null(strstr(store_error(db), "division by zero"));
    } else {
        assert_int_equal(rc, STORE_DONE);
        assert_int_equal(rows, ROWS);
    }
    /* the connection serves the next statement */
    assert_int_equal(store_count(db, "SELECT count(*) FROM many_probe"), ROWS);
}

#define TEN "id, id, id, id, id, id, id, id, id, id, "
static void test_more_columns_than_a_copy_row(void **state)
{
    (void)state;
    stmt *s = store_prepare_many(db, "SELECT " TEN TEN TEN TEN TEN TEN TEN "name "
                                     "FROM many_probe WHERE id = 7");
    assert_non_null(s);
    assert_int_equal(stmt_step(s), STORE_ROW);
    assert_int_equal(stmt_int(s, 69), 7);
    assert_string_equal(stmt_text(s, 70), "new\nline");
    assert_int_equal(stmt_step(s), STORE_DONE);
}
#undef TEN

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_as_an_ordinary_read),
        cmocka_unit_test(test_parameters),
        cmocka_unit_test(test_other_statement_in_the_middle),
        cmocka_unit_test(test_early_end),
        cmocka_unit_test(test_started_ahead),
        cmocka_unit_test(test_no_rows),
        cmocka_unit_test(test_error_half_way),
        cmocka_unit_test(test_more_columns_than_a_copy_row),
    };
    return cmocka_run_group_tests_name("store_many", tests, setup, teardown);
}
