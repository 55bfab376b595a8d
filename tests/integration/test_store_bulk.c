/* test_store_bulk.c - the rows of a bulk load that a backend holds back
 * (SQLite: 512 to one INSERT ... SELECT; PostgreSQL: one COPY) are the rows
 * written: NULL, empty text and dates as bound, visible to the next read in
 * the same transaction, in order with other writes, gone after a rollback,
 * and a bad row fails the load. A read started ahead (stmt_start) answers as
 * if it ran at its first step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include "helpers.h"
#include "store/store.h"
#include "store/data.h"

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

/* Row I: name NULL, empty or text in turn, a date on even rows; kept for
 * its batch (BULK) or written at once. */
static int insert_row_by(int64_t i, bool bulk)
{
    stmt *s = store_prepare(db, "INSERT INTO bulk_probe(id, name, n, d) VALUES (?, ?, ?, ?)");
    assert_non_null(s);
    char name[32];
    snprintf(name, sizeof name, "name-%lld", (long long)i);
    stmt_bind_int(s, 1, i);
    stmt_bind_text(s, 2, i % 3 == 0 ? NULL : i % 3 == 1 ? "" : name);
    stmt_bind_int(s, 3, i);
    stmt_bind_date(s, 4, i % 2 ? DATE_NONE : date_from_ymd(2025, 1, 1) + (date_t)i);
    return bulk ? stmt_exec_bulk(s) : stmt_exec(s);
}

static int insert_row(int64_t i)
{
    return insert_row_by(i, true);
}

static void test_held_rows_are_the_rows_written(void **state)
{
    (void)state;
    assert_int_equal(store_bulk_begin(db), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    for (int64_t i = 1; i <= 1100; i++) /* full batches of 512 and a part */
        assert_int_equal(insert_row(i), STORE_OK);
    /* a read in the same transaction sees every row, a partial batch too */
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), 1100);
    for (int64_t i = 1101; i <= 1105; i++)
        assert_int_equal(insert_row(i), STORE_OK);
    /* the same INSERT run at once comes after the rows held before it */
    assert_int_equal(insert_row_by(1106, false), STORE_OK);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), 1106);
    assert_int_equal(count_where("SELECT max(id) FROM bulk_probe"), 1106);
    /* a change of a held row comes after it */
    stmt *u = store_prepare(db, "UPDATE bulk_probe SET n = n + 1000 WHERE id = ?");
    stmt_bind_int(u, 1, 103);
    assert_int_equal(stmt_exec(u), STORE_OK);
    assert_int_equal(store_changes(db), 1);
    assert_int_equal(store_commit(db), STORE_OK);
    store_bulk_end(db);

    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), 1106);
    assert_int_equal(count_where("SELECT n FROM bulk_probe WHERE id = 103"), 1103);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe WHERE name IS NULL"), 368);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe WHERE name = ''"), 369);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe WHERE d IS NULL"), 553);
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
    for (int64_t i = 5001; i <= 6100; i++) /* full batches and a part */
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
    for (int64_t i = 3001; rc == STORE_OK && i <= 4100; i++)
        rc = insert_row(i == 4000 ? 7 : i); /* 7 is there already; in the second batch */
    if (rc == STORE_OK)
        rc = store_commit(db);
    assert_int_not_equal(rc, STORE_OK);
    store_rollback(db);
    store_bulk_end(db);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), before);
}

/* Counts the rows S still has to give, and checks it ended well. */
static int64_t rows_left(stmt *s)
{
    int64_t n = 0;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        n++;
    assert_int_equal(rc, STORE_DONE);
    return n;
}

/* A read started ahead (stmt_start) answers as if it ran at its first step:
 * while another read's rows are read, with other statements run before it
 * (they wait for it), when dropped unread (its answer is not the next
 * run's), when started twice, and with its error at its step. */
static void test_started_read(void **state)
{
    (void)state;
    int64_t total = count_where("SELECT count(*) FROM bulk_probe");
    int64_t small = count_where("SELECT count(*) FROM bulk_probe WHERE n <= 100");
    assert_true(total > small && small > 0);
    stmt *all = store_prepare(db, "SELECT id, n FROM bulk_probe ORDER BY id");
    stmt *some = store_prepare(db, "SELECT id FROM bulk_probe WHERE n <= ? ORDER BY id");
    assert_non_null(all);
    assert_non_null(some);
    /* Started while ALL is being read; a third statement runs before it. */
    assert_int_equal(stmt_step(all), STORE_ROW);
    stmt_bind_int(some, 1, 100);
    assert_int_equal(stmt_start(some), STORE_OK);
    assert_int_equal(1 + rows_left(all), total);
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe WHERE n > 100"),
                     total - small);
    assert_int_equal(rows_left(some), small);
    /* Dropped unread: the next run answers for its own value. */
    assert_int_equal(stmt_start(some), STORE_OK);
    stmt_done(some);
    stmt_bind_int(some, 1, 1000000000);
    assert_int_equal(rows_left(some), total);
    /* Bound anew after its start: it answers for the new value. */
    stmt_bind_int(some, 1, 100);
    assert_int_equal(stmt_start(some), STORE_OK);
    stmt_bind_int(some, 1, 1000000000);
    assert_int_equal(rows_left(some), total);
    /* Started twice: the second start, with its value, counts. */
    stmt_bind_int(some, 1, 100);
    assert_int_equal(stmt_start(some), STORE_OK);
    stmt_bind_int(some, 1, 0);
    assert_int_equal(stmt_start(some), STORE_OK);
    assert_int_equal(rows_left(some), count_where("SELECT count(*) FROM bulk_probe WHERE n <= 0"));
    /* An error (integer overflow on both backends) comes at the step. */
    stmt *bad = store_prepare(db, "SELECT abs(-9223372036854775807 - 1)");
    assert_non_null(bad);
    assert_int_equal(stmt_start(bad), STORE_OK);
    assert_int_equal(stmt_step(bad), STORE_ERROR);
    stmt_done(bad);
    /* and the connection goes on */
    assert_int_equal(count_where("SELECT count(*) FROM bulk_probe"), total);
    /* A column that is not there reads as 0 and "" on both backends. */
    stmt *one = store_prepare(db, "SELECT 7");
    assert_int_equal(stmt_step(one), STORE_ROW);
    assert_int_equal(stmt_int(one, 0), 7);
    assert_int_equal(stmt_int(one, 3), 0);
    assert_string_equal(stmt_text(one, 3), "");
    stmt_done(one);
}

/* How many keys, foreign keys pointing at them, and indexes the learning
 * tables have (PostgreSQL's catalogue), or -1 on SQLite. */
static int64_t learning_keys(void)
{
    if (!test_pg())
        return -1;
    return count_where("SELECT (SELECT count(*) FROM pg_constraint WHERE conrelid IN "
                       "('learning_records'::regclass, 'learning_totals'::regclass) AND "
                       "contype = 'p') * 10000 + (SELECT count(*) FROM pg_constraint WHERE "
                       "confrelid = 'learning_records'::regclass) * 100 + (SELECT count(*) "
                       "FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN "
                       "('learning_records', 'learning_totals'))");
}

/* The oid of learning_records' primary key on PostgreSQL (a new one once it
 * was built again), 0 on SQLite. */
static int64_t key_oid(void)
{
    return test_pg() ? count_where("SELECT 'learning_records_pkey'::regclass::oid::bigint") : 0;
}

/* Loads N records of employee row 1, and their sums, in one transaction;
 * committed when COMMIT, else rolled back. The learning tables have KEYS
 * (learning_keys) before; REBUILT: the load must build the key again (on
 * PostgreSQL; it keeps it when another transaction holds a table it
 * needs). */
static void load_learning(int n, bool commit, int64_t keys, bool rebuilt)
{
    int64_t oid = key_oid();
    assert_int_equal(store_bulk_begin(db), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    for (int i = 0; i < n; i++) {
        stmt *s = store_prepare(db, "INSERT INTO learning_records(employee_id, type, "
                                    "start_date, hours) VALUES (?, ?, ?, ?)");
        assert_non_null(s);
        stmt_bind_int(s, 1, 1);
        stmt_bind_text(s, 2, "formal");
        stmt_bind_date(s, 3, date_from_ymd(2025, 1, 1) + i % 300);
        stmt_bind_int(s, 4, 60);
        assert_int_equal(stmt_exec_bulk(s), STORE_OK);
    }
    learning_total sum = {n, 60 * n, 0, 0, 60 * n};
    assert_int_equal(learning_totals_insert(db, 1, 2025, 0, &sum), STORE_OK);
    /* the keys are back as soon as the COPY has ended (this read ends it),
     * the indexes and foreign keys with them */
    assert_int_equal(learning_keys(), keys);
    if (test_pg())
        assert_int_equal(key_oid() != oid, rebuilt);
    if (commit)
        assert_int_equal(store_commit(db), STORE_OK);
    else
        store_rollback(db);
    store_bulk_end(db);
}

/* A load into the empty learning tables builds their keys and indexes at the
 * end (on PostgreSQL, with the foreign keys that point at learning_records):
 * after the commit all are there again and hold as before (ON DELETE CASCADE
 * included), and a rolled back load brings them back too. */
static void test_empty_learning_keeps_its_keys(void **state)
{
    (void)state;
    assert_int_equal(count_where("SELECT count(*) FROM learning_records"), 0);
    int64_t keys = learning_keys();
    assert_true(keys > 20000 || !test_pg()); /* two keys, foreign keys, indexes */
    load_learning(1500, false, keys, true);
    assert_int_equal(learning_keys(), keys);
    assert_int_equal(count_where("SELECT count(*) FROM learning_records"), 0);
    if (test_pg()) {
        /* another transaction reads learning_claims (and may write a record
         * next): the load keeps the key rather than wait for it, or deadlock */
        store *other = test_store_open(test_path("bulk.db"));
        assert_int_equal(store_begin(other), STORE_OK);
        assert_true(store_count(other, "SELECT count(*) FROM learning_claims") >= 0);
        load_learning(1500, false, keys, false);
        store_rollback(other);
        store_close(other);
    }
    load_learning(1500, true, keys, true);
    assert_int_equal(learning_keys(), keys);
    assert_int_equal(count_where("SELECT count(*) FROM learning_records"), 1500);
    assert_int_equal(count_where("SELECT count(DISTINCT id) FROM learning_records"), 1500);
    assert_int_equal(count_where("SELECT records FROM learning_totals"), 1500);
    /* the foreign key holds: no comment on a record that is not there */
    int64_t first = count_where("SELECT min(id) FROM learning_records");
    stmt *s = store_prepare(db, "INSERT INTO eval_comments(record_id, comment) VALUES (?, 'x')");
    stmt_bind_int(s, 1, first + 100000);
    assert_int_not_equal(stmt_exec(s), STORE_OK);
    s = store_prepare(db, "INSERT INTO eval_comments(record_id, comment) VALUES (?, 'x')");
    stmt_bind_int(s, 1, first);
    assert_int_equal(stmt_exec(s), STORE_OK);
    /* and the key too: the same id twice is refused */
    s = store_prepare(db, "INSERT INTO learning_records(id, employee_id, type, start_date, "
                          "hours) VALUES (?, 1, 'formal', '2025-01-01', 1)");
    stmt_bind_int(s, 1, first);
    assert_int_not_equal(stmt_exec(s), STORE_OK);
    s = store_prepare(db, "DELETE FROM learning_records WHERE id = ?");
    stmt_bind_int(s, 1, first);
    assert_int_equal(stmt_exec(s), STORE_OK);
    assert_int_equal(count_where("SELECT count(*) FROM eval_comments"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_held_rows_are_the_rows_written),
        cmocka_unit_test(test_rollback_drops_held_rows),
        cmocka_unit_test(test_bad_held_row_fails_the_load),
        cmocka_unit_test(test_started_read),
        cmocka_unit_test(test_empty_learning_keeps_its_keys),
    };
    return cmocka_run_group_tests_name("store_bulk", tests, setup, teardown);
}
