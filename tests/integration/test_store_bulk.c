/* test_store_bulk.c - the rows of a bulk load that a backend holds back
 * (SQLite: 128 to one multi-row INSERT; PostgreSQL: one COPY) are the rows
 * written: NULL, empty text and dates as bound, visible to the next read in
 * the same transaction, in order with other writes, gone after a rollback,
 * and a bad row fails the load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include "helpers.h"
#include "store/store.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = test_store_open(test_path("bulk.db"));
    assert_int_equal(store_exec_once(db, "CREATE TABLE bulk_probe (id INTEGER PRIMARY KEY, "
                                         "name TEXT, n INTEGER NOT NULL, d TEXT)"),
                     STORE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static int64_t count_where(const char *sql)
{
    int64_t n = store_count(db, sql);
    assert_true(n >= 0);
    return n;
}

/* Row I: name NULL, empty or text in turn, a date on even rows. */
static int insert_row(int64_t i)
{
    stmt *s = store_prepare(db, "INSERT INTO bulk_probe(id, name, n, d) VALUES (?, ?, ?, ?)");
    assert_non_null(s);
    char name[32];
    snprintf(name, sizeof name, "name-%lld", (long long)i);
    stmt_bind_int(s, 1, i);
    stmt_bind_text(s, 2, i % 3 == 0 ? NULL : i % 3 == 1 ? "" : name);
    stmt_bind_int(s, 3, i);
    stmt_bind_date(s, 4, i % 2 ? DATE_NONE : date_from_ymd(2025, 1, 1) + (date_t)i);
    return stmt_exec_bulk(s);
}

static void test_held_rows_are_the_rows_written(void **state)
{
    (void)state;
    assert_int_equal(store_bulk_begin(db), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    for (int64_t i = 1; i <= 300; i++) /* full batches of 128 and a part */
        assert_int_equal(insert_row(i), STORE_OK);
    /* a read in the same transaction sees every row, a partial batch too */
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), 300);
    for (int64_t i = 301; i <= 305; i++)
        assert_int_equal(insert_row(i), STORE_OK);
    /* a change of a held row comes after it */
    stmt *u = store_prepare(db, "UPDATE bulk_probe SET n = n + 1000 WHERE id = ?");
    stmt_bind_int(u, 1, 103);
    assert_int_equal(stmt_exec(u), STORE_OK);
    assert_int_equal(store_changes(db), 1);
    assert_int_equal(store_commit(db), STORE_OK);
    store_bulk_end(db);

    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), 305);
    assert_int_equal(count_where("SELECT n FROM bulk_probe WHERE id = 103"), 1103);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe WHERE name IS NULL"), 101);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe WHERE name = ''"), 102);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe WHERE d IS NULL"), 153);
    stmt *s = store_prepare(db, "SELECT name, d FROM bulk_probe WHERE id = 62");
    assert_int_equal(stmt_step(s), STORE_ROW);
    assert_string_equal(stmt_text(s, 0), "name-62");
    assert_string_equal(stmt_text(s, 1), "2025-03-04");
    stmt_done(s);
}

static void test_rollback_drops_held_rows(void **state)
{
    (void)state;
    int64_t before = count_where("SELECT count(*) FROM bulk_probe");
    assert_int_equal(store_bulk_begin(db), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    for (int64_t i = 1001; i <= 1300; i++) /* full batches and a part */
        assert_int_equal(insert_row(i), STORE_OK);
    store_rollback(db);
    store_bulk_end(db);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), before);
    /* and the next write of the connection does not bring them back */
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(insert_row(2000), STORE_OK);
    assert_int_equal(store_commit(db), STORE_OK);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), before + 1);
}

/* A row that breaks a constraint fails the load: at its statement, a later
 * one or the commit, and nothing of the load stays. */
static void test_bad_held_row_fails_the_load(void **state)
{
    (void)state;
    int64_t before = count_where("SELECT count(*) FROM bulk_probe");
    assert_int_equal(store_bulk_begin(db), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    int rc = STORE_OK;
    for (int64_t i = 3001; rc == STORE_OK && i <= 3300; i++)
        rc = insert_row(i == 3200 ? 7 : i); /* 7 is there already */
    if (rc == STORE_OK)
        rc = store_commit(db);
    assert_int_not_equal(rc, STORE_OK);
    store_rollback(db);
    store_bulk_end(db);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_held_rows_are_the_rows_written),
        cmocka_unit_test(test_rollback_drops_held_rows),
        cmocka_unit_test(test_bad_held_row_fails_the_load),
    };
    return cmocka_run_group_tests_name("store_bulk", tests, setup, teardown);
}
