/* test_cli.c - the command line as a user types it: exit statuses, output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "helpers.h"
#include "app/reports.h"
#include "cli/cli.h"
#include "store/data.h"
#include "core/model.h"
#include "util/crypto.h"

static void test_usage_and_help(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-usage.db");
    assert_int_equal(gp(db, "--help", NULL, &out), 0);
    assert_non_null(strstr(out, "usage: groeipad"));
    free(out);
    assert_int_equal(gp(db, "frobnicate 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "serve --port nope 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "serve --colour 2>/dev/null", NULL, NULL), 2);
    const char *commands[] = {"init", "demo", "serve", "settings", "user", "export", "import",
                              "report", "backup", "restore"};
    for (size_t i = 0; i < 10; i++) {
        char args[64];
        snprintf(args, sizeof args, "%s --help", commands[i]);
        assert_int_equal(gp(db, args, NULL, &out), 0);
        assert_non_null(strstr(out, "usage: groeipad"));
        free(out);
    }
}

static void test_init_and_missing_database(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-init.db");
    assert_int_equal(gp(db, "export employees 2>/dev/null", NULL, NULL), 3);
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    assert_non_null(strstr(out, "schema 0 -> 8"));
    free(out);
    assert_int_equal(gp(db, "init", NULL, &out), 0);
    assert_non_null(strstr(out, "up to date"));
    free(out);
    assert_int_equal(gp("/nonexistent-dir/x.db", "init 2>/dev/null", NULL, NULL), 3);
}

static void test_demo_only_once(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-demo.db");
    assert_int_equal(gp(db, "demo", NULL, &out), 0);
    assert_non_null(strstr(out, "demo-admin"));
    free(out);
    assert_int_equal(gp(db, "demo 2>/dev/null", NULL, NULL), 1);
}

static void test_users_and_tokens(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-users.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "user add --login hr2 --role admin", "long-enough\n", NULL), 0);
    assert_int_equal(gp(db, "user add --login hr2 --role admin 2>/dev/null", "long-enough\n",
                        NULL), 1);
    assert_int_equal(gp(db, "user add --login hr3 --role boss 2>/dev/null", "long-enough\n",
                        NULL), 2);
    assert_int_equal(gp(db, "user add --login hr3 --role admin 2>/dev/null", "short\n", NULL), 1);
    assert_int_equal(gp(db, "user add --login hr3 --role admin 2>/dev/null", "", NULL), 1);
    assert_int_equal(gp(db, "user add --login e5 --role employee --employee NOPE 2>/dev/null",
                        "long-enough\n", NULL), 1);
    assert_int_equal(gp(db, "user add --login e5 --role employee --employee E005",
                        "long-enough\n", NULL), 0);
    assert_int_equal(gp(db, "user token --login e5", NULL, &out), 0);
    assert_int_equal(strlen(out), 65); /* 64 hex and a newline */
    free(out);
    assert_int_equal(gp(db, "user token --login nobody 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "user 2>/dev/null", NULL, NULL), 2);
}

static void test_settings(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-settings.db");
    assert_int_equal(gp(db, "init >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings hours_per_day", NULL, &out), 0);
    assert_string_equal(out, "7.6\n");
    free(out);
    assert_int_equal(gp(db, "settings hours_per_day 7,50", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings hours_per_day", NULL, &out), 0);
    assert_string_equal(out, "7.5\n");
    free(out);
    assert_int_equal(gp(db, "settings days_per_fte 1 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "settings hours_per_day abc 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "settings colour blue 2>/dev/null", NULL, NULL), 1);
    assert_int_equal(gp(db, "settings hours_per_day ''", NULL, NULL), 0);
    assert_int_equal(gp(db, "settings", NULL, &out), 0);
    assert_non_null(strstr(out, "hours_per_day = 7.6  (default)"));
    free(out);
}

static void test_export(void **state)
{
    (void)state;
    char *out;
    const char *db = test_path("cli-export.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    assert_int_equal(gp(db, "export employees", NULL, &out), 0);
    assert_int_equal(strncmp(out, "employee_id,first_name,last_name,", 33), 0);
    int lines = 0;
    for (char *p = out; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 120); /* header and 119 people */
    free(out);
    assert_int_equal(gp(db, "export employees --format json", NULL, &out), 0);
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), 119);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "employee_id")),
                        "E001");
    json_decref(j);
    free(out);
    assert_int_equal(gp(db, "export employees --format pdf 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "export nothing 2>/dev/null", NULL, NULL), 2);
}

static void test_backup_and_restore(void **state)
{
    (void)state;
    char *out, args[512];
    const char *db = test_path("cli-backup.db"), *copy = test_path("cli-copy.db");
    const char *file = test_path("cli-backup.bak");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "backup %s", file);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    assert_int_equal(gp(db, args, NULL, NULL), 1); /* never over an existing file */
    assert_int_equal(gp(copy, "init >/dev/null", NULL, NULL), 0);
    snprintf(args, sizeof args, "restore %s 2>/dev/null", file);
    assert_int_equal(gp(copy, args, NULL, NULL), 2); /* not confirmed */
    snprintf(args, sizeof args, "restore %s --yes", file);
    assert_int_equal(gp(copy, args, NULL, NULL), 0);
    char *a, *b;
    assert_int_equal(gp(db, "report training-right --year 2025", NULL, &a), 0);
    assert_int_equal(gp(copy, "report training-right --year 2025", NULL, &b), 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
    snprintf(args, sizeof args, "restore %s --yes 2>/dev/null", test_path("stdin.txt"));
    assert_int_equal(gp(copy, args, NULL, &out), 1);
    free(out);
}

/* The demo places people relative to "today": it must build on every day of
 * a leap year and on the days it once failed (2026-01-15, 03-01, 06-01,
 * 11-29), and each day's demo must carry its reports. */
static void demo_on(date_t today)
{
    store *db;
    str err = STR_INIT;
    int applied;
    char label[DATE_TEXT_SIZE];
    date_format(today, label);
    assert_int_equal(store_open(":memory:", &db, &err), STORE_OK);
    assert_int_equal(store_migrate(db, &applied), STORE_OK);
    if (demo_fill(db, today, &err) != STORE_OK)
        fail_msg("demo on %s: %s", label, str_cstr(&err));
    assert_int_equal(employees_count(db), 119);
    arena a = ARENA_INIT;
    report_query q = {.kind = REPORT_TRAINING_RIGHT, .year = date_year(today),
                      .role = ROLE_ADMIN, .want = REPORT_JSON};
    report_output out;
    if (report_build(db, &a, &q, &out, &err) != REPORT_OK)
        fail_msg("training right on %s: %s", label, str_cstr(&err));
    assert_non_null(strstr(str_cstr(&out.json), "\"E119\""));
    str_free(&out.json);
    arena_free(&a);
    str_free(&err);
    store_close(db);
}

static void test_demo_every_day(void **state)
{
    (void)state;
    assert_true(crypto_start());
    for (date_t d = date_from_ymd(2028, 1, 1); d <= date_from_ymd(2028, 12, 31); d++)
        demo_on(d);
    demo_on(date_from_ymd(2026, 1, 15));
    demo_on(date_from_ymd(2026, 3, 1));
    demo_on(date_from_ymd(2026, 6, 1));
    demo_on(date_from_ymd(2026, 11, 29));
}

/* store_end commits the work that went well and rolls back the rest,
 * returning the work's own status. */
static void test_store_end(void **state)
{
    (void)state;
    store *db;
    str err = STR_INIT, v = STR_INIT;
    int applied;
    assert_int_equal(store_open(":memory:", &db, &err), STORE_OK);
    assert_int_equal(store_migrate(db, &applied), STORE_OK);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(settings_set(db, "test", "name", "Rolled back"), STORE_OK);
    assert_int_equal(store_end(db, STORE_CONSTRAINT), STORE_CONSTRAINT);
    assert_int_equal(settings_get(db, "name", &v), STORE_DONE);
    assert_int_equal(store_begin(db), STORE_OK);
    assert_int_equal(settings_set(db, "test", "name", "Kept"), STORE_OK);
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    assert_int_equal(settings_get(db, "name", &v), STORE_ROW);
    assert_string_equal(str_cstr(&v), "Kept");
    assert_int_equal(store_begin(db), STORE_OK); /* no transaction was left open */
    assert_int_equal(store_end(db, STORE_OK), STORE_OK);
    str_free(&v);
    str_free(&err);
    store_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage_and_help),   cmocka_unit_test(test_init_and_missing_database),
        cmocka_unit_test(test_demo_only_once),   cmocka_unit_test(test_users_and_tokens),
        cmocka_unit_test(test_settings),         cmocka_unit_test(test_export),
        cmocka_unit_test(test_backup_and_restore), cmocka_unit_test(test_demo_every_day),
        cmocka_unit_test(test_store_end),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
