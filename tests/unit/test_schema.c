/* test_schema.c - which tables a schema's migrations leave (store/schema.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "store/schema.h"

#define MIGRATION(name, sql) {name, (const unsigned char *)(sql), sizeof(sql) - 1}

static const struct embedded_file migrations[] = {
    MIGRATION("001_init.sql",
              "-- CREATE TABLE not_this (a comment)\n"
              "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT DEFAULT 'x;CREATE "
              "TABLE nor_this(a)');\n"
              "create table if not exists \"Quoted\" (a TEXT);\n"
              "CREATE TEMP TABLE scratch (a INTEGER);\n"
              "CREATE VIEW people_view AS SELECT * FROM people;\n"
              "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN CREATE TABLE in_body(a int); "
              "END $$ LANGUAGE plpgsql;\n"
              "/* DROP TABLE people; */ CREATE UNLOGGED TABLE old_name (a BIGINT);\n"
              "CREATE TABLE gone (a INTEGER);"),
    MIGRATION("002_change.sql", "ALTER TABLE old_name RENAME TO new_name;\n"
                                "ALTER TABLE people RENAME COLUMN name TO full_name;\n"
                                "DROP TABLE IF EXISTS gone;\n"
                                "CREATE TABLE main.later (a INTEGER)"),
    MIGRATION("003_unapplied.sql", "CREATE TABLE not_yet (a INTEGER);"),
    {NULL, NULL, 0},
};

static void test_tables_of_applied_migrations(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    const char **names;
    size_t n;
    const int64_t applied[] = {1, 2};
    assert_true(schema_tables(migrations, applied, 2, &a, &names, &n));
    const char *want[] = {"people", "Quoted", "new_name", "later"};
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(names[i], want[i]);
    /* only the first applied: the table of 002 is not there yet, 001's are */
    assert_true(schema_tables(migrations, applied, 1, &a, &names, &n));
    assert_int_equal(n, 4);
    assert_string_equal(names[2], "old_name");
    assert_string_equal(names[3], "gone");
    arena_free(&a);
}

static void test_missing_table(void **state)
{
    (void)state;
    str missing = STR_INIT;
    const int64_t applied[] = {2, 1};
    const char *all[] = {"later", "new_name", "Quoted", "people", "extra"};
    assert_int_equal(schema_missing_table(migrations, applied, 2, all, 5, &missing), 1);
    const char *lost[] = {"later", "Quoted", "people"};
    assert_int_equal(schema_missing_table(migrations, applied, 2, lost, 3, &missing), 0);
    assert_string_equal(str_cstr(&missing), "new_name");
    assert_int_equal(schema_missing_table(migrations, applied, 0, NULL, 0, &missing), 1);
    str_free(&missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_of_applied_migrations),
        cmocka_unit_test(test_missing_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
