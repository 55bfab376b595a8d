/* test_store_many.c - a read of many rows (store_prepare_many; on
 * PostgreSQL a COPY of its rows, in binary form when its columns allow it,
 * else in text form) answers as an ordinary read: every value, NULL and
 * empty text, a tab, a newline or a backslash inside a value, smallint,
 * boolean and varchar, a query ending in a comment or ';', integer, text
 * and NULL parameters and one in the select list; another statement in the middle of it, an early end,
 * a read started ahead (ended early, or failing), no rows at all, an error
 * half-way, and more columns
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
    for (; n < (int)size - 1 && n < 40 + i % 900; n++)
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
        char buf[1024];
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
        char buf[1024];
        const char *name = name_of(i, buf, sizeof buf);
        assert_int_equal(stmt_step(many), STORE_ROW);
        assert_int_equal(stmt_int(many, 0), i);
        assert_int_equal(stmt_null(many, 1), name == NULL);
        assert_string_equal(stmt_text(many, 1), name ? name : "");
    }
    assert_int_equal(stmt_step(many), STORE_DONE);
}

static void test_other_column_types(void **state)
{
    (void)state;
    /* PostgreSQL: smallint, boolean and varchar, in binary form */
    stmt *many = store_prepare_many(db, "SELECT id, CAST(n AS SMALLINT), n > 1500, "
                                        "CAST(name AS VARCHAR(1000)) FROM many_probe");
    stmt *one = store_prepare(db, "SELECT id, CAST(n AS SMALLINT), n > 1500, "
                                  "CAST(name AS VARCHAR(1000)) FROM many_probe ");
    assert_int_equal(read_beside(many, one, 4), ROWS);
    /* a query that ends in a comment, or in ';' */
    many = store_prepare_many(db, "SELECT id FROM many_probe WHERE id <= 2 -- the first two");
    one = store_prepare(db, "SELECT id FROM many_probe WHERE id <= 2;");
    assert_int_equal(read_beside(many, one, 1), 2);
    many = store_prepare_many(db, "SELECT id FROM many_probe WHERE id <= 2;");
    assert_int_equal(stmt_step(many), STORE_ROW);
    stmt_done(many);
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
    /* a parameter that is a column, and one bound as text where the server
     * takes a number: as the ordinary read has them */
    stmt *many = store_prepare_many(db, "SELECT id, ? FROM many_probe WHERE id = ?");
    stmt *one = store_prepare(db, "SELECT id, ? FROM many_probe WHERE id = ? ");
    stmt_bind_int(many, 1, 2024);
    stmt_bind_int(one, 1, 2024);
    stmt_bind_text(many, 2, "5");
    stmt_bind_text(one, 2, "5");
    assert_int_equal(read_beside(many, one, 2), 1);
    stmt_bind_int(many, 1, 2024);
    stmt_bind_text(many, 2, "5");
    assert_int_equal(stmt_step(many), STORE_ROW);
    assert_string_equal(stmt_text(many, 1), "2024");
    assert_int_equal(stmt_int(many, 1), 2024);
    stmt_done(many);
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
        char buf[1024];
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

static void test_started_ahead_ends_early_or_fails(void **state)
{
    (void)state;
    stmt *first = store_prepare_many(db, "SELECT id, name FROM many_probe ORDER BY id");
    stmt *then = store_prepare_many(db, "SELECT n, 1000 / (n - ?) FROM many_probe ORDER BY n");
    /* the first read ended early while the second is being read */
    stmt_bind_int(then, 1, -1);
    assert_int_equal(stmt_step(first), STORE_ROW);
    assert_int_equal(stmt_start(then), STORE_OK);
    assert_int_equal(stmt_step(first), STORE_ROW);
    assert_int_equal(stmt_int(first, 0), 2);
    stmt_done(first);
    int rows = 0, rc;
    while ((rc = stmt_step(then)) == STORE_ROW)
        assert_int_equal(stmt_int(then, 0), rows++);
    assert_int_equal(rc, STORE_DONE);
    assert_int_equal(rows, ROWS);
    /* the second read fails half-way (PostgreSQL) while the first is read
     * to its end: the first still gives every row */
    stmt_bind_int(then, 1, 1500);
    assert_int_equal(stmt_step(first), STORE_ROW);
    assert_int_equal(stmt_start(then), STORE_OK);
    rows = 1;
    while ((rc = stmt_step(first)) == STORE_ROW)
        assert_int_equal(stmt_int(first, 0), ++rows);
    assert_int_equal(rc, STORE_DONE);
    assert_int_equal(rows, ROWS);
    rows = 0;
    while ((rc = stmt_step(then)) == STORE_ROW)
        rows++;
    if (test_pg()) {
        assert_int_equal(rc, STORE_ERROR);
        assert_true(rows <= 1500);
        assert_non_null(strstr(store_error(db), "division by zero"));
    } else {
        assert_int_equal(rc, STORE_DONE);
    }
    assert_int_equal(store_count(db, "SELECT count(*) FROM many_probe"), ROWS);
    /* the second read stepped before the first ended: both give every row */
    stmt_bind_int(then, 1, -1);
    assert_int_equal(stmt_step(first), STORE_ROW);
    assert_int_equal(stmt_start(then), STORE_OK);
    assert_int_equal(stmt_step(then), STORE_ROW);
    assert_int_equal(stmt_int(then, 0), 0);
    for (rows = 1; stmt_step(first) == STORE_ROW; rows++)
        assert_int_equal(stmt_int(first, 0), rows + 1);
    assert_int_equal(rows, ROWS);
    for (rows = 1; stmt_step(then) == STORE_ROW; rows++)
        assert_int_equal(stmt_int(then, 0), rows);
    assert_int_equal(rows, ROWS);
    /* the second read cannot start (a number that is not one): it fails,
     * the first does not */
    stmt *bad = store_prepare_many(db, "SELECT id FROM many_probe WHERE n > ?");
    stmt_bind_text(bad, 1, "not a number");
    assert_int_equal(stmt_step(first), STORE_ROW);
    assert_int_equal(stmt_start(bad), STORE_OK);
    for (rows = 1; stmt_step(first) == STORE_ROW; rows++)
        ;
    assert_int_equal(rows, ROWS);
    rc = stmt_step(bad);
    if (test_pg())
        assert_int_equal(rc, STORE_ERROR);
    else
        stmt_done(bad);
    assert_int_equal(store_count(db, "SELECT count(*) FROM many_probe"), ROWS);
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
    /* PostgreSQL fails at id 1000 (a division by zero), after the rows
     * before it, in binary form and in text form (a REAL); SQLite answers
     * NULL */
    static const char *const sql[] = {"SELECT id, 1000 / (id - 1000) FROM many_probe",
                                       "SELECT id, r, 1000 / (id - 1000) FROM many_probe"};
    for (int i = 0; i < 2; i++) {
        stmt *s = store_prepare_many(db, sql[i]);
        int rc, rows = 0;
        while ((rc = stmt_step(s)) == STORE_ROW) {
            if (test_pg()) /* its row is the error */
                assert_int_not_equal(stmt_int(s, 0), 1000);
            rows++;
        }
        if (test_pg()) { /* the rows before it in the table's order, then the error */
            assert_int_equal(rc, STORE_ERROR);
            assert_in_range(rows, 1, ROWS - 1);
            assert_non_null(strstr(store_error(db), "division by zero"));
        } else {
            assert_int_equal(rc, STORE_DONE);
            assert_int_equal(rows, ROWS);
        }
        /* the connection serves the next statement */
        assert_int_equal(store_count(db, "SELECT count(*) FROM many_probe"), ROWS);
    }
    /* in a transaction, a read ended before its error came: the commit
     * does not say it wrote what the failure undid */
    assert_int_equal(store_begin(db), STORE_OK);
    stmt *w = store_prepare(db, "INSERT INTO many_probe(id, name, n) VALUES (?, 'late', 0)");
    stmt_bind_int(w, 1, ROWS + 1);
    assert_int_equal(stmt_exec(w), STORE_OK);
    stmt *s = store_prepare_many(db, "SELECT id, 1000 / (id - 5) FROM many_probe");
    for (int i = 0; i < 3; i++)
        assert_int_equal(stmt_step(s), STORE_ROW);
    stmt_done(s);
    int rc = store_commit(db);
    if (rc != STORE_OK)
        store_rollback(db);
    int64_t late = store_count(db, "SELECT count(*) FROM many_probe WHERE name = 'late'");
    assert_int_equal(rc, test_pg() ? STORE_ERROR : STORE_OK);
    assert_int_equal(late, test_pg() ? 0 : 1);
    assert_int_equal(store_exec_once(db, "DELETE FROM many_probe WHERE name = 'late'"), STORE_OK);
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

/* The statement cache knows SQL by its address, checked against its text:
 * one buffer holding first one query and then another gives each its own
 * statement, as an ordinary and as a many-row read. */
static void test_one_buffer_two_queries(void **state)
{
    (void)state;
    char sql[64];
    for (int i = 1; i <= 3; i++) {
        snprintf(sql, sizeof sql, "SELECT %d", i * 7);
        assert_int_equal(store_count(db, sql), i * 7);
        snprintf(sql, sizeof sql, "SELECT count(*) + %d FROM many_probe", i);
        stmt *s = store_prepare_many(db, sql);
        assert_non_null(s);
        assert_int_equal(stmt_step(s), STORE_ROW);
        int64_t got = stmt_int(s, 0);
        stmt_done(s);
        assert_int_equal(got, store_count(db, "SELECT count(*) FROM many_probe") + i);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_as_an_ordinary_read),
        cmocka_unit_test(test_other_column_types),
        cmocka_unit_test(test_parameters),
        cmocka_unit_test(test_other_statement_in_the_middle),
        cmocka_unit_test(test_early_end),
        cmocka_unit_test(test_started_ahead),
        cmocka_unit_test(test_started_ahead_ends_early_or_fails),
        cmocka_unit_test(test_no_rows),
        cmocka_unit_test(test_error_half_way),
        cmocka_unit_test(test_more_columns_than_a_copy_row),
        cmocka_unit_test(test_one_buffer_two_queries),
    };
    return cmocka_run_group_tests_name("store_many", tests, setup, teardown);
}
